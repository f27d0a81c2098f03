package io.headrecon.geometry.surface;

/**
 * The marching-cubes case table, derived at class load from the cube's geometry rather than typed
 * in. Corner {@code c} of a cube sits at offset ({@code c & 1}, {@code (c >> 1) & 1}, {@code (c >>
 * 2) & 1}) voxels; a case is the bit set of corners inside the surface (negative distance). On each
 * cube face the sign changes are joined by segments, with the outside region on their left seen
 * from outside the cube; a face with four sign changes (the ambiguous case) always separates its
 * two inside corners. Both cubes sharing a face therefore cut it identically, so the surface has no
 * cracks. The segments chain into closed loops, each fanned into triangles counter-clockwise seen
 * from outside (from positive distance), from a start corner whose fan diagonals do not lie on a
 * cube face (so that a diagonal never coincides with a neighbouring cube's edge).
 */
final class MarchingCubesTable {
  /** Cube edge {@code e} runs from corner {@code EDGE_CORNERS[e][0]} along axis EDGE_AXIS[e]. */
  static final int[][] EDGE_CORNERS = new int[12][2];

  /** Axis (0 = x, 1 = y, 2 = z) of each cube edge. */
  static final int[] EDGE_AXIS = new int[12];

  /** Per case: cube edges of the triangles, three per triangle. */
  static final int[][] TRIANGLES = new int[256][];

  static {
    int e = 0;
    for (int axis = 0; axis < 3; axis++) {
      for (int c = 0; c < 8; c++) {
        if ((c & (1 << axis)) == 0) {
          EDGE_CORNERS[e][0] = c;
          EDGE_CORNERS[e][1] = c | (1 << axis);
          EDGE_AXIS[e] = axis;
          e++;
        }
      }
    }
    for (int config = 0; config < 256; config++) {
      TRIANGLES[config] = triangulate(config);
    }
  }

  private MarchingCubesTable() {}

  private static int edgeBetween(int a, int b) {
    for (int e = 0; e < 12; e++) {
      if ((EDGE_CORNERS[e][0] == a && EDGE_CORNERS[e][1] == b)
          || (EDGE_CORNERS[e][0] == b && EDGE_CORNERS[e][1] == a)) {
        return e;
      }
    }
    throw new IllegalStateException("corners " + a + ", " + b + " share no edge");
  }

  private static double coordinate(int corner, int axis) {
    return (corner >> axis) & 1;
  }

  private static double midpoint(int edge, int axis) {
    return 0.5
        * (coordinate(EDGE_CORNERS[edge][0], axis) + coordinate(EDGE_CORNERS[edge][1], axis));
  }

  /** The face (axis, side) that both edges lie on, as {@code 2 × axis + side}, or -1. */
  private static int commonFace(int e1, int e2) {
    for (int axis = 0; axis < 3; axis++) {
      for (int side = 0; side < 2; side++) {
        if (onFace(e1, axis, side) && onFace(e2, axis, side)) {
          return 2 * axis + side;
        }
      }
    }
    return -1;
  }

  private static boolean onFace(int edge, int axis, int side) {
    return ((EDGE_CORNERS[edge][0] >> axis) & 1) == side
        && ((EDGE_CORNERS[edge][1] >> axis) & 1) == side;
  }

  private static int[] triangulate(int config) {
    int[] next = new int[12];
    java.util.Arrays.fill(next, -1);
    for (int axis = 0; axis < 3; axis++) {
      int a1 = (axis + 1) % 3;
      int a2 = (axis + 2) % 3;
      for (int side = 0; side < 2; side++) {
        // face corners in cyclic order
        int base = side << axis;
        int[] q = {base, base | (1 << a1), base | (1 << a1) | (1 << a2), base | (1 << a2)};
        int[] faceEdge = new int[4];
        boolean[] crossing = new boolean[4];
        int crossings = 0;
        for (int m = 0; m < 4; m++) {
          faceEdge[m] = edgeBetween(q[m], q[(m + 1) % 4]);
          crossing[m] = inside(config, q[m]) != inside(config, q[(m + 1) % 4]);
          crossings += crossing[m] ? 1 : 0;
        }
        if (crossings == 2) {
          int first = -1, second = -1;
          for (int m = 0; m < 4; m++) {
            if (crossing[m]) {
              if (first < 0) {
                first = faceEdge[m];
              } else {
                second = faceEdge[m];
              }
            }
          }
          addSegment(config, axis, side, first, second, next);
        } else if (crossings == 4) {
          for (int m = 0; m < 4; m++) {
            if (inside(config, q[m])) { // cut off each inside corner
              addSegment(config, axis, side, faceEdge[(m + 3) % 4], faceEdge[m], next);
            }
          }
        }
      }
    }
    int[] out = new int[36];
    int count = 0;
    boolean[] visited = new boolean[12];
    for (int start = 0; start < 12; start++) {
      if (next[start] < 0 || visited[start]) {
        continue;
      }
      int[] loop = new int[12];
      int k = 0;
      for (int e = start; !visited[e]; e = next[e]) {
        visited[e] = true;
        loop[k++] = e;
      }
      int fanStart = 0;
      for (int s = 0; s < k; s++) {
        boolean ok = true;
        for (int j = 2; j <= k - 2; j++) {
          ok &= commonFace(loop[s], loop[(s + j) % k]) < 0;
        }
        if (ok) {
          fanStart = s;
          break;
        }
      }
      for (int j = 1; j + 1 < k; j++) {
        out[count++] = loop[fanStart];
        out[count++] = loop[(fanStart + j) % k];
        out[count++] = loop[(fanStart + j + 1) % k];
      }
    }
    return java.util.Arrays.copyOf(out, count);
  }

  private static boolean inside(int config, int corner) {
    return (config & (1 << corner)) != 0;
  }

  /**
   * Records the segment between the sign changes on edges {@code e1} and {@code e2} of face (axis,
   * side), directed so that the face normal × direction points to the outside corner of {@code e1}.
   */
  private static void addSegment(int config, int axis, int side, int e1, int e2, int[] next) {
    double[] n = new double[3];
    n[axis] = side == 1 ? 1 : -1;
    double[] p = new double[3];
    double[] d = new double[3];
    double[] toOutside = new double[3];
    int outsideCorner =
        inside(config, EDGE_CORNERS[e1][0]) ? EDGE_CORNERS[e1][1] : EDGE_CORNERS[e1][0];
    for (int a = 0; a < 3; a++) {
      p[a] = midpoint(e1, a);
      d[a] = midpoint(e2, a) - p[a];
      toOutside[a] = coordinate(outsideCorner, a) - p[a];
    }
    double cx = n[1] * d[2] - n[2] * d[1];
    double cy = n[2] * d[0] - n[0] * d[2];
    double cz = n[0] * d[1] - n[1] * d[0];
    boolean forward = cx * toOutside[0] + cy * toOutside[1] + cz * toOutside[2] > 0;
    int from = forward ? e1 : e2;
    int to = forward ? e2 : e1;
    if (next[from] >= 0) {
      throw new IllegalStateException("case " + config + ": edge " + from + " leaves twice");
    }
    next[from] = to;
  }
}
