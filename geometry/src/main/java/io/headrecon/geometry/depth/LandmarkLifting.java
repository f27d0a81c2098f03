package io.headrecon.geometry.depth;

import io.headrecon.geometry.Landmarks3d;
import io.headrecon.geometry.PinholeCamera;
import java.util.Arrays;

/** Lifts 2-D landmarks (pixels) to 3-D camera-frame landmarks (millimetres) using a depth map. */
public final class LandmarkLifting {
  private LandmarkLifting() {}

  /**
   * For each visible landmark, the median depth of the surface pixels within {@code windowRadiusPx}
   * (Chebyshev distance) of its rounded pixel is unprojected through {@code camera}. Landmarks with
   * no surface in the window, or outside the image, become invisible.
   *
   * @param landmarksPx x, y per landmark in pixels (pixel centres at integers)
   * @param visible one flag per landmark
   * @return landmarks in the camera frame (OpenCV axes, millimetres)
   */
  public static Landmarks3d toCameraFrame(
      double[] landmarksPx,
      boolean[] visible,
      DepthMap depth,
      PinholeCamera camera,
      int windowRadiusPx) {
    if (landmarksPx.length != 2 * visible.length) {
      throw new IllegalArgumentException(
          "need 2 pixel coordinates per landmark: "
              + landmarksPx.length
              + " values for "
              + visible.length
              + " landmarks");
    }
    int n = visible.length;
    double[] out = new double[3 * n];
    boolean[] vis = new boolean[n];
    float[] window = new float[(2 * windowRadiusPx + 1) * (2 * windowRadiusPx + 1)];
    double[] p = new double[3];
    for (int k = 0; k < n; k++) {
      out[3 * k] = out[3 * k + 1] = out[3 * k + 2] = Double.NaN;
      double u = landmarksPx[2 * k];
      double v = landmarksPx[2 * k + 1];
      if (!visible[k] || !camera.contains(u, v)) {
        continue;
      }
      int cu = (int) Math.round(u);
      int cv = (int) Math.round(v);
      int c = 0;
      for (int y = Math.max(0, cv - windowRadiusPx);
          y <= Math.min(depth.heightPx() - 1, cv + windowRadiusPx);
          y++) {
        for (int x = Math.max(0, cu - windowRadiusPx);
            x <= Math.min(depth.widthPx() - 1, cu + windowRadiusPx);
            x++) {
          if (depth.hasSurface(x, y)) {
            window[c++] = depth.depthMm(x, y);
          }
        }
      }
      if (c == 0) {
        continue;
      }
      Arrays.sort(window, 0, c);
      double d = window[c / 2];
      camera.unprojectToCamera(u, v, d, p);
      System.arraycopy(p, 0, out, 3 * k, 3);
      vis[k] = true;
    }
    return Landmarks3d.of(out, vis);
  }
}
