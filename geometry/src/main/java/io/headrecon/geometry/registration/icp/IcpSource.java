package io.headrecon.geometry.registration.icp;

import io.headrecon.geometry.PointCloud;
import io.headrecon.geometry.index.KdTree3;

/**
 * An ICP source: a cloud (millimetres) and the order in which its points are queried, the storage
 * order of a kd-tree over it (spatially coherent, so that consecutive queries touch the same part
 * of the target tree). Built once (one kd-tree build) and reusable for many alignments of the same
 * cloud; the pairs found do not depend on the order.
 */
public final class IcpSource {
  private final PointCloud cloud;
  private final int[] visitOrder;

  private IcpSource(PointCloud cloud, int[] visitOrder) {
    this.cloud = cloud;
    this.visitOrder = visitOrder;
  }

  /** The source {@code cloud} with its visiting order. */
  public static IcpSource of(PointCloud cloud) {
    return new IcpSource(cloud, KdTree3.of(cloud).treeOrder());
  }

  /**
   * The source {@code cloud} queried in its own storage order, which must already be spatially
   * coherent (e.g. {@link io.headrecon.geometry.processing.PointSampling#spread}): no kd-tree is
   * built.
   */
  public static IcpSource inStorageOrder(PointCloud cloud) {
    int[] order = new int[cloud.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    return new IcpSource(cloud, order);
  }

  public PointCloud cloud() {
    return cloud;
  }

  /** Number of points. */
  public int size() {
    return cloud.size();
  }

  /** Source point indices in querying order (shared, not copied: do not modify). */
  int[] visitOrder() {
    return visitOrder;
  }
}
