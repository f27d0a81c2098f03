package io.headrecon.geometry.surface;

import io.headrecon.geometry.PinholeCamera;
import io.headrecon.geometry.depth.DepthMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Ray-cast depth maps of analytic ellipsoids and cameras around them, for the TSDF tests. */
final class AnalyticScenes {
  private AnalyticScenes() {}

  /**
   * {@code count} cameras on a Fibonacci sphere of radius {@code distanceMm} around {@code
   * targetMm}, all looking at it (square images of {@code sizePx} pixels, focal {@code focalPx}).
   */
  static List<PinholeCamera> camerasAround(
      int count, double distanceMm, double[] targetMm, double focalPx, int sizePx) {
    List<PinholeCamera> cameras = new ArrayList<>();
    double golden = Math.PI * (3 - Math.sqrt(5));
    for (int i = 0; i < count; i++) {
      double y = 1 - 2 * (i + 0.5) / count;
      double r = Math.sqrt(1 - y * y);
      double phi = golden * i;
      double[] eye = {
        targetMm[0] + distanceMm * r * Math.cos(phi),
        targetMm[1] + distanceMm * y,
        targetMm[2] + distanceMm * r * Math.sin(phi)
      };
      double[] up = Math.abs(y) > 0.9 ? new double[] {1, 0, 0} : new double[] {0, 1, 0};
      cameras.add(PinholeCamera.lookAt(focalPx, sizePx, sizePx, eye, targetMm, up));
    }
    return cameras;
  }

  /**
   * Z depth (mm) of the axis-aligned ellipsoid with centre {@code centreMm} and half-axes {@code
   * radiiMm} seen by {@code camera}, 0 where a ray misses, plus Gaussian noise of {@code noiseMm}
   * (seeded by {@code random}; may be null when the noise is 0).
   */
  static DepthMap renderEllipsoid(
      PinholeCamera camera, double[] centreMm, double[] radiiMm, double noiseMm, Random random) {
    int w = camera.widthPx(), h = camera.heightPx();
    float[] depth = new float[w * h];
    double[] o = camera.cameraToWorld().translationMm();
    double[] dirCam = new double[3];
    double[] d = new double[3];
    for (int v = 0; v < h; v++) {
      for (int u = 0; u < w; u++) {
        camera.unprojectToCamera(u, v, 1, dirCam); // Z = 1
        camera.cameraToWorld().rotate(dirCam[0], dirCam[1], dirCam[2], d);
        // solve |(o + t d - c) / r|² = 1 for the nearest t > 0 (t = Z since dirCam has Z = 1)
        double a = 0, b = 0, c = -1;
        for (int k = 0; k < 3; k++) {
          double ok = (o[k] - centreMm[k]) / radiiMm[k];
          double dk = d[k] / radiiMm[k];
          a += dk * dk;
          b += 2 * ok * dk;
          c += ok * ok;
        }
        double disc = b * b - 4 * a * c;
        if (disc < 0) {
          continue;
        }
        double t = (-b - Math.sqrt(disc)) / (2 * a);
        if (t > 0) {
          depth[v * w + u] = (float) (t + (noiseMm > 0 ? noiseMm * random.nextGaussian() : 0));
        }
      }
    }
    return DepthMap.of(w, h, depth);
  }

  /**
   * Approximate unsigned distance (mm) from p to the ellipsoid: |F| / |∇F| for F = |(p - c) / r| -
   * 1; exact for spheres, first-order accurate near the surface of ellipsoids.
   */
  static double distanceToEllipsoidMm(double[] p, double[] centreMm, double[] radiiMm) {
    double q = 0, gx, gy, gz;
    double[] s = new double[3];
    for (int k = 0; k < 3; k++) {
      s[k] = (p[k] - centreMm[k]) / radiiMm[k];
      q += s[k] * s[k];
    }
    double len = Math.sqrt(q);
    double f = len - 1;
    gx = s[0] / (len * radiiMm[0]);
    gy = s[1] / (len * radiiMm[1]);
    gz = s[2] / (len * radiiMm[2]);
    return Math.abs(f) / Math.sqrt(gx * gx + gy * gy + gz * gz);
  }
}
