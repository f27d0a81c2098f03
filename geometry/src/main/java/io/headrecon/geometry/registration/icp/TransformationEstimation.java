package io.headrecon.geometry.registration.icp;

import io.headrecon.geometry.PointCloud;
import io.headrecon.geometry.RigidTransform;

/** One ICP step: the rigid motion that best moves the current source points onto their pairs. */
public interface TransformationEstimation {

  /**
   * The increment (target frame to target frame) to apply after the current source-to-target
   * transform.
   *
   * @param sourceInTargetMm current source positions in the target frame, x, y, z per point (mm)
   * @param target the target cloud (mm)
   * @param pairs the correspondences found at these positions
   * @param kernel robust weighting of the residuals
   * @param kernelScaleMm the kernel's scale, mm
   * @return the increment, or null when the pairs do not determine a motion (degenerate)
   */
  RigidTransform estimate(
      float[] sourceInTargetMm,
      PointCloud target,
      Correspondences pairs,
      RobustKernel kernel,
      double kernelScaleMm);
}
