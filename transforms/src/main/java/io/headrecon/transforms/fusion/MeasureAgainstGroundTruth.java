package io.headrecon.transforms.fusion;

import io.headrecon.geometry.PinholeCamera;
import io.headrecon.geometry.PointCloud;
import io.headrecon.geometry.depth.DepthMap;
import io.headrecon.geometry.metrics.ReconstructionMetrics;
import io.headrecon.model.ProtoGeometry;
import io.headrecon.proto.FailureRecord;
import io.headrecon.proto.SubjectManifest;
import io.headrecon.proto.SubjectMetrics;
import io.headrecon.proto.View;
import io.headrecon.proto.ViewMetrics;
import io.headrecon.transforms.io.Failures;
import io.headrecon.transforms.io.GroundTruthFiles;
import io.headrecon.transforms.io.WriteResults;
import io.headrecon.transforms.records.SubjectResult;
import io.headrecon.transforms.records.SubjectResultCoder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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

/** Adds metrics against the manifest's ground truth to subjects that have it. */
public class MeasureAgainstGroundTruth
    extends PTransform<PCollection<SubjectResult>, PCollectionTuple> {
  /** Every subject: measured when it has ground truth, else unchanged. */
  public static final TupleTag<SubjectResult> RESULTS = new TupleTag<>() {};

  /** Subjects whose ground truth could not be read. */
  public static final TupleTag<FailureRecord> FAILURES = new TupleTag<>() {};

  /** Summary rows of those subjects. */
  public static final TupleTag<String> FAILED_ROWS = new TupleTag<>() {};

  private MeasureAgainstGroundTruth() {}

  public static MeasureAgainstGroundTruth create() {
    return new MeasureAgainstGroundTruth();
  }

  @Override
  public PCollectionTuple expand(PCollection<SubjectResult> results) {
    PCollectionTuple measured =
        results.apply(
            "CompareWithGroundTruth",
            ParDo.of(new MeasureAgainstGroundTruthFn())
                .withOutputTags(RESULTS, TupleTagList.of(FAILURES).and(FAILED_ROWS)));
    measured.get(RESULTS).setCoder(SubjectResultCoder.of());
    measured.get(FAILURES).setCoder(ProtoCoder.of(FailureRecord.class));
    measured.get(FAILED_ROWS).setCoder(StringUtf8Coder.of());
    return measured;
  }

  /**
   * Whether a result can be compared with ground truth: the manifest names a mesh, the cloud is in
   * the world frame (the mesh's) and not empty.
   */
  public static boolean hasGroundTruth(SubjectResult result) {
    return result.inWorldFrame()
        && !result.manifest().getGroundTruth().getMeshUri().isEmpty()
        && result.fusedInReference().size() > 0;
  }

  /**
   * Reads the mesh and the fused views' ground-truth depth, then sets the comparison metrics and
   * the "metrics" stage time; subjects without ground truth pass unchanged.
   */
  static class MeasureAgainstGroundTruthFn extends DoFn<SubjectResult, SubjectResult> {
    private final Counter measured =
        Metrics.counter(MeasureAgainstGroundTruth.class, "subjectsMeasured");
    private final Counter skipped =
        Metrics.counter(MeasureAgainstGroundTruth.class, "subjectsWithoutGroundTruth");
    private final Counter failed =
        Metrics.counter(MeasureAgainstGroundTruth.class, "subjectsFailed");

    @ProcessElement
    public void process(@Element SubjectResult result, MultiOutputReceiver out) {
      if (!hasGroundTruth(result)) {
        skipped.inc();
        out.get(RESULTS).output(result);
        return;
      }
      String meshUri = result.manifest().getGroundTruth().getMeshUri();
      try {
        SubjectResult withMetrics = measure(result);
        measured.inc();
        out.get(RESULTS).output(withMetrics);
      } catch (Exception e) {
        failed.inc();
        FailureRecord failure = Failures.of(result.subjectId(), "", "groundtruth", meshUri, e);
        out.get(FAILURES).output(failure);
        out.get(FAILED_ROWS).output(WriteResults.failedRow(failure));
      }
    }
  }

  /**
   * {@code result} (which must {@link #hasGroundTruth have ground truth}) with the comparison
   * metrics set against the seen part of its ground-truth mesh, and the "metrics" stage time.
   *
   * @throws IOException when the mesh or a ground-truth depth map cannot be read
   */
  public static SubjectResult measure(SubjectResult result) throws IOException {
    long start = System.nanoTime();
    ReconstructionMetrics.Indexed seen =
        ReconstructionMetrics.Indexed.of(
            readSeenSurface(
                result.manifest().getGroundTruth().getMeshUri(),
                result.metrics(),
                result.manifest()));
    SubjectMetrics.Builder metrics = result.metrics().toBuilder();
    GroundTruthMetrics.addTo(metrics, result.fusedInReference(), seen);
    if (result.meshInReference() != null) {
      GroundTruthMetrics.addMeshTo(metrics.getMeshBuilder(), result.meshInReference(), seen);
    }
    metrics.putStageMillis("metrics", (System.nanoTime() - start) / 1e6);
    return result.withMetrics(metrics.build());
  }

  /**
   * The seen part of the mesh, from the ground-truth depth of the fused views (those in {@code
   * metrics}, in its order) with their true cameras.
   */
  private static PointCloud readSeenSurface(
      String meshUri, SubjectMetrics metrics, SubjectManifest manifest) throws IOException {
    Map<String, View> byId = new HashMap<>();
    for (View v : manifest.getViewsList()) {
      byId.put(v.getViewId(), v);
    }
    List<PinholeCamera> cameras = new ArrayList<>();
    List<DepthMap> depths = new ArrayList<>();
    for (ViewMetrics vm : metrics.getViewsList()) {
      View view = byId.get(vm.getViewId());
      if (view == null
          || view.getGroundTruth().getDepthUri().isEmpty()
          || !view.getCamera().hasExtrinsics()) {
        continue;
      }
      PinholeCamera camera = ProtoGeometry.camera(view.getCamera());
      float[] depthMm =
          GroundTruthFiles.readDepthMm(
              view.getGroundTruth().getDepthUri(),
              view.getGroundTruth().getDepthScaleMmPerUnit(),
              camera.widthPx(),
              camera.heightPx());
      cameras.add(camera);
      depths.add(DepthMap.of(camera.widthPx(), camera.heightPx(), depthMm));
    }
    if (cameras.isEmpty()) {
      return PointCloud.empty();
    }
    return GroundTruthMetrics.seenSurface(GroundTruthFiles.readMesh(meshUri), cameras, depths);
  }
}
