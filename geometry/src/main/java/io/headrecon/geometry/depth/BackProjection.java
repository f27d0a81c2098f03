package io.headrecon.geometry.depth;

import io.headrecon.geometry.PinholeCamera;
import io.headrecon.geometry.PointCloud;

/**
 * Turns a depth map (plus optional colour image and mask) into a coloured point cloud with unit
 * normals estimated from the depth grid. Pixels next to depth discontinuities (flying pixels),
 * pixels seen at grazing angles and isolated pixels are dropped (see {@link
 * BackProjectionOptions}). Normals point towards the camera.
 */
public final class BackProjection {
  private BackProjection() {}

  /**
   * Back-projects into the camera frame (OpenCV: +x right, +y down, +z forward; millimetres).
   *
   * @param depth Z depth per pixel, mm; same size as the camera image
   * @param colorRgb packed {@code 0xRRGGBB} per pixel, row-major, or null (no colours)
   * @param mask true where the pixel may be used, row-major, or null (all pixels)
   * @param camera intrinsics used for unprojection (its pose is not used here)
   */
  public static PointCloud toCameraFrame(
      DepthMap depth,
      int[] colorRgb,
      boolean[] mask,
      PinholeCamera camera,
      BackProjectionOptions options) {
    int w = depth.widthPx();
    int h = depth.heightPx();
    if (camera.widthPx() != w || camera.heightPx() != h) {
      throw new IllegalArgumentException(
          "depth map is "
              + w
              + "x"
              + h
              + " px but the camera image is "
              + camera.widthPx()
              + "x"
              + camera.heightPx());
    }
    int n = w * h;
    if (colorRgb != null && colorRgb.length != n) {
      throw new IllegalArgumentException(
          "colour image has " + colorRgb.length + " pixels, depth map " + n);
    }
    if (mask != null && mask.length != n) {
      throw new IllegalArgumentException("mask has " + mask.length + " pixels, depth map " + n);
    }
    float[] z = depth.valuesMm();
    boolean[] surface = new boolean[n];
    for (int i = 0; i < n; i++) {
      float d = z[i];
      surface[i] = d > 0 && d < Float.POSITIVE_INFINITY && (mask == null || mask[i]);
    }
    // 1. flying pixels: any 4-neighbour with a surface and a large depth jump
    boolean[] keep = new boolean[n];
    double jump = options.maxRelativeDepthJump();
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int i = y * w + x;
        if (!surface[i]) {
          continue;
        }
        double limit = jump * z[i];
        boolean ok =
            continuous(surface, z, i, x > 0 ? i - 1 : -1, limit)
                && continuous(surface, z, i, x < w - 1 ? i + 1 : -1, limit)
                && continuous(surface, z, i, y > 0 ? i - w : -1, limit)
                && continuous(surface, z, i, y < h - 1 ? i + w : -1, limit);
        keep[i] = ok;
      }
    }
    // 2. optional erosion of the silhouette
    for (int step = 0; step < options.borderErosionPx(); step++) {
      boolean[] next = keep.clone();
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          int i = y * w + x;
          if (keep[i]
              && (x == 0
                  || x == w - 1
                  || y == 0
                  || y == h - 1
                  || !keep[i - 1]
                  || !keep[i + 1]
                  || !keep[i - w]
                  || !keep[i + w])) {
            next[i] = false;
          }
        }
      }
      keep = next;
    }
    // 3. positions of kept pixels
    double fx = camera.fxPx(), fy = camera.fyPx(), cx = camera.cxPx(), cy = camera.cyPx();
    double cosMin = Math.cos(Math.toRadians(options.maxGrazingAngleDeg()));
    float[] pos = new float[3 * n];
    int count = 0;
    for (int i = 0; i < n; i++) {
      if (keep[i]) {
        count++;
      }
    }
    float[] outP = new float[3 * count];
    float[] outN = new float[3 * count];
    byte[] outC = colorRgb == null ? null : new byte[3 * count];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int i = y * w + x;
        if (keep[i]) {
          double d = z[i];
          pos[3 * i] = (float) ((x - cx) / fx * d);
          pos[3 * i + 1] = (float) ((y - cy) / fy * d);
          pos[3 * i + 2] = (float) d;
        }
      }
    }
    // 4. normals from the grid (central differences where both neighbours exist), grazing test
    int m = 0;
    double[] du = new double[3];
    double[] dv = new double[3];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int i = y * w + x;
        if (!keep[i]) {
          continue;
        }
        boolean hasU = tangent(pos, keep, i, x > 0 ? i - 1 : -1, x < w - 1 ? i + 1 : -1, du);
        boolean hasV = tangent(pos, keep, i, y > 0 ? i - w : -1, y < h - 1 ? i + w : -1, dv);
        if (!hasU || !hasV) {
          continue; // isolated pixel or a one-pixel-wide strip: no normal
        }
        double nx = du[1] * dv[2] - du[2] * dv[1];
        double ny = du[2] * dv[0] - du[0] * dv[2];
        double nz = du[0] * dv[1] - du[1] * dv[0];
        double norm = Math.sqrt(nx * nx + ny * ny + nz * nz);
        if (norm == 0) {
          continue;
        }
        double px = pos[3 * i], py = pos[3 * i + 1], pz = pos[3 * i + 2];
        double dot = (nx * px + ny * py + nz * pz) / norm;
        if (dot > 0) { // orient towards the camera
          nx = -nx;
          ny = -ny;
          nz = -nz;
          dot = -dot;
        }
        double cos = -dot / Math.sqrt(px * px + py * py + pz * pz);
        if (cos < cosMin) {
          continue;
        }
        outP[3 * m] = (float) px;
        outP[3 * m + 1] = (float) py;
        outP[3 * m + 2] = (float) pz;
        outN[3 * m] = (float) (nx / norm);
        outN[3 * m + 1] = (float) (ny / norm);
        outN[3 * m + 2] = (float) (nz / norm);
        if (outC != null) {
          int c = colorRgb[i];
          outC[3 * m] = (byte) (c >> 16);
          outC[3 * m + 1] = (byte) (c >> 8);
          outC[3 * m + 2] = (byte) c;
        }
        m++;
      }
    }
    return PointCloud.of(
        java.util.Arrays.copyOf(outP, 3 * m),
        outC == null ? null : java.util.Arrays.copyOf(outC, 3 * m),
        java.util.Arrays.copyOf(outN, 3 * m));
  }

  /**
   * Back-projects into the world frame of {@code camera} (its camera-to-world pose applied to the
   * camera-frame cloud of {@link #toCameraFrame}); millimetres.
   */
  public static PointCloud toWorldFrame(
      DepthMap depth,
      int[] colorRgb,
      boolean[] mask,
      PinholeCamera camera,
      BackProjectionOptions options) {
    return toCameraFrame(depth, colorRgb, mask, camera, options)
        .transformed(camera.cameraToWorld());
  }

  private static boolean continuous(boolean[] surface, float[] z, int i, int j, double limit) {
    return j < 0 || !surface[j] || Math.abs(z[j] - z[i]) <= limit;
  }

  /** Tangent along one grid axis from kept neighbours a (before) and b (after); false if none. */
  private static boolean tangent(float[] pos, boolean[] keep, int i, int a, int b, double[] out) {
    boolean hasA = a >= 0 && keep[a];
    boolean hasB = b >= 0 && keep[b];
    int from = hasA ? a : i;
    int to = hasB ? b : i;
    if (from == to) {
      return false;
    }
    out[0] = pos[3 * to] - pos[3 * from];
    out[1] = pos[3 * to + 1] - pos[3 * from + 1];
    out[2] = pos[3 * to + 2] - pos[3 * from + 2];
    return true;
  }
}
