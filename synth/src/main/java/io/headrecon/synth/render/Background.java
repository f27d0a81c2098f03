package io.headrecon.synth.render;

import java.util.List;
import java.util.Random;

/**
 * An image behind the head, as a function of continuous pixel coordinates (pixel centres at
 * integers) returning linear RGB. Procedural kinds: solid, gradient, noise, clutter; studio
 * backdrops (grey, white, green paper with a light fall-off); crops of photographs ({@link
 * BackgroundPhotos}).
 */
public interface Background {
  /** The kinds of background. */
  enum Kind {
    SOLID,
    GRADIENT,
    NOISE,
    CLUTTER,
    /** A studio backdrop: grey, white, black, blue or chroma green, lit unevenly. */
    STUDIO,
    /** A crop of a photograph from a {@link BackgroundPhotos} library. */
    PHOTO
  }

  /** The procedural kinds, the only ones drawn before photographs and studio backdrops existed. */
  List<Kind> PROCEDURAL = List.of(Kind.SOLID, Kind.GRADIENT, Kind.NOISE, Kind.CLUTTER);

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

  /** A random background of a random {@link #PROCEDURAL} kind for an image of the given size. */
  static Background sample(Random random, int widthPx, int heightPx) {
    Kind kind = PROCEDURAL.get(random.nextInt(PROCEDURAL.size()));
    return sample(kind, random, widthPx, heightPx);
  }

  /**
   * A background of a kind drawn uniformly from {@code kinds} (the {@link #PROCEDURAL} kinds when
   * empty); with the procedural kinds in enum order it is the same background as {@link
   * #sample(Random, int, int)}. Photographs need {@link #sample(Kind, Random, int, int,
   * BackgroundPhotos)}.
   */
  static Background sample(List<Kind> kinds, Random random, int widthPx, int heightPx) {
    if (kinds.isEmpty()) {
      return sample(random, widthPx, heightPx);
    }
    Kind kind = kinds.get(random.nextInt(kinds.size()));
    return sample(kind, random, widthPx, heightPx);
  }

  /**
   * A random background of the given kind; a {@link Kind#PHOTO} is a crop of one of {@code photos}.
   *
   * @throws IllegalArgumentException for {@link Kind#PHOTO} when the library is empty
   */
  static Background sample(
      Kind kind, Random random, int widthPx, int heightPx, BackgroundPhotos photos) {
    if (kind == Kind.PHOTO) {
      return photos.sample(random, widthPx, heightPx);
    }
    return sample(kind, random, widthPx, heightPx);
  }

  /** A random background of the given procedural or studio kind. */
  static Background sample(Kind kind, Random random, int widthPx, int heightPx) {
    double size = Math.max(widthPx, heightPx);
    switch (kind) {
      case PHOTO:
        throw new IllegalArgumentException("a photo background needs a BackgroundPhotos library");
      case STUDIO:
        return Studio.sample(random, widthPx, heightPx);
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

  /**
   * A photographer's paper backdrop: a grey, white, black, blue or chroma-green sheet lit by a
   * background light whose pool of light is brighter behind the subject and falls off towards the
   * edges, with faint paper texture.
   */
  final class Studio implements Background {
    private static final float[][] PAPER = {
      {0.18f, 0.18f, 0.18f}, // mid grey
      {0.05f, 0.05f, 0.052f}, // charcoal
      {0.70f, 0.70f, 0.68f}, // white
      {0.012f, 0.012f, 0.013f}, // black
      {0.05f, 0.09f, 0.16f}, // blue
      {0.03f, 0.32f, 0.06f} // chroma green
    };
    private static final double[] WEIGHT = {0.3, 0.15, 0.2, 0.08, 0.1, 0.17};
    private final float[] paper;
    private final double spotX;
    private final double spotY;
    private final double spotRadius;
    private final double spotGain;
    private final ValueNoise texture;
    private final double textureAmplitude;
    private final double cell;

    private Studio(Random random, int widthPx, int heightPx) {
      int i = Seeds.pick(random, WEIGHT);
      double shade = 0.75 + 0.5 * random.nextDouble();
      paper = new float[3];
      for (int k = 0; k < 3; k++) {
        paper[k] =
            (float) Math.min(1, PAPER[i][k] * shade * (1 + 0.06 * (random.nextDouble() - 0.5)));
      }
      double size = Math.max(widthPx, heightPx);
      spotX = widthPx * (0.3 + 0.4 * random.nextDouble());
      spotY = heightPx * (0.2 + 0.5 * random.nextDouble());
      spotRadius = size * (0.4 + 0.8 * random.nextDouble());
      spotGain = 0.2 + 0.9 * random.nextDouble();
      texture = new ValueNoise(random.nextLong());
      textureAmplitude = 0.01 + 0.03 * random.nextDouble();
      cell = size / (6 + 10 * random.nextDouble());
    }

    static Studio sample(Random random, int widthPx, int heightPx) {
      return new Studio(random, widthPx, heightPx);
    }

    @Override
    public void colorAt(double x, double y, float[] out) {
      double dx = (x - spotX) / spotRadius;
      double dy = (y - spotY) / spotRadius;
      double light = (1 + spotGain * Math.exp(-(dx * dx + dy * dy))) / (1 + 0.5 * spotGain);
      light *= 1 + textureAmplitude * texture.fractal(x / cell, y / cell, 0.5, 3);
      for (int k = 0; k < 3; k++) {
        out[k] = (float) clamp01(paper[k] * light);
      }
    }

    @Override
    public Kind kind() {
      return Kind.STUDIO;
    }
  }
}
