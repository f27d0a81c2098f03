package io.headrecon.synth.look;

import io.headrecon.model.HeadMask;
import io.headrecon.synth.render.Scene;
import io.headrecon.synth.render.SurfaceAppearance;
import io.headrecon.synth.render.SurfaceDetail;
import io.headrecon.synth.render.ValueNoise;

/**
 * A garment over the shoulders, built around the subject's bust so that it hides where the face
 * model's bust is cut off: a closed sleeve of {@value #COLUMNS} columns around a vertical axis,
 * from the neckline down to {@value #BOTTOM_BELOW_NECKLINE_MM} mm below it. At each direction and
 * height it stands {@code thickness} off the body (the bust's reach at that height), and never less
 * far out than a torso with the look's shoulders and chest; it never narrows going down (it
 * drapes). A rim at the neckline closes it onto the neck. Folds are noise on the radius; the
 * pattern and the knit are per-sample texture.
 */
final class GarmentBuilder {
  /** The garment's vertical axis lies at x = 0, z = this, millimetres (the neck's centre). */
  static final double AXIS_Z_MM = -10;

  static final int COLUMNS = 96;

  static final double BOTTOM_BELOW_NECKLINE_MM = 360;

  /** Drops of the rows below the neckline, millimetres: fine near the collar, coarse below. */
  private static final double[] DROPS = {
    0,
    2,
    5,
    9,
    14,
    20,
    27,
    35,
    44,
    54,
    65,
    77,
    90,
    104,
    119,
    135,
    152,
    170,
    190,
    212,
    236,
    262,
    290,
    320,
    BOTTOM_BELOW_NECKLINE_MM
  };

  private GarmentBuilder() {}

  /** A built garment: its layer, and its reach (for hair falling over it). */
  record Built(Scene.Layer layer, RadialProfile profile) {}

  /**
   * Builds the garment over {@code headVertices} (the deformed head, model frame, millimetres;
   * every vertex is used to find the body's reach, so pass only the head's own vertices).
   */
  static Built build(float[] headVertices, SubjectLook.Garment g) {
    RadialProfile body = RadialProfile.of(headVertices, AXIS_Z_MM, -520, 40, 12);
    ValueNoise folds = new ValueNoise(g.seed());
    ValueNoise fine = new ValueNoise(g.seed() ^ 0x5DEECE66DL);
    int cols = COLUMNS;
    double[] neckline = new double[cols];
    for (int c = 0; c < cols; c++) {
      double a = angle(c);
      double front = Math.pow((1 + Math.cos(a)) / 2, 1.5);
      double y = g.neckBackYMm() + (g.neckFrontYMm() - g.neckBackYMm()) * front;
      double abs = Math.abs(a);
      switch (g.kind()) {
        case V_NECK -> y -= g.openingMm() * Math.max(0, 1 - abs / 0.5);
        case COLLAR -> {
          y += g.collarMm() * smoothstep(0.25, 0.9, abs);
          y -= g.openingMm() * Math.max(0, 1 - abs / 0.35);
        }
        case HOOD -> y += 0.6 * g.collarMm() * smoothstep(1.2, 2.6, abs);
        default -> {}
      }
      // Never below where the bust ends, or the neckline would open onto the cut.
      y = Math.max(y, body.bottom(a) + 2 * 12 + 10);
      neckline[c] = y;
    }
    LayerMesh mesh = new LayerMesh();
    int rows = DROPS.length + 1; // row 0: the rim on the neck
    int[][] index = new int[rows][cols];
    double[][] radius = new double[rows][cols];
    for (int c = 0; c < cols; c++) {
      double a = angle(c);
      double running = 0;
      for (int r = 1; r < rows; r++) {
        double drop = DROPS[r - 1];
        double y = neckline[c] - drop;
        double reach = body.radius(a, y);
        double base = Math.max(reach > 0 ? reach + g.thicknessMm() : 0, torso(a, y, g));
        if (g.kind() == GarmentKind.COLLAR
            && drop < g.collarMm() * smoothstep(0.25, 0.9, Math.abs(a))) {
          base += 3; // the standing collar stands off the neck
        }
        if (g.kind() == GarmentKind.CREW_NECK && drop < 10) {
          base += 1.5; // the ribbed band
        }
        running = Math.max(running, base);
        double r0 = running;
        if (g.kind() == GarmentKind.HOOD) {
          double back = smoothstep(0.9, 2.4, Math.abs(a));
          r0 += g.collarMm() * back * Math.exp(-Math.pow((drop - 35) / 45, 2));
        }
        double loose = smoothstep(0, 40, drop);
        double fold = g.wrinkleMm() * loose * folds.fractal(a * 110 / 45, y / 70, 0.3, 3);
        radius[r][c] = r0 + fold + 0.3 * fine.at(a * 110 / 6, y / 6, 2.5);
      }
      double neck = body.radius(a, neckline[c]);
      radius[0][c] = neck > 0 ? neck - 2 : radius[1][c] - g.thicknessMm() - 2;
    }
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        double a = angle(c);
        double y = r == 0 ? neckline[c] : neckline[c] - DROPS[r - 1];
        double rr = radius[r][c];
        int v = mesh.addVertex(rr * Math.sin(a), y, AXIS_Z_MM + rr * Math.cos(a));
        double shade = 1 + 0.06 * folds.at(a * 3, y / 50, 7.5);
        float[] rgb = {
          (float) (g.rgb()[0] * shade), (float) (g.rgb()[1] * shade), (float) (g.rgb()[2] * shade)
        };
        mesh.setMaterial(v, rgb, 0.035, 8, 0);
        index[r][c] = v;
      }
    }
    mesh.grid(index, true);
    float[] vertices = mesh.vertices();
    Scene.Layer layer =
        new Scene.Layer(
            "garment",
            HeadMask.Surface.CLOTHING,
            vertices,
            mesh.triangles(),
            null,
            SurfaceAppearance.of(mesh.albedo(), mesh.specular(), mesh.shininess()),
            null,
            detail(g));
    return new Built(layer, RadialProfile.of(vertices, HairBuilder.AXIS_Z_MM, -700, 200, 8));
  }

  /** The torso's reach at direction {@code a} and height {@code y}: a superellipse, mm. */
  static double torso(double a, double y, SubjectLook.Garment g) {
    double neckBase = g.neckBackYMm() - 5;
    double w = 62 + (g.shoulderHalfWidthMm() - 62) * smoothstep(neckBase, neckBase - 95, y);
    double d = 55 + (g.chestHalfDepthMm() - 55) * smoothstep(neckBase - 15, neckBase - 120, y);
    double n = 2.6;
    double sx = Math.abs(Math.sin(a)) / w;
    double sz = Math.abs(Math.cos(a)) / d;
    return 1 / Math.pow(Math.pow(sx, n) + Math.pow(sz, n), 1 / n);
  }

  /** Column angle about +y from +z, radians, increasing towards +x. */
  static double angle(int c) {
    return -Math.PI + 2 * Math.PI * c / COLUMNS;
  }

  /** The knit or weave and the pattern, as a brightness factor per sample. */
  static SurfaceDetail detail(SubjectLook.Garment g) {
    double knit = g.knitMm();
    double period = g.patternPeriodMm();
    double contrast = g.patternContrast();
    int pattern = g.pattern();
    double phase = (g.seed() & 0xffff) / 65536.0 * period;
    ValueNoise grain = new ValueNoise(g.seed() * 31 + 7);
    boolean ribbed = g.kind() != GarmentKind.COLLAR;
    return (x, y, z, amount) -> {
      double around = Math.atan2(x, z - AXIS_Z_MM) * 110; // mm along the circumference
      double f;
      if (ribbed) {
        f = 1 + 0.10 * Math.sin(2 * Math.PI * around / knit);
      } else {
        f = 1 + 0.05 * (Math.sin(2 * Math.PI * around / knit) * Math.sin(2 * Math.PI * y / knit));
      }
      f *= 1 + 0.05 * grain.at(x / 1.5, y / 1.5, z / 1.5);
      if (pattern > 0) {
        double sh = Math.sin(2 * Math.PI * (y + phase) / period);
        double sv = Math.sin(2 * Math.PI * (around + phase) / period);
        double dark =
            switch (pattern) {
              case 1 -> sh > 0 ? 1 : 0;
              case 2 -> sv > 0 ? 1 : 0;
              default -> ((sh > 0 ? 1 : 0) + (sv > 0 ? 1 : 0)) / 2.0;
            };
        f *= 1 - contrast * dark;
      }
      return (float) f;
    };
  }

  static double smoothstep(double edge0, double edge1, double x) {
    double t = Math.max(0, Math.min(1, (x - edge0) / (edge1 - edge0)));
    return t * t * (3 - 2 * t);
  }
}
