package io.headrecon.synth.render;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Derivation of independent, reproducible random streams from one seed and labels (e.g. the dataset
 * seed, a subject index and "lighting"), so that changing one option (say the view list) does not
 * change what other streams draw.
 */
public final class Seeds {
  private Seeds() {}

  /** The SplitMix64 finaliser: a bijective 64-bit mix. */
  public static long mix(long z) {
    z += 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** A seed derived from {@code seed} and the given labels. */
  public static long derive(long seed, Object... labels) {
    long h = mix(seed);
    for (Object label : labels) {
      byte[] bytes = String.valueOf(label).getBytes(StandardCharsets.UTF_8);
      for (byte b : bytes) {
        h = mix(h ^ (b & 0xff));
      }
      h = mix(h ^ 0x5F); // separator, so ("ab","c") differs from ("a","bc")
    }
    return h;
  }

  /** A {@link Random} seeded with {@link #derive}. */
  public static Random random(long seed, Object... labels) {
    return new Random(derive(seed, labels));
  }

  /** A number in [0, 1) derived from {@code seed} and the labels. */
  public static double uniform(long seed, Object... labels) {
    return (derive(seed, labels) >>> 11) * 0x1.0p-53;
  }

  /**
   * An index drawn with probability proportional to {@code weights} (one {@code nextDouble} of
   * {@code random}).
   */
  public static int pick(Random random, double[] weights) {
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    double u = random.nextDouble() * total;
    for (int i = 0; i < weights.length; i++) {
      u -= weights[i];
      if (u < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }
}
