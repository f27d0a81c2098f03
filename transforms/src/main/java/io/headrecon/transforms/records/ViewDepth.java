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
 * @param referenceDepthMm the reference depth the network's relative output was decoded with (the
 *     head origin's Z in this camera frame, millimetres): depth and landmark depth are that plus
 *     the predicted relief, so fusion can move them to a reference found from the data; NaN when
 *     the depth is metric (ground truth)
 */
@DefaultCoder(ViewDepthCoder.class)
public record ViewDepth(
    View view,
    RgbImage image,
    float[] depthMm,
    float[] landmarksPx,
    float[] landmarkDepthMm,
    boolean[] landmarkVisible,
    float maskUncertainFraction,
    double referenceDepthMm) {

  /** Whether depth is relief around {@link #referenceDepthMm()} (else metric). */
  public boolean isRelative() {
    return !Double.isNaN(referenceDepthMm);
  }

  /** This view with another depth map (same size; millimetres, 0 = no surface). */
  public ViewDepth withDepthMm(float[] newDepthMm) {
    if (newDepthMm.length != depthMm.length) {
      throw new IllegalArgumentException(
          "depth of view " + viewId() + " must keep " + depthMm.length + " pixels");
    }
    return new ViewDepth(
        view,
        image,
        newDepthMm,
        landmarksPx,
        landmarkDepthMm,
        landmarkVisible,
        maskUncertainFraction,
        referenceDepthMm);
  }

  /**
   * This view re-anchored at {@code newReferenceDepthMm}: every depth (pixels and landmarks) moved
   * by the difference; metric views are returned unchanged.
   */
  public ViewDepth withReferenceDepthMm(double newReferenceDepthMm) {
    if (!isRelative()) {
      return this;
    }
    float shift = (float) (newReferenceDepthMm - referenceDepthMm);
    float[] depth = depthMm.clone();
    for (int i = 0; i < depth.length; i++) {
      if (depth[i] > 0) {
        depth[i] = Math.max(Float.MIN_NORMAL, depth[i] + shift);
      }
    }
    float[] landmarks = landmarkDepthMm.clone();
    for (int i = 0; i < landmarks.length; i++) {
      if (landmarks[i] > 0) {
        landmarks[i] = Math.max(Float.MIN_NORMAL, landmarks[i] + shift);
      }
    }
    return new ViewDepth(
        view,
        image,
        depth,
        landmarksPx,
        landmarks,
        landmarkVisible,
        maskUncertainFraction,
        newReferenceDepthMm);
  }

  public String subjectId() {
    return view.getSubjectId();
  }

  public String viewId() {
    return view.getViewId();
  }
}
