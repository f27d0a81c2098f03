package io.headrecon.geometry.fusion;

import java.util.List;

/**
 * The views of one subject to fuse (1 to 50), and which one defines the reference frame (usually
 * the frontal view).
 *
 * @param views the views, in capture order (neighbouring yaw angles adjacent helps nothing here:
 *     the pose graph is built from landmarks)
 * @param referenceView index into {@code views} of the view whose camera frame is the output frame
 */
public record FusionInput(List<ViewInput> views, int referenceView) {
  /**
   * Most views fused together; equal to {@code Contracts.MAX_VIEWS}, which the pipeline checks on
   * the listed photos before decoding (geometry does not depend on proto).
   */
  public static final int MAX_VIEWS = 50;

  public FusionInput {
    views = List.copyOf(views);
    if (views.isEmpty() || views.size() > MAX_VIEWS) {
      throw new IllegalArgumentException(
          "fusion takes 1 to " + MAX_VIEWS + " views, got " + views.size());
    }
    if (referenceView < 0 || referenceView >= views.size()) {
      throw new IllegalArgumentException(
          "reference view index " + referenceView + " outside 0.." + (views.size() - 1));
    }
  }

  /** Views with the first as reference. */
  public static FusionInput of(List<ViewInput> views) {
    return new FusionInput(views, 0);
  }
}
