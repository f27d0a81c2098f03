package io.headrecon.geometry.index;

import java.util.Arrays;

/**
 * Reusable scratch state for queries on one {@link KdTree3}: nearest neighbour (optionally bounded
 * by a maximum distance, seeded by a hint, or restricted to points of another label), k nearest
 * neighbours and radius search. Distances in millimetres. Not thread-safe: one per thread.
 */
public final class Query {
  private final KdTree3 tree;
  private final float[] pts;
  private final byte[] dim;
  private final float[] split;
  private final int[] left;
  private final int[] lo;
  private final int[] hi;

  // single-nearest state
  private float qx;
  private float qy;
  private float qz;
  private float bestD2;
  private int bestSlot;
  private int excludeLabel;

  // k-NN state: max-heap on distance
  private int k;
  private int heapSize;
  private float[] heapD2 = new float[16];
  private int[] heapSlot = new int[16];

  // radius state
  private int[] found = new int[64];
  private float[] foundD2 = new float[64];
  private int foundCount;

  Query(KdTree3 tree) {
    this.tree = tree;
    this.pts = tree.pts;
    this.dim = tree.dim;
    this.split = tree.split;
    this.left = tree.left;
    this.lo = tree.lo;
    this.hi = tree.hi;
  }

  /**
   * Index of the nearest point to (x, y, z) mm at distance below {@code maxDistanceMm}, or -1 if
   * there is none. {@link #lastDistanceSquaredMm2()} gives its squared distance.
   */
  public int nearest(double x, double y, double z, double maxDistanceMm) {
    return nearestWithHint(x, y, z, maxDistanceMm, -1);
  }

  /**
   * As {@link #nearest}, seeded with the point {@code hintIndex} (e.g. the previous ICP
   * correspondence; -1 for none): its distance bounds the search from the start, which prunes most
   * of the tree when the hint is close. The answer is the same as without a hint.
   */
  public int nearestWithHint(double x, double y, double z, double maxDistanceMm, int hintIndex) {
    qx = (float) x;
    qy = (float) y;
    qz = (float) z;
    bestD2 = (float) (maxDistanceMm * maxDistanceMm);
    bestSlot = -1;
    if (tree.size() == 0) {
      return -1;
    }
    if (hintIndex >= 0) {
      float d2 = distance2ToOriginal(hintIndex);
      if (d2 < bestD2) {
        bestD2 = d2;
        bestSlot = slotOf(hintIndex);
      }
    }
    off[0] = off[1] = off[2] = 0;
    nearestRec(0, 0);
    return bestSlot < 0 ? -1 : tree.ids[bestSlot];
  }

  /**
   * Index of the nearest point whose label differs from {@code label} (labels given when the tree
   * was built), within {@code maxDistanceMm}, or -1.
   */
  public int nearestWithOtherLabel(double x, double y, double z, double maxDistanceMm, int label) {
    return nearestWithOtherLabel(x, y, z, maxDistanceMm, label, -1);
  }

  /**
   * As {@link #nearestWithOtherLabel(double, double, double, double, int)}, seeded with the point
   * {@code hintIndex} (-1 for none; ignored if it carries {@code label}) as in {@link
   * #nearestWithHint}. The answer is the same as without a hint.
   */
  public int nearestWithOtherLabel(
      double x, double y, double z, double maxDistanceMm, int label, int hintIndex) {
    if (tree.labels == null) {
      throw new IllegalStateException("tree was built without labels");
    }
    qx = (float) x;
    qy = (float) y;
    qz = (float) z;
    bestD2 = (float) (maxDistanceMm * maxDistanceMm);
    bestSlot = -1;
    excludeLabel = label;
    if (tree.size() == 0) {
      return -1;
    }
    if (hintIndex >= 0 && tree.labels[slotOf(hintIndex)] != label) {
      float d2 = distance2ToOriginal(hintIndex);
      if (d2 < bestD2) {
        bestD2 = d2;
        bestSlot = slotOf(hintIndex);
      }
    }
    off[0] = off[1] = off[2] = 0;
    nearestOtherRec(0, 0);
    return bestSlot < 0 ? -1 : tree.ids[bestSlot];
  }

  /** Squared distance (mm²) of the last single-nearest answer; meaningless if it was -1. */
  public float lastDistanceSquaredMm2() {
    return bestD2;
  }

  /**
   * The up to {@code k} nearest points to (x, y, z), nearest first: writes their indices into
   * {@code outIndices} and squared distances (mm²) into {@code outD2} (either may be longer than
   * needed; {@code outD2} may be null) and returns how many were found (less than k only if the
   * tree is smaller or {@code maxDistanceMm} excludes points).
   */
  public int knn(
      double x, double y, double z, int k, double maxDistanceMm, int[] outIndices, float[] outD2) {
    if (k <= 0) {
      return 0;
    }
    qx = (float) x;
    qy = (float) y;
    qz = (float) z;
    this.k = k;
    if (heapD2.length < k) {
      heapD2 = new float[k];
      heapSlot = new int[k];
    }
    heapSize = 0;
    bestD2 = (float) (maxDistanceMm * maxDistanceMm); // acts as the bound until the heap is full
    if (tree.size() > 0) {
      knnRec(0);
    }
    // heap-sort ascending
    int n = heapSize;
    for (int end = n - 1; end > 0; end--) {
      swap(0, end);
      siftDown(0, end);
    }
    for (int i = 0; i < n; i++) {
      outIndices[i] = tree.ids[heapSlot[i]];
      if (outD2 != null) {
        outD2[i] = heapD2[i];
      }
    }
    return n;
  }

  /**
   * All points within {@code radiusMm} of (x, y, z) (not sorted). Returns the count; read them with
   * {@link #radiusIndex(int)} and {@link #radiusDistanceSquaredMm2(int)} until the next query.
   */
  public int radius(double x, double y, double z, double radiusMm) {
    qx = (float) x;
    qy = (float) y;
    qz = (float) z;
    bestD2 = (float) (radiusMm * radiusMm);
    foundCount = 0;
    if (tree.size() > 0) {
      radiusRec(0);
    }
    return foundCount;
  }

  /** The {@code i}-th index found by the last {@link #radius} call. */
  public int radiusIndex(int i) {
    return tree.ids[found[i]];
  }

  /** The squared distance (mm²) of the {@code i}-th point found by the last {@link #radius}. */
  public float radiusDistanceSquaredMm2(int i) {
    return foundD2[i];
  }

  private int slotOf(int originalIndex) {
    return tree.slotOfIndex[originalIndex];
  }

  private float distance2ToOriginal(int originalIndex) {
    int s = 3 * slotOf(originalIndex);
    float dx = pts[s] - qx, dy = pts[s + 1] - qy, dz = pts[s + 2] - qz;
    return dx * dx + dy * dy + dz * dz;
  }

  // per-axis squared offsets from the query to the current cell (Arya & Mount incremental
  // distance): the cell distance bounds pruning much tighter than the split-plane distance alone
  private final float[] off = new float[3];

  private void nearestRec(int node, float cellD2) {
    int d = dim[node];
    if (d < 0) {
      float best = bestD2;
      int bs = bestSlot;
      for (int s = lo[node], e = hi[node], b = 3 * s; s < e; s++, b += 3) {
        float dx = pts[b] - qx, dy = pts[b + 1] - qy, dz = pts[b + 2] - qz;
        float d2 = dx * dx + dy * dy + dz * dz;
        if (d2 < best) {
          best = d2;
          bs = s;
        }
      }
      bestD2 = best;
      bestSlot = bs;
      return;
    }
    float diff = (d == 0 ? qx : d == 1 ? qy : qz) - split[node];
    int l = left[node];
    nearestRec(diff < 0 ? l : l + 1, cellD2);
    float old = off[d];
    float cut = diff * diff;
    float farD2 = cellD2 - old + cut;
    if (farD2 < bestD2) {
      off[d] = cut;
      nearestRec(diff < 0 ? l + 1 : l, farD2);
      off[d] = old;
    }
  }

  private void nearestOtherRec(int node, float cellD2) {
    if (!tree.mixed[node] && tree.nodeLabel[node] == excludeLabel) {
      return; // every point below carries the excluded label
    }
    int d = dim[node];
    if (d < 0) {
      int[] labels = tree.labels;
      for (int s = lo[node], e = hi[node], b = 3 * s; s < e; s++, b += 3) {
        float dx = pts[b] - qx, dy = pts[b + 1] - qy, dz = pts[b + 2] - qz;
        float d2 = dx * dx + dy * dy + dz * dz;
        if (d2 < bestD2 && labels[s] != excludeLabel) {
          bestD2 = d2;
          bestSlot = s;
        }
      }
      return;
    }
    float diff = (d == 0 ? qx : d == 1 ? qy : qz) - split[node];
    int l = left[node];
    nearestOtherRec(diff < 0 ? l : l + 1, cellD2);
    float old = off[d];
    float cut = diff * diff;
    float farD2 = cellD2 - old + cut;
    if (farD2 < bestD2) {
      off[d] = cut;
      nearestOtherRec(diff < 0 ? l + 1 : l, farD2);
      off[d] = old;
    }
  }

  private void knnRec(int node) {
    int d = dim[node];
    if (d < 0) {
      for (int s = lo[node], e = hi[node], b = 3 * s; s < e; s++, b += 3) {
        float dx = pts[b] - qx, dy = pts[b + 1] - qy, dz = pts[b + 2] - qz;
        float d2 = dx * dx + dy * dy + dz * dz;
        if (d2 < bestD2) {
          offer(s, d2);
        }
      }
      return;
    }
    float diff = (d == 0 ? qx : d == 1 ? qy : qz) - split[node];
    int l = left[node];
    knnRec(diff < 0 ? l : l + 1);
    if (diff * diff < bestD2) {
      knnRec(diff < 0 ? l + 1 : l);
    }
  }

  private void offer(int slot, float d2) {
    if (heapSize < k) {
      int i = heapSize++;
      heapD2[i] = d2;
      heapSlot[i] = slot;
      while (i > 0) {
        int parent = (i - 1) >>> 1;
        if (heapD2[parent] >= heapD2[i]) {
          break;
        }
        swap(parent, i);
        i = parent;
      }
      if (heapSize == k) {
        bestD2 = heapD2[0];
      }
    } else {
      heapD2[0] = d2;
      heapSlot[0] = slot;
      siftDown(0, heapSize);
      bestD2 = heapD2[0];
    }
  }

  private void siftDown(int i, int n) {
    while (true) {
      int c = 2 * i + 1;
      if (c >= n) {
        return;
      }
      if (c + 1 < n && heapD2[c + 1] > heapD2[c]) {
        c++;
      }
      if (heapD2[i] >= heapD2[c]) {
        return;
      }
      swap(i, c);
      i = c;
    }
  }

  private void swap(int a, int b) {
    float td = heapD2[a];
    heapD2[a] = heapD2[b];
    heapD2[b] = td;
    int ts = heapSlot[a];
    heapSlot[a] = heapSlot[b];
    heapSlot[b] = ts;
  }

  private void radiusRec(int node) {
    int d = dim[node];
    if (d < 0) {
      for (int s = lo[node], e = hi[node], b = 3 * s; s < e; s++, b += 3) {
        float dx = pts[b] - qx, dy = pts[b + 1] - qy, dz = pts[b + 2] - qz;
        float d2 = dx * dx + dy * dy + dz * dz;
        if (d2 <= bestD2) {
          if (foundCount == found.length) {
            found = Arrays.copyOf(found, 2 * foundCount);
            foundD2 = Arrays.copyOf(foundD2, 2 * foundCount);
          }
          found[foundCount] = s;
          foundD2[foundCount++] = d2;
        }
      }
      return;
    }
    float diff = (d == 0 ? qx : d == 1 ? qy : qz) - split[node];
    int l = left[node];
    radiusRec(diff < 0 ? l : l + 1);
    if (diff * diff <= bestD2) {
      radiusRec(diff < 0 ? l + 1 : l);
    }
  }
}
