package io.headrecon.transforms.fusion;

import io.headrecon.proto.FailureRecord;
import io.headrecon.proto.ManifestUris;
import io.headrecon.proto.ProtoJson;
import io.headrecon.transforms.io.BeamFiles;
import io.headrecon.transforms.io.Failures;
import io.headrecon.transforms.io.WriteResults;
import io.headrecon.transforms.records.SubjectFiles;
import io.headrecon.transforms.records.SubjectResult;
import io.headrecon.transforms.records.ValueCoder;
import io.headrecon.transforms.records.ViewDepth;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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
 */
public class FuseSubjects extends PTransform<PCollection<SubjectFiles>, PCollectionTuple> {
  public static final TupleTag<SubjectResult> RESULTS = new TupleTag<>() {};

  /** New failures raised here (subjects that could not be fused). */
  public static final TupleTag<FailureRecord> FAILURES = new TupleTag<>() {};

  /** Summary rows of subjects that failed as a whole, here or in an earlier stage. */
  public static final TupleTag<String> FAILED_ROWS = new TupleTag<>() {};

  static final TupleTag<SubjectFiles> SUBJECT = new TupleTag<>() {};
  static final TupleTag<ViewDepth> DEPTH = new TupleTag<>() {};
  static final TupleTag<FailureRecord> EARLIER_FAILURE = new TupleTag<>() {};

  private final PCollection<KV<String, ViewDepth>> depths;
  private final PCollection<FailureRecord> earlierFailures;
  private final SubjectFusion.Settings settings;

  private FuseSubjects(
      PCollection<KV<String, ViewDepth>> depths,
      PCollection<FailureRecord> earlierFailures,
      SubjectFusion.Settings settings) {
    this.depths = depths;
    this.earlierFailures = earlierFailures;
    this.settings = settings;
  }

  /**
   * @param depths every view with depth, keyed by subject id
   * @param earlierFailures failures of earlier stages (subject- or view-level), reported in the
   *     metrics and used to tell why a subject has no views
   */
  public static FuseSubjects of(
      PCollection<KV<String, ViewDepth>> depths,
      PCollection<FailureRecord> earlierFailures,
      SubjectFusion.Settings settings) {
    return new FuseSubjects(depths, earlierFailures, settings);
  }

  @Override
  public PCollectionTuple expand(PCollection<SubjectFiles> subjects) {
    PCollection<KV<String, SubjectFiles>> keyedSubjects =
        subjects.apply(
            "KeySubjects",
            WithKeys.of(SubjectFiles::subjectId).withKeyType(TypeDescriptors.strings()));
    PCollection<KV<String, FailureRecord>> keyedFailures =
        earlierFailures.apply(
            "KeyFailures",
            WithKeys.of(FailureRecord::getSubjectId).withKeyType(TypeDescriptors.strings()));
    PCollectionTuple result =
        KeyedPCollectionTuple.of(SUBJECT, keyedSubjects)
            .and(DEPTH, depths)
            .and(EARLIER_FAILURE, keyedFailures)
            .apply("GroupBySubject", CoGroupByKey.create())
            .apply(
                "FuseViews",
                ParDo.of(new FuseSubjectFn(settings))
                    .withOutputTags(RESULTS, TupleTagList.of(FAILURES).and(FAILED_ROWS)));
    result.get(RESULTS).setCoder(ValueCoder.of(SubjectResult.class));
    result.get(FAILURES).setCoder(ProtoCoder.of(FailureRecord.class));
    result.get(FAILED_ROWS).setCoder(StringUtf8Coder.of());
    return result;
  }

  /** The ground-truth mesh named by the subject's manifest (resolved), or empty. */
  static String groundTruthMeshUri(SubjectFiles files) throws IOException {
    if (files.manifestUri() == null) {
      return "";
    }
    String json =
        new String(BeamFiles.read(files.manifestUri(), 16L << 20), StandardCharsets.UTF_8);
    String mesh = ProtoJson.parseManifest(json, files.manifestUri()).getGroundTruth().getMeshUri();
    return mesh.isEmpty() ? "" : ManifestUris.resolve(files.manifestUri(), mesh);
  }

  /** Fuses one subject's views, or says why it cannot. */
  static class FuseSubjectFn extends DoFn<KV<String, CoGbkResult>, SubjectResult> {
    private static final Logger LOG = LoggerFactory.getLogger(FuseSubjects.class);
    private final Counter fused = Metrics.counter(FuseSubjects.class, "subjectsFused");
    private final Counter failed = Metrics.counter(FuseSubjects.class, "subjectsFailed");
    private final Distribution fusionMillis =
        Metrics.distribution(FuseSubjects.class, "fusionMillis");
    private final SubjectFusion.Settings settings;

    FuseSubjectFn(SubjectFusion.Settings settings) {
      this.settings = settings;
    }

    @ProcessElement
    public void process(@Element KV<String, CoGbkResult> group, MultiOutputReceiver out) {
      String subjectId = group.getKey();
      CoGbkResult all = group.getValue();
      SubjectFiles files = all.getOnly(SUBJECT, null);
      List<FailureRecord> failures = new ArrayList<>();
      all.getAll(EARLIER_FAILURE).forEach(failures::add);
      FailureRecord subjectFailure =
          failures.stream().filter(f -> f.getViewId().isEmpty()).findFirst().orElse(null);
      if (files == null) {
        // Rejected while listing: its failure record already exists; it still gets its row.
        if (subjectFailure != null) {
          out.get(FAILED_ROWS).output(WriteResults.failedRow(subjectFailure));
        }
        return;
      }
      if (subjectFailure != null) {
        failed.inc();
        out.get(FAILED_ROWS).output(WriteResults.failedRow(subjectFailure));
        return;
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
        SubjectResult result =
            SubjectFusion.fuse(subjectId, views, failures, groundTruthMeshUri(files), settings);
        fusionMillis.update((System.nanoTime() - start) / 1_000_000);
        out.get(RESULTS).output(result);
        fused.inc();
      } catch (Exception e) {
        failed.inc();
        FailureRecord failure = Failures.of(subjectId, "", "fusion", files.folderUri(), e);
        LOG.warn("{}: not reconstructed: {}", subjectId, failure.getReason());
        out.get(FAILURES).output(failure);
        out.get(FAILED_ROWS).output(WriteResults.failedRow(failure));
      }
    }
  }
}
