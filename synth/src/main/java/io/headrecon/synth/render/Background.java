package io.headrecon.synth.render;

import java.util.Random;

/**
 * A procedural image behind the head, as a function of continuous pixel coordinates (pixel centres
 * at integers) returning linear RGB. Kinds: solid, gradient, noise, clutter.
 */
public interface Background {
  /** The kinds {@link #sample} draws from. */
  enum Kind {
    SOLID,
    GRADIENT,
    NOISE,
    CLUTTER
  }

  /** Writes the linear RGB colour at (xPx, yPx) into {@code out}. */
  void colorAt(double xPx, double yPx, float[] out);

  /** The kind of this background. */
  Kind kind();

  /**
   * Whether the background varies so slowly that one value per output pixel is enough (no
   * supersampling needed): true for all kinds but clutter, whose sharp edges are anti-aliased.
   */
  default boolean smoothAtPixelScale() {
    return kind() != Kind.CLUTTER;
  }

  /** A random background of a random kind for an image of the given size. */
  static Background sample(Random random, int widthPx, int heightPx) {
    Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
    return sample(kind, random, widthPx, heightPx);
  }

  /**
   * A background of a kind drawn uniformly from {@code kinds} (all kinds when empty); with every
   * kind in enum order it is the same background as {@link #sample(Random, int, int)}.
   */
  static Background sample(java.util.List<Kind> kinds, Random random, int widthPx, int heightPx) {
    if (kinds.isEmpty()) {
      return sample(random, widthPx, heightPx);
    }
    Kind kind = kinds.get(random.nextInt(kinds.size()));
    return sample(kind, random, widthPx, heightPx);
  }

  /** A random background of the given kind. */
  static Background sample(Kind kind, Random random, int widthPx, int heightPx) {
    double size = Math.max(widthPx, heightPx);
    switch (kind) {
      case SOLID:
        {
          float[] c = randomColor(random);
          return new Background() {
            @Override
            public void colorAt(double x, double y, float[] out) {
              out[0] = c[0];
              out[1] = c[1];
              out[2] = c[2];
            }

            @Override
            public Kind kind() {
              return Kind.SOLID;
            }
          };
        }
      case GRADIENT:
        {
          float[] a = randomColor(random);
          float[] b = randomColor(random);
          double angle = random.nextDouble() * 2 * Math.PI;
          double dx = Math.cos(angle) / size;
          double dy = Math.sin(angle) / size;
          double cx = widthPx / 2.0;
          double cy = heightPx / 2.0;
          return new Background() {
            @Override
            public void colorAt(double x, double y, float[] out) {
              double t = clamp01(0.5 + (x - cx) * dx + (y - cy) * dy);
              mix(a, b, t, out);
            }

            @Override
            public Kind kind() {
              return Kind.GRADIENT;
            }
          };
        }
      case NOISE:
        {
          float[] a = randomColor(random);
          float[] b = randomColor(random);
          ValueNoise noise = new ValueNoise(random.nextLong());
          ValueNoise hue = new ValueNoise(random.nextLong());
          double cell = size / (2 + 10 * random.nextDouble()); // features of 1/12 … 1/2 image
          int octaves = 1 + random.nextInt(4);
          return new Background() {
            @Override
            public void colorAt(double x, double y, float[] out) {
              double t = clamp01(0.5 + 0.7 * noise.fractal(x / cell, y / cell, 0.5, octaves));
              mix(a, b, t, out);
              double h = 0.15 * hue.at(x / cell / 2, y / cell / 2, 3.5);
              out[0] = (float) clamp01(out[0] * (1 + h));
              out[2] = (float) clamp01(out[2] * (1 - h));
            }

            @Override
            public Kind kind() {
              return Kind.NOISE;
            }
          };
        }
      case CLUTTER:
      default:
        return Clutter.sample(random, widthPx, heightPx);
    }
  }

  /** A random colour, linear RGB, from dark to light and grey to saturated. */
  static float[] randomColor(Random random) {
    double lightness = Math.pow(random.nextDouble(), 1.6) * 0.85 + 0.02;
    double saturation = random.nextDouble() < 0.3 ? 0.05 : random.nextDouble() * 0.8;
    float[] c = new float[3];
    for (int k = 0; k < 3; k++) {
      double channel = lightness * (1 + saturation * (random.nextDouble() * 2 - 1));
      c[k] = (float) clamp01(channel);
    }
    return c;
  }

  private static void mix(float[] a, float[] b, double t, float[] out) {
    for (int k = 0; k < 3; k++) {
      out[k] = (float) (a[k] + (b[k] - a[k]) * t);
    }
  }

  private static double clamp01(double x) {
    return x < 0 ? 0 : x > 1 ? 1 : x;
  }

  /** Random rectangles, discs and bars in front of a gradient: an indoor-like scene. */
  final class Clutter implements Background {
    private final Background base;
    private final int count;
    private final int[] type; // 0 rectangle, 1 ellipse, 2 bar (rotated rectangle)
    private final double[] cx;
    private final double[] cy;
    private final double[] rx;
    private final double[] ry;
    private final double[] cos;
    private final double[] sin;
    private final float[][] color;

    private Clutter(Random random, int widthPx, int heightPx) {
      base = Background.sample(Kind.GRADIENT, random, widthPx, heightPx);
      double size = Math.max(widthPx, heightPx);
      count = 4 + random.nextInt(20);
      type = new int[count];
      cx = new double[count];
      cy = new double[count];
      rx = new double[count];
      ry = new double[count];
      cos = new double[count];
      sin = new double[count];
      color = new float[count][];
      for (int i = 0; i < count; i++) {
        type[i] = random.nextInt(3);
        cx[i] = random.nextDouble() * widthPx;
        cy[i] = random.nextDouble() * heightPx;
        rx[i] = size * (0.02 + 0.3 * Math.pow(random.nextDouble(), 2));
        ry[i] =
            type[i] == 2 ? rx[i] * 0.08 : size * (0.02 + 0.3 * Math.pow(random.nextDouble(), 2));
        double angle = random.nextDouble() * Math.PI;
        cos[i] = type[i] == 0 ? 1 : Math.cos(angle);
        sin[i] = type[i] == 0 ? 0 : Math.sin(angle);
        color[i] = randomColor(random);
      }
    }

    static Clutter sample(Random random, int widthPx, int heightPx) {
      return new Clutter(random, widthPx, heightPx);
    }

    @Override
    public void colorAt(double x, double y, float[] out) {
      for (int i = count - 1; i >= 0; i--) { // last drawn is on top
        double dx = x - cx[i];
        double dy = y - cy[i];
        double u = (dx * cos[i] + dy * sin[i]) / rx[i];
        double v = (-dx * sin[i] + dy * cos[i]) / ry[i];
        boolean inside = type[i] == 1 ? u * u + v * v <= 1 : Math.abs(u) <= 1 && Math.abs(v) <= 1;
        if (inside) {
          out[0] = color[i][0];
          out[1] = color[i][1];
          out[2] = color[i][2];
          return;
        }
      }
      base.colorAt(x, y, out);
    }

    @Override
    public Kind kind() {
      return Kind.CLUTTER;
    }
  }
}
