package io.headrecon.synth.look;

import io.headrecon.model.HeadMask;
import io.headrecon.synth.face.IctFaceModel;
import io.headrecon.synth.render.Scene;
import io.headrecon.synth.render.SurfaceAppearance;
import io.headrecon.synth.render.SurfaceDetail;
import io.headrecon.synth.render.ValueNoise;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A procedural hair volume for a synthetic head:
 *
 * <ul>
 *   <li>a shell over the scalp: the head's own triangles above the hairline (found on the neutral
 *       head, so it follows every identity and expression), subdivided to edges of at most {@value
 *       #MAX_EDGE_MM} mm on the curved surface, and pushed out along the normals by the hair's
 *       thickness, which tapers to nothing at the hairline (soft fringe) and varies with lumps and
 *       strand-sized fuzz;
 *   <li>for styles that fall, a curtain at the sides and back that hangs straight down from the
 *       widest part of the head, over the ears and onto the shoulders (the garment), ragged at its
 *       end, leaving the face open;
 *   <li>for tied-back hair, a bun or a ponytail.
 * </ul>
 *
 * Colour varies with low-frequency noise and blends into the skin at the fringe; strands and curls
 * are per-sample texture ({@link #detail}).
 */
final class HairBuilder {
  /** The axis of the hair's radial profiles: x = 0, z = this, millimetres. */
  static final double AXIS_Z_MM = 5;

  /** Edges of the scalp shell are split until at most this long, millimetres. */
  static final double MAX_EDGE_MM = 3.0;

  private HairBuilder() {}

  /**
   * Builds the hair, or returns null when the look has none.
   *
   * @param headVertices the deformed head (with facial-hair relief), model frame, millimetres
   * @param headNormals its unit vertex normals
   * @param headAlbedo its per-vertex albedo (the fringe blends into it), linear RGB
   * @param garment the garment's reach (falling hair drapes over it), or null
   */
  static Scene.Layer build(
      IctFaceModel model,
      float[] headVertices,
      float[] headNormals,
      float[] headAlbedo,
      SubjectLook.Hair hair,
      RadialProfile garment) {
    if (!hair.hasScalpHair() || hair.thicknessMm() <= 0) {
      return null;
    }
    float[] neutral = model.neutralMm();
    int[] lm = model.landmarkIds();
    double browY = (neutral[3 * lm[19] + 1] + neutral[3 * lm[24] + 1]) / 2;
    Coverage coverage = new Coverage(hair, browY);
    ValueNoise lumps = new ValueNoise(hair.seed());
    ValueNoise fuzz = new ValueNoise(hair.seed() * 7 + 1);
    ValueNoise tint = new ValueNoise(hair.seed() * 13 + 5);
    LayerMesh mesh = new LayerMesh();
    shell(
        model,
        neutral,
        headVertices,
        headNormals,
        headAlbedo,
        hair,
        coverage,
        lumps,
        fuzz,
        tint,
        mesh);
    RadialProfile head = RadialProfile.of(headVertices, AXIS_Z_MM, -700, 200, 8);
    if (hair.falls()) {
      float[] shell = mesh.vertices();
      RadialProfile reach = RadialProfile.of(shell, AXIS_Z_MM, -700, 200, 8).max(head);
      curtain(hair, garment == null ? reach : reach.max(garment), lumps, tint, mesh);
    }
    if (hair.style() == HairStyle.TIED_BACK) {
      if (hair.bun()) {
        bun(hair, head, lumps, tint, mesh);
      } else {
        ponytail(hair, head, garment, tint, mesh);
      }
    }
    if (mesh.triangleCount == 0) {
      return null;
    }
    return new Scene.Layer(
        "hair",
        HeadMask.Surface.HAIR,
        mesh.vertices(),
        mesh.triangles(),
        null,
        SurfaceAppearance.of(mesh.albedo(), mesh.specular(), mesh.shininess()),
        mesh.amount(),
        detail(hair));
  }

  /** Where the scalp grows hair, on the neutral head: 1 well inside the hairline, 0 outside. */
  static final class Coverage {
    final SubjectLook.Hair hair;
    final double frontY;

    Coverage(SubjectLook.Hair hair, double browY) {
      this.hair = hair;
      this.frontY = browY + hair.foreheadMm();
    }

    double at(double x, double y, double z) {
      double angle = Math.abs(Math.atan2(x, z - 10)); // 0 front … π back
      double edge = 4;
      if (hair.style() == HairStyle.BALD) {
        // a horseshoe: over the ears and around the back
        double sides = smoothstep(1.1, 1.45, angle);
        double top = 1 - smoothstep(hair.sideHairlineMm() + 18, hair.sideHairlineMm() + 30, y);
        double low = smoothstep(hair.backHairlineMm() - edge, hair.backHairlineMm() + edge, y);
        return sides * top * low;
      }
      double line;
      if (angle < Math.PI / 2) {
        double t = smoothstep(0.45, 1.25, angle);
        line = frontY + (hair.sideHairlineMm() - frontY) * t;
        line += hair.templeRecessionMm() * Math.exp(-Math.pow((angle - 0.5) / 0.2, 2));
      } else {
        double t = smoothstep(2.0, 2.8, angle);
        line = hair.sideHairlineMm() + (hair.backHairlineMm() - hair.sideHairlineMm()) * t;
      }
      return smoothstep(line - edge, line + edge, y);
    }
  }

  /** The scalp shell. */
  private static void shell(
      IctFaceModel model,
      float[] neutral,
      float[] v,
      float[] n,
      float[] skin,
      SubjectLook.Hair hair,
      Coverage coverage,
      ValueNoise lumps,
      ValueNoise fuzz,
      ValueNoise tint,
      LayerMesh mesh) {
    int[] tris = model.triangles(name -> name.equals("face") || name.equals("head_and_neck"));
    double[] cov = new double[model.vertexCount()];
    java.util.Arrays.fill(cov, -1);
    Work w = new Work();
    Map<Integer, Integer> local = new HashMap<>();
    List<int[]> triangles = new ArrayList<>();
    for (int t = 0; t < tris.length; t += 3) {
      double best = 0;
      for (int k = 0; k < 3; k++) {
        int i = tris[t + k];
        if (cov[i] < 0) {
          cov[i] = coverage.at(neutral[3 * i], neutral[3 * i + 1], neutral[3 * i + 2]);
        }
        best = Math.max(best, cov[i]);
      }
      if (best <= 0.01) {
        continue;
      }
      int[] tri = new int[3];
      for (int k = 0; k < 3; k++) {
        int i = tris[t + k];
        Integer at = local.get(i);
        if (at == null) {
          at = w.add(v, n, neutral, skin, i);
          local.put(i, at);
        }
        tri[k] = at;
      }
      triangles.add(tri);
    }
    for (int pass = 0; pass < 4; pass++) {
      int before = triangles.size();
      triangles = w.subdivide(triangles, MAX_EDGE_MM);
      if (triangles.size() == before) {
        break;
      }
    }
    double top = hair.thicknessMm();
    boolean volume =
        hair.style() == HairStyle.MEDIUM
            || hair.style() == HairStyle.LONG
            || hair.style() == HairStyle.CURLY;
    int[] map = new int[w.count];
    java.util.Arrays.fill(map, -1);
    for (int[] tri : triangles) {
      double best = 0;
      for (int k : tri) {
        best = Math.max(best, coverage.at(w.q[3 * k], w.q[3 * k + 1], w.q[3 * k + 2]));
      }
      if (best <= 0.01) {
        continue;
      }
      for (int k : tri) {
        if (map[k] >= 0) {
          continue;
        }
        double qx = w.q[3 * k];
        double qy = w.q[3 * k + 1];
        double qz = w.q[3 * k + 2];
        double c = coverage.at(qx, qy, qz);
        double profile =
            volume ? 0.75 + 0.25 * smoothstep(-20, 90, qy) : 0.5 + 0.5 * smoothstep(-20, 90, qy);
        double lump =
            1
                + hair.lumpiness()
                    * lumps.fractal(
                        qx / hair.lumpScaleMm(),
                        qy / hair.lumpScaleMm(),
                        qz / hair.lumpScaleMm(),
                        2);
        double thickness = top * profile * Math.sqrt(c) * lump;
        thickness += hair.fuzzMm() * c * fuzz.at(qx / 1.6, qy / 1.6, qz / 1.6);
        double off = 0.25 + Math.max(0, thickness);
        int id =
            mesh.addVertex(
                w.p[3 * k] + off * w.n[3 * k],
                w.p[3 * k + 1] + off * w.n[3 * k + 1],
                w.p[3 * k + 2] + off * w.n[3 * k + 2]);
        float[] rgb = hairColor(hair, tint, qx, qy, qz);
        float[] s = {w.skin[3 * k], w.skin[3 * k + 1], w.skin[3 * k + 2]};
        double mix = smoothstep(0.0, 0.7, c);
        float[] blended = {
          (float) (s[0] + (rgb[0] - s[0]) * mix),
          (float) (s[1] + (rgb[1] - s[1]) * mix),
          (float) (s[2] + (rgb[2] - s[2]) * mix)
        };
        mesh.setMaterial(id, blended, 0.05 + 0.1 * mix, 30, c);
        map[k] = id;
      }
      mesh.addTriangle(map[tri[0]], map[tri[1]], map[tri[2]]);
    }
  }

  /**
   * Hair that hangs at the sides and back: from inside the scalp shell high on the head, it falls
   * straight down from the widest point above it (of the shell, the head with its ears, and the
   * garment's shoulders), a little off the surfaces it lies on, to a ragged end; smoothed so that
   * it drapes rather than steps.
   */
  private static void curtain(
      SubjectLook.Hair hair,
      RadialProfile reach,
      ValueNoise lumps,
      ValueNoise tint,
      LayerMesh mesh) {
    int cols = 72;
    double open = Math.toRadians(hair.faceOpeningDeg());
    double yTop = 95;
    double spacing = 4;
    int rows = (int) Math.ceil((yTop - hair.endYMm()) / spacing) + 1;
    double[][] radius = new double[rows][cols];
    double[][] floor = new double[rows][cols];
    double[][] height = new double[rows][cols];
    for (int c = 0; c < cols; c++) {
      double a = open + (2 * Math.PI - 2 * open) * c / (cols - 1);
      double aw = a > Math.PI ? a - 2 * Math.PI : a;
      double edge = smoothstep(0, 0.5, Math.min(a - open, 2 * Math.PI - open - a));
      double end = hair.endYMm() + 10 * lumps.fractal(a * 1.2, 0.5, 9.5, 2) + 25 * (1 - edge);
      for (int r = 0; r < rows; r++) {
        double y = yTop + (end - yTop) * r / (rows - 1);
        double fall = smoothstep(yTop - 10, yTop - 90, y);
        double off = -1.5 + (2.5 + 0.25 * hair.thicknessMm()) * fall * (0.4 + 0.6 * edge);
        off +=
            0.5
                * hair.thicknessMm()
                * hair.lumpiness()
                * fall
                * lumps.fractal(a * 90 / 14, y / 45, 4.5, 2);
        floor[r][c] = reach.maxRadiusBetween(aw, y, yTop);
        radius[r][c] = floor[r][c] + off;
        height[r][c] = y;
      }
    }
    // Drape: average over ±12 mm of height and ±1 column, never further in than 2 mm inside the
    // widest point above (or the hair would sink into the shoulders).
    double[][] smooth = new double[rows][cols];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        double sum = 0;
        int n = 0;
        for (int dr = -3; dr <= 3; dr++) {
          for (int dc = -1; dc <= 1; dc++) {
            int rr = Math.max(0, Math.min(rows - 1, r + dr));
            int cc = Math.max(0, Math.min(cols - 1, c + dc));
            sum += radius[rr][cc];
            n++;
          }
        }
        smooth[r][c] = Math.max(sum / n, floor[r][c] - 2);
      }
    }
    int[][] index = new int[rows][cols];
    for (int c = 0; c < cols; c++) {
      double a = open + (2 * Math.PI - 2 * open) * c / (cols - 1);
      double aw = a > Math.PI ? a - 2 * Math.PI : a;
      for (int r = 0; r < rows; r++) {
        double rr = smooth[r][c];
        double x = rr * Math.sin(aw);
        double z = AXIS_Z_MM + rr * Math.cos(aw);
        int id = mesh.addVertex(x, height[r][c], z);
        mesh.setMaterial(id, hairColor(hair, tint, x, height[r][c], z), 0.15, 30, 1);
        index[r][c] = id;
      }
    }
    mesh.grid(index, false);
  }

  /** A bun at the back of the head: a lumpy ellipsoid half sunk into the hair. */
  private static void bun(
      SubjectLook.Hair hair,
      RadialProfile head,
      ValueNoise lumps,
      ValueNoise tint,
      LayerMesh mesh) {
    double y0 = 15 + 70 * ((hair.seed() >>> 20 & 0xff) / 255.0);
    double size = 28 + 14 * ((hair.seed() >>> 30 & 0xff) / 255.0);
    double reach = head.radius(Math.PI, y0);
    double[] centre = {0, y0, AXIS_Z_MM - (reach + 0.45 * size)};
    int rings = 14;
    int segs = 20;
    int[][] index = new int[rings + 1][segs];
    for (int r = 0; r <= rings; r++) {
      double lat = -Math.PI / 2 + Math.PI * r / rings;
      for (int s = 0; s < segs; s++) {
        double lon = 2 * Math.PI * s / segs;
        double dx = Math.cos(lat) * Math.cos(lon);
        double dy = -Math.sin(lat);
        double dz = Math.cos(lat) * Math.sin(lon);
        double k = size * (1 + 0.1 * lumps.at(dx * 3, dy * 3, dz * 3 + 40));
        double x = centre[0] + k * dx;
        double y = centre[1] + 0.85 * k * dy;
        double z = centre[2] + 0.8 * k * dz;
        int id = mesh.addVertex(x, y, z);
        mesh.setMaterial(id, hairColor(hair, tint, x, y, z), 0.15, 30, 1);
        index[r][s] = id;
      }
    }
    mesh.grid(index, true);
  }

  /** A ponytail hanging from the back of the head, tapering, over the neck and the garment. */
  private static void ponytail(
      SubjectLook.Hair hair,
      RadialProfile head,
      RadialProfile garment,
      ValueNoise tint,
      LayerMesh mesh) {
    double y0 = 10 + 45 * ((hair.seed() >>> 20 & 0xff) / 255.0);
    double length = 110 + 150 * ((hair.seed() >>> 30 & 0xff) / 255.0);
    double r0 = 17 + 8 * ((hair.seed() >>> 40 & 0xff) / 255.0);
    int rings = 30;
    int segs = 12;
    int[][] index = new int[rings + 1][segs];
    for (int r = 0; r <= rings; r++) {
      double s = r / (double) rings;
      double y = y0 - length * s;
      double thick =
          r0
              * (1 - 0.55 * s * s)
              * (r == rings ? 0.2 : 1)
              * (1 + 0.25 * Math.sin(Math.PI * Math.min(1, 3 * s)));
      double reach = head.maxRadiusBetween(Math.PI, y, y0);
      if (garment != null) {
        reach = Math.max(reach, garment.maxRadiusBetween(Math.PI, y, y0));
      }
      double centreR = reach + thick * (r == 0 ? 0.3 : 1.0) + 1;
      for (int k = 0; k < segs; k++) {
        double phi = 2 * Math.PI * k / segs;
        // ring in the horizontal plane: radial (outward at the back = -z) and around (x)
        double x = thick * Math.sin(phi);
        double z = AXIS_Z_MM - centreR - thick * Math.cos(phi);
        int id = mesh.addVertex(x, y, z);
        mesh.setMaterial(id, hairColor(hair, tint, x, y, z), 0.15, 30, 1);
        index[r][k] = id;
      }
    }
    mesh.grid(index, true);
  }

  /** The hair's albedo at a point: its colour with low-frequency streaks of lighter and darker. */
  static float[] hairColor(SubjectLook.Hair hair, ValueNoise tint, double x, double y, double z) {
    double k = 1 + 0.22 * tint.fractal(x / 25, y / 40, z / 25, 2);
    float[] c = hair.rgb();
    return new float[] {(float) (c[0] * k), (float) (c[1] * k), (float) (c[2] * k)};
  }

  /**
   * Strands: fine dark and light streaks along the meridians from the crown (across about 1 mm,
   * along about 10 mm) over clumps of about 4 mm; curls: turbulent blobs of 2-3 mm. Where the
   * detail amount (the scalp coverage) is low the strands thin out into the skin.
   */
  static SurfaceDetail detail(SubjectLook.Hair hair) {
    ValueNoise fine = new ValueNoise(hair.seed() * 3 + 11);
    ValueNoise clump = new ValueNoise(hair.seed() * 5 + 17);
    boolean curly = hair.style() == HairStyle.CURLY;
    double contrast = 0.45;
    return (x, y, z, amount) -> {
      double f;
      if (curly) {
        double t = Math.abs(fine.fractal(x / 2.6, y / 2.6, z / 2.6, 2));
        f = 1.25 - 1.1 * t + 0.2 * clump.at(x / 8, y / 8, z / 8);
      } else {
        double around = Math.atan2(x, z - AXIS_Z_MM) * 90; // mm along a horizontal circle
        double s1 = fine.at(around / 0.9, y / 10, 0.5);
        double s2 = clump.at(around / 4, y / 28, 3.5);
        f = 1 + contrast * (0.6 * s1 + 0.4 * s2);
      }
      f = Math.max(0.2, f);
      // thin strands over skin at the fringe
      return (float) (1 + (f - 1) * Math.min(1, amount * 1.5));
    };
  }

  static double smoothstep(double edge0, double edge1, double x) {
    double t = Math.max(0, Math.min(1, (x - edge0) / (edge1 - edge0)));
    return t * t * (3 - 2 * t);
  }

  /** Vertices of the shell under construction, with curved midpoint subdivision. */
  private static final class Work {
    double[] p = new double[3 * 4096];
    double[] n = new double[3 * 4096];
    double[] q = new double[3 * 4096];
    float[] skin = new float[3 * 4096];
    int count;

    int add(float[] v, float[] nn, float[] neutral, float[] albedo, int i) {
      int k = grow();
      for (int c = 0; c < 3; c++) {
        p[3 * k + c] = v[3 * i + c];
        n[3 * k + c] = nn[3 * i + c];
        q[3 * k + c] = neutral[3 * i + c];
        skin[3 * k + c] = albedo[3 * i + c];
      }
      return k;
    }

    private int grow() {
      if (3 * count == p.length) {
        p = java.util.Arrays.copyOf(p, 2 * p.length);
        n = java.util.Arrays.copyOf(n, 2 * n.length);
        q = java.util.Arrays.copyOf(q, 2 * q.length);
        skin = java.util.Arrays.copyOf(skin, 2 * skin.length);
      }
      return count++;
    }

    /** The midpoint of edge a-b on the surface the normals describe (a PN-triangle edge). */
    int midpoint(int a, int b) {
      int k = grow();
      double[] d = new double[3];
      double dot = 0;
      double[] m = new double[3];
      double ml = 0;
      for (int c = 0; c < 3; c++) {
        d[c] = p[3 * b + c] - p[3 * a + c];
        dot += d[c] * (n[3 * a + c] - n[3 * b + c]);
        m[c] = n[3 * a + c] + n[3 * b + c];
        ml += m[c] * m[c];
      }
      ml = Math.sqrt(ml);
      for (int c = 0; c < 3; c++) {
        double nm = ml > 1e-9 ? m[c] / ml : n[3 * a + c];
        p[3 * k + c] = (p[3 * a + c] + p[3 * b + c]) / 2 - dot / 8 * nm;
        n[3 * k + c] = nm;
        q[3 * k + c] = (q[3 * a + c] + q[3 * b + c]) / 2;
        skin[3 * k + c] = (skin[3 * a + c] + skin[3 * b + c]) / 2;
      }
      return k;
    }

    double length(int a, int b) {
      double dx = p[3 * a] - p[3 * b];
      double dy = p[3 * a + 1] - p[3 * b + 1];
      double dz = p[3 * a + 2] - p[3 * b + 2];
      return Math.sqrt(dx * dx + dy * dy + dz * dz);
    }

    /** One pass: every edge longer than {@code maxMm} is split, each triangle accordingly. */
    List<int[]> subdivide(List<int[]> tris, double maxMm) {
      Map<Long, Integer> mid = new HashMap<>();
      List<int[]> out = new ArrayList<>(tris.size() * 2);
      for (int[] t : tris) {
        int[] m = new int[3]; // midpoint of edge k = (t[k], t[k+1]), or -1
        int splits = 0;
        for (int e = 0; e < 3; e++) {
          int a = t[e];
          int b = t[(e + 1) % 3];
          if (length(a, b) > maxMm) {
            long key = Math.min(a, b) * 4_294_967_296L + Math.max(a, b);
            Integer at = mid.get(key);
            if (at == null) {
              at = midpoint(a, b);
              mid.put(key, at);
            }
            m[e] = at;
            splits++;
          } else {
            m[e] = -1;
          }
        }
        if (splits == 0) {
          out.add(t);
        } else if (splits == 3) {
          out.add(new int[] {t[0], m[0], m[2]});
          out.add(new int[] {m[0], t[1], m[1]});
          out.add(new int[] {m[2], m[1], t[2]});
          out.add(new int[] {m[0], m[1], m[2]});
        } else if (splits == 1) {
          int e = m[0] >= 0 ? 0 : m[1] >= 0 ? 1 : 2;
          int a = t[e];
          int b = t[(e + 1) % 3];
          int c = t[(e + 2) % 3];
          out.add(new int[] {a, m[e], c});
          out.add(new int[] {m[e], b, c});
        } else {
          int un = m[0] < 0 ? 0 : m[1] < 0 ? 1 : 2; // the edge left whole
          // rotate so the whole edge is (c, a): edges (a, b) and (b, c) are split
          int a = t[(un + 1) % 3];
          int b = t[(un + 2) % 3];
          int c = t[un];
          int mab = m[(un + 1) % 3];
          int mbc = m[(un + 2) % 3];
          out.add(new int[] {a, mab, mbc});
          out.add(new int[] {a, mbc, c});
          out.add(new int[] {mab, b, mbc});
        }
      }
      return out;
    }
  }
}
