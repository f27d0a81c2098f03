package io.headrecon.synth.render;

import io.headrecon.geometry.PinholeCamera;

/** Projects landmark vertices into a view and decides their visibility with a z-buffer test. */
public final class LandmarkProjector {
  /**
   * A landmark in one image.
   *
   * @param xPx image x, pixels
   * @param yPx image y, pixels
   * @param depthMm Z distance to the camera plane, millimetres
   * @param visible inside the image and not hidden by the surface in front of it
   */
  public record ProjectedLandmark(double xPx, double yPx, double depthMm, boolean visible) {}

  private LandmarkProjector() {}

  /**
   * Projects vertices {@code ids} of {@code verticesMm} (world frame, mm) with {@code camera}. A
   * landmark is hidden when, at all four pixel centres around its projection, a surface of {@code
   * occluders} (a z-buffer of the same camera) lies more than {@code toleranceMm} in front of it; a
   * pixel without surface counts as clear, since the landmark then sits at the silhouette.
   */
  public static ProjectedLandmark[] project(
      PinholeCamera camera,
      float[] verticesMm,
      int[] ids,
      Fragments occluders,
      double toleranceMm) {
    ProjectedLandmark[] out = new ProjectedLandmark[ids.length];
    for (int i = 0; i < ids.length; i++) {
      int v = ids[i];
      double[] p =
          camera.projectWorld(
              new double[] {verticesMm[3 * v], verticesMm[3 * v + 1], verticesMm[3 * v + 2]});
      boolean visible =
          p[2] > Rasterizer.NEAR_MM
              && camera.contains(p[0], p[1])
              && clear(occluders, p[0], p[1], p[2] - toleranceMm);
      out[i] = new ProjectedLandmark(p[0], p[1], p[2], visible);
    }
    return out;
  }

  private static boolean clear(Fragments z, double xPx, double yPx, double limitMm) {
    int x0 = (int) Math.floor(xPx);
    int y0 = (int) Math.floor(yPx);
    for (int dy = 0; dy <= 1; dy++) {
      for (int dx = 0; dx <= 1; dx++) {
        int x = Math.min(Math.max(x0 + dx, 0), z.widthPx() - 1);
        int y = Math.min(Math.max(y0 + dy, 0), z.heightPx() - 1);
        float d = z.depthAt(x, y);
        if (d == 0 || d >= limitMm) {
          return true;
        }
      }
    }
    return false;
  }
}
