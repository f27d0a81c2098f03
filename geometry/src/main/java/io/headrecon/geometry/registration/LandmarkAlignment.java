package io.headrecon.geometry.registration;

import io.headrecon.geometry.SimilarityTransform;

/**
 * The result of aligning one landmark set to another.
 *
 * @param sourceToTarget maps source-frame points onto the target frame
 * @param inlierLandmarks indices (into the landmark arrays) of the landmarks that agree within the
 *     inlier threshold
 * @param commonVisible how many landmarks were visible in both sets
 * @param inlierRmsMm root mean square residual over the inliers, millimetres
 */
public record LandmarkAlignment(
    SimilarityTransform sourceToTarget,
    int[] inlierLandmarks,
    int commonVisible,
    double inlierRmsMm) {

  /** Number of inlier landmarks. */
  public int inlierCount() {
    return inlierLandmarks.length;
  }
}
