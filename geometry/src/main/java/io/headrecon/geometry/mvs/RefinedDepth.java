package io.headrecon.geometry.mvs;

import io.headrecon.geometry.depth.DepthMap;

/**
 * The result of refining one view's depth against its neighbours.
 *
 * @param depth refined Z depth in millimetres; 0 exactly where the prior had no surface
 * @param confidence per pixel in [0, 1], row-major: the fine sweep's NCC peak term times its
 *     distinctiveness; below {@link MvsOptions#minConfidence()} the pixel fell back to the prior
 *     (plus the smoothed correction of its confident surroundings), 0 on texture-less pixels and
 *     off the mask
 * @param maskPixels pixels with a prior surface
 * @param texturedPixels mask pixels whose window had enough grey-level texture to be matched
 * @param confidentPixels mask pixels whose depth comes from matching (confidence at or above the
 *     threshold)
 */
public record RefinedDepth(
    DepthMap depth, float[] confidence, int maskPixels, int texturedPixels, int confidentPixels) {

  /** Confidence at pixel (x, y), in [0, 1]. */
  public float confidenceAt(int xPx, int yPx) {
    return confidence[yPx * depth.widthPx() + xPx];
  }

  /** Confident pixels per mask pixel (0 when the mask is empty). */
  public double confidentFraction() {
    return maskPixels == 0 ? 0 : (double) confidentPixels / maskPixels;
  }
}
