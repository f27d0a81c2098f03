package io.headrecon.transforms.fusion;

import io.headrecon.geometry.Landmarks3d;
import io.headrecon.geometry.PinholeCamera;
import io.headrecon.geometry.PointCloud;
import io.headrecon.geometry.depth.BackProjection;
import io.headrecon.geometry.depth.BackProjectionOptions;
import io.headrecon.geometry.depth.DepthMap;
import io.headrecon.geometry.depth.LandmarkLifting;
import io.headrecon.geometry.fusion.ViewInput;
import io.headrecon.model.ProtoGeometry;
import io.headrecon.transforms.records.ViewDepth;

/**
 * Turns one view's depth map and pixel landmarks into the camera-frame cloud and 3-D landmarks that
 * fusion aligns: every pixel with depth back-projected with its colour through the view's camera
 * (pixels at depth discontinuities dropped), landmarks lifted with the median depth of a small
 * window.
 */
public final class ViewBackProjection {
  private ViewBackProjection() {}

  /** Landmark depth window half-size for lifting pixel landmarks to 3-D, pixels. */
  static final int LANDMARK_WINDOW_PX = 2;

  /**
   * One back-projected view.
   *
   * @param input the view's cloud and landmarks in its camera frame, millimetres
   * @param camera the view's camera (intrinsics in pixels; world-to-camera pose, or the identity
   *     when unknown)
   */
  public record Projected(ViewInput input, PinholeCamera camera) {}

  /** Back-projects {@code view}; its landmarks are null when it has none. */
  public static Projected of(ViewDepth view) {
    PinholeCamera camera = ProtoGeometry.camera(view.view().getCamera());
    DepthMap depth = DepthMap.of(view.image().widthPx(), view.image().heightPx(), view.depthMm());
    PointCloud cloud =
        BackProjection.toCameraFrame(
            depth, view.image().packedRgb(), null, camera, BackProjectionOptions.defaults());
    double[] px = new double[view.landmarksPx().length];
    for (int i = 0; i < px.length; i++) {
      px[i] = view.landmarksPx()[i];
    }
    Landmarks3d landmarks =
        view.landmarkVisible().length == 0
            ? null
            : LandmarkLifting.toCameraFrame(
                px, view.landmarkVisible(), depth, camera, LANDMARK_WINDOW_PX);
    return new Projected(ViewInput.of(view.viewId(), cloud, landmarks), camera);
  }
}
