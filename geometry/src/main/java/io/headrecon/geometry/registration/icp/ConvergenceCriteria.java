package io.headrecon.geometry.registration.icp;

import io.headrecon.geometry.RigidTransform;

/**
 * When one stage of ICP stops: after {@code maxIterations}, or as soon as an increment rotates by
 * less than {@code rotationEpsilonDeg} degrees and translates by less than {@code
 * translationEpsilonMm} millimetres, or the correspondence RMSE changes by less than the fraction
 * {@code relativeRmseEpsilon} between iterations (use 0 to disable a test).
 */
public record ConvergenceCriteria(
    int maxIterations,
    double rotationEpsilonDeg,
    double translationEpsilonMm,
    double relativeRmseEpsilon) {

  public ConvergenceCriteria {
    if (maxIterations < 1) {
      throw new IllegalArgumentException("maxIterations must be >= 1: " + maxIterations);
    }
  }

  /** 30 iterations per stage, 0.001°, 0.001 mm, RMSE change 1e-5. */
  public static ConvergenceCriteria defaults() {
    return new ConvergenceCriteria(30, 1e-3, 1e-3, 1e-5);
  }

  /** Exactly {@code iterations} iterations, no early stop (for like-for-like benchmarks). */
  public static ConvergenceCriteria fixedIterations(int iterations) {
    return new ConvergenceCriteria(iterations, 0, 0, 0);
  }

  /** Whether the stage has converged after an increment and an RMSE change. */
  public boolean hasConverged(RigidTransform increment, double previousRmseMm, double rmseMm) {
    boolean small =
        increment.rotationAngleDeg() < rotationEpsilonDeg
            && Math.sqrt(
                    increment.t(0) * increment.t(0)
                        + increment.t(1) * increment.t(1)
                        + increment.t(2) * increment.t(2))
                < translationEpsilonMm;
    boolean flat =
        previousRmseMm > 0
            && Math.abs(previousRmseMm - rmseMm) < relativeRmseEpsilon * previousRmseMm;
    return small || flat;
  }
}
