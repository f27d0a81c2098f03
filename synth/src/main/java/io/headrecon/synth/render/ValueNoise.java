package io.headrecon.synth.render;

/**
 * Smooth seeded value noise in 3-D: random values in [-1, 1] on an integer lattice, blended with a
 * smoothstep. Deterministic for a given seed on every JVM. Scale the coordinates to choose the
 * feature size.
 */
public final class ValueNoise {
  private final long seed;

  public ValueNoise(long seed) {
    this.seed = seed;
  }

  /** Noise at (x, y, z) in lattice units, in [-1, 1]. */
  public double at(double x, double y, double z) {
    long xi = (long) Math.floor(x);
    long yi = (long) Math.floor(y);
    long zi = (long) Math.floor(z);
    double fx = smooth(x - xi);
    double fy = smooth(y - yi);
    double fz = smooth(z - zi);
    double x00 = lerp(lattice(xi, yi, zi), lattice(xi + 1, yi, zi), fx);
    double x10 = lerp(lattice(xi, yi + 1, zi), lattice(xi + 1, yi + 1, zi), fx);
    double x01 = lerp(lattice(xi, yi, zi + 1), lattice(xi + 1, yi, zi + 1), fx);
    double x11 = lerp(lattice(xi, yi + 1, zi + 1), lattice(xi + 1, yi + 1, zi + 1), fx);
    return lerp(lerp(x00, x10, fy), lerp(x01, x11, fy), fz);
  }

  /** Sum of {@code octaves} octaves (each half the size and amplitude), roughly in [-1, 1]. */
  public double fractal(double x, double y, double z, int octaves) {
    double sum = 0;
    double amplitude = 1;
    double norm = 0;
    for (int o = 0; o < octaves; o++) {
      sum += amplitude * at(x, y, z + 17.3 * o);
      norm += amplitude;
      x *= 2;
      y *= 2;
      z *= 2;
      amplitude *= 0.5;
    }
    return sum / norm;
  }

  private double lattice(long x, long y, long z) {
    long h = Seeds.mix(seed ^ Seeds.mix(x * 0x9E3779B97F4A7C15L + Seeds.mix(y + 31 * z)));
    return ((h >>> 11) * 0x1.0p-53) * 2 - 1;
  }

  private static double smooth(double t) {
    return t * t * (3 - 2 * t);
  }

  private static double lerp(double a, double b, double t) {
    return a + (b - a) * t;
  }
}
