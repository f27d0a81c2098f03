package io.headrecon.geometry.metrics;

import io.headrecon.geometry.RigidTransform;

/**
 * The difference between an estimated and a ground-truth pose (both mapping the same frames).
 *
 * @param rotationDeg angle of the relative rotation, degrees
 * @param translationMm distance between the translations, millimetres
 */
public record PoseError(double rotationDeg, double translationMm) {

  /** Error of {@code estimate} against {@code truth}. */
  public static PoseError of(RigidTransform estimate, RigidTransform truth) {
    return new PoseError(
        estimate.rotationDistanceDeg(truth), estimate.translationDistanceMm(truth));
  }
}
