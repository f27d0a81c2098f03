package io.headrecon.geometry;

/** Small dense 3×3 linear algebra on row-major {@code double[9]} arrays. */
public final class Matrix3 {
  private Matrix3() {}

  /**
   * Solves the 3×3 system {@code m x = b} ({@code m} row-major) by Cramer's rule; null when the
   * determinant is below 1e-12 in magnitude.
   */
  public static double[] solve(double[] m, double[] b) {
    double det =
        m[0] * (m[4] * m[8] - m[5] * m[7])
            - m[1] * (m[3] * m[8] - m[5] * m[6])
            + m[2] * (m[3] * m[7] - m[4] * m[6]);
    if (Math.abs(det) < 1e-12) {
      return null;
    }
    double[] x = new double[3];
    for (int col = 0; col < 3; col++) {
      double[] t = m.clone();
      for (int r = 0; r < 3; r++) {
        t[3 * r + col] = b[r];
      }
      x[col] =
          (t[0] * (t[4] * t[8] - t[5] * t[7])
                  - t[1] * (t[3] * t[8] - t[5] * t[6])
                  + t[2] * (t[3] * t[7] - t[4] * t[6]))
              / det;
    }
    return x;
  }
}
