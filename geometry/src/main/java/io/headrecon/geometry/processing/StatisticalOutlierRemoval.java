package io.headrecon.geometry.processing;

import io.headrecon.geometry.PointCloud;
import io.headrecon.geometry.index.KdTree3;
import io.headrecon.geometry.index.Query;

/**
 * Removes points whose mean distance to their k nearest neighbours exceeds the cloud-wide mean of
 * that quantity by more than {@code stdRatio} standard deviations (as PCL's
 * StatisticalOutlierRemoval).
 */
public final class StatisticalOutlierRemoval {
  private StatisticalOutlierRemoval() {}

  /** The inlier points, with their colours and normals. */
  public static PointCloud filter(PointCloud cloud, int k, double stdRatio) {
    return cloud.select(inlierIndices(cloud, k, stdRatio));
  }

  /** Indices of the points kept. */
  public static int[] inlierIndices(PointCloud cloud, int k, double stdRatio) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1: " + k);
    }
    int n = cloud.size();
    if (n <= k) {
      int[] all = new int[n];
      for (int i = 0; i < n; i++) {
        all[i] = i;
      }
      return all;
    }
    float[] p = cloud.positionsMm();
    Query q = KdTree3.of(p).newQuery();
    int[] idx = new int[k + 1];
    float[] d2 = new float[k + 1];
    double[] meanDist = new double[n];
    double sum = 0, sumSq = 0;
    for (int i = 0; i < n; i++) {
      int m = q.knn(p[3 * i], p[3 * i + 1], p[3 * i + 2], k + 1, Double.POSITIVE_INFINITY, idx, d2);
      double s = 0;
      for (int j = 1; j < m; j++) { // skip the point itself (distance 0, first)
        s += Math.sqrt(d2[j]);
      }
      meanDist[i] = s / (m - 1);
      sum += meanDist[i];
      sumSq += meanDist[i] * meanDist[i];
    }
    double mean = sum / n;
    double std = Math.sqrt(Math.max(0, sumSq / n - mean * mean));
    double limit = mean + stdRatio * std;
    int[] keep = new int[n];
    int c = 0;
    for (int i = 0; i < n; i++) {
      if (meanDist[i] <= limit) {
        keep[c++] = i;
      }
    }
    return java.util.Arrays.copyOf(keep, c);
  }
}
