package io.headrecon.geometry.index;

import io.headrecon.geometry.PointCloud;

/**
 * An immutable, balanced 3-D kd-tree over points in millimetres, stored in flat primitive arrays
 * (points reordered so that every leaf is contiguous in memory). Queries go through a {@link
 * Query}, a small reusable object holding the scratch buffers; a tree may be shared by threads,
 * each with its own {@code Query}. Indices returned are those of the input array (point {@code i}
 * at {@code positionsMm[3i..3i+2]}).
 */
public final class KdTree3 {
  static final int LEAF_SIZE = 10;

  private final int size;
  final float[] pts; // x, y, z in tree order
  final int[] ids; // original index per tree-order slot
  final int[] slotOfIndex; // inverse of ids
  final int[] labels; // optional label per tree-order slot, or null
  // with labels: per node, the label of its first point, which all its points share unless mixed
  final int[] nodeLabel;
  final boolean[] mixed;
  // Nodes: internal nodes have dim 0..2, leaves dim -1. Children of node i are left[i], left[i]+1.
  final byte[] dim;
  final float[] split;
  final int[] left;
  final int[] lo;
  final int[] hi;

  private KdTree3(int size, float[] pts, int[] ids, int[] labels, NodeBuilder nodes) {
    this.size = size;
    this.pts = pts;
    this.ids = ids;
    this.slotOfIndex = new int[size];
    for (int s = 0; s < size; s++) {
      slotOfIndex[ids[s]] = s;
    }
    this.labels = labels;
    this.dim = java.util.Arrays.copyOf(nodes.dim, nodes.count);
    this.split = java.util.Arrays.copyOf(nodes.split, nodes.count);
    this.left = java.util.Arrays.copyOf(nodes.left, nodes.count);
    this.lo = java.util.Arrays.copyOf(nodes.lo, nodes.count);
    this.hi = java.util.Arrays.copyOf(nodes.hi, nodes.count);
    if (labels != null && size > 0) {
      this.nodeLabel = new int[nodes.count];
      this.mixed = new boolean[nodes.count];
      summarizeLabels(0);
    } else {
      this.nodeLabel = null;
      this.mixed = null;
    }
  }

  /**
   * Fills {@link #nodeLabel} and {@link #mixed} for node {@code n} and its subtree: a query that
   * skips one label then skips whole subtrees of only that label.
   */
  private void summarizeLabels(int n) {
    if (dim[n] < 0) {
      int first = labels[lo[n]];
      boolean m = false;
      for (int s = lo[n] + 1; s < hi[n]; s++) {
        m |= labels[s] != first;
      }
      nodeLabel[n] = first;
      mixed[n] = m;
      return;
    }
    int l = left[n];
    summarizeLabels(l);
    summarizeLabels(l + 1);
    nodeLabel[n] = nodeLabel[l];
    mixed[n] = mixed[l] || mixed[l + 1] || nodeLabel[l] != nodeLabel[l + 1];
  }

  /** A tree over the positions of {@code cloud}, millimetres. */
  public static KdTree3 of(PointCloud cloud) {
    return of(cloud.positionsMm(), null);
  }

  /** A tree over {@code positionsMm} (x, y, z per point, millimetres; the array is not kept). */
  public static KdTree3 of(float[] positionsMm) {
    return of(positionsMm, null);
  }

  /**
   * A tree over {@code positionsMm} with an integer label per point (e.g. the view a point came
   * from), usable by {@link Query#nearestWithOtherLabel}. {@code labels} may be null.
   */
  public static KdTree3 of(float[] positionsMm, int[] labels) {
    if (positionsMm.length % 3 != 0) {
      throw new IllegalArgumentException("positions length must be a multiple of 3");
    }
    int n = positionsMm.length / 3;
    if (labels != null && labels.length != n) {
      throw new IllegalArgumentException("need one label per point: " + labels.length + " != " + n);
    }
    for (float v : positionsMm) {
      if (!Float.isFinite(v)) {
        throw new IllegalArgumentException("positions must be finite; found " + v);
      }
    }
    // Build on a copy of the points that is reordered in place (points and their ids swapped
    // together), so that every pass over a node's range reads memory sequentially.
    float[] pts = positionsMm.clone();
    int[] ids = new int[n];
    for (int i = 0; i < n; i++) {
      ids[i] = i;
    }
    NodeBuilder nodes = new NodeBuilder(Math.max(1, 4 * n / LEAF_SIZE + 4));
    if (n > 0) {
      float[] box = {
        Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY,
        Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY
      };
      for (int b = 0; b < 3 * n; b += 3) {
        for (int a = 0; a < 3; a++) {
          box[a] = Math.min(box[a], pts[b + a]);
          box[3 + a] = Math.max(box[3 + a], pts[b + a]);
        }
      }
      int root = nodes.add(0, n);
      buildInto(pts, ids, 0, n, nodes, root, box);
    }
    int[] lab = null;
    if (labels != null) {
      lab = new int[n];
      for (int k = 0; k < n; k++) {
        lab[k] = labels[ids[k]];
      }
    }
    return new KdTree3(n, pts, ids, lab, nodes);
  }

  /** Number of points. */
  public int size() {
    return size;
  }

  /** The input indices in the tree's storage order (spatially coherent); a copy. */
  public int[] treeOrder() {
    return ids.clone();
  }

  /** A fresh query object (not thread-safe; use one per thread). */
  public Query newQuery() {
    return new Query(this);
  }

  /** Convenience: index of the nearest point within {@code maxDistanceMm}, or -1. */
  public int nearest(double x, double y, double z, double maxDistanceMm) {
    return newQuery().nearest(x, y, z, maxDistanceMm);
  }

  /**
   * Builds node {@code n} over points {@code from..to-1} of {@code p} (tree order, in place), split
   * at the median along the longest side of {@code box} (min x, y, z, max x, y, z: the cell, which
   * bounds the points; updated in place and restored).
   */
  private static void buildInto(
      float[] p, int[] ids, int from, int to, NodeBuilder nodes, int n, float[] box) {
    nodes.lo[n] = from;
    nodes.hi[n] = to;
    if (to - from <= LEAF_SIZE) {
      nodes.dim[n] = -1;
      return;
    }
    float ex = box[3] - box[0], ey = box[4] - box[1], ez = box[5] - box[2];
    int d = ex >= ey && ex >= ez ? 0 : (ey >= ez ? 1 : 2);
    float[] cutOut = new float[1];
    int mid =
        to - from > APPROXIMATE_MEDIAN_ABOVE
            ? partitionNearMedian(p, ids, from, to, d, cutOut)
            : -1;
    float cut = cutOut[0];
    if (mid <= from || mid >= to) { // small, or too many equal coordinates: the exact median
      mid = (from + to) >>> 1;
      select(p, ids, from, to - 1, mid, d);
      cut = p[3 * mid + d];
    }
    nodes.dim[n] = (byte) d;
    nodes.split[n] = cut;
    int leftChild = nodes.reservePair();
    nodes.left[n] = leftChild;
    float max = box[3 + d];
    box[3 + d] = cut;
    buildInto(p, ids, from, mid, nodes, leftChild, box);
    box[3 + d] = max;
    float min = box[d];
    box[d] = cut;
    buildInto(p, ids, mid, to, nodes, leftChild + 1, box);
    box[d] = min;
  }

  /**
   * Nodes over more points than this are split near the median (one partition around the median of
   * a sample) instead of at the exact median (a quickselect, several passes): building is about
   * twice as fast and the answers are the same; the tree is a little less balanced.
   */
  private static final int APPROXIMATE_MEDIAN_ABOVE = 2048;

  /** Points of a node sampled for its approximate median. */
  private static final int MEDIAN_SAMPLE = 31;

  /**
   * Partitions points {@code from..to-1} around the median coordinate {@code d} of an even sample
   * of them, written to {@code cutOut[0]}; returns m such that points before m are at most that
   * value and points from m on at least it (m may be {@code from} or {@code to} when the
   * coordinates are degenerate).
   */
  private static int partitionNearMedian(
      float[] p, int[] ids, int from, int to, int d, float[] cutOut) {
    float[] sample = new float[MEDIAN_SAMPLE];
    for (int k = 0; k < MEDIAN_SAMPLE; k++) {
      sample[k] = p[3 * (from + (int) ((long) (to - from - 1) * k / (MEDIAN_SAMPLE - 1))) + d];
    }
    java.util.Arrays.sort(sample);
    float pivot = sample[MEDIAN_SAMPLE / 2];
    cutOut[0] = pivot;
    int i = from, j = to - 1;
    while (i <= j) {
      while (i < to && p[3 * i + d] < pivot) {
        i++;
      }
      while (j >= from && p[3 * j + d] > pivot) {
        j--;
      }
      if (i <= j) {
        swap(p, ids, i, j);
        i++;
        j--;
      }
    }
    // [from, j] <= pivot, [i, to) >= pivot, and any point between equals the pivot
    return i;
  }

  /** Quickselect: afterwards point k has the k-th smallest coordinate d among points l..r. */
  private static void select(float[] p, int[] ids, int l, int r, int k, int d) {
    while (r > l) {
      // median of three pivot
      int m = (l + r) >>> 1;
      float a = p[3 * l + d], b = p[3 * m + d], c = p[3 * r + d];
      float pivot = Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
      int i = l, j = r;
      while (i <= j) {
        while (p[3 * i + d] < pivot) {
          i++;
        }
        while (p[3 * j + d] > pivot) {
          j--;
        }
        if (i <= j) {
          swap(p, ids, i, j);
          i++;
          j--;
        }
      }
      if (k <= j) {
        r = j;
      } else if (k >= i) {
        l = i;
      } else {
        return;
      }
    }
  }

  private static void swap(float[] p, int[] ids, int i, int j) {
    int bi = 3 * i, bj = 3 * j;
    float t0 = p[bi], t1 = p[bi + 1], t2 = p[bi + 2];
    p[bi] = p[bj];
    p[bi + 1] = p[bj + 1];
    p[bi + 2] = p[bj + 2];
    p[bj] = t0;
    p[bj + 1] = t1;
    p[bj + 2] = t2;
    int t = ids[i];
    ids[i] = ids[j];
    ids[j] = t;
  }

  /** Growable node storage used while building. */
  private static final class NodeBuilder {
    byte[] dim;
    float[] split;
    int[] left;
    int[] lo;
    int[] hi;
    int count;

    NodeBuilder(int capacity) {
      dim = new byte[capacity];
      split = new float[capacity];
      left = new int[capacity];
      lo = new int[capacity];
      hi = new int[capacity];
    }

    int add(int from, int to) {
      ensure(count + 1);
      lo[count] = from;
      hi[count] = to;
      return count++;
    }

    int reservePair() {
      ensure(count + 2);
      int first = count;
      count += 2;
      return first;
    }

    private void ensure(int c) {
      if (c > dim.length) {
        int cap = Math.max(c, dim.length * 2);
        dim = java.util.Arrays.copyOf(dim, cap);
        split = java.util.Arrays.copyOf(split, cap);
        left = java.util.Arrays.copyOf(left, cap);
        lo = java.util.Arrays.copyOf(lo, cap);
        hi = java.util.Arrays.copyOf(hi, cap);
      }
    }
  }
}
