package io.headrecon.geometry.registration.icp;

/**
 * M-estimator weights for ICP residuals (iteratively reweighted least squares). The scale {@code k}
 * is in millimetres, like the residual.
 */
public enum RobustKernel {
  /** Plain least squares: weight 1. */
  NONE {
    @Override
    public double weight(double residualMm, double k) {
      return 1;
    }
  },
  /** Huber: 1 within k, k/|r| beyond. */
  HUBER {
    @Override
    public double weight(double residualMm, double k) {
      double a = Math.abs(residualMm);
      return a <= k ? 1 : k / a;
    }
  },
  /** Tukey biweight: (1 - (r/k)²)² within k, 0 beyond. */
  TUKEY {
    @Override
    public double weight(double residualMm, double k) {
      double u = residualMm / k;
      if (u * u >= 1) {
        return 0;
      }
      double v = 1 - u * u;
      return v * v;
    }
  };

  /** IRLS weight of a residual (mm) for kernel scale {@code k} (mm). */
  public abstract double weight(double residualMm, double k);
}
