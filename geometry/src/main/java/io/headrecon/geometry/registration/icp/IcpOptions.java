package io.headrecon.geometry.registration.icp;

import java.util.Arrays;

/**
 * ICP settings.
 *
 * @param method point-to-point or point-to-plane
 * @param kernel robust weighting of residuals
 * @param kernelScaleFraction the kernel scale in each stage is this fraction of the stage's maximum
 *     correspondence distance
 * @param maxCorrespondenceDistancesMm the coarse-to-fine schedule: one stage per entry, pairs
 *     farther apart than the entry (mm) are ignored in that stage; non-increasing
 * @param convergence when each stage stops
 */
public record IcpOptions(
    Method method,
    RobustKernel kernel,
    double kernelScaleFraction,
    double[] maxCorrespondenceDistancesMm,
    ConvergenceCriteria convergence) {

  /** How each step is estimated. */
  public enum Method {
    POINT_TO_POINT,
    POINT_TO_PLANE
  }

  public IcpOptions {
    if (maxCorrespondenceDistancesMm.length == 0) {
      throw new IllegalArgumentException("need at least one maximum correspondence distance");
    }
    maxCorrespondenceDistancesMm = maxCorrespondenceDistancesMm.clone();
    for (int i = 0; i < maxCorrespondenceDistancesMm.length; i++) {
      if (!(maxCorrespondenceDistancesMm[i] > 0)
          || (i > 0 && maxCorrespondenceDistancesMm[i] > maxCorrespondenceDistancesMm[i - 1])) {
        throw new IllegalArgumentException(
            "maximum correspondence distances must be positive and non-increasing: "
                + Arrays.toString(maxCorrespondenceDistancesMm));
      }
    }
    if (!(kernelScaleFraction > 0)) {
      throw new IllegalArgumentException("kernelScaleFraction must be positive");
    }
  }

  /**
   * Point-to-plane with a Tukey kernel (scale = the stage's distance), schedule 20, 10, 5, 2.5 mm,
   * default convergence: for clouds pre-aligned to within a few centimetres and ~30°.
   */
  public static IcpOptions pointToPlaneDefaults() {
    return new IcpOptions(
        Method.POINT_TO_PLANE,
        RobustKernel.TUKEY,
        1.0,
        new double[] {20, 10, 5, 2.5},
        ConvergenceCriteria.defaults());
  }

  /** The same settings with another schedule (mm). */
  public IcpOptions withSchedule(double... distancesMm) {
    return new IcpOptions(method, kernel, kernelScaleFraction, distancesMm, convergence);
  }

  /** The same settings with other convergence criteria. */
  public IcpOptions withConvergence(ConvergenceCriteria criteria) {
    return new IcpOptions(
        method, kernel, kernelScaleFraction, maxCorrespondenceDistancesMm, criteria);
  }

  @Override
  public double[] maxCorrespondenceDistancesMm() {
    return maxCorrespondenceDistancesMm.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IcpOptions other
        && method == other.method
        && kernel == other.kernel
        && kernelScaleFraction == other.kernelScaleFraction
        && Arrays.equals(maxCorrespondenceDistancesMm, other.maxCorrespondenceDistancesMm)
        && convergence.equals(other.convergence);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(maxCorrespondenceDistancesMm) * 31 + method.hashCode();
  }

  @Override
  public String toString() {
    return "IcpOptions{"
        + method
        + ", "
        + kernel
        + " x"
        + kernelScaleFraction
        + ", scheduleMm="
        + Arrays.toString(maxCorrespondenceDistancesMm)
        + ", "
        + convergence
        + "}";
  }
}
