package io.headrecon.geometry.registration;

import io.headrecon.geometry.RigidTransform;
import io.headrecon.geometry.SimilarityTransform;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * Accumulates weighted point pairs (source p, destination q; millimetres) and solves for the
 * similarity or rigid transform minimising {@code Σ w |q - (s R p + t)|²} in closed form (Umeyama
 * 1991; with the scale fixed to 1 it is the Kabsch/Horn solution). Mutable; {@link #reset()} to
 * reuse.
 */
public final class CrossCovariance {
  private double w;
  private double spx, spy, spz, sqx, sqy, sqz; // Σ w p, Σ w q
  private double spp; // Σ w |p|²
  private final double[] spq = new double[9]; // Σ w q p^T (row = q axis, column = p axis)
  private int count;

  /** Clears all pairs. */
  public void reset() {
    w = spx = spy = spz = sqx = sqy = sqz = spp = 0;
    java.util.Arrays.fill(spq, 0);
    count = 0;
  }

  /** Adds the pair p → q with weight {@code weight} (≥ 0). */
  public void add(double px, double py, double pz, double qx, double qy, double qz, double weight) {
    w += weight;
    spx += weight * px;
    spy += weight * py;
    spz += weight * pz;
    sqx += weight * qx;
    sqy += weight * qy;
    sqz += weight * qz;
    spp += weight * (px * px + py * py + pz * pz);
    spq[0] += weight * qx * px;
    spq[1] += weight * qx * py;
    spq[2] += weight * qx * pz;
    spq[3] += weight * qy * px;
    spq[4] += weight * qy * py;
    spq[5] += weight * qy * pz;
    spq[6] += weight * qz * px;
    spq[7] += weight * qz * py;
    spq[8] += weight * qz * pz;
    count++;
  }

  /** Number of pairs added. */
  public int count() {
    return count;
  }

  /** Sum of weights. */
  public double totalWeight() {
    return w;
  }

  /**
   * The transform taking sources onto destinations.
   *
   * @param withScale estimate the uniform scale (else it is 1)
   * @throws IllegalStateException with fewer than 3 pairs or zero total weight
   */
  public SimilarityTransform solve(boolean withScale) {
    if (count < 3 || !(w > 0)) {
      throw new IllegalStateException(
          "need at least 3 weighted pairs, have " + count + " with total weight " + w);
    }
    double mpx = spx / w, mpy = spy / w, mpz = spz / w;
    double mqx = sqx / w, mqy = sqy / w, mqz = sqz / w;
    double[] mp = {mpx, mpy, mpz};
    double[] mq = {mqx, mqy, mqz};
    double[][] sigma = new double[3][3];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        sigma[i][j] = spq[3 * i + j] / w - mq[i] * mp[j];
      }
    }
    double varP = spp / w - (mpx * mpx + mpy * mpy + mpz * mpz);
    SingularValueDecomposition svd =
        new SingularValueDecomposition(new Array2DRowRealMatrix(sigma, false));
    RealMatrix u = svd.getU();
    RealMatrix v = svd.getV();
    double[] d = svd.getSingularValues();
    double det =
        new org.apache.commons.math3.linear.LUDecomposition(u).getDeterminant()
            * new org.apache.commons.math3.linear.LUDecomposition(v).getDeterminant();
    double sLast = det < 0 ? -1 : 1;
    double[] r = new double[9];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        r[3 * i + j] =
            u.getEntry(i, 0) * v.getEntry(j, 0)
                + u.getEntry(i, 1) * v.getEntry(j, 1)
                + sLast * u.getEntry(i, 2) * v.getEntry(j, 2);
      }
    }
    double scale = 1;
    if (withScale) {
      if (!(varP > 0)) {
        throw new IllegalStateException("source points coincide: scale is undefined");
      }
      scale = (d[0] + d[1] + sLast * d[2]) / varP;
    }
    double[] t = new double[3];
    for (int i = 0; i < 3; i++) {
      t[i] = mq[i] - scale * (r[3 * i] * mpx + r[3 * i + 1] * mpy + r[3 * i + 2] * mpz);
    }
    return SimilarityTransform.of(RigidTransform.of(r, t), scale);
  }
}
