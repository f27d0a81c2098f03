package io.headrecon.transforms.fusion;

import io.headrecon.geometry.Landmarks3d;
import io.headrecon.geometry.PinholeCamera;
import io.headrecon.geometry.RigidTransform;
import io.headrecon.geometry.fusion.FusionResult;
import io.headrecon.geometry.fusion.ViewResult;
import io.headrecon.geometry.metrics.PoseError;
import io.headrecon.proto.SubjectMetrics;
import io.headrecon.proto.ViewMetrics;
import java.util.List;

/**
 * The metrics that fusion itself yields, without ground truth: views registered of all, per-view
 * point counts, landmarks used, ICP fitness and inlier RMSE, landmark residuals, and the pose error
 * of each view whose true pose the manifest gives.
 */
public final class FusionMetrics {
  private FusionMetrics() {}

  /**
   * Adds the views' metrics to {@code metrics} and sets views registered.
   *
   * @param views the back-projected views, in the order fusion saw them
   * @param fusion fusion's result for those views
   * @param referenceToOutput the transform from the reference camera frame to the output frame
   * @param posesKnown whether the output frame is the world frame (pose errors are measured only
   *     then, for views whose camera pose is known)
   * @param posed whether each view's camera pose was given by the manifest
   */
  public static SubjectMetrics.Builder addViews(
      SubjectMetrics.Builder metrics,
      List<ViewBackProjection.Projected> views,
      FusionResult fusion,
      RigidTransform referenceToOutput,
      boolean posesKnown,
      boolean[] posed) {
    int registered = 0;
    for (int i = 0; i < views.size(); i++) {
      ViewResult r = fusion.views().get(i);
      ViewBackProjection.Projected v = views.get(i);
      ViewMetrics.Builder vm =
          ViewMetrics.newBuilder()
              .setViewId(v.input().viewId())
              .setRegistered(r.registered())
              .setMerged(r.merged())
              .setPointCount(v.input().cloudInCamera().size());
      Landmarks3d lm = v.input().landmarksInCamera();
      vm.setLandmarksUsed(lm == null ? 0 : lm.visibleCount());
      if (r.registered()) {
        registered++;
        // Fusion scores every placed view against the others at its final pose; a view without
        // partners within the finest ICP distance (or the only view) reports NaN: left unset.
        if (Double.isFinite(r.icpFitness())) {
          vm.setIcpFitness(r.icpFitness());
        }
        if (Double.isFinite(r.icpRmseMm())) {
          vm.setIcpInlierRmseMm(r.icpRmseMm());
        }
        if (Double.isFinite(r.landmarkResidualMm())) {
          vm.setLandmarkResidualMm(r.landmarkResidualMm());
        }
        if (posesKnown && posed[i]) {
          PinholeCamera camera = v.camera();
          RigidTransform cameraToOutput = referenceToOutput.after(r.cameraToReference());
          PoseError error = PoseError.of(cameraToOutput, camera.cameraToWorld());
          vm.setRotationErrorDeg(error.rotationDeg()).setTranslationErrorMm(error.translationMm());
        }
      }
      metrics.addViews(vm);
    }
    return metrics.setViewsRegistered(registered);
  }
}
