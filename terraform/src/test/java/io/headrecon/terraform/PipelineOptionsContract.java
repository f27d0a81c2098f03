package io.headrecon.terraform;

import java.beans.Introspector;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Validation;

/**
 * The pipeline's own options, read by reflection from an options interface: every getter declared
 * on it or on a super-interface in the {@code io.headrecon} package hierarchy. Runner options
 * (Beam's, Dataflow's) are not among them.
 */
final class PipelineOptionsContract {

  private static final String OWN_PACKAGE = "io.headrecon";

  private PipelineOptionsContract() {}

  /** Option name (as on the command line, without --) to its getter, sorted by name. */
  static Map<String, Method> options(Class<?> optionsInterface) {
    Map<String, Method> options = new TreeMap<>();
    Deque<Class<?>> pending = new ArrayDeque<>();
    Set<Class<?>> seen = new HashSet<>();
    pending.add(optionsInterface);
    while (!pending.isEmpty()) {
      Class<?> type = pending.removeFirst();
      if (!seen.add(type)) {
        continue;
      }
      if (type.getPackageName().equals(OWN_PACKAGE)
          || type.getPackageName().startsWith(OWN_PACKAGE + ".")) {
        for (Method method : type.getDeclaredMethods()) {
          if (!method.isAnnotationPresent(org.apache.beam.sdk.options.Hidden.class)) {
            // @Hidden options are test hooks, not part of what a deployment sets.
            propertyName(method).ifPresent(name -> options.putIfAbsent(name, method));
          }
        }
      }
      for (Class<?> parent : type.getInterfaces()) {
        pending.addLast(parent);
      }
    }
    return options;
  }

  private static Optional<String> propertyName(Method method) {
    if (Modifier.isStatic(method.getModifiers())
        || method.isSynthetic()
        || method.getParameterCount() != 0) {
      return Optional.empty();
    }
    String name = method.getName();
    if (name.startsWith("get") && name.length() > 3 && method.getReturnType() != void.class) {
      return Optional.of(Introspector.decapitalize(name.substring(3)));
    }
    if (name.startsWith("is") && name.length() > 2 && method.getReturnType() == boolean.class) {
      return Optional.of(Introspector.decapitalize(name.substring(2)));
    }
    return Optional.empty();
  }

  /** Whether the option must be given ({@code @Validation.Required}). */
  static boolean required(Method getter) {
    return getter.isAnnotationPresent(Validation.Required.class);
  }

  /** The option's {@code @Default.*} value as it would be written on the command line. */
  static Optional<String> defaultValue(Method getter) {
    for (Annotation annotation : getter.getAnnotations()) {
      Object value = null;
      if (annotation instanceof Default.String d) {
        value = d.value();
      } else if (annotation instanceof Default.Boolean d) {
        value = d.value();
      } else if (annotation instanceof Default.Integer d) {
        value = d.value();
      } else if (annotation instanceof Default.Long d) {
        value = d.value();
      } else if (annotation instanceof Default.Double d) {
        value = d.value();
      } else if (annotation instanceof Default.Float d) {
        value = d.value();
      } else if (annotation instanceof Default.Short d) {
        value = d.value();
      } else if (annotation instanceof Default.Byte d) {
        value = d.value();
      } else if (annotation instanceof Default.Character d) {
        value = d.value();
      } else if (annotation instanceof Default.Enum d) {
        value = d.value();
      }
      if (value != null) {
        return Optional.of(String.valueOf(value));
      }
    }
    return Optional.empty();
  }

  /** {@code inferenceBatchMaxBytes} to {@code inference_batch_max_bytes}. */
  static String snakeCase(String optionName) {
    return optionName.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
  }
}
