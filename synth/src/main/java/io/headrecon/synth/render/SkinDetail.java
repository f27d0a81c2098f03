package io.headrecon.synth.render;

/**
 * Fine texture of skin with its brows and facial hair, per colour sample: a few percent of blotchy
 * variation at 1-3 mm (pores, freckles, uneven tone), and where the detail amount says there is
 * hair (brows, beard, moustache, stubble), short dark and light strands of about 0.5 × 2 mm
 * pointing down the face.
 */
public final class SkinDetail {
  private SkinDetail() {}

  /** The detail for one subject, its noise seeded with {@code seed}. */
  public static SurfaceDetail of(long seed) {
    ValueNoise pores = new ValueNoise(seed);
    ValueNoise strands = new ValueNoise(seed * 31 + 3);
    return (x, y, z, amount) -> {
      double f = 1 + 0.035 * pores.fractal(x / 1.1, y / 1.1, z / 1.1, 2);
      if (amount > 0) {
        double s = strands.at(x / 0.5, y / 2.2, z / 0.5);
        f *= 1 + 0.5 * amount * s;
      }
      return (float) f;
    };
  }
}
