package io.headrecon.training.contract;

import static io.headrecon.training.contract.DepthNetContract.INPUT_SIZE_PX;
import static io.headrecon.training.contract.DepthNetContract.VISIBILITY_THRESHOLD;

import io.headrecon.geometry.PinholeCamera;
import io.headrecon.geometry.PointCloud;
import java.util.Arrays;

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

  /**
   * Back-projects every pixel with depth into the camera frame (OpenCV, millimetres) of {@code
   * inputCamera}, the 180 x 180 input camera ({@link DepthNetOutputDecoder#inputCamera}).
   */
  public PointCloud toCameraPoints(PinholeCamera inputCamera) {
    if (inputCamera.widthPx() != INPUT_SIZE_PX || inputCamera.heightPx() != INPUT_SIZE_PX) {
      throw new IllegalArgumentException(
          "the camera must be the 180x180 input camera, got "
              + inputCamera.widthPx()
              + "x"
              + inputCamera.heightPx());
    }
    float[] positions = new float[3 * depthMm.length];
    double[] point = new double[3];
    int n = 0;
    for (int y = 0; y < INPUT_SIZE_PX; y++) {
      for (int x = 0; x < INPUT_SIZE_PX; x++) {
        float z = depthMm[y * INPUT_SIZE_PX + x];
        if (z > 0) {
          inputCamera.unprojectToCamera(x, y, z, point);
          positions[3 * n] = (float) point[0];
          positions[3 * n + 1] = (float) point[1];
          positions[3 * n + 2] = (float) point[2];
          n++;
        }
      }
    }
    return PointCloud.of(Arrays.copyOf(positions, 3 * n));
  }
}
