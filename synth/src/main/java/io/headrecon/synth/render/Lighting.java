package io.headrecon.synth.render;

import java.util.List;
import java.util.Random;

/**
 * Lights of one subject's photo session, fixed in the world frame (a studio around the head):
 * ambient, directional key and fill lights, and a light at each camera (on-camera fill). Colours
 * are linear RGB intensities.
 *
 * @param ambientRgb light reaching every surface
 * @param lights directional lights; each direction points from the surface towards the light (world
 *     frame, unit length)
 * @param cameraLightRgb a light at the camera centre, shining along each view ray
 */
public record Lighting(float[] ambientRgb, List<DirectionalLight> lights, float[] cameraLightRgb) {

  /** A directional light: unit direction towards the light (world frame) and colour. */
  public record DirectionalLight(double[] towardsLight, float[] rgb) {}

  /**
   * A random studio: key light from the front hemisphere (azimuth within ±75° of the face's +z,
   * elevation -10° … 60°), a weaker fill from the other side, coloured ambient, an on-camera light;
   * colours from warm to cool white, with an overall exposure.
   */
  public static Lighting sample(Random random) {
    return sample(random, DEFAULT_KEY_AZIMUTH_MAX_DEG);
  }

  /** The key light's largest azimuth from the face's +z in {@link #sample(Random)}, degrees. */
  public static final double DEFAULT_KEY_AZIMUTH_MAX_DEG = 75;

  /**
   * A random studio as {@link #sample(Random)}, with the key light's azimuth drawn within ±{@code
   * keyAzimuthMaxDeg} of the face's +z (up to 180: light from behind, a rim-lit face); the same
   * stream and 75° give the same lights as {@link #sample(Random)}.
   */
  public static Lighting sample(Random random, double keyAzimuthMaxDeg) {
    if (!(keyAzimuthMaxDeg >= 0 && keyAzimuthMaxDeg <= 180)) {
      throw new IllegalArgumentException(
          "key light azimuth limit must be in [0, 180] degrees: " + keyAzimuthMaxDeg);
    }
    double exposure = 0.8 + 0.45 * random.nextDouble();
    double keyAzimuth =
        Math.toRadians(-keyAzimuthMaxDeg + 2 * keyAzimuthMaxDeg * random.nextDouble());
    double keyElevation = Math.toRadians(-10 + 70 * random.nextDouble());
    double fillAzimuth = -Math.signum(keyAzimuth) * Math.toRadians(30 + 60 * random.nextDouble());
    double fillElevation = Math.toRadians(-20 + 50 * random.nextDouble());
    DirectionalLight key =
        new DirectionalLight(
            direction(keyAzimuth, keyElevation),
            scale(tint(random), exposure * (0.55 + 0.5 * random.nextDouble())));
    DirectionalLight fill =
        new DirectionalLight(
            direction(fillAzimuth, fillElevation),
            scale(tint(random), exposure * (0.1 + 0.3 * random.nextDouble())));
    float[] ambient = scale(tint(random), exposure * (0.18 + 0.22 * random.nextDouble()));
    float[] cameraLight = scale(tint(random), exposure * (0.05 + 0.25 * random.nextDouble()));
    return new Lighting(ambient, List.of(key, fill), cameraLight);
  }

  /** Unit direction from azimuth (about +y, 0 = +z, + towards +x) and elevation, radians. */
  static double[] direction(double azimuth, double elevation) {
    return new double[] {
      Math.cos(elevation) * Math.sin(azimuth),
      Math.sin(elevation),
      Math.cos(elevation) * Math.cos(azimuth)
    };
  }

  /** A white between warm (tungsten-like) and cool (shade-like), mean about 1. */
  private static float[] tint(Random random) {
    return tint(random, 0.18, 0.03, 0.22);
  }

  /**
   * A white between warm and cool, mean about 1: for t from U(-1, 1) (-1 warm … +1 cool), red
   * {@code 1 - red·t}, green {@code 1 - green·|t|}, blue {@code 1 + blue·t}, each then varied by ±4
   * %.
   */
  static float[] tint(Random random, double red, double green, double blue) {
    double t = random.nextDouble() * 2 - 1; // -1 warm … +1 cool
    double r = 1 - red * t;
    double g = 1 - green * Math.abs(t);
    double b = 1 + blue * t;
    double hueJitter = 0.04;
    r *= 1 + hueJitter * (random.nextDouble() * 2 - 1);
    g *= 1 + hueJitter * (random.nextDouble() * 2 - 1);
    b *= 1 + hueJitter * (random.nextDouble() * 2 - 1);
    return new float[] {(float) r, (float) g, (float) b};
  }

  static float[] scale(float[] rgb, double k) {
    return new float[] {(float) (rgb[0] * k), (float) (rgb[1] * k), (float) (rgb[2] * k)};
  }
}
