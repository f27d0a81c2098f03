package io.headrecon.geometry.processing;

import io.headrecon.geometry.PointCloud;
import io.headrecon.geometry.index.KdTree3;
import io.headrecon.geometry.index.Query;

/**
 * Unit normals by principal component analysis of each point's k nearest neighbours (the direction
 * of least spread), oriented by a reference point.
 */
public final class NormalEstimation {
  private NormalEstimation() {}

  /**
   * The cloud with normals from its {@code k} nearest neighbours (k ≥ 3, the point included),
   * flipped to point away from {@code interiorPointMm} (e.g. the centre of a head); colours kept.
   */
  public static PointCloud facingAwayFrom(PointCloud cloud, int k, double[] interiorPointMm) {
    return estimate(cloud, k, interiorPointMm, -1);
  }

  /**
   * The cloud with normals from its {@code k} nearest neighbours, flipped to point towards {@code
   * viewpointMm} (e.g. the camera centre); colours kept.
   */
  public static PointCloud facing(PointCloud cloud, int k, double[] viewpointMm) {
    return estimate(cloud, k, viewpointMm, 1);
  }

  private static PointCloud estimate(PointCloud cloud, int k, double[] ref, int sign) {
    if (k < 3) {
      throw new IllegalArgumentException("need k >= 3 neighbours for normals, got " + k);
    }
    float[] p = cloud.positionsMm();
    int n = cloud.size();
    Query q = KdTree3.of(p).newQuery();
    int[] idx = new int[k];
    float[] normals = new float[3 * n];
    double[] cov = new double[6];
    double[] nrm = new double[3];
    for (int i = 0; i < n; i++) {
      int m = q.knn(p[3 * i], p[3 * i + 1], p[3 * i + 2], k, Double.POSITIVE_INFINITY, idx, null);
      double mx = 0, my = 0, mz = 0;
      for (int a = 0; a < m; a++) {
        mx += p[3 * idx[a]];
        my += p[3 * idx[a] + 1];
        mz += p[3 * idx[a] + 2];
      }
      mx /= m;
      my /= m;
      mz /= m;
      java.util.Arrays.fill(cov, 0);
      for (int a = 0; a < m; a++) {
        double dx = p[3 * idx[a]] - mx, dy = p[3 * idx[a] + 1] - my, dz = p[3 * idx[a] + 2] - mz;
        cov[0] += dx * dx;
        cov[1] += dx * dy;
        cov[2] += dx * dz;
        cov[3] += dy * dy;
        cov[4] += dy * dz;
        cov[5] += dz * dz;
      }
      SymmetricEigen3.smallestEigenvector(cov, nrm);
      double vx = ref[0] - p[3 * i], vy = ref[1] - p[3 * i + 1], vz = ref[2] - p[3 * i + 2];
      double dot = nrm[0] * vx + nrm[1] * vy + nrm[2] * vz;
      double s = (dot * sign) < 0 ? -1 : 1;
      normals[3 * i] = (float) (s * nrm[0]);
      normals[3 * i + 1] = (float) (s * nrm[1]);
      normals[3 * i + 2] = (float) (s * nrm[2]);
    }
    return PointCloud.of(p, cloud.colorsRgb(), normals);
  }
}
