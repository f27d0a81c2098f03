package io.headrecon.training.data;

/**
 * One training/evaluation example: a 180 x 180 photo with its ground truth, decoded into compact
 * arrays. Images are row-major, index {@code y * size + x}; the camera frame is OpenCV's.
 *
 * @param subjectId the subject the view belongs to
 * @param viewId the view's id inside the subject
 * @param split "train", "val" or "test" (the manifest's split field)
 * @param yawDeg head yaw seen by the camera, degrees; NaN when the manifest gives none
 * @param sizePx image width and height, pixels
 * @param rgb 8-bit colour, interleaved R, G, B per pixel ({@code 3 * size * size} bytes)
 * @param depthMm Z distance to the camera plane, millimetres; 0 = no surface
 * @param mask head pixels (true = head)
 * @param landmarksPx 68 landmarks as x0, y0, x1, y1, ... in pixels
 * @param landmarkVisible whether each landmark is visible
 * @param referenceDepthMm Z of the head origin in the camera frame, millimetres (the depth target's
 *     reference, see {@code DepthNetOutputDecoder})
 * @param intrinsicsPx fx, fy, cx, cy in pixels
 */
public record ViewSample(
    String subjectId,
    String viewId,
    String split,
    double yawDeg,
    int sizePx,
    byte[] rgb,
    float[] depthMm,
    boolean[] mask,
    float[] landmarksPx,
    boolean[] landmarkVisible,
    double referenceDepthMm,
    double[] intrinsicsPx) {

  /** {@code subjectId/viewId}, for messages and file names. */
  public String key() {
    return subjectId + "/" + viewId;
  }
}
