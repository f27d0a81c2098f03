package io.headrecon.synth.look;

import io.headrecon.synth.render.HeadAppearance;
import io.headrecon.synth.render.Seeds;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * What a synthetic subject wears on the head and shoulders, drawn once per subject: scalp hair
 * (style, colour, hairline, volume, length), facial hair, skin shine, and a garment (kind, colour,
 * pattern, fit). Millimetres in the head model's frame (+y up, the face looks down +z).
 *
 * @param hair the scalp hair
 * @param facialHair the facial hair kind
 * @param facialHairDensity how dense the facial hair is, [0, 1]
 * @param facialHairReliefMm how far the facial hair stands off the skin, millimetres
 * @param skinSpecular skin's specular strength (the T-zone gets up to twice this)
 * @param skinShininess skin's Blinn-Phong exponent
 * @param garment the garment
 */
public record SubjectLook(
    Hair hair,
    FacialHair facialHair,
    double facialHairDensity,
    double facialHairReliefMm,
    double skinSpecular,
    double skinShininess,
    Garment garment) {

  /**
   * Scalp hair.
   *
   * @param style the style
   * @param colorName e.g. "dark brown"
   * @param rgb albedo, linear RGB
   * @param foreheadMm height of the front hairline above the brows, mm
   * @param sideHairlineMm height of the hairline above the ears, mm
   * @param backHairlineMm height of the hairline at the nape, mm (negative = below the head origin)
   * @param templeRecessionMm how much higher the hairline is at the temples than at the middle, mm
   * @param thicknessMm thickness of the hair over the top of the head, mm
   * @param lumpiness relative variation of the thickness, [0, 1)
   * @param lumpScaleMm size of the lumps, mm
   * @param fuzzMm amplitude of the fine, strand-sized irregularity of the outer surface, mm
   * @param endYMm height where the hair falling at the sides and back ends, mm; NaN = it does not
   *     fall (short styles)
   * @param faceOpeningDeg half-angle around the front left free of falling hair, degrees
   * @param bun for tied-back hair: a bun (true) or a ponytail (false)
   * @param seed seed of the hair's noise
   */
  public record Hair(
      HairStyle style,
      String colorName,
      float[] rgb,
      double foreheadMm,
      double sideHairlineMm,
      double backHairlineMm,
      double templeRecessionMm,
      double thicknessMm,
      double lumpiness,
      double lumpScaleMm,
      double fuzzMm,
      double endYMm,
      double faceOpeningDeg,
      boolean bun,
      long seed) {

    /** Whether there is hair on the scalp at all (a bald head may have a horseshoe). */
    public boolean hasScalpHair() {
      return style != HairStyle.BALD || thicknessMm > 0;
    }

    /** Whether the hair falls at the sides and back below the hairline. */
    public boolean falls() {
      return !Double.isNaN(endYMm);
    }
  }

  /**
   * A garment over the shoulders.
   *
   * @param kind the neckline
   * @param colorName e.g. "navy"
   * @param rgb albedo, linear RGB
   * @param pattern 0 plain, 1 horizontal stripes, 2 vertical stripes, 3 checks
   * @param patternPeriodMm period of the stripes or checks, mm
   * @param patternContrast darkening of the pattern's dark stripes, [0, 1)
   * @param knitMm period of the knit or weave, mm
   * @param wrinkleMm amplitude of the folds, mm
   * @param thicknessMm how far the garment stands off the skin, mm
   * @param neckFrontYMm height of the neckline at the front, mm
   * @param neckBackYMm height of the neckline at the back, mm
   * @param openingMm depth of the V or of the shirt's opening at the front, mm
   * @param collarMm height of a standing collar or of the hood's bulk, mm
   * @param shoulderHalfWidthMm half the width across the shoulders, mm
   * @param chestHalfDepthMm half the depth of the chest, mm
   * @param seed seed of the folds and the pattern's phase
   */
  public record Garment(
      GarmentKind kind,
      String colorName,
      float[] rgb,
      int pattern,
      double patternPeriodMm,
      double patternContrast,
      double knitMm,
      double wrinkleMm,
      double thicknessMm,
      double neckFrontYMm,
      double neckBackYMm,
      double openingMm,
      double collarMm,
      double shoulderHalfWidthMm,
      double chestHalfDepthMm,
      long seed) {}

  private static final String[] HAIR_NAMES = {
    "black",
    "dark brown",
    "brown",
    "light brown",
    "auburn",
    "red",
    "dark blond",
    "blond",
    "platinum",
    "grey",
    "white"
  };
  private static final float[][] HAIR_LINEAR = {
    {0.012f, 0.011f, 0.010f},
    {0.035f, 0.022f, 0.014f},
    {0.085f, 0.05f, 0.027f},
    {0.17f, 0.11f, 0.06f},
    {0.16f, 0.06f, 0.025f},
    {0.30f, 0.09f, 0.03f},
    {0.25f, 0.17f, 0.08f},
    {0.45f, 0.33f, 0.17f},
    {0.62f, 0.56f, 0.44f},
    {0.26f, 0.25f, 0.24f},
    {0.6f, 0.59f, 0.57f}
  };
  private static final double[] HAIR_WEIGHTS = {
    0.26, 0.2, 0.14, 0.08, 0.04, 0.03, 0.07, 0.06, 0.02, 0.06, 0.04
  };

  private static final String[] CLOTH_NAMES = {
    "black",
    "white",
    "grey",
    "charcoal",
    "navy",
    "blue",
    "light blue",
    "red",
    "burgundy",
    "green",
    "olive",
    "beige",
    "brown",
    "mustard",
    "pink"
  };
  private static final float[][] CLOTH_LINEAR = {
    {0.015f, 0.015f, 0.016f},
    {0.75f, 0.75f, 0.72f},
    {0.25f, 0.25f, 0.25f},
    {0.05f, 0.05f, 0.055f},
    {0.02f, 0.025f, 0.07f},
    {0.05f, 0.12f, 0.4f},
    {0.3f, 0.45f, 0.65f},
    {0.5f, 0.04f, 0.04f},
    {0.17f, 0.02f, 0.04f},
    {0.05f, 0.2f, 0.07f},
    {0.11f, 0.12f, 0.04f},
    {0.5f, 0.4f, 0.26f},
    {0.12f, 0.06f, 0.03f},
    {0.6f, 0.4f, 0.05f},
    {0.75f, 0.35f, 0.42f}
  };

  /** Weights of the hair styles, in enum order. */
  private static final double[] STYLE_WEIGHTS = {0.22, 0.18, 0.2, 0.1, 0.12, 0.08, 0.1};

  /** Weights of the garments, in enum order. */
  private static final double[] GARMENT_WEIGHTS = {0.35, 0.25, 0.2, 0.2};

  /**
   * Draws a look; the hair style from {@code styles} and the garment from {@code garments} (each
   * weighted as in the wild, empty = all).
   */
  public static SubjectLook sample(
      Random random, List<HairStyle> styles, List<GarmentKind> garments) {
    HairStyle style = pick(random, HairStyle.values(), STYLE_WEIGHTS, styles);
    int color = Seeds.pick(random, HAIR_WEIGHTS);
    double shade = 0.8 + 0.4 * random.nextDouble();
    float[] rgb = scale(HAIR_LINEAR[color], shade);
    double forehead = 38 + 22 * random.nextDouble();
    double side = 44 + 18 * random.nextDouble();
    double back = -75 + 40 * random.nextDouble();
    double recession = 4 * random.nextDouble();
    double thickness;
    double lumpiness = 0.08 + 0.15 * random.nextDouble();
    double lumpScale = 14 + 14 * random.nextDouble();
    double fuzz = 0.3 + 0.6 * random.nextDouble();
    double end = Double.NaN;
    double opening = 62 + 22 * random.nextDouble();
    boolean bun = random.nextBoolean();
    double u = random.nextDouble(); // style-specific draws below use u and fresh draws
    double v = random.nextDouble();
    switch (style) {
      case SHORT -> thickness = 3 + 6 * u;
      case MEDIUM -> {
        thickness = 9 + 11 * u;
        end = -35 - 75 * v;
      }
      case LONG -> {
        thickness = 7 + 10 * u;
        end = -170 - 170 * v;
      }
      case CURLY -> {
        thickness = 20 + 30 * u;
        lumpiness = 0.25 + 0.2 * random.nextDouble();
        lumpScale = 7 + 8 * random.nextDouble();
        fuzz = 1.0 + 1.5 * random.nextDouble();
        end = v < 0.4 ? -30 - 40 * random.nextDouble() : Double.NaN;
      }
      case TIED_BACK -> {
        thickness = 2 + 3 * u;
        lumpiness = 0.03;
        fuzz = 0.2 + 0.3 * v;
      }
      case RECEDING -> {
        thickness = 2 + 6 * u;
        forehead += 12 + 22 * v;
        recession = 14 + 22 * random.nextDouble();
      }
      case BALD -> {
        thickness = v < 0.45 ? 1.5 + 2.5 * u : 0; // a horseshoe, or nothing
        forehead = 200; // no hair in front
        side = 20 + 25 * random.nextDouble();
        recession = 0;
      }
      default -> throw new IllegalStateException(style.toString());
    }
    Hair hair =
        new Hair(
            style,
            HAIR_NAMES[color],
            rgb,
            forehead,
            side,
            back,
            recession,
            thickness,
            lumpiness,
            lumpScale,
            fuzz,
            end,
            opening,
            bun,
            random.nextLong());

    double fh = random.nextDouble();
    FacialHair facial =
        fh < 0.55
            ? FacialHair.NONE
            : fh < 0.75 ? FacialHair.STUBBLE : fh < 0.82 ? FacialHair.MOUSTACHE : FacialHair.BEARD;
    double facialDensity = 0.45 + 0.5 * random.nextDouble();
    double facialRelief =
        switch (facial) {
          case NONE -> 0;
          case STUBBLE -> 0.15;
          case MOUSTACHE -> 1 + 2 * random.nextDouble();
          case BEARD -> 1.5 + 3.5 * random.nextDouble();
        };
    double skinSpec = 0.03 + 0.12 * random.nextDouble();
    double skinShin = 15 + 35 * random.nextDouble();

    GarmentKind kind = pick(random, GarmentKind.values(), GARMENT_WEIGHTS, garments);
    int cloth = random.nextInt(CLOTH_NAMES.length);
    float[] clothRgb = scale(CLOTH_LINEAR[cloth], 0.8 + 0.4 * random.nextDouble());
    double p = random.nextDouble();
    int pattern = p < 0.72 ? 0 : p < 0.82 ? 1 : p < 0.92 ? 2 : 3;
    if (kind == GarmentKind.HOOD && pattern == 3) {
      pattern = 0;
    }
    double period = 6 + 24 * random.nextDouble();
    double contrast = 0.2 + 0.5 * random.nextDouble();
    double knit =
        kind == GarmentKind.COLLAR
            ? 0.8 + 0.6 * random.nextDouble()
            : 1.5 + 2.5 * random.nextDouble();
    double wrinkle = 1.5 + 4 * random.nextDouble();
    double clothThickness =
        kind == GarmentKind.HOOD ? 6 + 4 * random.nextDouble() : 2.5 + 3 * random.nextDouble();
    double front = -124 - 16 * random.nextDouble();
    double backNeck = -96 - 12 * random.nextDouble();
    double opening2 =
        switch (kind) {
          case V_NECK -> 25 + 25 * random.nextDouble();
          case COLLAR -> 10 + 25 * random.nextDouble();
          default -> 0;
        };
    double collar =
        switch (kind) {
          case COLLAR -> 25 + 15 * random.nextDouble();
          case HOOD -> 25 + 25 * random.nextDouble();
          default -> 0;
        };
    double shoulders = 165 + 45 * random.nextDouble();
    double chest = 95 + 35 * random.nextDouble();
    Garment garment =
        new Garment(
            kind,
            CLOTH_NAMES[cloth],
            clothRgb,
            pattern,
            period,
            contrast,
            knit,
            wrinkle,
            clothThickness,
            front,
            backNeck,
            opening2,
            collar,
            shoulders,
            chest,
            random.nextLong());
    return new SubjectLook(hair, facial, facialDensity, facialRelief, skinSpec, skinShin, garment);
  }

  /** The head's painted hair, facial hair and skin shine for {@link HeadAppearance}. */
  public HeadAppearance.Style headStyle() {
    boolean scalp = hair.style() != HairStyle.BALD;
    double beard = facialHair == FacialHair.BEARD ? facialHairDensity : 0;
    double moustache =
        facialHair == FacialHair.MOUSTACHE || facialHair == FacialHair.BEARD
            ? facialHairDensity
            : 0;
    double stubble = facialHair == FacialHair.STUBBLE ? facialHairDensity : 0;
    return new HeadAppearance.Style(
        hair.rgb(),
        scalp,
        hair.foreheadMm(),
        hair.sideHairlineMm(),
        hair.backHairlineMm(),
        hair.templeRecessionMm(),
        beard,
        moustache,
        stubble,
        facialHairReliefMm,
        skinSpecular,
        skinShininess);
  }

  /** A short text of the choices, e.g. "hair long, dark brown; beard; garment hood, navy". */
  public String describe() {
    StringBuilder b = new StringBuilder();
    b.append("hair ").append(hair.style().name().toLowerCase(Locale.ROOT).replace('_', ' '));
    if (hair.hasScalpHair()) {
      b.append(", ").append(hair.colorName());
      if (hair.style() == HairStyle.TIED_BACK) {
        b.append(hair.bun() ? ", bun" : ", ponytail");
      }
    }
    if (facialHair != FacialHair.NONE) {
      b.append("; ").append(facialHair.name().toLowerCase(Locale.ROOT));
    }
    b.append("; garment ")
        .append(garment.kind().name().toLowerCase(Locale.ROOT).replace('_', ' '))
        .append(", ")
        .append(garment.colorName());
    if (garment.pattern() > 0) {
      b.append(
          garment.pattern() == 1
              ? ", horizontal stripes"
              : garment.pattern() == 2 ? ", vertical stripes" : ", checks");
    }
    return b.toString();
  }

  private static <T> T pick(Random random, T[] values, double[] weights, List<T> allowed) {
    double total = 0;
    for (int i = 0; i < values.length; i++) {
      total += allowed.isEmpty() || allowed.contains(values[i]) ? weights[i] : 0;
    }
    double u = random.nextDouble() * total;
    T last = null;
    for (int i = 0; i < values.length; i++) {
      if (!allowed.isEmpty() && !allowed.contains(values[i])) {
        continue;
      }
      last = values[i];
      u -= weights[i];
      if (u < 0) {
        return values[i];
      }
    }
    return last;
  }

  private static float[] scale(float[] rgb, double k) {
    return new float[] {(float) (rgb[0] * k), (float) (rgb[1] * k), (float) (rgb[2] * k)};
  }
}
