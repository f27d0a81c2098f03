package io.headrecon.geometry.mvs;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.linear.SingularMatrixException;

/**
 * A smooth depth correction over a view: a quadratic in the pixel coordinates (normalised to [-1,
 * 1]), fitted by iteratively reweighted least squares (Tukey weights) to the corrections of
 * confident pixels. Package-private helper of {@link PhotoConsistencyRefinement}.
 */
final class SmoothCorrection {
  /** Tukey's biweight vanishes beyond this residual, millimetres (final iterations). */
  static final double TUKEY_MM = 6.0;

  /** Tukey widths per iteration, millimetres: wide first, as the start is a constant. */
  private static final double[] SCHEDULE_MM = {24, 12, TUKEY_MM, TUKEY_MM};

  private static final int TERMS = 6;
  private static final int MIN_PIXELS = 50;

  private SmoothCorrection() {}

  /**
   * Fits the model; with under {@value #MIN_PIXELS} confident pixels (or a singular system) a
   * constant: their confidence-weighted median (0 with none).
   *
   * @param correctionMm per pixel, millimetres (read where {@code use} is set)
   * @param weight per pixel weight (the confidence)
   * @return the model's coefficients for {@link #at}
   */
  static double[] fit(float[] correctionMm, float[] weight, boolean[] use, int w, int h) {
    int count = 0;
    for (boolean u : use) {
      if (u) {
        count++;
      }
    }
    double[] constant = new double[TERMS];
    if (count == 0) {
      return constant;
    }
    constant[0] = weightedMedian(correctionMm, weight, use, count);
    if (count < MIN_PIXELS) {
      return constant;
    }
    double[] coefficients = constant;
    double[] basis = new double[TERMS];
    for (double tukeyMm : SCHEDULE_MM) {
      double[][] a = new double[TERMS][TERMS];
      double[] b = new double[TERMS];
      for (int p = 0; p < use.length; p++) {
        if (!use[p]) {
          continue;
        }
        basis(p % w, p / w, w, h, basis);
        double residual = correctionMm[p] - dot(coefficients, basis);
        double wt = weight[p] * tukey(residual, tukeyMm);
        if (wt <= 0) {
          continue;
        }
        for (int i = 0; i < TERMS; i++) {
          b[i] += wt * basis[i] * correctionMm[p];
          for (int j = 0; j < TERMS; j++) {
            a[i][j] += wt * basis[i] * basis[j];
          }
        }
      }
      try {
        RealVector x =
            new LUDecomposition(new Array2DRowRealMatrix(a, false))
                .getSolver()
                .solve(new ArrayRealVector(b, false));
        coefficients = x.toArray();
      } catch (SingularMatrixException e) {
        return constant;
      }
    }
    return coefficients;
  }

  /** The model's correction at pixel (x, y), millimetres. */
  static double at(double[] coefficients, int xPx, int yPx, int w, int h) {
    double u = 2.0 * xPx / Math.max(1, w - 1) - 1;
    double v = 2.0 * yPx / Math.max(1, h - 1) - 1;
    return coefficients[0]
        + coefficients[1] * u
        + coefficients[2] * v
        + coefficients[3] * u * u
        + coefficients[4] * u * v
        + coefficients[5] * v * v;
  }

  /** Tukey's biweight of a residual in millimetres, vanishing beyond {@code widthMm}. */
  static double tukey(double residualMm, double widthMm) {
    double t = residualMm / widthMm;
    if (Math.abs(t) >= 1) {
      return 0;
    }
    double s = 1 - t * t;
    return s * s;
  }

  private static void basis(int xPx, int yPx, int w, int h, double[] out) {
    double u = 2.0 * xPx / Math.max(1, w - 1) - 1;
    double v = 2.0 * yPx / Math.max(1, h - 1) - 1;
    out[0] = 1;
    out[1] = u;
    out[2] = v;
    out[3] = u * u;
    out[4] = u * v;
    out[5] = v * v;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static double weightedMedian(float[] values, float[] weights, boolean[] use, int count) {
    float[] v = new float[count];
    float[] wt = new float[count];
    int k = 0;
    for (int p = 0; p < use.length; p++) {
      if (use[p]) {
        v[k] = values[p];
        wt[k++] = weights[p];
      }
    }
    Integer[] order = new Integer[count];
    double total = 0;
    for (int i = 0; i < count; i++) {
      order[i] = i;
      total += wt[i];
    }
    java.util.Arrays.sort(order, (a, b) -> Float.compare(v[a], v[b]));
    double acc = 0;
    for (int i : order) {
      acc += wt[i];
      if (acc >= total / 2) {
        return v[i];
      }
    }
    return v[order[count - 1]];
  }
}
