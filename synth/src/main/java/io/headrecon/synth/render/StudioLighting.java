package io.headrecon.synth.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The lights of a portrait session, fixed in the world frame: a strong key light that casts shadows
 * (see {@link ShadowMap}), a fill, often a rim light from behind, soft ambient light from the sky
 * above and the floor below, part of it bounced off the background (so the background's colour
 * casts onto the head), and a weak light at the camera. Colours are linear RGB intensities; colour
 * temperatures range from tungsten to shade, and any light may carry a coloured gel.
 *
 * @param skyAmbientRgb ambient light reaching a surface facing up (+y)
 * @param groundAmbientRgb ambient light reaching a surface facing down
 * @param lights directional lights, the key first; directions point from the surface towards the
 *     light (world frame, unit length)
 * @param cameraLightRgb a light at each camera centre, shining along the view rays
 * @param keyPenumbraMm radius of the key light's soft shadow edge at the head, millimetres
 * @param backgroundBounce fraction of the ambient light that takes the background's mean colour
 * @param description e.g. "key 40° right 25° up, warm; rim blue"
 */
public record StudioLighting(
    float[] skyAmbientRgb,
    float[] groundAmbientRgb,
    List<Lighting.DirectionalLight> lights,
    float[] cameraLightRgb,
    double keyPenumbraMm,
    double backgroundBounce,
    String description) {

  /** Coloured gels a light may carry, linear RGB of mean about 1. */
  private static final float[][] GELS = {
    {1.45f, 0.85f, 0.45f}, // amber
    {0.55f, 0.85f, 1.55f}, // blue
    {1.35f, 0.55f, 1.15f}, // magenta
    {0.7f, 1.35f, 0.85f}, // green
    {1.5f, 0.6f, 0.5f} // red
  };

  /**
   * A random portrait lighting with the key light's azimuth within ±{@code keyAzimuthMaxDeg} of the
   * face's +z and its elevation 0°-55°.
   */
  public static StudioLighting sample(Random random, double keyAzimuthMaxDeg) {
    if (!(keyAzimuthMaxDeg >= 0 && keyAzimuthMaxDeg <= 180)) {
      throw new IllegalArgumentException(
          "key light azimuth limit must be in [0, 180] degrees: " + keyAzimuthMaxDeg);
    }
    double exposure = 0.75 + 0.5 * random.nextDouble();
    double keyAzimuthDeg = -keyAzimuthMaxDeg + 2 * keyAzimuthMaxDeg * random.nextDouble();
    double keyElevationDeg = 55 * random.nextDouble();
    double keyLevel = exposure * (0.75 + 0.6 * random.nextDouble());
    float[] keyTint = tint(random);
    boolean keyGel = random.nextDouble() < 0.08;
    int keyGelIndex = random.nextInt(GELS.length);
    double fillAzimuthDeg = -Math.signum(keyAzimuthDeg + 1e-9) * (25 + 65 * random.nextDouble());
    double fillElevationDeg = -15 + 45 * random.nextDouble();
    double fillRatio = 0.06 + 0.4 * random.nextDouble();
    float[] fillTint = tint(random);
    boolean rim = random.nextDouble() < 0.6;
    double rimAzimuthDeg = (random.nextBoolean() ? 1 : -1) * (110 + 70 * random.nextDouble());
    double rimElevationDeg = 10 + 50 * random.nextDouble();
    double rimRatio = 0.3 + 0.9 * random.nextDouble();
    boolean rimGel = random.nextDouble() < 0.35;
    int rimGelIndex = random.nextInt(GELS.length);
    float[] rimTint = tint(random);
    double ambientLevel = exposure * (0.05 + 0.17 * random.nextDouble());
    double groundRatio = 0.35 + 0.45 * random.nextDouble();
    float[] ambientTint = tint(random);
    double cameraLevel = exposure * 0.08 * random.nextDouble();
    double penumbraMm = 1.0 + 6.0 * random.nextDouble();
    double bounce = 0.1 + 0.3 * random.nextDouble();

    List<Lighting.DirectionalLight> lights = new ArrayList<>();
    float[] keyColor = keyGel ? mul(keyTint, GELS[keyGelIndex]) : keyTint;
    lights.add(
        new Lighting.DirectionalLight(
            direction(keyAzimuthDeg, keyElevationDeg), scale(keyColor, keyLevel)));
    lights.add(
        new Lighting.DirectionalLight(
            direction(fillAzimuthDeg, fillElevationDeg), scale(fillTint, keyLevel * fillRatio)));
    StringBuilder d = new StringBuilder();
    d.append(
        String.format(
            java.util.Locale.ROOT,
            "key %.0f° %s %.0f° up%s, fill %.2f",
            Math.abs(keyAzimuthDeg),
            keyAzimuthDeg >= 0 ? "left" : "right",
            keyElevationDeg,
            keyGel ? " gel" : "",
            fillRatio));
    if (rim) {
      float[] rimColor = rimGel ? mul(rimTint, GELS[rimGelIndex]) : rimTint;
      lights.add(
          new Lighting.DirectionalLight(
              direction(rimAzimuthDeg, rimElevationDeg), scale(rimColor, keyLevel * rimRatio)));
      d.append(
          String.format(java.util.Locale.ROOT, ", rim %.2f%s", rimRatio, rimGel ? " gel" : ""));
    }
    float[] sky = scale(ambientTint, ambientLevel);
    float[] ground = scale(ambientTint, ambientLevel * groundRatio);
    return new StudioLighting(
        sky,
        ground,
        List.copyOf(lights),
        scale(tint(random), cameraLevel),
        penumbraMm,
        bounce,
        d.toString());
  }

  /** The key light, which casts shadows. */
  public Lighting.DirectionalLight key() {
    return lights.get(0);
  }

  /** Unit direction from azimuth (about +y, 0 = +z, + towards +x) and elevation, degrees. */
  static double[] direction(double azimuthDeg, double elevationDeg) {
    return Lighting.direction(Math.toRadians(azimuthDeg), Math.toRadians(elevationDeg));
  }

  /** A white between warm (tungsten, about 3000 K) and cool (shade, about 7500 K), mean about 1. */
  static float[] tint(Random random) {
    return Lighting.tint(random, 0.3, 0.05, 0.35);
  }

  private static float[] scale(float[] rgb, double k) {
    return Lighting.scale(rgb, k);
  }

  private static float[] mul(float[] a, float[] b) {
    return new float[] {a[0] * b[0], a[1] * b[1], a[2] * b[2]};
  }
}
