package io.headrecon.geometry.registration;

import io.headrecon.geometry.SimilarityTransform;

/** Closed-form least-squares similarity (or rigid) transform between corresponding points. */
public final class Umeyama {
  private Umeyama() {}

  /**
   * The transform {@code T} minimising {@code Σ |dst_i - T(src_i)|²} over the listed pairs.
   *
   * @param srcMm x, y, z per source point, millimetres
   * @param dstMm x, y, z per destination point, millimetres (same count)
   * @param indices the pair indices to use, or null for all
   * @param withScale estimate a uniform scale (else 1)
   */
  public static SimilarityTransform estimate(
      double[] srcMm, double[] dstMm, int[] indices, boolean withScale) {
    if (srcMm.length != dstMm.length || srcMm.length % 3 != 0) {
      throw new IllegalArgumentException(
          "source and destination need equal multiples of 3 coordinates: "
              + srcMm.length
              + " vs "
              + dstMm.length);
    }
    CrossCovariance acc = new CrossCovariance();
    int n = indices == null ? srcMm.length / 3 : indices.length;
    for (int k = 0; k < n; k++) {
      int i = indices == null ? k : indices[k];
      acc.add(
          srcMm[3 * i],
          srcMm[3 * i + 1],
          srcMm[3 * i + 2],
          dstMm[3 * i],
          dstMm[3 * i + 1],
          dstMm[3 * i + 2],
          1);
    }
    return acc.solve(withScale);
  }
}
