package io.headrecon.geometry.registration.icp;

import io.headrecon.geometry.index.Query;

/**
 * Finds, for each source point (already moved into the target frame), its nearest target point
 * closer than a maximum distance. Keeps the previous answer per source point as a search hint,
 * which makes later iterations (where correspondences barely move) several times faster without
 * changing the answers. One instance per source cloud and thread.
 */
public final class CorrespondenceSearch {
  private final Query query;
  private final int[] hints;

  /** A search against {@code target} for a source cloud of {@code sourceSize} points. */
  public CorrespondenceSearch(IcpTarget target, int sourceSize) {
    this.query = target.tree().newQuery();
    this.hints = new int[sourceSize];
    java.util.Arrays.fill(hints, -1);
  }

  /**
   * Fills {@code out} with the pairs whose distance is below {@code maxDistanceMm}.
   *
   * @param sourceInTargetMm x, y, z per source point in the target frame, millimetres
   */
  public void find(float[] sourceInTargetMm, double maxDistanceMm, Correspondences out) {
    int n = sourceInTargetMm.length / 3;
    if (n != hints.length) {
      throw new IllegalArgumentException(
          "search was made for " + hints.length + " source points, got " + n);
    }
    out.ensureCapacity(n);
    int c = 0;
    for (int i = 0; i < n; i++) {
      int j =
          query.nearestWithHint(
              sourceInTargetMm[3 * i],
              sourceInTargetMm[3 * i + 1],
              sourceInTargetMm[3 * i + 2],
              maxDistanceMm,
              hints[i]);
      if (j >= 0) {
        hints[i] = j;
        out.source[c] = i;
        out.target[c] = j;
        out.distance2[c] = query.lastDistanceSquaredMm2();
        c++;
      }
    }
    out.count = c;
  }
}
