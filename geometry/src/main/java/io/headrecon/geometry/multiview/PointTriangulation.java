package io.headrecon.geometry.multiview;

import io.headrecon.geometry.Matrix3;
import io.headrecon.geometry.PinholeCamera;
import io.headrecon.geometry.RigidTransform;
import java.util.List;
import java.util.Optional;

/**
 * Robust triangulation of one point seen by several calibrated cameras: every pair of rays that
 * meet at a large enough angle proposes the point closest to both; the proposal with most inliers
 * (observations that it reprojects onto within the tolerance; ties broken by the smaller error sum)
 * wins, and the point closest to all its inlier rays in the least-squares sense is returned.
 * Exhaustive over pairs (at most 50 views, 1,225 pairs), so deterministic.
 */
public final class PointTriangulation {
  private PointTriangulation() {}

  /**
   * One observation of the point.
   *
   * @param camera the calibrated camera (intrinsics, world-to-camera pose)
   * @param xPx image x of the point, pixels (pixel centres at integers)
   * @param yPx image y of the point, pixels
   */
  public record Observation(PinholeCamera camera, double xPx, double yPx) {}

  /**
   * The point seen by {@code observations}, or empty when fewer than {@link
   * TriangulationOptions#minInlierViews()} of them agree on one, or no two rays meet at {@link
   * TriangulationOptions#minRayAngleDeg()} or more in front of both cameras.
   */
  public static Optional<TriangulatedPoint> triangulate(
      List<Observation> observations, TriangulationOptions options) {
    int n = observations.size();
    if (n < 2) {
      return Optional.empty();
    }
    double[][] centre = new double[n][];
    double[][] direction = new double[n][];
    for (int i = 0; i < n; i++) {
      Observation o = observations.get(i);
      RigidTransform cameraToWorld = o.camera().cameraToWorld();
      centre[i] = cameraToWorld.translationMm();
      double[] far = o.camera().unprojectToWorld(o.xPx(), o.yPx(), 1.0);
      direction[i] = normalised(minus(far, centre[i]));
    }
    double minSin = Math.sin(Math.toRadians(options.minRayAngleDeg()));
    double tolerance = options.maxReprojectionErrorPx();
    boolean[] bestInliers = null;
    int bestCount = 0;
    double bestError = Double.POSITIVE_INFINITY;
    for (int a = 0; a < n; a++) {
      for (int b = a + 1; b < n; b++) {
        double[] cross = cross(direction[a], direction[b]);
        if (norm(cross) < minSin) {
          continue;
        }
        double[] point = closestToRays(centre, direction, new int[] {a, b});
        if (point == null) {
          continue;
        }
        boolean[] inliers = new boolean[n];
        int count = 0;
        double errorSum = 0;
        for (int i = 0; i < n; i++) {
          double e = reprojectionErrorPx(observations.get(i), point);
          if (e <= tolerance) {
            inliers[i] = true;
            count++;
            errorSum += e;
          }
        }
        if (count > bestCount || (count == bestCount && errorSum < bestError)) {
          bestCount = count;
          bestError = errorSum;
          bestInliers = inliers;
        }
      }
    }
    if (bestInliers == null || bestCount < options.minInlierViews()) {
      return Optional.empty();
    }
    int[] used = new int[bestCount];
    for (int i = 0, k = 0; i < n; i++) {
      if (bestInliers[i]) {
        used[k++] = i;
      }
    }
    double[] point = closestToRays(centre, direction, used);
    if (point == null) {
      return Optional.empty();
    }
    double ss = 0;
    for (int i : used) {
      double e = reprojectionErrorPx(observations.get(i), point);
      ss += e * e;
    }
    return Optional.of(
        new TriangulatedPoint(
            point[0], point[1], point[2], bestCount, n, Math.sqrt(ss / bestCount)));
  }

  /** Pixels between the observation and the projection of {@code pointMm}; infinite behind it. */
  private static double reprojectionErrorPx(Observation o, double[] pointMm) {
    double[] p = o.camera().projectWorld(pointMm);
    if (!(p[2] > 0)) {
      return Double.POSITIVE_INFINITY;
    }
    return Math.hypot(p[0] - o.xPx(), p[1] - o.yPx());
  }

  /**
   * The point minimising the summed squared distances to the rays {@code used} (solving {@code Σ (I
   * - d dᵀ) x = Σ (I - d dᵀ) c}), or null when the rays are parallel or it lies behind one of their
   * cameras.
   */
  private static double[] closestToRays(double[][] centre, double[][] direction, int[] used) {
    double[] m = new double[9];
    double[] rhs = new double[3];
    for (int i : used) {
      double[] d = direction[i];
      double[] c = centre[i];
      for (int r = 0; r < 3; r++) {
        for (int k = 0; k < 3; k++) {
          double p = (r == k ? 1 : 0) - d[r] * d[k];
          m[3 * r + k] += p;
          rhs[r] += p * c[k];
        }
      }
    }
    double[] x = Matrix3.solve(m, rhs);
    if (x == null) {
      return null;
    }
    for (int i : used) {
      if (dot(minus(x, centre[i]), direction[i]) <= 0) {
        return null;
      }
    }
    return x;
  }

  private static double[] minus(double[] a, double[] b) {
    return new double[] {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
  }

  private static double[] cross(double[] a, double[] b) {
    return new double[] {
      a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]
    };
  }

  private static double dot(double[] a, double[] b) {
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
  }

  private static double norm(double[] a) {
    return Math.sqrt(dot(a, a));
  }

  private static double[] normalised(double[] a) {
    double n = norm(a);
    return new double[] {a[0] / n, a[1] / n, a[2] / n};
  }
}
