package io.headrecon.transforms.records;

import io.headrecon.proto.View;
import io.headrecon.transforms.image.RgbImage;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * One view with its depth estimate, ready for back-projection.
 *
 * @param view the view (camera intrinsics; extrinsics and ground truth when known)
 * @param image the photo, 8-bit RGB
 * @param depthMm Z distance to the camera plane per pixel, millimetres, row-major, 0 = no surface
 * @param landmarksPx 68 landmarks as x, y pixel pairs (136 values), Multi-PIE order
 * @param landmarkDepthMm Z depth of each landmark, millimetres (68 values, 0 = unknown)
 * @param landmarkVisible whether each landmark is visible in this view (68 values)
 * @param maskUncertainFraction the network's uncertain mask pixels per head pixel ({@link
 *     io.headrecon.transforms.quality.ViewSignals#maskUncertainFraction}); NaN when the depth does
 *     not come from the network
 */
@DefaultCoder(ViewDepthCoder.class)
public record ViewDepth(
    View view,
    RgbImage image,
    float[] depthMm,
    float[] landmarksPx,
    float[] landmarkDepthMm,
    boolean[] landmarkVisible,
    float maskUncertainFraction) {

  public String subjectId() {
    return view.getSubjectId();
  }

  public String viewId() {
    return view.getViewId();
  }
}
