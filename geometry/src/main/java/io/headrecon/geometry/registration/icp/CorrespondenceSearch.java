package io.headrecon.geometry.registration.icp;

import io.headrecon.geometry.index.Query;

/**
 * Finds, for each source point (already moved into the target frame), its nearest target point
 * closer than a maximum distance. Keeps the previous answer per source point as a search hint,
 * which makes later iterations (where correspondences barely move) several times faster without
 * changing the answers. Target points whose label the target excludes ({@link IcpTarget#excluding})
 * are never matched. One instance per source cloud and thread.
 */
public final class CorrespondenceSearch {
  private final Query query;
  private final int excludedLabel; // IcpTarget.NO_LABEL: none
  private final int[] hints;
  private final int[] visitOrder; // source indices in a spatially coherent order, or null

  /** A search against {@code target} for a source cloud of {@code sourceSize} points. */
  public CorrespondenceSearch(IcpTarget target, int sourceSize) {
    this.query = target.tree().newQuery();
    this.excludedLabel = target.excludedLabel();
    this.hints = new int[sourceSize];
    this.visitOrder = null;
    java.util.Arrays.fill(hints, -1);
  }

  /**
   * A search for {@code source}: its points are queried in kd-tree order of the source, so that
   * consecutive queries touch the same part of the target tree (cache-friendly); the pairs found
   * are the same.
   */
  public CorrespondenceSearch(IcpTarget target, io.headrecon.geometry.PointCloud source) {
    this(target, IcpSource.of(source));
  }

  /** A search for a prepared source (its visiting order computed once, see {@link IcpSource}). */
  public CorrespondenceSearch(IcpTarget target, IcpSource source) {
    this.query = target.tree().newQuery();
    this.excludedLabel = target.excludedLabel();
    this.hints = new int[source.size()];
    java.util.Arrays.fill(hints, -1);
    this.visitOrder = source.visitOrder();
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
    for (int k = 0; k < n; k++) {
      int i = visitOrder == null ? k : visitOrder[k];
      float x = sourceInTargetMm[3 * i];
      float y = sourceInTargetMm[3 * i + 1];
      float z = sourceInTargetMm[3 * i + 2];
      int j =
          excludedLabel == IcpTarget.NO_LABEL
              ? query.nearestWithHint(x, y, z, maxDistanceMm, hints[i])
              : query.nearestWithOtherLabel(x, y, z, maxDistanceMm, excludedLabel, hints[i]);
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
