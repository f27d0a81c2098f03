package io.headrecon.geometry.processing;

/** Closed-form eigen-analysis of symmetric 3x3 matrices (fast path for per-point PCA). */
final class SymmetricEigen3 {
  private SymmetricEigen3() {}

  /**
   * Writes the unit eigenvector of the smallest eigenvalue of the symmetric matrix {@code a} =
   * {a00, a01, a02, a11, a12, a22} into {@code out}.
   */
  static void smallestEigenvector(double[] a, double[] out) {
    double a00 = a[0], a01 = a[1], a02 = a[2], a11 = a[3], a12 = a[4], a22 = a[5];
    double scale = Math.max(Math.abs(a00), Math.max(Math.abs(a11), Math.abs(a22)));
    scale = Math.max(scale, Math.max(Math.abs(a01), Math.max(Math.abs(a02), Math.abs(a12))));
    if (scale == 0) {
      out[0] = 0;
      out[1] = 0;
      out[2] = 1;
      return;
    }
    a00 /= scale;
    a01 /= scale;
    a02 /= scale;
    a11 /= scale;
    a12 /= scale;
    a22 /= scale;
    // eigenvalues by the trigonometric method (Smith 1961)
    double p1 = a01 * a01 + a02 * a02 + a12 * a12;
    double q = (a00 + a11 + a22) / 3;
    double lambda;
    if (p1 < 1e-30) {
      lambda = Math.min(a00, Math.min(a11, a22));
    } else {
      double p2 = (a00 - q) * (a00 - q) + (a11 - q) * (a11 - q) + (a22 - q) * (a22 - q) + 2 * p1;
      double p = Math.sqrt(p2 / 6);
      double b00 = (a00 - q) / p, b11 = (a11 - q) / p, b22 = (a22 - q) / p;
      double b01 = a01 / p, b02 = a02 / p, b12 = a12 / p;
      double detB =
          b00 * (b11 * b22 - b12 * b12)
              - b01 * (b01 * b22 - b12 * b02)
              + b02 * (b01 * b12 - b11 * b02);
      double r = Math.max(-1, Math.min(1, detB / 2));
      double phi = Math.acos(r) / 3;
      lambda = q + 2 * p * Math.cos(phi + 2 * Math.PI / 3); // the smallest
    }
    // eigenvector: the largest cross product of two rows of (A - λI)
    double r0x = a00 - lambda, r0y = a01, r0z = a02;
    double r1x = a01, r1y = a11 - lambda, r1z = a12;
    double r2x = a02, r2y = a12, r2z = a22 - lambda;
    double c0x = r0y * r1z - r0z * r1y, c0y = r0z * r1x - r0x * r1z, c0z = r0x * r1y - r0y * r1x;
    double c1x = r0y * r2z - r0z * r2y, c1y = r0z * r2x - r0x * r2z, c1z = r0x * r2y - r0y * r2x;
    double c2x = r1y * r2z - r1z * r2y, c2y = r1z * r2x - r1x * r2z, c2z = r1x * r2y - r1y * r2x;
    double d0 = c0x * c0x + c0y * c0y + c0z * c0z;
    double d1 = c1x * c1x + c1y * c1y + c1z * c1z;
    double d2 = c2x * c2x + c2y * c2y + c2z * c2z;
    double x, y, z, d;
    if (d0 >= d1 && d0 >= d2) {
      x = c0x;
      y = c0y;
      z = c0z;
      d = d0;
    } else if (d1 >= d2) {
      x = c1x;
      y = c1y;
      z = c1z;
      d = d1;
    } else {
      x = c2x;
      y = c2y;
      z = c2z;
      d = d2;
    }
    if (d < 1e-30) {
      // (near-)repeated smallest eigenvalue (e.g. a line or a point): any direction orthogonal
      // to the dominant row will do
      double[] rows = {r0x, r0y, r0z};
      double ax = Math.abs(rows[0]), ay = Math.abs(rows[1]);
      if (ax < 1e-30 && ay < 1e-30 && Math.abs(rows[2]) < 1e-30) {
        out[0] = 0;
        out[1] = 0;
        out[2] = 1;
        return;
      }
      x = -rows[1];
      y = rows[0];
      z = 0;
      d = x * x + y * y;
      if (d < 1e-30) {
        x = 1;
        y = 0;
        z = 0;
        d = 1;
      }
    }
    double inv = 1 / Math.sqrt(d);
    out[0] = x * inv;
    out[1] = y * inv;
    out[2] = z * inv;
  }
}
