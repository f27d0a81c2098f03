package io.headrecon.transforms.io;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import io.headrecon.proto.ProtoJson;
import io.headrecon.proto.SubjectMetrics;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Map;

/**
 * A subject's {@code metrics.json} as people read it: numbers rounded to what they mean (0.01 mm,
 * 0.001 degrees, 0.1 ms, 0.0001 for fractions), 64-bit counts as JSON numbers, and no field that
 * carries nothing (ICP iterations, which fusion does not report, and coverage without ground
 * truth). {@link ProtoJson#fromJson} reads it back as a {@link SubjectMetrics}.
 */
public final class MetricsJson {
  private MetricsJson() {}

  /** Fields whose value says nothing when it is 0 (not reported by the step that fills them). */
  private static final String ICP_ITERATIONS = "icpIterations";

  /** Prints {@code metrics} as indented, rounded JSON. */
  public static String toJson(SubjectMetrics metrics) {
    JsonObject tree = JsonParser.parseString(ProtoJson.toJson(metrics)).getAsJsonObject();
    if (!metrics.hasChamferMeanMm()) {
      tree.remove("coverage"); // measured against ground truth only
    }
    tidy(tree);
    return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(tree);
  }

  /**
   * {@code metrics} as its {@code metrics.json} reads back: rounded like {@link #toJson}, so that
   * figures derived now (the summary row) equal those derived from the file by a later rerun.
   */
  public static SubjectMetrics rounded(SubjectMetrics metrics) {
    return ProtoJson.fromJson(toJson(metrics), SubjectMetrics.newBuilder(), metrics.getSubjectId());
  }

  private static void tidy(JsonObject object) {
    for (Map.Entry<String, JsonElement> e : new ArrayList<>(object.entrySet())) {
      String name = e.getKey();
      JsonElement value = e.getValue();
      if (name.equals(ICP_ITERATIONS) && value.isJsonPrimitive() && value.getAsInt() == 0) {
        object.remove(name);
      } else if (value.isJsonObject()) {
        JsonObject inner = value.getAsJsonObject();
        if (name.equals("stageMillis")) {
          for (Map.Entry<String, JsonElement> stage : inner.entrySet()) {
            stage.setValue(rounded(stage.getValue().getAsDouble(), 1));
          }
        } else {
          tidy(inner);
        }
      } else if (value.isJsonArray()) {
        JsonArray array = value.getAsJsonArray();
        for (JsonElement item : array) {
          if (item.isJsonObject()) {
            tidy(item.getAsJsonObject());
          }
        }
      } else if (value.isJsonPrimitive()) {
        JsonPrimitive p = value.getAsJsonPrimitive();
        if (p.isString() && p.getAsString().matches("-?\\d{1,15}")) {
          object.add(name, new JsonPrimitive(Long.parseLong(p.getAsString()))); // int64 counts
        } else if (p.isNumber() && !isWhole(p)) {
          object.add(name, rounded(p.getAsDouble(), decimals(name)));
        }
      }
    }
  }

  /** Decimals that a figure means: 0.01 mm, 0.001 degrees, 0.0001 for fractions and ratios. */
  static int decimals(String fieldName) {
    if (fieldName.endsWith("Mm")) {
      return 2;
    }
    if (fieldName.endsWith("Deg")) {
      return 3;
    }
    return 4;
  }

  private static boolean isWhole(JsonPrimitive p) {
    double v = p.getAsDouble();
    return v == Math.rint(v) && !p.getAsString().contains(".");
  }

  private static JsonPrimitive rounded(double v, int decimals) {
    if (!Double.isFinite(v)) {
      return new JsonPrimitive(v);
    }
    BigDecimal d = BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_EVEN);
    return new JsonPrimitive(d.stripTrailingZeros().doubleValue());
  }
}
