package io.headrecon.training;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** {@code --name=value} command-line arguments with clear errors for unknown or missing ones. */
public final class Args {
  private final Map<String, String> values = new HashMap<>();

  /**
   * @param known the accepted names (without dashes)
   */
  public Args(String[] args, Set<String> known) {
    for (String a : args) {
      if (!a.startsWith("--")) {
        throw new IllegalArgumentException("expected --name=value, got '" + a + "'");
      }
      int eq = a.indexOf('=');
      String name = eq < 0 ? a.substring(2) : a.substring(2, eq);
      if (!known.contains(name)) {
        throw new IllegalArgumentException("unknown argument --" + name + "; known: " + known);
      }
      values.put(name, eq < 0 ? "true" : a.substring(eq + 1));
    }
  }

  public String string(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  public Path requiredPath(String name) {
    String v = values.get(name);
    if (v == null || v.isEmpty()) {
      throw new IllegalArgumentException("missing required argument --" + name + "=...");
    }
    return Path.of(v);
  }

  public int integer(String name, int fallback) {
    String v = values.get(name);
    try {
      return v == null ? fallback : Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " needs an integer, got '" + v + "'", e);
    }
  }

  public double number(String name, double fallback) {
    String v = values.get(name);
    try {
      return v == null ? fallback : Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " needs a number, got '" + v + "'", e);
    }
  }

  public boolean flag(String name, boolean fallback) {
    String v = values.get(name);
    return v == null ? fallback : Boolean.parseBoolean(v);
  }
}
