package io.headrecon.geometry.fusion;

import io.headrecon.geometry.Landmarks3d;
import io.headrecon.geometry.PointCloud;
import io.headrecon.geometry.RigidTransform;
import java.util.Objects;

/**
 * One view to fuse.
 *
 * @param viewId the view's name (reported back in {@link ViewResult})
 * @param cloudInCamera the view's cloud in its camera frame (OpenCV axes, mm), ideally with normals
 *     (e.g. from depth back-projection); normals are estimated when absent
 * @param landmarksInCamera its 3-D landmarks in the same camera frame, or null
 * @param initialCameraToReference a known initial camera-to-reference pose, or null to derive one
 *     from landmarks
 */
public record ViewInput(
    String viewId,
    PointCloud cloudInCamera,
    Landmarks3d landmarksInCamera,
    RigidTransform initialCameraToReference) {

  public ViewInput {
    Objects.requireNonNull(viewId, "viewId");
    Objects.requireNonNull(cloudInCamera, "cloudInCamera of view " + viewId);
  }

  /** A view with landmarks and no initial pose. */
  public static ViewInput of(
      String viewId, PointCloud cloudInCamera, Landmarks3d landmarksInCamera) {
    return new ViewInput(viewId, cloudInCamera, landmarksInCamera, null);
  }
}
