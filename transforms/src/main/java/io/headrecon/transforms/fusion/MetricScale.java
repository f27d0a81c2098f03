package io.headrecon.transforms.fusion;

import io.headrecon.geometry.PinholeCamera;
import io.headrecon.geometry.multiview.LandmarkTriangulation;
import io.headrecon.geometry.multiview.ReferenceDepth;
import io.headrecon.geometry.multiview.ReferenceDepthEstimate;
import io.headrecon.geometry.multiview.TriangulatedPoint;
import io.headrecon.geometry.multiview.TriangulationOptions;
import io.headrecon.model.DepthNetContract;
import io.headrecon.model.HeadLandmarkTemplate;
import io.headrecon.model.ProtoGeometry;
import io.headrecon.transforms.records.ViewDepth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Puts each view's network depth at its metric distance before fusion. The network predicts relief
 * around a reference depth (the head origin's Z in the camera frame) that the photo alone does not
 * fix; {@link io.headrecon.transforms.depth.ModelDepthFn} decodes around a provisional one. Here,
 * per view, in this order:
 *
 * <ol>
 *   <li>calibrated views (the manifest gives extrinsics, at least two such views): the landmarks of
 *       all calibrated views are triangulated ({@link LandmarkTriangulation}, robust to misplaced
 *       landmarks) and the view's reference moves so that its landmark depths match them ({@link
 *       ReferenceDepth#fromTriangulatedLandmarks}); the world origin plays no part;
 *   <li>otherwise the landmarks' apparent size against the average adult head ({@link
 *       ReferenceDepth#fromHeadSize}, {@link HeadLandmarkTemplate}), an assumption the metrics
 *       state;
 *   <li>otherwise the provisional reference stays ("assumed").
 * </ol>
 *
 * Metric depth (ground truth) passes unchanged. Plain Java, no I/O.
 */
public final class MetricScale {
  /** Fewest landmarks a per-view estimate rests on. */
  static final int MIN_LANDMARKS = 8;

  private MetricScale() {}

  /**
   * The views re-anchored, with how.
   *
   * @param views the input views, each at its new reference depth (same order)
   * @param estimates per view, the estimate used; null for metric views
   * @param landmarksTriangulated landmarks triangulated across calibrated views (0 when fewer than
   *     two views are calibrated)
   */
  public record Anchored(
      List<ViewDepth> views, List<ReferenceDepthEstimate> estimates, int landmarksTriangulated) {

    /** Whether some view's scale rests on the head-size prior. */
    public boolean usesHeadSizePrior() {
      return estimates.stream()
          .anyMatch(e -> e != null && e.source() == ReferenceDepthEstimate.Source.HEAD_SIZE_PRIOR);
    }

    /** Whether some view kept the assumed (provisional) reference. */
    public boolean usesAssumedDistance() {
      return estimates.stream()
          .anyMatch(e -> e != null && e.source() == ReferenceDepthEstimate.Source.ASSUMED);
    }
  }

  /** Re-anchors {@code views} (one subject's). */
  public static Anchored anchor(List<ViewDepth> views) {
    List<LandmarkTriangulation.ViewLandmarks> calibrated = new ArrayList<>();
    for (ViewDepth v : views) {
      if (v.isRelative() && v.view().getCamera().hasExtrinsics()) {
        calibrated.add(
            new LandmarkTriangulation.ViewLandmarks(
                ProtoGeometry.camera(v.view().getCamera()),
                doubles(v.landmarksPx()),
                v.landmarkVisible()));
      }
    }
    TriangulatedPoint[] triangulated = new TriangulatedPoint[DepthNetContract.LANDMARK_COUNT];
    if (calibrated.size() >= 2) {
      triangulated =
          LandmarkTriangulation.triangulate(
              calibrated, DepthNetContract.LANDMARK_COUNT, TriangulationOptions.landmarkDefaults());
    }
    int count = LandmarkTriangulation.count(triangulated);

    List<ViewDepth> out = new ArrayList<>();
    List<ReferenceDepthEstimate> estimates = new ArrayList<>();
    for (ViewDepth v : views) {
      if (!v.isRelative()) {
        out.add(v);
        estimates.add(null);
        continue;
      }
      PinholeCamera camera = ProtoGeometry.camera(v.view().getCamera());
      Optional<ReferenceDepthEstimate> estimate = Optional.empty();
      if (v.view().getCamera().hasExtrinsics() && count >= MIN_LANDMARKS) {
        estimate =
            ReferenceDepth.fromTriangulatedLandmarks(
                camera,
                v.landmarkDepthMm(),
                v.landmarkVisible(),
                triangulated,
                v.referenceDepthMm(),
                MIN_LANDMARKS);
      }
      if (estimate.isEmpty()) {
        estimate =
            ReferenceDepth.fromHeadSize(
                camera,
                doubles(v.landmarksPx()),
                v.landmarkDepthMm(),
                v.landmarkVisible(),
                HeadLandmarkTemplate.standard(),
                v.referenceDepthMm(),
                MIN_LANDMARKS);
      }
      ReferenceDepthEstimate used =
          estimate.orElse(
              new ReferenceDepthEstimate(
                  v.referenceDepthMm(), ReferenceDepthEstimate.Source.ASSUMED, 0, Double.NaN));
      out.add(v.withReferenceDepthMm(used.depthMm()));
      estimates.add(used);
    }
    return new Anchored(out, estimates, count);
  }

  private static double[] doubles(float[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i];
    }
    return out;
  }
}
