package io.headrecon.geometry.registration.icp;

import io.headrecon.geometry.PointCloud;
import io.headrecon.geometry.RigidTransform;
import io.headrecon.geometry.registration.CrossCovariance;

/**
 * Point-to-point step: weighted closed-form rigid fit (Kabsch/Umeyama without scale) minimising
 * {@code Σ w |R p + t - q|²}; weights from the kernel on the Euclidean distance.
 */
public final class PointToPointEstimation implements TransformationEstimation {
  private final CrossCovariance acc = new CrossCovariance();

  @Override
  public RigidTransform estimate(
      float[] src, PointCloud target, Correspondences pairs, RobustKernel kernel, double k) {
    float[] tgt = target.positionsMm();
    acc.reset();
    for (int c = 0; c < pairs.count; c++) {
      int i = 3 * pairs.source[c];
      int j = 3 * pairs.target[c];
      double w = kernel == RobustKernel.NONE ? 1 : kernel.weight(Math.sqrt(pairs.distance2[c]), k);
      if (w > 0) {
        acc.add(src[i], src[i + 1], src[i + 2], tgt[j], tgt[j + 1], tgt[j + 2], w);
      }
    }
    if (acc.count() < 3 || !(acc.totalWeight() > 0)) {
      return null;
    }
    return acc.solve(false).rigidPart();
  }
}
