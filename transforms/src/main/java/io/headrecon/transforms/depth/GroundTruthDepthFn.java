package io.headrecon.transforms.depth;

import io.headrecon.proto.Landmark;
import io.headrecon.proto.ViewGroundTruth;
import io.headrecon.transforms.io.Failures;
import io.headrecon.transforms.io.GroundTruthFiles;
import io.headrecon.transforms.records.ViewDepth;
import io.headrecon.transforms.records.ViewImage;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;

/**
 * Takes a view's depth from the ground truth its manifest names (16-bit depth PNG times {@code
 * depthScaleMmPerUnit}, landmarks from the manifest), to measure fusion apart from the network.
 */
public class GroundTruthDepthFn extends DoFn<KV<String, ViewImage>, KV<String, ViewDepth>> {
  private final Counter views = Metrics.counter(GroundTruthDepthFn.class, "viewsWithDepth");
  private final Counter failures = Metrics.counter(GroundTruthDepthFn.class, "viewsFailed");

  @ProcessElement
  public void process(@Element KV<String, ViewImage> element, MultiOutputReceiver out) {
    ViewImage v = element.getValue();
    ViewGroundTruth gt = v.view().getGroundTruth();
    try {
      if (gt.getDepthUri().isEmpty()) {
        throw new IllegalArgumentException(
            "--depthSource=groundtruth but the manifest gives no groundTruth.depthUri for this"
                + " view");
      }
      float[] depth =
          GroundTruthFiles.readDepthMm(
              gt.getDepthUri(),
              gt.getDepthScaleMmPerUnit(),
              v.image().widthPx(),
              v.image().heightPx());
      int n = gt.getLandmarks().getPointsCount();
      float[] px = new float[2 * n];
      float[] z = new float[n];
      boolean[] visible = new boolean[n];
      for (int i = 0; i < n; i++) {
        Landmark p = gt.getLandmarks().getPoints(i);
        px[2 * i] = p.getXPx();
        px[2 * i + 1] = p.getYPx();
        z[i] = p.getDepthMm();
        visible[i] = p.getVisible();
      }
      views.inc();
      // Ground truth has no mask probability: the mask uncertainty is unknown (NaN).
      out.get(EstimateDepth.DEPTHS)
          .output(
              KV.of(
                  element.getKey(),
                  new ViewDepth(
                      v.view(), v.image(), depth, px, z, visible, Float.NaN, Double.NaN)));
    } catch (Exception e) {
      failures.inc();
      out.get(EstimateDepth.FAILURES)
          .output(Failures.of(v.subjectId(), v.viewId(), "depth", gt.getDepthUri(), e));
    }
  }
}
