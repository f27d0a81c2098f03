package io.headrecon.geometry.fusion;

import io.headrecon.geometry.PointCloud;
import java.util.List;

/**
 * The outcome of multi-view fusion.
 *
 * @param fusedCloudInReference the merged, cleaned cloud in the reference view's camera frame (mm)
 * @param views one result per input view, in input order
 * @param referenceView index of the reference view
 * @param work the search work it took (kd-trees, ICP iterations, nearest-neighbour queries)
 */
public record FusionResult(
    PointCloud fusedCloudInReference, List<ViewResult> views, int referenceView, FusionWork work) {
  public FusionResult {
    views = List.copyOf(views);
    java.util.Objects.requireNonNull(work, "work");
  }

  /** A result that records no search work ({@link FusionWork#NONE}). */
  public FusionResult(PointCloud fusedCloudInReference, List<ViewResult> views, int referenceView) {
    this(fusedCloudInReference, views, referenceView, FusionWork.NONE);
  }
}
