package io.headrecon.geometry.registration.icp;

import io.headrecon.geometry.PointCloud;
import io.headrecon.geometry.RigidTransform;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.RealVector;

/**
 * Point-to-plane step: minimises {@code Σ w (n_q · (R p + t - q))²} linearised about the current
 * pose (small-angle rotation vector ω, translation t), a 6x6 normal-equation solve; the rotation is
 * then rebuilt exactly from ω. Weights from the kernel on the plane distance. Needs target normals.
 */
public final class PointToPlaneEstimation implements TransformationEstimation {
  private final double[] ata = new double[36];
  private final double[] atb = new double[6];

  @Override
  public RigidTransform estimate(
      float[] src, PointCloud target, Correspondences pairs, RobustKernel kernel, double k) {
    float[] normals = target.normals();
    if (normals == null) {
      throw new IllegalArgumentException("point-to-plane ICP needs a target cloud with normals");
    }
    float[] tgt = target.positionsMm();
    java.util.Arrays.fill(ata, 0);
    java.util.Arrays.fill(atb, 0);
    // centre the rotation about the source centroid for conditioning
    double cx = 0, cy = 0, cz = 0;
    for (int c = 0; c < pairs.count; c++) {
      int i = 3 * pairs.source[c];
      cx += src[i];
      cy += src[i + 1];
      cz += src[i + 2];
    }
    if (pairs.count < 6) {
      return null;
    }
    cx /= pairs.count;
    cy /= pairs.count;
    cz /= pairs.count;
    double[] row = new double[6];
    int used = 0;
    for (int c = 0; c < pairs.count; c++) {
      int i = 3 * pairs.source[c];
      int j = 3 * pairs.target[c];
      double nx = normals[j], ny = normals[j + 1], nz = normals[j + 2];
      double px = src[i] - cx, py = src[i + 1] - cy, pz = src[i + 2] - cz;
      double r =
          nx * (src[i] - tgt[j]) + ny * (src[i + 1] - tgt[j + 1]) + nz * (src[i + 2] - tgt[j + 2]);
      double w = kernel.weight(r, k);
      if (!(w > 0)) {
        continue;
      }
      used++;
      row[0] = py * nz - pz * ny; // p × n
      row[1] = pz * nx - px * nz;
      row[2] = px * ny - py * nx;
      row[3] = nx;
      row[4] = ny;
      row[5] = nz;
      for (int a = 0; a < 6; a++) {
        double wa = w * row[a];
        atb[a] -= wa * r;
        for (int b = a; b < 6; b++) {
          ata[6 * a + b] += wa * row[b];
        }
      }
    }
    if (used < 6) {
      return null;
    }
    double[][] m = new double[6][6];
    for (int a = 0; a < 6; a++) {
      for (int b = a; b < 6; b++) {
        m[a][b] = m[b][a] = ata[6 * a + b];
      }
    }
    RealVector x;
    try {
      x =
          new CholeskyDecomposition(new Array2DRowRealMatrix(m, false), 1e-12, 1e-12)
              .getSolver()
              .solve(new ArrayRealVector(atb, false));
    } catch (NonPositiveDefiniteMatrixException
        | org.apache.commons.math3.linear.NonSymmetricMatrixException degenerate) {
      return null;
    }
    double wx = x.getEntry(0), wy = x.getEntry(1), wz = x.getEntry(2);
    double angle = Math.sqrt(wx * wx + wy * wy + wz * wz);
    RigidTransform rotation =
        angle < 1e-15
            ? RigidTransform.identity()
            : RigidTransform.fromAxisAngle(wx, wy, wz, Math.toDegrees(angle), new double[3]);
    // x' = R (x - c) + c + t
    double[] rc = new double[3];
    rotation.rotate(cx, cy, cz, rc);
    double[] t = {
      cx - rc[0] + x.getEntry(3), cy - rc[1] + x.getEntry(4), cz - rc[2] + x.getEntry(5)
    };
    return RigidTransform.of(rotation.rotation(), t);
  }
}
