package io.headrecon.geometry.processing;

import io.headrecon.geometry.PointCloud;
import io.headrecon.geometry.index.KdTree3;

/** Deterministic subsets of a cloud with at most a given number of points. */
public final class PointSampling {
  private PointSampling() {}

  /**
   * At most {@code most} points of {@code cloud} at even steps through its order (every point when
   * it has no more); as well spread as the order is.
   */
  public static PointCloud even(PointCloud cloud, int most) {
    int n = cloud.size();
    if (most < 1) {
      throw new IllegalArgumentException("need at least one point, got most = " + most);
    }
    if (n <= most) {
      return cloud;
    }
    int[] keep = new int[most];
    for (int k = 0; k < most; k++) {
      keep[k] = (int) ((long) k * n / most);
    }
    return cloud.select(keep);
  }

  /**
   * At most {@code most} points of {@code cloud}, spread evenly over space: even steps through the
   * storage order of a kd-tree over it (leaves are spatially compact, so each step lands in a
   * different small region); the result is in that spatially coherent order. The whole cloud, in
   * that order, when it has no more points.
   */
  public static PointCloud spread(PointCloud cloud, int most) {
    if (cloud.size() == 0) {
      return cloud;
    }
    return spread(cloud, KdTree3.of(cloud), most);
  }

  /** As {@link #spread(PointCloud, int)} with the kd-tree over {@code cloud} built already. */
  public static PointCloud spread(PointCloud cloud, KdTree3 tree, int most) {
    if (tree.size() != cloud.size()) {
      throw new IllegalArgumentException(
          "the tree has " + tree.size() + " points, the cloud " + cloud.size());
    }
    if (most < 1) {
      throw new IllegalArgumentException("need at least one point, got most = " + most);
    }
    int[] order = tree.treeOrder();
    int n = order.length;
    if (n <= most) {
      return cloud.select(order);
    }
    int[] keep = new int[most];
    for (int k = 0; k < most; k++) {
      keep[k] = order[(int) ((long) k * n / most)];
    }
    return cloud.select(keep);
  }
}
