package io.headrecon.synth.render;

import io.headrecon.synth.face.IctFaceModel;
import java.util.Random;

/**
 * Procedural appearance for the ICT head, which has no textures: skin tones across the human range
 * (the Monk Skin Tone scale) with low-frequency variation and redness, lips, brows, optional hair
 * and beard, irises with pupils, sclera, teeth, gums, a darkened mouth interior, dark lashes.
 * Regions are found on the generic neutral mesh (landmarks and sub-geometries), so they follow the
 * vertices through any identity and expression.
 *
 * @param description a short text of the choices made, e.g. "skin 6.3/10, hair brown, iris blue"
 * @param surface per-vertex albedo, specular strength and shininess
 * @param facialHair per vertex, how dense brow and facial hair are there, [0, 1] (null without a
 *     {@link Style})
 * @param reliefMm per vertex, how far brows and facial hair stand off the skin, millimetres (null
 *     without a {@link Style})
 */
public record HeadAppearance(
    String description, SurfaceAppearance surface, float[] facialHair, float[] reliefMm) {

  /** An appearance without facial-hair amounts or relief (the look before issue 15). */
  public HeadAppearance(String description, SurfaceAppearance surface) {
    this(description, surface, null, null);
  }

  /**
   * Choices made elsewhere that replace the head's own draws (which are still made, so that the
   * remaining choices stay as they were): the painted scalp hair follows the hair style, facial
   * hair is drawn as beard, moustache or stubble with relief, and the skin's shine is given.
   *
   * @param hairRgb hair colour, linear RGB (brows and facial hair take it too)
   * @param scalpHair whether the scalp is painted with hair under the hairline
   * @param foreheadMm front hairline height above the brows, mm
   * @param sideHairlineMm hairline above the ears, mm
   * @param backHairlineMm hairline at the nape, mm
   * @param templeRecessionMm how much higher the hairline is at the temples, mm
   * @param beardDensity density of a full beard (cheeks, jaw, chin), [0, 1]; 0 = none
   * @param moustacheDensity density over the upper lip, [0, 1]
   * @param stubbleDensity density of stubble over the beard region, [0, 1]
   * @param facialHairReliefMm how far beard and moustache stand off the skin, mm
   * @param skinSpecular specular strength of the skin (up to twice it on forehead and nose)
   * @param skinShininess Blinn-Phong exponent of the skin
   */
  public record Style(
      float[] hairRgb,
      boolean scalpHair,
      double foreheadMm,
      double sideHairlineMm,
      double backHairlineMm,
      double templeRecessionMm,
      double beardDensity,
      double moustacheDensity,
      double stubbleDensity,
      double facialHairReliefMm,
      double skinSpecular,
      double skinShininess) {}

  /** Sclera brightness with a {@link Style}, relative to the legacy look's. */
  static final double SCLERA_SHADE = 0.7;

  /** Brows stand this far off the skin, millimetres (with a {@link Style}). */
  public static final double BROW_RELIEF_MM = 0.6;

  /** The Monk Skin Tone scale, light to dark, sRGB. */
  private static final int[] MONK_SRGB = {
    0xf6ede4, 0xf3e7db, 0xf7ead0, 0xeadaba, 0xd7bd96, 0xa07e56, 0x825c43, 0x604134, 0x3a312a,
    0x292420
  };

  /** Skin albedo is the Monk colour scaled by this (the scale shows lit skin). */
  private static final double SKIN_ALBEDO_SCALE = 0.78;

  private static final String[] HAIR_NAMES = {
    "black", "dark brown", "brown", "blond", "red", "grey", "white"
  };
  private static final float[][] HAIR_LINEAR = {
    {0.018f, 0.016f, 0.015f},
    {0.045f, 0.028f, 0.018f},
    {0.11f, 0.065f, 0.035f},
    {0.42f, 0.30f, 0.15f},
    {0.28f, 0.08f, 0.035f},
    {0.28f, 0.28f, 0.27f},
    {0.62f, 0.61f, 0.58f}
  };
  private static final double[] HAIR_WEIGHT = {0.3, 0.25, 0.17, 0.1, 0.05, 0.08, 0.05};

  private static final String[] IRIS_NAMES = {
    "dark brown", "brown", "hazel", "green", "blue", "grey"
  };
  private static final float[][] IRIS_LINEAR = {
    {0.045f, 0.022f, 0.010f},
    {0.11f, 0.055f, 0.020f},
    {0.17f, 0.12f, 0.045f},
    {0.09f, 0.16f, 0.07f},
    {0.10f, 0.19f, 0.34f},
    {0.20f, 0.23f, 0.26f}
  };

  /**
   * Draws an appearance for {@code model}'s topology.
   *
   * @param random the subject's appearance stream
   */
  public static HeadAppearance sample(IctFaceModel model, Random random) {
    return new Builder(model, random, null).build();
  }

  /**
   * Draws an appearance as {@link #sample(IctFaceModel, Random)} does, then applies {@code style}
   * in place of the drawn hair, beard and skin shine.
   */
  public static HeadAppearance sample(IctFaceModel model, Random random, Style style) {
    return new Builder(model, random, style).build();
  }

  private static final class Builder {
    final IctFaceModel model;
    final Random random;
    final float[] neutral;
    final int n;
    final float[] albedo;
    final float[] spec;
    final float[] shin;
    final double[][] lm = new double[68][];
    final StringBuilder description = new StringBuilder();
    final Style style;
    final float[] facialHair;
    final float[] relief;

    Builder(IctFaceModel model, Random random, Style style) {
      this.model = model;
      this.random = random;
      this.style = style;
      this.neutral = model.neutralMm();
      this.n = model.vertexCount();
      albedo = new float[3 * n];
      spec = new float[n];
      shin = new float[n];
      facialHair = style == null ? null : new float[n];
      relief = style == null ? null : new float[n];
      int[] ids = model.landmarkIds();
      for (int i = 0; i < 68; i++) {
        lm[i] = position(ids[i]);
      }
    }

    double[] position(int v) {
      return new double[] {neutral[3 * v], neutral[3 * v + 1], neutral[3 * v + 2]};
    }

    double uniform(double lo, double hi) {
      return lo + (hi - lo) * random.nextDouble();
    }

    HeadAppearance build() {
      // Draw every choice first, in a fixed order.
      double tone = uniform(0, MONK_SRGB.length - 1);
      float[] skin = monk(tone);
      double warm = uniform(-0.04, 0.04);
      skin[0] *= (float) (1 + warm);
      skin[2] *= (float) (1 - warm);
      double redness = uniform(0, 0.35);
      double variation = uniform(0.04, 0.12);
      double skinSpec = uniform(0.03, 0.14);
      double skinShin = uniform(12, 35);
      ValueNoise noise = new ValueNoise(random.nextLong());
      ValueNoise redNoise = new ValueNoise(random.nextLong());
      float[] lipTint = {
        (float) uniform(0.72, 0.95), (float) uniform(0.40, 0.58), (float) uniform(0.45, 0.62)
      };
      int hair = pick(HAIR_WEIGHT);
      boolean bald = random.nextDouble() < 0.15;
      double foreheadMm = uniform(35, 58);
      double sideHairlineMm = uniform(46, 62); // above the ears (y -20 … 40)
      double backHairlineMm = uniform(-75, -35);
      double browHalfWidthMm = uniform(2.3, 4.2);
      double browDensity = uniform(0.55, 0.95);
      boolean beard = random.nextDouble() < 0.2;
      double beardDensity = uniform(0.25, 0.8);
      int iris = random.nextInt(IRIS_NAMES.length);
      double irisShade = uniform(0.8, 1.2);
      double pupilFraction = uniform(0.30, 0.45);
      double scleraShade = uniform(0.85, 1.0);
      double teethShade = uniform(0.8, 1.0);
      double teethYellow = uniform(0.0, 0.12);
      description.append(String.format("skin %.1f/10", tone + 1));
      float[] hairRgb = HAIR_LINEAR[hair];
      double recession = 0;
      if (style != null) {
        hairRgb = style.hairRgb();
        bald = !style.scalpHair();
        foreheadMm = style.foreheadMm();
        sideHairlineMm = style.sideHairlineMm();
        backHairlineMm = style.backHairlineMm();
        recession = style.templeRecessionMm();
        beard = false; // facial hair comes from the style below
        skinSpec = style.skinSpecular();
        skinShin = style.skinShininess();
      } else {
        description.append(", hair ").append(bald ? "none" : HAIR_NAMES[hair]);
        description.append(beard ? ", beard" : "");
      }
      description.append(", iris ").append(IRIS_NAMES[iris]);
      double[] browMid = {(lm[19][1] + lm[24][1]) / 2};
      for (IctFaceModel.Part part : model.parts()) {
        for (int v = part.firstVertex(); v <= part.lastVertex(); v++) {
          double[] p = position(v);
          switch (part.name()) {
            case "face", "head_and_neck" -> {
              float[] c = skinAt(p, skin, noise, redNoise, variation, redness);
              double shine = style == null ? skinSpec : skinSpec * (1 + tZone(p));
              set(v, c, shine, skinShin);
              if (part.name().equals("face")) {
                double lips = lipWeight(p);
                blend(v, mul(c, lipTint), lips, 0.2, 35);
                double brow = browDensity * browWeight(p, browHalfWidthMm, noise);
                blend(v, mul(hairRgb, 0.8f), brow, 0.05, 8);
                if (beard && !bald) {
                  double b = beardDensity * beardWeight(p, lips, noise);
                  blend(v, hairRgb, b, 0.05, 8);
                }
                if (style != null) {
                  facialHair(v, p, c, lips, brow, hairRgb, noise);
                }
              }
              if (!bald) {
                double h =
                    hairWeight(
                        p, browMid[0] + foreheadMm, sideHairlineMm, backHairlineMm, recession);
                h *= 0.92 + 0.08 * noise.at(p[0] / 6, p[1] / 6, p[2] / 6);
                blend(v, hairRgb, h, 0.05, 8);
              }
            }
            case "eye_socket_left", "eye_socket_right" ->
                set(v, mul(skin, new float[] {0.8f, 0.55f, 0.55f}), 0.25, 40);
            case "mouth_socket" -> set(v, scale(new float[] {0.3f, 0.07f, 0.07f}, ao(p)), 0.1, 20);
            case "gums_and_tongue" ->
                set(v, scale(new float[] {0.5f, 0.13f, 0.13f}, ao(p)), 0.25, 30);
            case "teeth" -> {
              float[] t = {
                (float) (0.80 * teethShade),
                (float) (0.76 * teethShade * (1 - teethYellow / 2)),
                (float) (0.66 * teethShade * (1 - teethYellow))
              };
              set(v, scale(t, ao(p)), 0.3, 40);
            }
            case "eyelashes_left", "eyelashes_right" ->
                set(v, new float[] {0.015f, 0.012f, 0.010f}, 0.02, 8);
            default -> set(v, new float[] {0.5f, 0.5f, 0.5f}, 0, 1); // overlays, not drawn
          }
        }
      }
      if (style != null) {
        // Real sclera are greyer than paper and sit in the lids' shade, which is not modelled.
        scleraShade *= SCLERA_SHADE;
      }
      paintEye("eyeball_left", "M_IrisLeft", iris, irisShade, pupilFraction, scleraShade);
      paintEye("eyeball_right", "M_IrisRight", iris, irisShade, pupilFraction, scleraShade);
      return new HeadAppearance(
          description.toString(), SurfaceAppearance.of(albedo, spec, shin), facialHair, relief);
    }

    /** Extra shine on the forehead and down the nose (the T-zone), [0, 1]. */
    double tZone(double[] p) {
      double forehead = gaussian(p, 0, lm[27][1] + 35, lm[27][2] + 2, 22);
      double nose = gaussian(p, lm[30][0], lm[30][1] + 10, lm[30][2], 14);
      return Math.min(1, forehead + nose);
    }

    /** Paints the style's beard, moustache or stubble and records hair density and relief. */
    void facialHair(
        int v,
        double[] p,
        float[] skinRgb,
        double lips,
        double brow,
        float[] hairRgb,
        ValueNoise noise) {
      double region = beardWeight(p, lips, noise);
      double full = style.beardDensity() * region;
      double upperLip = moustacheWeight(p, lips) * style.moustacheDensity();
      double hair = Math.max(full, upperLip);
      if (hair > 0) {
        blend(v, mul(hairRgb, 0.85f), Math.min(1, 1.2 * hair), 0.02, 20);
      }
      double stubble = style.stubbleDensity() * region;
      if (stubble > 0) {
        float[] dark = lerp(skinRgb, hairRgb, 0.6);
        blend(v, dark, 0.45 * stubble, 0.05, 10);
      }
      facialHair[v] = (float) Math.min(1, Math.max(Math.max(brow, hair), 0.7 * stubble));
      relief[v] =
          (float) (BROW_RELIEF_MM * brow + style.facialHairReliefMm() * hair + 0.15 * stubble);
    }

    /** Moustache: between the nose and the upper lip, as wide as the mouth and a little more. */
    double moustacheWeight(double[] p, double lips) {
      if (p[2] < lm[33][2] - 30) {
        return 0;
      }
      double belowNose = 1 - smoothstep(lm[33][1] - 5, lm[33][1] - 1, p[1]);
      double aboveLip = smoothstep(lm[51][1] - 2, lm[51][1] + 1, p[1]);
      double halfWidth = (lm[54][0] - lm[48][0]) / 2 + 6;
      double wide = 1 - smoothstep(halfWidth - 4, halfWidth + 2, Math.abs(p[0] - lm[51][0]));
      return belowNose * aboveLip * wide * (1 - lips);
    }

    int pick(double[] weights) {
      return Seeds.pick(random, weights);
    }

    float[] skinAt(
        double[] p,
        float[] skin,
        ValueNoise noise,
        ValueNoise redNoise,
        double variation,
        double redness) {
      double lightness =
          1 + variation * noise.fractal(p[0] / 45, p[1] / 45, p[2] / 45, 2); // low frequency
      double red = redness * (0.5 + 0.5 * redNoise.at(p[0] / 30, p[1] / 30, p[2] / 30));
      red += redness * gaussian(p, -42, -2, 95, 20) + redness * gaussian(p, 42, -2, 95, 20);
      red += 0.7 * redness * gaussian(p, lm[30][0], lm[30][1], lm[30][2], 12);
      return new float[] {
        (float) (skin[0] * lightness * (1 + 0.22 * red)),
        (float) (skin[1] * lightness * (1 - 0.10 * red)),
        (float) (skin[2] * lightness * (1 - 0.08 * red))
      };
    }

    double gaussian(double[] p, double x, double y, double z, double sigma) {
      double dx = p[0] - x;
      double dy = p[1] - y;
      double dz = p[2] - z;
      return Math.exp(-(dx * dx + dy * dy + dz * dz) / (2 * sigma * sigma));
    }

    /** 1 inside the outer lip contour (landmarks 48-59), soft over about 2 mm. */
    double lipWeight(double[] p) {
      if (p[2] < lm[48][2] - 25) {
        return 0;
      }
      double sd = signedDistance(p[0], p[1], 48, 59);
      return smoothstep(-0.8, 1.6, sd);
    }

    /** Brow: a band below the brow landmarks 17-21 and 22-26, thinning towards the temples. */
    double browWeight(double[] p, double halfWidth, ValueNoise noise) {
      if (p[2] < lm[17][2] - 20) {
        return 0;
      }
      double w = 0;
      // right brow: outer 17 … inner 21; left brow: inner 22 … outer 26
      w = Math.max(w, band(p, new int[] {21, 20, 19, 18, 17}, halfWidth));
      w = Math.max(w, band(p, new int[] {22, 23, 24, 25, 26}, halfWidth));
      return w * (0.85 + 0.15 * noise.at(p[0] / 1.5, p[1] / 1.5, p[2] / 1.5));
    }

    double band(double[] p, int[] innerToOuter, double halfWidth) {
      double offsetMm = -2.0; // hair lies a little below the landmark line
      double best = Double.MAX_VALUE;
      double length = 0;
      double[] segStart = new double[innerToOuter.length];
      for (int k = 0; k + 1 < innerToOuter.length; k++) {
        segStart[k] = length;
        double[] a = lm[innerToOuter[k]];
        double[] b = lm[innerToOuter[k + 1]];
        length += Math.hypot(b[0] - a[0], b[1] - a[1]);
      }
      double along = 0;
      for (int k = 0; k + 1 < innerToOuter.length; k++) {
        double[] a = lm[innerToOuter[k]];
        double[] b = lm[innerToOuter[k + 1]];
        double ax = a[0];
        double ay = a[1] + offsetMm;
        double dx = b[0] - ax;
        double dy = b[1] + offsetMm - ay;
        double len2 = dx * dx + dy * dy;
        double t = Math.max(0, Math.min(1, ((p[0] - ax) * dx + (p[1] - ay) * dy) / len2));
        double d = Math.hypot(p[0] - (ax + t * dx), p[1] - (ay + t * dy));
        if (d < best) {
          best = d;
          along = segStart[k] + t * Math.sqrt(len2);
        }
      }
      double hw = halfWidth * (1.1 - 0.55 * along / length);
      return 1 - smoothstep(hw - 0.8, hw + 0.8, best);
    }

    /** Beard: below the nose, above the neck, outside the lips. */
    double beardWeight(double[] p, double lips, ValueNoise noise) {
      if (p[2] < 20) {
        return 0;
      }
      double belowNose = 1 - smoothstep(lm[33][1] - 9, lm[33][1] - 3, p[1]);
      double aboveNeck = smoothstep(lm[8][1] - 30, lm[8][1] - 12, p[1]);
      double belowCheek = 1 - smoothstep(lm[3][1] - 5, lm[3][1] + 10, p[1]);
      double cheekOrMouth = Math.max(belowCheek, belowNose);
      double outsideLips = smoothstep(0.5, 3.0, -signedDistance(p[0], p[1], 48, 59));
      double w = Math.min(Math.min(cheekOrMouth, aboveNeck), outsideLips) * (1 - lips);
      return w * (0.8 + 0.2 * noise.at(p[0] / 2, p[1] / 2, p[2] / 2));
    }

    /**
     * Scalp hair: above a hairline that runs from the forehead over the ears to the nape, as a
     * function of the angle around the vertical axis.
     */
    double hairWeight(double[] p, double frontY, double sideY, double backY, double recession) {
      double angle = Math.abs(Math.atan2(p[0], p[2] - 10)); // 0 front … π back
      double line;
      if (angle < Math.PI / 2) {
        double t = smoothstep(0.45, 1.25, angle);
        line = frontY + (sideY - frontY) * t;
        if (recession != 0) {
          line += recession * Math.exp(-Math.pow((angle - 0.5) / 0.2, 2));
        }
      } else {
        double t = smoothstep(2.0, 2.8, angle); // down behind the ears
        line = sideY + (backY - sideY) * t;
      }
      return smoothstep(line - 1.5, line + 1.5, p[1]);
    }

    /** Ambient occlusion of the mouth interior: darker the deeper behind the lips. */
    double ao(double[] p) {
      double front = lm[62][2];
      return 0.12 + 0.88 * smoothstep(front - 50, front - 6, p[2]);
    }

    /**
     * Colours an eyeball: the inner sphere (material "M_Iris…") shows through the see-through
     * cornea as iris and pupil, by distance from the eye's axis; everything else is sclera.
     */
    void paintEye(
        String partName,
        String irisMaterial,
        int iris,
        double irisShade,
        double pupilFraction,
        double scleraShade) {
      IctFaceModel.Part part = model.part(partName);
      IctFaceModel.Eye eye = model.eye(partName);
      boolean[] inner = new boolean[n];
      for (int poly = part.firstPolygon(); poly <= part.lastPolygon(); poly++) {
        if (model.polygonMaterial(poly).equals(irisMaterial)) {
          for (int v : model.polygon(poly)) {
            inner[v] = true;
          }
        }
      }
      float[] irisRgb = scale(IRIS_LINEAR[iris], irisShade);
      float[] sclera = {
        (float) (0.72 * scleraShade), (float) (0.66 * scleraShade), (float) (0.62 * scleraShade)
      };
      float[] pupilRgb = {0.008f, 0.008f, 0.008f};
      double irisRadius = IctFaceModel.CORNEA_RADIUS_MM;
      for (int v = part.firstVertex(); v <= part.lastVertex(); v++) {
        double x = neutral[3 * v];
        double y = neutral[3 * v + 1];
        double z = neutral[3 * v + 2];
        double r = eye.radialDistanceMm(x, y, z) / irisRadius;
        if (!inner[v] || eye.alongMm(x, y, z) <= 0 || r > 1.15) {
          set(v, sclera, 0.4, 70);
          continue;
        }
        double pupil = 1 - smoothstep(pupilFraction - 0.05, pupilFraction + 0.05, r);
        double limbus = smoothstep(0.75, 1.0, r);
        float[] c = scale(irisRgb, 1 - 0.6 * limbus);
        c = lerp(c, pupilRgb, pupil);
        c = lerp(c, sclera, smoothstep(1.0, 1.15, r));
        set(v, c, 0.7, 150);
      }
    }

    /** Signed 2-D distance (x, y) to the polygon of landmarks first…last; positive inside. */
    double signedDistance(double x, double y, int first, int last) {
      boolean inside = false;
      double best = Double.MAX_VALUE;
      for (int i = first, j = last; i <= last; j = i++) {
        double xi = lm[i][0];
        double yi = lm[i][1];
        double xj = lm[j][0];
        double yj = lm[j][1];
        if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) {
          inside = !inside;
        }
        double dx = xj - xi;
        double dy = yj - yi;
        double t = Math.max(0, Math.min(1, ((x - xi) * dx + (y - yi) * dy) / (dx * dx + dy * dy)));
        best = Math.min(best, Math.hypot(x - (xi + t * dx), y - (yi + t * dy)));
      }
      return inside ? best : -best;
    }

    void set(int v, float[] rgb, double specular, double shininess) {
      albedo[3 * v] = clamp(rgb[0]);
      albedo[3 * v + 1] = clamp(rgb[1]);
      albedo[3 * v + 2] = clamp(rgb[2]);
      spec[v] = (float) specular;
      shin[v] = (float) shininess;
    }

    void blend(int v, float[] rgb, double w, double specular, double shininess) {
      if (w <= 0) {
        return;
      }
      w = Math.min(1, w);
      for (int k = 0; k < 3; k++) {
        albedo[3 * v + k] = clamp((float) (albedo[3 * v + k] * (1 - w) + rgb[k] * w));
      }
      spec[v] = (float) (spec[v] * (1 - w) + specular * w);
      shin[v] = (float) (shin[v] * (1 - w) + shininess * w);
    }
  }

  /** The Monk scale at a fractional index 0 … 9, linear RGB albedo. */
  static float[] monk(double index) {
    int i = (int) Math.min(Math.floor(index), MONK_SRGB.length - 2);
    double t = index - i;
    float[] out = new float[3];
    for (int k = 0; k < 3; k++) {
      int shift = 16 - 8 * k;
      double a = toLinear(((MONK_SRGB[i] >> shift) & 0xff) / 255.0);
      double b = toLinear(((MONK_SRGB[i + 1] >> shift) & 0xff) / 255.0);
      out[k] = (float) ((a + (b - a) * t) * SKIN_ALBEDO_SCALE);
    }
    return out;
  }

  static double toLinear(double srgb) {
    return srgb <= 0.04045 ? srgb / 12.92 : Math.pow((srgb + 0.055) / 1.055, 2.4);
  }

  static double smoothstep(double edge0, double edge1, double x) {
    double t = Math.max(0, Math.min(1, (x - edge0) / (edge1 - edge0)));
    return t * t * (3 - 2 * t);
  }

  private static float clamp(float x) {
    return x < 0 ? 0 : x > 1 ? 1 : x;
  }

  private static float[] mul(float[] a, float[] b) {
    return new float[] {a[0] * b[0], a[1] * b[1], a[2] * b[2]};
  }

  private static float[] mul(float[] a, float k) {
    return new float[] {a[0] * k, a[1] * k, a[2] * k};
  }

  private static float[] scale(float[] a, double k) {
    return mul(a, (float) k);
  }

  private static float[] lerp(float[] a, float[] b, double t) {
    return new float[] {
      (float) (a[0] + (b[0] - a[0]) * t),
      (float) (a[1] + (b[1] - a[1]) * t),
      (float) (a[2] + (b[2] - a[2]) * t)
    };
  }
}
