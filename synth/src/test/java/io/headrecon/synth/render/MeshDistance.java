package io.headrecon.synth.render;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Test helper: distance from a point to a triangle mesh (millimetres), using a uniform grid of the
 * triangles' bounding boxes and exact point-to-triangle distances within a search radius.
 */
final class MeshDistance {
  private final float[] v;
  private final int[] tris;
  private final double cellMm;
  private final Map<Long, List<Integer>> grid = new HashMap<>();

  MeshDistance(float[] verticesMm, int[] triangles, double cellMm) {
    this.v = verticesMm;
    this.tris = triangles;
    this.cellMm = cellMm;
    for (int t = 0; t < triangles.length / 3; t++) {
      double[] min = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
      double[] max = {-Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
      for (int c = 0; c < 3; c++) {
        int i = 3 * triangles[3 * t + c];
        for (int k = 0; k < 3; k++) {
          min[k] = Math.min(min[k], v[i + k]);
          max[k] = Math.max(max[k], v[i + k]);
        }
      }
      for (long x = cell(min[0]); x <= cell(max[0]); x++) {
        for (long y = cell(min[1]); y <= cell(max[1]); y++) {
          for (long z = cell(min[2]); z <= cell(max[2]); z++) {
            grid.computeIfAbsent(key(x, y, z), k -> new ArrayList<>()).add(t);
          }
        }
      }
    }
  }

  /** Distance from p to the mesh, or {@code radiusMm} when nothing is within that radius. */
  double distanceMm(double[] p, double radiusMm) {
    double best = radiusMm;
    for (long x = cell(p[0] - radiusMm); x <= cell(p[0] + radiusMm); x++) {
      for (long y = cell(p[1] - radiusMm); y <= cell(p[1] + radiusMm); y++) {
        for (long z = cell(p[2] - radiusMm); z <= cell(p[2] + radiusMm); z++) {
          List<Integer> list = grid.get(key(x, y, z));
          if (list == null) {
            continue;
          }
          for (int t : list) {
            best = Math.min(best, triangleDistance(p, t));
          }
        }
      }
    }
    return best;
  }

  private long cell(double c) {
    return (long) Math.floor(c / cellMm);
  }

  private static long key(long x, long y, long z) {
    return (x & 0x1fffff) << 42 | (y & 0x1fffff) << 21 | (z & 0x1fffff);
  }

  /** Ericson, Real-Time Collision Detection, 5.1.5: closest point on a triangle. */
  private double triangleDistance(double[] p, int t) {
    double[] a = vertex(tris[3 * t]);
    double[] b = vertex(tris[3 * t + 1]);
    double[] c = vertex(tris[3 * t + 2]);
    double[] ab = sub(b, a);
    double[] ac = sub(c, a);
    double[] ap = sub(p, a);
    double d1 = dot(ab, ap);
    double d2 = dot(ac, ap);
    double[] q;
    if (d1 <= 0 && d2 <= 0) {
      q = a;
    } else {
      double[] bp = sub(p, b);
      double d3 = dot(ab, bp);
      double d4 = dot(ac, bp);
      double[] cp = sub(p, c);
      double d5 = dot(ab, cp);
      double d6 = dot(ac, cp);
      double vc = d1 * d4 - d3 * d2;
      double vb = d5 * d2 - d1 * d6;
      double va = d3 * d6 - d5 * d4;
      if (d3 >= 0 && d4 <= d3) {
        q = b;
      } else if (vc <= 0 && d1 >= 0 && d3 <= 0) {
        q = add(a, ab, d1 / (d1 - d3));
      } else if (d6 >= 0 && d5 <= d6) {
        q = c;
      } else if (vb <= 0 && d2 >= 0 && d6 <= 0) {
        q = add(a, ac, d2 / (d2 - d6));
      } else if (va <= 0 && (d4 - d3) >= 0 && (d5 - d6) >= 0) {
        q = add(b, sub(c, b), (d4 - d3) / ((d4 - d3) + (d5 - d6)));
      } else {
        double denom = 1 / (va + vb + vc);
        double sv = vb * denom;
        double sw = vc * denom;
        q =
            new double[] {
              a[0] + ab[0] * sv + ac[0] * sw,
              a[1] + ab[1] * sv + ac[1] * sw,
              a[2] + ab[2] * sv + ac[2] * sw
            };
      }
    }
    double[] d = sub(p, q);
    return Math.sqrt(dot(d, d));
  }

  private double[] vertex(int i) {
    return new double[] {v[3 * i], v[3 * i + 1], v[3 * i + 2]};
  }

  private static double[] sub(double[] a, double[] b) {
    return new double[] {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
  }

  private static double[] add(double[] a, double[] d, double s) {
    return new double[] {a[0] + d[0] * s, a[1] + d[1] * s, a[2] + d[2] * s};
  }

  private static double dot(double[] a, double[] b) {
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
  }
}
