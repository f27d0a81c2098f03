package io.headrecon.transforms.io;

import io.headrecon.geometry.PointCloud;
import io.headrecon.geometry.io.DepthPng;
import io.headrecon.geometry.io.Ply;
import io.headrecon.proto.FailureRecord;
import io.headrecon.proto.ProtoJson;
import io.headrecon.proto.SubjectMetrics;
import io.headrecon.transforms.records.SubjectResult;
import io.headrecon.transforms.records.ViewDepth;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.extensions.protobuf.ProtoCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each subject's {@code fused.ply}, its view-level failures and {@code metrics.json} with
 * the subject's input digest (and, when asked, per-view clouds and 16-bit depth PNGs) under {@code
 * <output>/<subjectId>/}, complete or not at all ({@link OutputFiles#commitSubject}); emits one
 * summary row each.
 *
 * <p>Input: a {@link PCollectionTuple} with {@link #RESULTS}, {@link #DIGESTS} and {@link
 * #VIEW_FAILURES}.
 */
public class WriteResults extends PTransform<PCollectionTuple, PCollectionTuple> {
  /** Input: the reconstructed subjects. */
  public static final TupleTag<SubjectResult> RESULTS = new TupleTag<>() {};

  /** Input: each subject's input digest ({@link InputDigest}), stored in its metrics.json. */
  public static final TupleTag<KV<String, String>> DIGESTS = new TupleTag<>() {};

  /**
   * Input: view-level failures raised after the resume check (decoding, depth), stored in the
   * subject's folder so that a rerun that skips it still reports them.
   */
  public static final TupleTag<FailureRecord> VIEW_FAILURES = new TupleTag<>() {};

  /** Output: one summary row per subject, written or failed to write. */
  public static final TupleTag<String> SUMMARY_ROWS = new TupleTag<>() {};

  /** Output: subjects whose files could not be written. */
  public static final TupleTag<FailureRecord> FAILURES = new TupleTag<>() {};

  /** Header of the run summary CSV; {@link #summaryRow} writes rows in this order. */
  public static final String SUMMARY_HEADER =
      "subject_id,status,views_total,views_registered,fused_points,chamfer_mean_mm,"
          + "fscore_2mm,mean_icp_rmse_mm,total_ms,reason";

  /** A subject's view-level failure records, one JSON object per line, when it has some. */
  public static final String SUBJECT_FAILURES = "failures.jsonl";

  /** The subject's TSDF surface mesh, when one was made. */
  public static final String MESH_PLY = "mesh.ply";

  /** Depth PNG scale of written per-view depth maps, millimetres per unit. */
  public static final double DEPTH_PNG_SCALE_MM = DepthPng.DEFAULT_SCALE_MM_PER_UNIT;

  /**
   * Prefix of the distributions of per-subject stage times, milliseconds ({@code
   * stageMillis.fusion}, …): the run's time per stage, for the console's slowest stage.
   */
  public static final String STAGE_MILLIS_PREFIX = "stageMillis.";

  static final TupleTag<SubjectResult> RESULT = new TupleTag<>() {};
  static final TupleTag<String> DIGEST = new TupleTag<>() {};
  static final TupleTag<FailureRecord> VIEW_FAILURE = new TupleTag<>() {};

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
  public PCollectionTuple expand(PCollectionTuple input) {
    PCollection<KV<String, SubjectResult>> keyedResults =
        input
            .get(RESULTS)
            .apply(
                "KeyResults",
                WithKeys.of(SubjectResult::subjectId).withKeyType(TypeDescriptors.strings()));
    PCollection<KV<String, FailureRecord>> keyedFailures =
        input
            .get(VIEW_FAILURES)
            .apply(
                "KeyViewFailures",
                WithKeys.of(FailureRecord::getSubjectId).withKeyType(TypeDescriptors.strings()));
    PCollectionTuple written =
        KeyedPCollectionTuple.of(RESULT, keyedResults)
            .and(DIGEST, input.get(DIGESTS))
            .and(VIEW_FAILURE, keyedFailures)
            .apply("GroupBySubject", CoGroupByKey.create())
            .apply(
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
    return Csv.row(
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

  /**
   * A summary CSV row for a subject that failed as a whole; the reason on one line (the full one is
   * in failures.jsonl).
   */
  public static String failedRow(FailureRecord f) {
    String reason = f.getReason().replace("\r\n", " ").replace('\r', ' ').replace('\n', ' ');
    return Csv.row(f.getSubjectId(), "failed:" + f.getStage(), "", "", "", "", "", "", "", reason);
  }

  /**
   * The frame of a subject's clouds, as their PLY header names it: the manifest's world frame or
   * the reference (most frontal) view's camera frame (x right, y down, z forward), millimetres.
   */
  public static String frame(SubjectResult result) {
    return result.inWorldFrame()
        ? WORLD_FRAME
        : "camera of the reference view (x right, y down, z forward), millimetres";
  }

  /** The PLY frame comment of clouds in the manifest's world frame. */
  public static final String WORLD_FRAME = "world (manifest camera poses), millimetres";

  private static String fmt(double v) {
    return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4f", v);
  }

  /**
   * Writes one subject's files, metrics.json last; logs one line per subject, the progress of a
   * local run.
   */
  static class WriteSubjectFn extends DoFn<KV<String, CoGbkResult>, String> {
    private static final Logger LOG = LoggerFactory.getLogger(WriteResults.class);
    private static final java.lang.management.ThreadMXBean THREADS =
        java.lang.management.ManagementFactory.getThreadMXBean();
    private final Counter written = Metrics.counter(WriteResults.class, "subjectsWritten");
    private final Counter failed = Metrics.counter(WriteResults.class, "subjectsWriteFailed");
    private final Counter cpuMicros = Metrics.counter(WriteResults.class, "writeCpuMicros");
    private final String output;
    private final boolean writeViewOutputs;

    WriteSubjectFn(String output, boolean writeViewOutputs) {
      this.output = output;
      this.writeViewOutputs = writeViewOutputs;
    }

    @ProcessElement
    public void process(@Element KV<String, CoGbkResult> group, MultiOutputReceiver out) {
      long cpuStart = THREADS.getCurrentThreadCpuTime();
      try {
        write(group, out);
      } finally {
        cpuMicros.inc((THREADS.getCurrentThreadCpuTime() - cpuStart) / 1000);
      }
    }

    private void write(KV<String, CoGbkResult> group, MultiOutputReceiver out) {
      SubjectResult result = group.getValue().getOnly(RESULT, null);
      if (result == null) {
        return; // a subject that failed earlier or was skipped: its row comes from there
      }
      String digest = group.getValue().getOnly(DIGEST, "");
      List<FailureRecord> viewFailures = new ArrayList<>();
      group.getValue().getAll(VIEW_FAILURE).forEach(viewFailures::add);
      viewFailures.sort(Comparator.comparing(WriteFailures::sortKey));
      SubjectMetrics m =
          MetricsJson.rounded(result.metrics().toBuilder().setInputDigest(digest).build());
      String folder = BeamFiles.join(output, result.subjectId() + "/");
      try {
        OutputFiles.commitSubject(output, result.subjectId(), files(result, m, viewFailures));
        written.inc();
        for (Map.Entry<String, Double> stage : m.getStageMillisMap().entrySet()) {
          Metrics.distribution(WriteResults.class, STAGE_MILLIS_PREFIX + stage.getKey())
              .update(Math.round(stage.getValue()));
        }
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
        FailureRecord failure = Failures.of(result.subjectId(), "", "write", folder, e);
        try {
          OutputFiles.removeSubject(output, result.subjectId());
        } catch (Exception cleanup) {
          e.addSuppressed(cleanup);
        }
        out.get(FAILURES).output(failure);
        out.get(SUMMARY_ROWS).output(failedRow(failure));
      }
    }

    /** The subject's output files, metrics.json last. */
    private List<OutputFiles.OutputFile> files(
        SubjectResult result, SubjectMetrics metrics, List<FailureRecord> viewFailures) {
      List<OutputFiles.OutputFile> files = new ArrayList<>();
      files.add(
          new OutputFiles.OutputFile(
              "fused.ply",
              "application/octet-stream",
              out -> Ply.writeCloud(result.fusedInReference(), frame(result), out)));
      if (result.meshInReference() != null) {
        files.add(
            new OutputFiles.OutputFile(
                MESH_PLY,
                "application/octet-stream",
                out -> Ply.writeMesh(result.meshInReference(), frame(result), out)));
      }
      if (!viewFailures.isEmpty()) {
        StringBuilder lines = new StringBuilder();
        for (FailureRecord f : viewFailures) {
          lines.append(ProtoJson.toJsonLine(f)).append('\n');
        }
        byte[] bytes = lines.toString().getBytes(StandardCharsets.UTF_8);
        files.add(
            new OutputFiles.OutputFile(SUBJECT_FAILURES, "text/plain", out -> out.write(bytes)));
      }
      if (writeViewOutputs) {
        for (Map.Entry<String, PointCloud> e : result.viewCloudsInReference().entrySet()) {
          PointCloud cloud = e.getValue();
          files.add(
              new OutputFiles.OutputFile(
                  "views/" + e.getKey() + ".ply",
                  "application/octet-stream",
                  out -> Ply.writeCloud(cloud, frame(result), out)));
        }
        for (Map.Entry<String, ViewDepth> e : result.viewDepthMm().entrySet()) {
          ViewDepth v = e.getValue();
          files.add(
              new OutputFiles.OutputFile(
                  "views/" + e.getKey() + "_depth.png",
                  "image/png",
                  out ->
                      DepthPng.write(
                          v.depthMm(),
                          v.image().widthPx(),
                          v.image().heightPx(),
                          DEPTH_PNG_SCALE_MM,
                          Map.of(
                              DepthPng.INTRINSICS_KEY,
                              ProtoJson.toJsonLine(v.view().getCamera().getIntrinsics())),
                          out)));
        }
      }
      byte[] json = MetricsJson.toJson(metrics).getBytes(StandardCharsets.UTF_8);
      files.add(
          new OutputFiles.OutputFile(
              OutputFiles.METRICS_JSON, "application/json", out -> out.write(json)));
      return files;
    }
  }
}
