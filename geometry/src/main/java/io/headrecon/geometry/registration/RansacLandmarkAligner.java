package io.headrecon.geometry.registration;

import io.headrecon.geometry.Landmarks3d;
import io.headrecon.geometry.SimilarityTransform;
import java.util.Optional;
import java.util.Random;

/**
 * Aligns two sets of corresponding 3-D landmarks robustly: RANSAC over minimal 3-landmark samples
 * with {@link Umeyama}, then a least-squares refit on the largest consensus set. Uses only
 * landmarks visible in both sets. Deterministic for a given seed.
 *
 * @param iterations RANSAC samples to draw
 * @param inlierThresholdMm a landmark is an inlier when its residual is below this (mm)
 * @param minInliers fewest inliers (≥ 3) for an alignment to count as found
 * @param withScale estimate a uniform scale (else rigid)
 * @param seed random seed
 */
public record RansacLandmarkAligner(
    int iterations, double inlierThresholdMm, int minInliers, boolean withScale, long seed) {

  public RansacLandmarkAligner {
    if (iterations < 1 || minInliers < 3 || !(inlierThresholdMm > 0)) {
      throw new IllegalArgumentException(
          "need iterations >= 1, minInliers >= 3, inlierThresholdMm > 0; got "
              + iterations
              + ", "
              + minInliers
              + ", "
              + inlierThresholdMm);
    }
  }

  /** 500 iterations, 10 mm threshold, 4 inliers, rigid, seed 1. */
  public static RansacLandmarkAligner rigidDefaults() {
    return new RansacLandmarkAligner(500, 10, 4, false, 1);
  }

  /**
   * The transform taking {@code source} landmarks onto {@code target} landmarks (same indexing), or
   * empty when fewer than {@code minInliers} landmarks agree.
   */
  public Optional<LandmarkAlignment> align(Landmarks3d source, Landmarks3d target) {
    if (source.size() != target.size()) {
      throw new IllegalArgumentException(
          "landmark sets differ in size: " + source.size() + " vs " + target.size());
    }
    int n = source.size();
    int[] common = new int[n];
    int m = 0;
    for (int i = 0; i < n; i++) {
      if (source.isVisible(i) && target.isVisible(i)) {
        common[m++] = i;
      }
    }
    if (m < Math.max(3, minInliers)) {
      return Optional.empty();
    }
    double[] src = new double[3 * m];
    double[] dst = new double[3 * m];
    for (int k = 0; k < m; k++) {
      for (int a = 0; a < 3; a++) {
        src[3 * k + a] = source.coordinateMm(common[k], a);
        dst[3 * k + a] = target.coordinateMm(common[k], a);
      }
    }
    Random random = new Random(seed);
    double thr2 = inlierThresholdMm * inlierThresholdMm;
    int[] best = new int[0];
    double bestCost = Double.POSITIVE_INFINITY;
    int[] sample = new int[3];
    for (int it = 0; it < iterations; it++) {
      sample[0] = random.nextInt(m);
      do {
        sample[1] = random.nextInt(m);
      } while (sample[1] == sample[0]);
      do {
        sample[2] = random.nextInt(m);
      } while (sample[2] == sample[0] || sample[2] == sample[1]);
      if (nearlyCollinear(src, sample)) {
        continue;
      }
      SimilarityTransform t;
      try {
        t = Umeyama.estimate(src, dst, sample, withScale);
      } catch (IllegalStateException degenerate) {
        continue;
      }
      int[] inliers = inliers(t, src, dst, m, thr2);
      double cost = truncatedCost(t, src, dst, m, thr2);
      if (inliers.length > best.length || (inliers.length == best.length && cost < bestCost)) {
        best = inliers;
        bestCost = cost;
      }
    }
    if (best.length < minInliers) {
      return Optional.empty();
    }
    // refit on the consensus set, then once more on its inliers
    SimilarityTransform t = Umeyama.estimate(src, dst, best, withScale);
    int[] refined = inliers(t, src, dst, m, thr2);
    if (refined.length >= minInliers) {
      t = Umeyama.estimate(src, dst, refined, withScale);
      best = inliers(t, src, dst, m, thr2);
      if (best.length < minInliers) {
        return Optional.empty();
      }
    }
    double ss = 0;
    int[] landmarkIndices = new int[best.length];
    for (int k = 0; k < best.length; k++) {
      ss += residual2(t, src, dst, best[k]);
      landmarkIndices[k] = common[best[k]];
    }
    return Optional.of(new LandmarkAlignment(t, landmarkIndices, m, Math.sqrt(ss / best.length)));
  }

  private static int[] inliers(
      SimilarityTransform t, double[] src, double[] dst, int m, double thr2) {
    int[] tmp = new int[m];
    int c = 0;
    for (int k = 0; k < m; k++) {
      if (residual2(t, src, dst, k) < thr2) {
        tmp[c++] = k;
      }
    }
    return java.util.Arrays.copyOf(tmp, c);
  }

  /** MSAC cost: squared residuals truncated at the threshold, to break ties between samples. */
  private static double truncatedCost(
      SimilarityTransform t, double[] src, double[] dst, int m, double thr2) {
    double cost = 0;
    for (int k = 0; k < m; k++) {
      cost += Math.min(thr2, residual2(t, src, dst, k));
    }
    return cost;
  }

  private static double residual2(SimilarityTransform t, double[] src, double[] dst, int k) {
    double[] out = new double[3];
    t.apply(src[3 * k], src[3 * k + 1], src[3 * k + 2], out);
    double dx = out[0] - dst[3 * k], dy = out[1] - dst[3 * k + 1], dz = out[2] - dst[3 * k + 2];
    return dx * dx + dy * dy + dz * dz;
  }

  private static boolean nearlyCollinear(double[] p, int[] s) {
    double ax = p[3 * s[1]] - p[3 * s[0]], ay = p[3 * s[1] + 1] - p[3 * s[0] + 1];
    double az = p[3 * s[1] + 2] - p[3 * s[0] + 2];
    double bx = p[3 * s[2]] - p[3 * s[0]], by = p[3 * s[2] + 1] - p[3 * s[0] + 1];
    double bz = p[3 * s[2] + 2] - p[3 * s[0] + 2];
    double cx = ay * bz - az * by, cy = az * bx - ax * bz, cz = ax * by - ay * bx;
    double cross2 = cx * cx + cy * cy + cz * cz;
    double a2 = ax * ax + ay * ay + az * az, b2 = bx * bx + by * by + bz * bz;
    // sin² of the angle at the first point below sin²(5°)
    return cross2 <= 0.0076 * a2 * b2;
  }
}
