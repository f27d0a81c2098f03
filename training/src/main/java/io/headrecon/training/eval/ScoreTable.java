package io.headrecon.training.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Means of {@link ViewScores} over all views and per |yaw| bucket: 0–30° (|yaw| at most 35), 40–60°
 * (35 to 65) and 70–90° (above 65). Each score is the mean of the per-view values that are defined
 * (NaN ones are skipped).
 */
public final class ScoreTable {
  /** Bucket names in report order. */
  public static final List<String> BUCKETS = List.of("all", "yaw 0-30", "yaw 40-60", "yaw 70-90");

  private static final Map<String, ToDoubleFunction<ViewScores>> COLUMNS = new LinkedHashMap<>();

  static {
    COLUMNS.put("AbsRel", ViewScores::absRel);
    COLUMNS.put("RMSE mm", ViewScores::rmseMm);
    COLUMNS.put("d<1.25", ViewScores::delta125);
    COLUMNS.put("AbsRel (median-aligned)", ViewScores::absRelAligned);
    COLUMNS.put("RMSE mm (median-aligned)", ViewScores::rmseAlignedMm);
    COLUMNS.put("d<1.25 (median-aligned)", ViewScores::delta125Aligned);
    COLUMNS.put("mask IoU", ViewScores::iou);
    COLUMNS.put("landmark NME", ViewScores::nme);
    COLUMNS.put("visibility acc", ViewScores::visibilityAccuracy);
    COLUMNS.put("RMSE mm (face)", ViewScores::rmseFaceMm);
    COLUMNS.put("RMSE mm (scale+shift)", ViewScores::rmseScaleShiftMm);
  }

  private final Map<String, List<ViewScores>> byBucket = new LinkedHashMap<>();

  public ScoreTable(List<ViewScores> scores) {
    for (String b : BUCKETS) {
      byBucket.put(b, new ArrayList<>());
    }
    for (ViewScores s : scores) {
      byBucket.get("all").add(s);
      String bucket = bucket(s.yawDeg());
      if (bucket != null) {
        byBucket.get(bucket).add(s);
      }
    }
  }

  /** The bucket of a yaw in degrees, or null when the yaw is unknown. */
  public static String bucket(double yawDeg) {
    if (Double.isNaN(yawDeg)) {
      return null;
    }
    double a = Math.abs(yawDeg);
    return a <= 35 ? "yaw 0-30" : a <= 65 ? "yaw 40-60" : "yaw 70-90";
  }

  /** Mean of the metric named as in {@link #columns()} over a bucket; NaN when empty. */
  public double mean(String bucket, String column) {
    ToDoubleFunction<ViewScores> f = COLUMNS.get(column);
    double sum = 0;
    int n = 0;
    for (ViewScores s : byBucket.get(bucket)) {
      double v = f.applyAsDouble(s);
      if (!Double.isNaN(v)) {
        sum += v;
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  /** Number of views in a bucket. */
  public int count(String bucket) {
    return byBucket.get(bucket).size();
  }

  public static List<String> columns() {
    return new ArrayList<>(COLUMNS.keySet());
  }

  /** A Markdown table: one row per bucket, one column per metric. */
  public String toMarkdown() {
    StringBuilder sb = new StringBuilder("| bucket | views |");
    for (String c : COLUMNS.keySet()) {
      sb.append(' ').append(c).append(" |");
    }
    sb.append("\n|---|---|");
    sb.append("---|".repeat(COLUMNS.size())).append('\n');
    for (String b : BUCKETS) {
      sb.append("| ").append(b).append(" | ").append(count(b)).append(" |");
      for (String c : COLUMNS.keySet()) {
        sb.append(' ').append(format(mean(b, c))).append(" |");
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  /** The table as JSON: {bucket: {views: n, metric: value, ...}, ...}. */
  public String toJson() {
    StringBuilder sb = new StringBuilder("{\n");
    for (int i = 0; i < BUCKETS.size(); i++) {
      String b = BUCKETS.get(i);
      sb.append("  \"").append(b).append("\": {\"views\": ").append(count(b));
      for (String c : COLUMNS.keySet()) {
        double v = mean(b, c);
        sb.append(", \"").append(c).append("\": ").append(Double.isNaN(v) ? "null" : format(v));
      }
      sb.append(i + 1 < BUCKETS.size() ? "},\n" : "}\n");
    }
    return sb.append("}\n").toString();
  }

  private static String format(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.4f", v);
  }
}
