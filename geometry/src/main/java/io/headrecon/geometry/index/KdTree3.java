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
      int root = nodes.add(0, n);
      buildInto(pts, ids, 0, n, nodes, root);
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

  /** Builds node {@code n} over points {@code from..to-1} of {@code p} (tree order, in place). */
  private static void buildInto(float[] p, int[] ids, int from, int to, NodeBuilder nodes, int n) {
    nodes.lo[n] = from;
    nodes.hi[n] = to;
    if (to - from <= LEAF_SIZE) {
      nodes.dim[n] = -1;
      return;
    }
    float minX = Float.POSITIVE_INFINITY, minY = minX, minZ = minX;
    float maxX = Float.NEGATIVE_INFINITY, maxY = maxX, maxZ = maxX;
    for (int b = 3 * from, e = 3 * to; b < e; b += 3) {
      float x = p[b], y = p[b + 1], z = p[b + 2];
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y);
      minZ = Math.min(minZ, z);
      maxZ = Math.max(maxZ, z);
    }
    float ex = maxX - minX, ey = maxY - minY, ez = maxZ - minZ;
    int d = ex >= ey && ex >= ez ? 0 : (ey >= ez ? 1 : 2);
    int mid = (from + to) >>> 1;
    select(p, ids, from, to - 1, mid, d);
    nodes.dim[n] = (byte) d;
    nodes.split[n] = p[3 * mid + d];
    int leftChild = nodes.reservePair();
    nodes.left[n] = leftChild;
    buildInto(p, ids, from, mid, nodes, leftChild);
    buildInto(p, ids, mid, to, nodes, leftChild + 1);
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
