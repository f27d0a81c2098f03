package io.headrecon.geometry.fusion;

import io.headrecon.geometry.PointCloud;
import java.util.List;

/**
 * The outcome of multi-view fusion.
 *
 * @param fusedCloudInReference the merged, cleaned cloud in the reference view's camera frame (mm)
 * @param views one result per input view, in input order
 * @param referenceView index of the reference view
 */
public record FusionResult(
    PointCloud fusedCloudInReference, List<ViewResult> views, int referenceView) {
  public FusionResult {
    views = List.copyOf(views);
  }
}
