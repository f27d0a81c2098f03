package io.headrecon.transforms.crop;

/**
 * The head's pose in one camera, found from its 2-D landmarks and the average head ({@link
 * HeadPoseEstimation}): the head frame of {@link io.headrecon.model.HeadLandmarkTemplate}
 * (millimetres, origin at the head origin, +y up, +z out of the face) to the camera frame.
 *
 * @param rotationHeadToCamera 3×3 row-major rotation, head frame to camera frame
 * @param translationHeadToCameraMm the head origin in the camera frame, millimetres (Z along the
 *     optical axis); its scale is that of the average head, so a smaller head comes out farther
 * @param medianResidualPx median reprojection error of the landmarks used, pixels
 * @param landmarksUsed how many landmarks the final fit used
 */
public record HeadPose(
    double[] rotationHeadToCamera,
    double[] translationHeadToCameraMm,
    double medianResidualPx,
    int landmarksUsed) {

  /** A head-frame point (millimetres) in the camera frame, millimetres. */
  public double[] toCamera(double[] headMm) {
    double[] r = rotationHeadToCamera;
    double[] t = translationHeadToCameraMm;
    return new double[] {
      r[0] * headMm[0] + r[1] * headMm[1] + r[2] * headMm[2] + t[0],
      r[3] * headMm[0] + r[4] * headMm[1] + r[5] * headMm[2] + t[1],
      r[6] * headMm[0] + r[7] * headMm[1] + r[8] * headMm[2] + t[2]
    };
  }

  /**
   * The yaw of the head seen from the camera, degrees: 0 facing it, positive when the camera sees
   * the subject's left side (the dataset's convention for the camera's yaw).
   */
  public double yawDeg() {
    // The face's forward axis (+z of the head) in the camera frame; facing the camera is -z.
    double[] r = rotationHeadToCamera;
    return Math.toDegrees(Math.atan2(-r[2], -r[8]));
  }
}
