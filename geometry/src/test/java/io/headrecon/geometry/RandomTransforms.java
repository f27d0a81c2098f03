package io.headrecon.geometry;

import java.util.Random;

/** Seeded random rigid transforms for tests. */
public final class RandomTransforms {
  private RandomTransforms() {}

  /** A rotation of exactly {@code angleDeg} about a uniformly random axis, then a translation. */
  public static RigidTransform of(Random random, double angleDeg, double translationMm) {
    double[] axis = unit(random);
    double[] dir = unit(random);
    return RigidTransform.fromAxisAngle(
        axis[0],
        axis[1],
        axis[2],
        angleDeg,
        new double[] {dir[0] * translationMm, dir[1] * translationMm, dir[2] * translationMm});
  }

  private static double[] unit(Random random) {
    double x = random.nextGaussian(), y = random.nextGaussian(), z = random.nextGaussian();
    double n = Math.sqrt(x * x + y * y + z * z);
    return new double[] {x / n, y / n, z / n};
  }
}
