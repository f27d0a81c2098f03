package io.headrecon.geometry.registration.icp;

/**
 * A reusable buffer of source-to-target point pairs found in one ICP iteration: source index,
 * target index and squared Euclidean distance (mm²). Mutable scratch space; not a value type.
 */
public final class Correspondences {
  int[] source = new int[0];
  int[] target = new int[0];
  float[] distance2 = new float[0];
  int count;

  void ensureCapacity(int n) {
    if (source.length < n) {
      source = new int[n];
      target = new int[n];
      distance2 = new float[n];
    }
  }

  /** Number of pairs. */
  public int count() {
    return count;
  }

  public int sourceIndex(int k) {
    return source[k];
  }

  public int targetIndex(int k) {
    return target[k];
  }

  /** Squared distance of pair {@code k}, mm². */
  public float distanceSquaredMm2(int k) {
    return distance2[k];
  }

  /** Root mean square Euclidean distance over the pairs, mm (0 when empty). */
  public double rmseMm() {
    if (count == 0) {
      return 0;
    }
    double s = 0;
    for (int k = 0; k < count; k++) {
      s += distance2[k];
    }
    return Math.sqrt(s / count);
  }
}
