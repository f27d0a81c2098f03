package io.headrecon.transforms.io;

import io.headrecon.geometry.PointCloud;
import io.headrecon.geometry.io.DepthPng;
import io.headrecon.geometry.io.Ply;
import io.headrecon.proto.FailureRecord;
import io.headrecon.proto.ProtoJson;
import io.headrecon.proto.SubjectMetrics;
import io.headrecon.transforms.records.SubjectResult;
import io.headrecon.transforms.records.ViewDepth;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.extensions.protobuf.ProtoCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each subject's {@code fused.ply} and {@code metrics.json} (and, when asked, per-view
 * clouds and 16-bit depth PNGs) under {@code <output>/<subjectId>/}; emits one summary row each.
 */
public class WriteResults extends PTransform<PCollection<SubjectResult>, PCollectionTuple> {
  public static final TupleTag<String> SUMMARY_ROWS = new TupleTag<>() {};
  public static final TupleTag<FailureRecord> FAILURES = new TupleTag<>() {};

  /** Header of the run summary CSV; {@link #summaryRow} writes rows in this order. */
  public static final String SUMMARY_HEADER =
      "subject_id,status,views_total,views_registered,fused_points,chamfer_mean_mm,"
          + "fscore_2mm,mean_icp_rmse_mm,total_ms,reason";

  /** Depth PNG scale of written per-view depth maps, millimetres per unit. */
  public static final double DEPTH_PNG_SCALE_MM = DepthPng.DEFAULT_SCALE_MM_PER_UNIT;

  private final String output;
  private final boolean writeViewOutputs;

  private WriteResults(String output, boolean writeViewOutputs) {
    this.output = output;
    this.writeViewOutputs = writeViewOutputs;
  }

  public static WriteResults to(String output, boolean writeViewOutputs) {
    return new WriteResults(output, writeViewOutputs);
  }

  @Override
  public PCollectionTuple expand(PCollection<SubjectResult> results) {
    PCollectionTuple written =
        results.apply(
            "WriteSubjectFiles",
            ParDo.of(new WriteSubjectFn(output, writeViewOutputs))
                .withOutputTags(SUMMARY_ROWS, TupleTagList.of(FAILURES)));
    written.get(SUMMARY_ROWS).setCoder(StringUtf8Coder.of());
    written.get(FAILURES).setCoder(ProtoCoder.of(FailureRecord.class));
    return written;
  }

  /**
   * A summary CSV row for a reconstructed subject; its status is the subject's quality verdict
   * ({@code ok} or {@code low_quality:<reasons>}, set by {@code JudgeQuality}).
   *
   * @throws IllegalArgumentException when the metrics carry no verdict
   */
  public static String summaryRow(SubjectMetrics m) {
    if (m.getVerdict().isEmpty()) {
      throw new IllegalArgumentException(m.getSubjectId() + ": no quality verdict to write");
    }
    double meanRmse =
        m.getViewsList().stream()
            .filter(v -> v.getRegistered() && v.getIcpInlierRmseMm() > 0)
            .mapToDouble(v -> v.getIcpInlierRmseMm())
            .average()
            .orElse(Double.NaN);
    double totalMs = m.getStageMillisMap().values().stream().mapToDouble(Double::doubleValue).sum();
    return String.join(
        ",",
        m.getSubjectId(),
        m.getVerdict(),
        Integer.toString(m.getViewsTotal()),
        Integer.toString(m.getViewsRegistered()),
        Long.toString(m.getFusedPointCount()),
        m.hasChamferMeanMm() ? fmt(m.getChamferMeanMm()) : "",
        m.hasFscore2Mm() ? fmt(m.getFscore2Mm()) : "",
        fmt(meanRmse),
        fmt(totalMs),
        "");
  }

  /** A summary CSV row for a subject that failed as a whole. */
  public static String failedRow(FailureRecord f) {
    String reason = f.getReason().replace('"', '\'').replace('\n', ' ');
    return String.join(
        ",",
        f.getSubjectId(),
        "failed:" + f.getStage(),
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "\"" + reason + "\"");
  }

  private static String fmt(double v) {
    return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4f", v);
  }

  /** Writes one subject's files; logs one line per subject, the progress of a local run. */
  static class WriteSubjectFn extends DoFn<SubjectResult, String> {
    private static final Logger LOG = LoggerFactory.getLogger(WriteResults.class);
    private final Counter written = Metrics.counter(WriteResults.class, "subjectsWritten");
    private final Counter failed = Metrics.counter(WriteResults.class, "subjectsWriteFailed");
    private final String output;
    private final boolean writeViewOutputs;

    WriteSubjectFn(String output, boolean writeViewOutputs) {
      this.output = output;
      this.writeViewOutputs = writeViewOutputs;
    }

    @ProcessElement
    public void process(@Element SubjectResult result, MultiOutputReceiver out) {
      String folder = BeamFiles.join(output, result.subjectId() + "/");
      try {
        try (OutputStream ply =
            BeamFiles.create(folder + "fused.ply", "application/octet-stream")) {
          Ply.writeCloud(result.fusedInReference(), ply);
        }
        BeamFiles.write(
            folder + "metrics.json",
            ProtoJson.toJson(result.metrics()).getBytes(StandardCharsets.UTF_8),
            "application/json");
        if (writeViewOutputs) {
          for (Map.Entry<String, PointCloud> e : result.viewCloudsInReference().entrySet()) {
            try (OutputStream ply =
                BeamFiles.create(
                    folder + "views/" + e.getKey() + ".ply", "application/octet-stream")) {
              Ply.writeCloud(e.getValue(), ply);
            }
          }
          for (Map.Entry<String, ViewDepth> e : result.viewDepthMm().entrySet()) {
            ViewDepth v = e.getValue();
            try (OutputStream png =
                BeamFiles.create(folder + "views/" + e.getKey() + "_depth.png", "image/png")) {
              DepthPng.write(
                  v.depthMm(), v.image().widthPx(), v.image().heightPx(), DEPTH_PNG_SCALE_MM, png);
            }
          }
        }
        written.inc();
        SubjectMetrics m = result.metrics();
        LOG.info(
            "{}: {}, {} of {} views registered, {} points -> {}",
            result.subjectId(),
            m.getVerdict(),
            m.getViewsRegistered(),
            m.getViewsTotal(),
            m.getFusedPointCount(),
            folder);
        out.get(SUMMARY_ROWS).output(summaryRow(m));
      } catch (Exception e) {
        failed.inc();
        LOG.warn("{}: cannot write results to {}: {}", result.subjectId(), folder, e.toString());
        out.get(FAILURES).output(Failures.of(result.subjectId(), "", "write", folder, e));
      }
    }
  }
}
