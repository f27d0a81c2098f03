package io.headrecon.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.headrecon.pipelines.ReconstructHeadsOptions;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FlexTemplateMetadataTest {

  private Struct metadata;
  private Map<String, Method> options;

  @BeforeEach
  void load() throws IOException {
    String json =
        Files.readString(
            TerraformFolder.path().resolve("flex-template/metadata.json"), StandardCharsets.UTF_8);
    metadata = FlexTemplateMetadata.parse(json);
    options = PipelineOptionsContract.options(ReconstructHeadsOptions.class);
  }

  @Test
  void listsExactlyThePipelineOptions() {
    assertThat(FlexTemplateMetadata.parameterNames(metadata))
        .containsExactlyInAnyOrderElementsOf(options.keySet());
    assertThat(FlexTemplateMetadata.problems(metadata, options)).isEmpty();
  }

  @Test
  void reportsAnOptionMissingFromTheMetadata() {
    Struct withoutLast = withParameters(parameters().subList(0, parameters().size() - 1));
    String dropped = FlexTemplateMetadata.parameterNames(metadata).get(parameters().size() - 1);

    assertThat(FlexTemplateMetadata.problems(withoutLast, options))
        .containsExactly("pipeline option " + dropped + " is not a parameter of the metadata");
  }

  @Test
  void reportsAParameterThatIsNoOption() {
    List<Value> more = new ArrayList<>(parameters());
    more.add(parameter("gpuCount", "GPU count", true, "^[0-9]+$"));

    assertThat(FlexTemplateMetadata.problems(withParameters(more), options))
        .containsExactly("parameter gpuCount is not an option of the pipeline");
  }

  @Test
  void reportsWrongOptionalityAndRegexesThatRejectValidValues() {
    List<Value> changed = new ArrayList<>();
    for (Value p : parameters()) {
      String name = p.getStructValue().getFieldsOrThrow("name").getStringValue();
      switch (name) {
        case "input" -> changed.add(parameter("input", "Input", true, "^gs://.+$"));
        case "executionProvider" ->
            changed.add(parameter("executionProvider", "Provider", true, "^(cpu|cuda)$"));
        case "voxelSizeMm" -> changed.add(parameter("voxelSizeMm", "Voxel", true, "^[0-9]+$"));
        case "depthSource" -> changed.add(parameter("depthSource", "Depth", true, "^.*$"));
        default -> changed.add(p);
      }
    }

    assertThat(FlexTemplateMetadata.problems(withParameters(changed), options))
        .containsExactlyInAnyOrder(
            "parameter input has isOptional=true but the option is @Validation.Required",
            "parameter executionProvider rejects the option's valid value auto",
            "parameter voxelSizeMm rejects the option's valid value 1.0",
            "parameter depthSource accepts not-a-depthSource, not a value of "
                + options.get("depthSource").getReturnType());
  }

  @Test
  void reportsDuplicatesAndMissingHelpText() {
    List<Value> doubled = new ArrayList<>(parameters());
    doubled.add(
        Value.newBuilder()
            .setStructValue(
                Struct.newBuilder()
                    .putFields("name", Value.newBuilder().setStringValue("output").build())
                    .putFields("isOptional", Value.newBuilder().setBoolValue(false).build()))
            .build());

    assertThat(FlexTemplateMetadata.problems(withParameters(doubled), options))
        .containsExactlyInAnyOrder(
            "parameter output is listed more than once",
            "parameter output needs a label and a helpText");
  }

  private List<Value> parameters() {
    return metadata.getFieldsOrThrow("parameters").getListValue().getValuesList();
  }

  private Struct withParameters(List<Value> parameters) {
    return metadata.toBuilder()
        .putFields(
            "parameters",
            Value.newBuilder()
                .setListValue(com.google.protobuf.ListValue.newBuilder().addAllValues(parameters))
                .build())
        .build();
  }

  private static Value parameter(String name, String label, boolean optional, String regex) {
    Struct.Builder p = Struct.newBuilder();
    p.putFields("name", Value.newBuilder().setStringValue(name).build());
    p.putFields("label", Value.newBuilder().setStringValue(label).build());
    p.putFields("helpText", Value.newBuilder().setStringValue(label + ".").build());
    p.putFields("isOptional", Value.newBuilder().setBoolValue(optional).build());
    p.putFields(
        "regexes",
        Value.newBuilder()
            .setListValue(
                com.google.protobuf.ListValue.newBuilder()
                    .addValues(Value.newBuilder().setStringValue(regex)))
            .build());
    return Value.newBuilder().setStructValue(p).build();
  }
}
