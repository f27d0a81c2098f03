package io.headrecon.geometry.multiview;

import io.headrecon.geometry.PinholeCamera;
import java.util.ArrayList;
import java.util.List;

/**
 * Triangulates each landmark index from the calibrated views that see it ({@link
 * PointTriangulation}, robust to views that misplace it).
 */
public final class LandmarkTriangulation {
  private LandmarkTriangulation() {}

  /**
   * One calibrated view's 2-D landmarks.
   *
   * @param camera calibrated camera (intrinsics of the image the landmarks are in, world-to-camera
   *     pose)
   * @param landmarksPx x, y per landmark, pixels
   * @param visible which landmarks the view sees
   */
  public record ViewLandmarks(PinholeCamera camera, double[] landmarksPx, boolean[] visible) {}

  /**
   * World positions per landmark index, null where fewer than {@link
   * TriangulationOptions#minInlierViews()} views agree.
   *
   * @param landmarkCount number of landmark indices
   */
  public static TriangulatedPoint[] triangulate(
      List<ViewLandmarks> views, int landmarkCount, TriangulationOptions options) {
    TriangulatedPoint[] out = new TriangulatedPoint[landmarkCount];
    for (int k = 0; k < landmarkCount; k++) {
      List<PointTriangulation.Observation> seen = new ArrayList<>();
      for (ViewLandmarks v : views) {
        if (k < v.visible().length && v.visible()[k]) {
          seen.add(
              new PointTriangulation.Observation(
                  v.camera(), v.landmarksPx()[2 * k], v.landmarksPx()[2 * k + 1]));
        }
      }
      out[k] = PointTriangulation.triangulate(seen, options).orElse(null);
    }
    return out;
  }

  /** How many entries of {@code points} are triangulated. */
  public static int count(TriangulatedPoint[] points) {
    int n = 0;
    for (TriangulatedPoint p : points) {
      n += p == null ? 0 : 1;
    }
    return n;
  }
}
