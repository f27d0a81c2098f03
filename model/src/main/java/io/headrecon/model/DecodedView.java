package io.headrecon.model;

import static io.headrecon.model.DepthNetContract.VISIBILITY_THRESHOLD;

/**
 * One view's decoded network output, in the 180 x 180 network-input image: metric depth, head
 * probability and landmarks. Arrays are row-major, index {@code y * 180 + x}; made by {@link
 * DepthNetOutputDecoder#decode}.
 *
 * @param depthMm Z distance to the camera plane, millimetres; 0 where the mask is off
 * @param maskProbability probability that the pixel shows the head, [0, 1]
 * @param landmarkXPx landmark x, input pixels (68 values)
 * @param landmarkYPx landmark y, input pixels (68 values)
 * @param landmarkVisibility probability that each landmark is visible, [0, 1]
 */
public record DecodedView(
    float[] depthMm,
    float[] maskProbability,
    float[] landmarkXPx,
    float[] landmarkYPx,
    float[] landmarkVisibility) {

  /** Whether landmark {@code k} is predicted visible (probability at or above 0.5). */
  public boolean landmarkVisible(int k) {
    return landmarkVisibility[k] >= VISIBILITY_THRESHOLD;
  }
}
