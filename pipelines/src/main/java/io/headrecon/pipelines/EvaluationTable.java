package io.headrecon.pipelines;

import io.headrecon.geometry.metrics.ReconstructionMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The result of {@link EvaluateMultiView}: per input mode, each subject's figures and the wall time
 * of the pipeline run, rendered as the markdown table (min-max and median over subjects) and as
 * JSON. Distances in millimetres.
 */
public final class EvaluationTable {
  /**
   * One mode's run.
   *
   * @param wallSeconds wall time of the pipeline run, seconds
   * @param scores one per held-out subject, in subject order
   */
  record ModeResult(
      EvaluationMode mode, double wallSeconds, List<MultiViewMeasurement.Score> scores) {}

  private final List<ModeResult> modes;
  private final String setDescription;

  EvaluationTable(List<ModeResult> modes, String setDescription) {
    this.modes = List.copyOf(modes);
    this.setDescription = setDescription;
  }

  List<ModeResult> modes() {
    return modes;
  }

  /** The modes evaluated, in table order. */
  public List<EvaluationMode> modeList() {
    List<EvaluationMode> out = new ArrayList<>();
    for (ModeResult m : modes) {
      out.add(m.mode());
    }
    return out;
  }

  /** Median over the fused subjects of {@code mode}'s Chamfer after ICP, mm; NaN if none. */
  public double medianChamferAfterIcpMm(EvaluationMode mode) {
    return stat(find(mode), s -> s.afterIcp().chamferMeanMm())[2];
  }

  /** Median over the fused subjects of {@code mode}'s Chamfer before ICP (as written), mm. */
  public double medianChamferAsWrittenMm(EvaluationMode mode) {
    return stat(find(mode), s -> s.asWritten().chamferMeanMm())[2];
  }

  /** Median over the fused subjects of {@code mode}'s F-score at 2 mm after ICP. */
  public double medianFscore2mm(EvaluationMode mode) {
    return stat(find(mode), s -> s.afterIcp().fScore2mm())[2];
  }

  /** How many subjects {@code mode} fused. */
  public int fusedSubjects(EvaluationMode mode) {
    return (int) find(mode).scores().stream().filter(MultiViewMeasurement.Score::fused).count();
  }

  /** The table in markdown, with a line describing the set and notes on the columns. */
  public String markdown() {
    StringBuilder b = new StringBuilder();
    b.append(setDescription).append("\n\n");
    b.append(
        "| input | fused | Chamfer after ICP, mm | Chamfer before ICP, mm | F@1mm | F@2mm | F@5mm"
            + " | view depth RMSE, mm | view depth RMSE after median shift, mm | mesh Chamfer,"
            + " mm | wall time, s |\n");
    b.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
    for (ModeResult m : modes) {
      int fused = fusedSubjects(m.mode());
      b.append("| ")
          .append(m.mode().label())
          .append(" | ")
          .append(fused)
          .append("/")
          .append(m.scores().size())
          .append(" | ")
          .append(cell(stat(m, s -> s.afterIcp().chamferMeanMm())))
          .append(" | ")
          .append(cell(stat(m, s -> s.asWritten().chamferMeanMm())))
          .append(" | ")
          .append(cell(stat(m, s -> s.afterIcp().fScore1mm())))
          .append(" | ")
          .append(cell(stat(m, s -> s.afterIcp().fScore2mm())))
          .append(" | ")
          .append(cell(stat(m, s -> s.afterIcp().fScore5mm())))
          .append(" | ")
          .append(cell(statAll(m, MultiViewMeasurement.Score::depthRmseMm)))
          .append(" | ")
          .append(cell(statAll(m, MultiViewMeasurement.Score::depthRmseShiftedMm)))
          .append(" | ")
          .append(
              cell(
                  statWhere(
                      m, s -> s.meshAfterIcp() != null, s -> s.meshAfterIcp().chamferMeanMm())))
          .append(" | ")
          .append(String.format(Locale.ROOT, "%.0f", m.wallSeconds()))
          .append(" |\n");
    }
    b.append(
        "\nCells: min-max (median) over subjects. Chamfer = mean of the two directions' mean"
            + " nearest distances to the seen part of the ground-truth mesh, in the generated"
            + " world frame; F-scores after rigid ICP (started as placed and from the centroids,"
            + " the better kept). Before ICP: calibrated rows as written (their"
            + " world frame mapped exactly onto the data's); poses unknown: the camera-frame"
            + " output placed with the reference view's true pose. Clouds 5 mm or more apart"
            + " (Chamfer) are compared on even subsamples (20,000 points against 200,000 surface"
            + " samples), closer ones at full resolution. View depth: per-view RMSE over"
            + " pixels where both the pipeline's and the true depth have surface, median over"
            + " views; the shifted figure removes each view's median depth offset. Mesh:"
            + " mesh.ply, when written, moved as the fused cloud.\n");
    return b.toString();
  }

  /** Every figure as JSON (NaN written as null). */
  public String json() {
    StringBuilder b = new StringBuilder();
    b.append("{\n  \"set\": ").append(quote(setDescription)).append(",\n  \"modes\": [");
    for (int i = 0; i < modes.size(); i++) {
      ModeResult m = modes.get(i);
      b.append(i == 0 ? "\n" : ",\n")
          .append("    {\"mode\": ")
          .append(quote(m.mode().optionName()))
          .append(", \"label\": ")
          .append(quote(m.mode().label()))
          .append(", \"wallSeconds\": ")
          .append(num(m.wallSeconds()))
          .append(", \"fused\": ")
          .append(fusedSubjects(m.mode()))
          .append(",\n     \"medianChamferAfterIcpMm\": ")
          .append(num(medianChamferAfterIcpMm(m.mode())))
          .append(", \"medianFscore2mm\": ")
          .append(num(medianFscore2mm(m.mode())))
          .append(",\n     \"subjects\": [");
      for (int k = 0; k < m.scores().size(); k++) {
        MultiViewMeasurement.Score s = m.scores().get(k);
        b.append(k == 0 ? "\n" : ",\n")
            .append("       {\"subjectId\": ")
            .append(quote(s.subjectId()))
            .append(", \"fused\": ")
            .append(s.fused())
            .append(", \"referenceViewId\": ")
            .append(quote(s.referenceViewId()))
            .append(", \"beforeIcp\": ")
            .append(metrics(s.asWritten()))
            .append(", \"afterIcp\": ")
            .append(metrics(s.afterIcp()))
            .append(", \"icpMoveMm\": ")
            .append(num(s.icpMoveMm()))
            .append(", \"icpRotationDeg\": ")
            .append(num(s.icpRotationDeg()))
            .append(", \"meshAfterIcp\": ")
            .append(metrics(s.meshAfterIcp()))
            .append(", \"depthRmseMm\": ")
            .append(num(s.depthRmseMm()))
            .append(", \"depthRmseShiftedMm\": ")
            .append(num(s.depthRmseShiftedMm()))
            .append(", \"depthShiftMm\": ")
            .append(num(s.depthShiftMm()))
            .append(", \"depthViews\": ")
            .append(s.depthViews())
            .append("}");
      }
      b.append("]}");
    }
    return b.append("\n  ]\n}\n").toString();
  }

  private ModeResult find(EvaluationMode mode) {
    for (ModeResult m : modes) {
      if (m.mode() == mode) {
        return m;
      }
    }
    throw new IllegalArgumentException("mode " + mode + " was not evaluated");
  }

  /** {min, max, median} over fused subjects; NaN when none. */
  private static double[] stat(ModeResult m, ToDoubleFunction<MultiViewMeasurement.Score> figure) {
    return statWhere(m, MultiViewMeasurement.Score::fused, figure);
  }

  /** {min, max, median} over every subject where the figure is not NaN. */
  private static double[] statAll(
      ModeResult m, ToDoubleFunction<MultiViewMeasurement.Score> figure) {
    return statWhere(m, s -> true, figure);
  }

  private static double[] statWhere(
      ModeResult m,
      java.util.function.Predicate<MultiViewMeasurement.Score> keep,
      ToDoubleFunction<MultiViewMeasurement.Score> figure) {
    List<Double> values = new ArrayList<>();
    for (MultiViewMeasurement.Score s : m.scores()) {
      if (keep.test(s)) {
        double v = figure.applyAsDouble(s);
        if (!Double.isNaN(v)) {
          values.add(v);
        }
      }
    }
    if (values.isEmpty()) {
      return new double[] {Double.NaN, Double.NaN, Double.NaN};
    }
    double min = values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    double max = values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    return new double[] {min, max, MultiViewMeasurement.median(values)};
  }

  private static String cell(double[] s) {
    if (Double.isNaN(s[2])) {
      return "-";
    }
    return fmt(s[0]) + "-" + fmt(s[1]) + " (" + fmt(s[2]) + ")";
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, Math.abs(v) >= 10 ? "%.1f" : "%.2f", v);
  }

  private static String metrics(ReconstructionMetrics m) {
    if (m == null) {
      return "null";
    }
    return "{\"chamferMeanMm\": "
        + num(m.chamferMeanMm())
        + ", \"accuracyMeanMm\": "
        + num(m.accuracyMeanMm())
        + ", \"completenessMeanMm\": "
        + num(m.completenessMeanMm())
        + ", \"fscore1mm\": "
        + num(m.fScore1mm())
        + ", \"fscore2mm\": "
        + num(m.fScore2mm())
        + ", \"fscore5mm\": "
        + num(m.fScore5mm())
        + "}";
  }

  private static String num(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "null";
  }

  private static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }
}
