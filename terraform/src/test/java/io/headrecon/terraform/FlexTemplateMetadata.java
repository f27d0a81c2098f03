package io.headrecon.terraform;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Checks a Dataflow Flex Template metadata file against the pipeline's options. */
final class FlexTemplateMetadata {

  private FlexTemplateMetadata() {}

  /** Parses metadata JSON. */
  static Struct parse(String json) throws InvalidProtocolBufferException {
    Struct.Builder metadata = Struct.newBuilder();
    JsonFormat.parser().merge(json, metadata);
    return metadata.build();
  }

  /** The {@code parameters[].name} values, in file order (duplicates kept). */
  static List<String> parameterNames(Struct metadata) {
    List<String> names = new ArrayList<>();
    for (Struct parameter : parameters(metadata)) {
      names.add(field(parameter, "name"));
    }
    return names;
  }

  /**
   * Everything wrong with {@code metadata} for a pipeline with {@code options} (name to getter):
   * parameters missing or extra, duplicated, without name, label or help text, an {@code
   * isOptional} that disagrees with {@code @Validation.Required}, regexes that do not compile,
   * reject the option's default, reject a value of an enum option or accept a value that is none of
   * them. Empty when the metadata is right.
   */
  static List<String> problems(Struct metadata, Map<String, Method> options) {
    List<String> problems = new ArrayList<>();
    if (field(metadata, "name").isBlank()) {
      problems.add("the metadata has no name");
    }
    List<String> names = parameterNames(metadata);
    Set<String> seen = new HashSet<>();
    for (String name : names) {
      if (!seen.add(name)) {
        problems.add("parameter " + name + " is listed more than once");
      }
    }
    Set<String> missing = new TreeSet<>(options.keySet());
    missing.removeAll(names);
    for (String name : missing) {
      problems.add("pipeline option " + name + " is not a parameter of the metadata");
    }
    Set<String> extra = new TreeSet<>(names);
    extra.removeAll(options.keySet());
    for (String name : extra) {
      problems.add("parameter " + name + " is not an option of the pipeline");
    }
    for (Struct parameter : parameters(metadata)) {
      String name = field(parameter, "name");
      if (field(parameter, "label").isBlank() || field(parameter, "helpText").isBlank()) {
        problems.add("parameter " + name + " needs a label and a helpText");
      }
      Method getter = options.get(name);
      if (getter == null) {
        continue;
      }
      boolean optional =
          parameter.getFieldsOrDefault("isOptional", Value.getDefaultInstance()).getBoolValue();
      if (optional == PipelineOptionsContract.required(getter)) {
        problems.add(
            "parameter "
                + name
                + " has isOptional="
                + optional
                + " but the option is "
                + (optional ? "@Validation.Required" : "not required"));
      }
      problems.addAll(regexProblems(name, parameter, getter));
    }
    return problems;
  }

  private static List<String> regexProblems(String name, Struct parameter, Method getter) {
    List<String> problems = new ArrayList<>();
    List<Pattern> patterns = new ArrayList<>();
    Value regexes = parameter.getFieldsOrDefault("regexes", Value.getDefaultInstance());
    for (Value regex : regexes.getListValue().getValuesList()) {
      try {
        patterns.add(Pattern.compile(regex.getStringValue()));
      } catch (PatternSyntaxException e) {
        problems.add("parameter " + name + " has a regex that does not compile: " + e.getMessage());
      }
    }
    if (patterns.isEmpty()) {
      return problems;
    }
    Set<String> mustMatch = new java.util.LinkedHashSet<>();
    PipelineOptionsContract.defaultValue(getter)
        .filter(value -> !value.isEmpty())
        .ifPresent(mustMatch::add);
    Class<?> type = getter.getReturnType();
    if (type.isEnum()) {
      for (Object constant : type.getEnumConstants()) {
        mustMatch.add(((Enum<?>) constant).name());
      }
      String notAConstant = "not-a-" + name;
      if (patterns.stream().anyMatch(p -> p.matcher(notAConstant).matches())) {
        problems.add("parameter " + name + " accepts " + notAConstant + ", not a value of " + type);
      }
    }
    for (String value : mustMatch) {
      if (patterns.stream().noneMatch(p -> p.matcher(value).matches())) {
        problems.add("parameter " + name + " rejects the option's valid value " + value);
      }
    }
    return problems;
  }

  private static List<Struct> parameters(Struct metadata) {
    List<Struct> parameters = new ArrayList<>();
    Value list = metadata.getFieldsOrDefault("parameters", Value.getDefaultInstance());
    for (Value parameter : list.getListValue().getValuesList()) {
      parameters.add(parameter.getStructValue());
    }
    return parameters;
  }

  private static String field(Struct struct, String name) {
    return struct.getFieldsOrDefault(name, Value.getDefaultInstance()).getStringValue();
  }
}
