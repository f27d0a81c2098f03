package io.headrecon.transforms.fusion;

import io.headrecon.proto.FailureRecord;
import io.headrecon.transforms.io.Failures;
import io.headrecon.transforms.io.WriteResults;
import io.headrecon.transforms.records.SubjectInput;
import io.headrecon.transforms.records.SubjectResult;
import io.headrecon.transforms.records.SubjectResultCoder;
import io.headrecon.transforms.records.ViewDepth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.extensions.protobuf.ProtoCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Distribution;
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
 * Groups each subject's views and earlier failures, aligns and fuses the views into one head, and
 * accounts for every listed subject: a result, or one subject-level failure.
 *
 * <p>Input: a {@link PCollectionTuple} with {@link #SUBJECTS}, {@link #DEPTHS} and {@link
 * #EARLIER_FAILURES}.
 */
public class FuseSubjects extends PTransform<PCollectionTuple, PCollectionTuple> {
  /** Input: every subject whose manifest was read, with the parsed manifest. */
  public static final TupleTag<SubjectInput> SUBJECTS = new TupleTag<>() {};

  /** Input: every view with depth, keyed by subject id. */
  public static final TupleTag<KV<String, ViewDepth>> DEPTHS = new TupleTag<>() {};

  /**
   * Input: failures of earlier stages (subject- or view-level), reported in the metrics and used to
   * tell why a subject has no views.
   */
  public static final TupleTag<FailureRecord> EARLIER_FAILURES = new TupleTag<>() {};

  /** Output: the fused subjects. */
  public static final TupleTag<SubjectResult> RESULTS = new TupleTag<>() {};

  /** Output: new failures raised here (subjects that could not be fused). */
  public static final TupleTag<FailureRecord> FAILURES = new TupleTag<>() {};

  /** Output: summary rows of subjects that failed as a whole, here or in an earlier stage. */
  public static final TupleTag<String> FAILED_ROWS = new TupleTag<>() {};

  static final TupleTag<SubjectInput> SUBJECT = new TupleTag<>() {};
  static final TupleTag<ViewDepth> DEPTH = new TupleTag<>() {};
  static final TupleTag<FailureRecord> EARLIER_FAILURE = new TupleTag<>() {};

  private final SubjectFusion.Settings settings;

  private FuseSubjects(SubjectFusion.Settings settings) {
    this.settings = settings;
  }

  public static FuseSubjects with(SubjectFusion.Settings settings) {
    return new FuseSubjects(settings);
  }

  @Override
  public PCollectionTuple expand(PCollectionTuple input) {
    PCollection<KV<String, SubjectInput>> keyedSubjects =
        input
            .get(SUBJECTS)
            .apply(
                "KeySubjects",
                WithKeys.of(SubjectInput::subjectId).withKeyType(TypeDescriptors.strings()));
    PCollection<KV<String, FailureRecord>> keyedFailures =
        input
            .get(EARLIER_FAILURES)
            .apply(
                "KeyFailures",
                WithKeys.of(FailureRecord::getSubjectId).withKeyType(TypeDescriptors.strings()));
    PCollectionTuple result =
        KeyedPCollectionTuple.of(SUBJECT, keyedSubjects)
            .and(DEPTH, input.get(DEPTHS))
            .and(EARLIER_FAILURE, keyedFailures)
            .apply("GroupBySubject", CoGroupByKey.create())
            .apply(
                "FuseViews",
                ParDo.of(new FuseSubjectFn(settings))
                    .withOutputTags(RESULTS, TupleTagList.of(FAILURES).and(FAILED_ROWS)));
    result.get(RESULTS).setCoder(SubjectResultCoder.of());
    result.get(FAILURES).setCoder(ProtoCoder.of(FailureRecord.class));
    result.get(FAILED_ROWS).setCoder(StringUtf8Coder.of());
    return result;
  }

  /** Fuses one subject's views, or says why it cannot. */
  static class FuseSubjectFn extends DoFn<KV<String, CoGbkResult>, SubjectResult> {
    private static final Logger LOG = LoggerFactory.getLogger(FuseSubjects.class);
    private final Counter fused = Metrics.counter(FuseSubjects.class, "subjectsFused");
    private final Counter failed = Metrics.counter(FuseSubjects.class, "subjectsFailed");
    private final Distribution fusionMillis =
        Metrics.distribution(FuseSubjects.class, "fusionMillis");
    private final Counter kdTreeBuilds = Metrics.counter(FuseSubjects.class, "kdTreeBuilds");
    private final Counter kdTreePoints = Metrics.counter(FuseSubjects.class, "kdTreePoints");
    private final Counter icpAlignments = Metrics.counter(FuseSubjects.class, "icpAlignments");
    private final Counter icpIterations = Metrics.counter(FuseSubjects.class, "icpIterations");
    private final Counter nearestNeighbourQueries =
        Metrics.counter(FuseSubjects.class, "nearestNeighbourQueries");
    private final Counter metricScaleCpuMicros =
        Metrics.counter(FuseSubjects.class, "metricScaleCpuMicros");
    private final Counter backProjectionCpuMicros =
        Metrics.counter(FuseSubjects.class, "backProjectionCpuMicros");
    private final Counter fusionCpuMicros = Metrics.counter(FuseSubjects.class, "fusionCpuMicros");
    private final Counter refinementCpuMicros =
        Metrics.counter(FuseSubjects.class, "refinementCpuMicros");
    private final Counter meshCpuMicros = Metrics.counter(FuseSubjects.class, "meshCpuMicros");
    private final SubjectFusion.Settings settings;

    FuseSubjectFn(SubjectFusion.Settings settings) {
      this.settings = settings;
    }

    @ProcessElement
    public void process(@Element KV<String, CoGbkResult> group, MultiOutputReceiver out) {
      String subjectId = group.getKey();
      CoGbkResult all = group.getValue();
      SubjectInput subject = all.getOnly(SUBJECT, null);
      List<FailureRecord> failures = new ArrayList<>();
      all.getAll(EARLIER_FAILURE).forEach(failures::add);
      FailureRecord subjectFailure =
          failures.stream().filter(f -> f.getViewId().isEmpty()).findFirst().orElse(null);
      if (subjectFailure != null) {
        // Rejected while listing or reading its manifest: its failure record exists; it still
        // gets its row.
        failed.inc();
        out.get(FAILED_ROWS).output(WriteResults.failedRow(subjectFailure));
        return;
      }
      if (subject == null) {
        return; // view-level failures of a subject that was never listed cannot happen
      }
      List<ViewDepth> views = new ArrayList<>();
      all.getAll(DEPTH).forEach(views::add);
      views.sort(Comparator.comparing(ViewDepth::viewId));
      try {
        if (views.isEmpty()) {
          throw new IllegalArgumentException(
              "no usable view: all " + failures.size() + " failed (see their records)");
        }
        long start = System.nanoTime();
        SubjectFusion.Measured measured =
            SubjectFusion.fuseMeasured(
                subjectId, views, failures.size(), subject.manifest(), settings);
        fusionMillis.update((System.nanoTime() - start) / 1_000_000);
        count(measured);
        out.get(RESULTS).output(measured.result());
        fused.inc();
      } catch (Exception e) {
        failed.inc();
        FailureRecord failure =
            Failures.of(subjectId, "", "fusion", subject.files().folderUri(), e);
        LOG.warn("{}: not reconstructed: {}", subjectId, failure.getReason());
        out.get(FAILURES).output(failure);
        out.get(FAILED_ROWS).output(WriteResults.failedRow(failure));
      }
    }

    /** Adds one subject's search work and per-stage CPU time to the counters. */
    private void count(SubjectFusion.Measured measured) {
      kdTreeBuilds.inc(measured.work().kdTreeBuilds());
      kdTreePoints.inc(measured.work().kdTreePoints());
      icpAlignments.inc(measured.work().icpAlignments());
      icpIterations.inc(measured.work().icpIterations());
      nearestNeighbourQueries.inc(measured.work().nearestNeighbourQueries());
      Map<String, Long> cpu = measured.cpuNanos();
      metricScaleCpuMicros.inc(cpu.getOrDefault("metricScale", 0L) / 1000);
      backProjectionCpuMicros.inc(cpu.getOrDefault("backProjection", 0L) / 1000);
      fusionCpuMicros.inc(cpu.getOrDefault("fusion", 0L) / 1000);
      refinementCpuMicros.inc(cpu.getOrDefault("refinement", 0L) / 1000);
      meshCpuMicros.inc(cpu.getOrDefault("mesh", 0L) / 1000);
    }
  }
}
