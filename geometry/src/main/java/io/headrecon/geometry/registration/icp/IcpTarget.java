package io.headrecon.geometry.registration.icp;

import io.headrecon.geometry.PointCloud;
import io.headrecon.geometry.index.KdTree3;

/**
 * An ICP target: a cloud (millimetres; normals needed for point-to-plane) and its kd-tree, built
 * once and reusable for many alignments.
 */
public final class IcpTarget {
  private final PointCloud cloud;
  private final KdTree3 tree;

  private IcpTarget(PointCloud cloud) {
    this.cloud = cloud;
    this.tree = KdTree3.of(cloud);
  }

  /** Builds the index over {@code cloud}. */
  public static IcpTarget of(PointCloud cloud) {
    return new IcpTarget(cloud);
  }

  public PointCloud cloud() {
    return cloud;
  }

  public KdTree3 tree() {
    return tree;
  }
}
