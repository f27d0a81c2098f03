package io.headrecon.geometry.registration.icp;

import io.headrecon.geometry.PointCloud;
import io.headrecon.geometry.index.KdTree3;

/**
 * An ICP target: a cloud (millimetres; normals needed for point-to-plane) and its kd-tree, built
 * once and reusable for many alignments. A labelled target (one integer per point, e.g. the view a
 * point came from) can hand out views of itself that skip one label, so that N views can each be
 * aligned to "all the others" with one shared index instead of N.
 */
public final class IcpTarget {
  /** The {@link #excludedLabel()} of a target that skips nothing. */
  public static final int NO_LABEL = Integer.MIN_VALUE;

  private final PointCloud cloud;
  private final KdTree3 tree;
  private final boolean labelled;
  private final int excludedLabel;

  private IcpTarget(PointCloud cloud, KdTree3 tree, boolean labelled, int excludedLabel) {
    this.cloud = cloud;
    this.tree = tree;
    this.labelled = labelled;
    this.excludedLabel = excludedLabel;
  }

  /** Builds the index over {@code cloud}. */
  public static IcpTarget of(PointCloud cloud) {
    return new IcpTarget(cloud, KdTree3.of(cloud), false, NO_LABEL);
  }

  /** Builds the index over {@code cloud} with one label per point (see {@link #excluding}). */
  public static IcpTarget labelled(PointCloud cloud, int[] labels) {
    if (labels.length != cloud.size()) {
      throw new IllegalArgumentException(
          "need one label per target point: " + labels.length + " != " + cloud.size());
    }
    return new IcpTarget(cloud, KdTree3.of(cloud.positionsMm(), labels), true, NO_LABEL);
  }

  /**
   * This target, sharing its index, with the points labelled {@code label} left out of every
   * correspondence search.
   *
   * @throws IllegalStateException if the target was built without labels
   */
  public IcpTarget excluding(int label) {
    if (!labelled) {
      throw new IllegalStateException("target was built without labels");
    }
    if (label == NO_LABEL) {
      throw new IllegalArgumentException("NO_LABEL cannot be excluded");
    }
    return new IcpTarget(cloud, tree, true, label);
  }

  public PointCloud cloud() {
    return cloud;
  }

  public KdTree3 tree() {
    return tree;
  }

  /** The label whose points correspondences skip, or {@link #NO_LABEL}. */
  public int excludedLabel() {
    return excludedLabel;
  }
}
