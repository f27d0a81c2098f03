package io.headrecon.model;

import static io.headrecon.model.DepthNetContract.DEPTH_SCALE_MM;
import static io.headrecon.model.DepthNetContract.INPUT_SIZE_PX;
import static io.headrecon.model.DepthNetContract.LANDMARK_COUNT;
import static io.headrecon.model.DepthNetContract.MASK_THRESHOLD;

import io.headrecon.geometry.PinholeCamera;
import io.headrecon.proto.Extrinsics;

/**
 * Turns the network's output tensors into a metric depth map, a mask and landmarks in pixels: what
 * the pipeline calls after ONNX Runtime.
 *
 * <h2>What the network predicts</h2>
 *
 * For every pixel the {@value DepthNetContract#DEPTH_OUTPUT} output is {@code d = (Z_mm - Z_ref_mm)
 * / 100}, where {@code Z_mm} is the Z distance (camera frame, OpenCV: +z forward) of the head
 * surface seen in the pixel, and {@code Z_ref_mm} is the <b>reference depth</b> of the view: the Z
 * coordinate, in this camera's frame, of the origin of the head's world frame (the manifest's
 * {@code translation_world_to_camera_mm[2]}, see {@link #referenceDepthMm}). The network thus
 * predicts the head's relief around its origin, which one photo determines; the absolute distance
 * comes from the camera framing, not from the pixels.
 *
 * <h2>From outputs to camera-space points</h2>
 *
 * <ol>
 *   <li>Resize the photo to 180 x 180 and scale its intrinsics with {@link #inputCamera}; feed RGB
 *       / 255 as NCHW float32.
 *   <li>{@link #decode} one batch item with the view's reference depth: {@code Z_mm = Z_ref_mm +
 *       100 * d} where {@code mask >= 0.5}, else 0 (no surface); landmarks {@code x_px = 180 * u},
 *       {@code y_px = 180 * v} in the 180 x 180 input.
 *   <li>The pipeline back-projects every head pixel (x, y) with Z_mm through the input camera with
 *       {@code io.headrecon.geometry.depth.BackProjection.toCameraFrame}: {@code X = (x - cx) / fx
 *       * Z}, {@code Y = (y - cy) / fy * Z}, giving camera-frame points in millimetres (pixels at
 *       depth discontinuities dropped); {@code PinholeCamera#cameraToWorld} takes them to the world
 *       frame when the pose is known.
 * </ol>
 */
public final class DepthNetOutputDecoder {
  private DepthNetOutputDecoder() {}

  /** Pixels in one output map. */
  private static final int MAP_SIZE = INPUT_SIZE_PX * INPUT_SIZE_PX;

  /**
   * The reference depth of a view, millimetres: the Z coordinate of the world (head) origin in the
   * camera frame, i.e. {@code translation_world_to_camera_mm[2]} of the world-to-camera extrinsics.
   *
   * @throws IllegalArgumentException when the extrinsics carry no translation or it is not in front
   *     of the camera
   */
  public static double referenceDepthMm(Extrinsics worldToCamera) {
    if (worldToCamera.getTranslationWorldToCameraMmCount() != 3) {
      throw new IllegalArgumentException(
          "extrinsics need 3 translation values to give the reference depth, got "
              + worldToCamera.getTranslationWorldToCameraMmCount());
    }
    double zMm = worldToCamera.getTranslationWorldToCameraMm(2);
    if (!(zMm > 0)) {
      throw new IllegalArgumentException(
          "the head origin must be in front of the camera (translation z > 0 mm), got " + zMm);
    }
    return zMm;
  }

  /**
   * The camera of the 180 x 180 network input made from a photo of another size by a plain resize
   * (no crop): {@link PinholeCamera#resized} to 180 x 180. The pose is kept.
   */
  public static PinholeCamera inputCamera(PinholeCamera photoCamera) {
    return photoCamera.resized(INPUT_SIZE_PX, INPUT_SIZE_PX);
  }

  /**
   * Decodes batch item {@code index} of the four outputs, each given as the flat row-major float
   * array ONNX Runtime returns for the whole batch.
   *
   * @param depth the {@value DepthNetContract#DEPTH_OUTPUT} output, {@code [N, 1, 180, 180]}
   * @param mask the {@value DepthNetContract#MASK_OUTPUT} output, {@code [N, 1, 180, 180]}
   * @param landmarks the {@value DepthNetContract#LANDMARKS_OUTPUT} output, {@code [N, 68, 2]}
   * @param visibility the {@value DepthNetContract#VISIBILITY_OUTPUT} output, {@code [N, 68]}
   * @param referenceDepthMm the view's reference depth, millimetres ({@link #referenceDepthMm})
   */
  public static DecodedView decode(
      float[] depth,
      float[] mask,
      float[] landmarks,
      float[] visibility,
      int index,
      double referenceDepthMm) {
    checkLength(DepthNetContract.DEPTH_OUTPUT, depth, MAP_SIZE, index);
    checkLength(DepthNetContract.MASK_OUTPUT, mask, MAP_SIZE, index);
    checkLength(DepthNetContract.LANDMARKS_OUTPUT, landmarks, 2 * LANDMARK_COUNT, index);
    checkLength(DepthNetContract.VISIBILITY_OUTPUT, visibility, LANDMARK_COUNT, index);
    float[] depthMm = new float[MAP_SIZE];
    float[] maskProbability = new float[MAP_SIZE];
    int mapOffset = index * MAP_SIZE;
    for (int i = 0; i < MAP_SIZE; i++) {
      float p = mask[mapOffset + i];
      maskProbability[i] = p;
      depthMm[i] =
          p >= MASK_THRESHOLD
              ? (float) (referenceDepthMm + DEPTH_SCALE_MM * depth[mapOffset + i])
              : 0f;
    }
    float[] xPx = new float[LANDMARK_COUNT];
    float[] yPx = new float[LANDMARK_COUNT];
    float[] visible = new float[LANDMARK_COUNT];
    for (int k = 0; k < LANDMARK_COUNT; k++) {
      xPx[k] = landmarks[(index * LANDMARK_COUNT + k) * 2] * INPUT_SIZE_PX;
      yPx[k] = landmarks[(index * LANDMARK_COUNT + k) * 2 + 1] * INPUT_SIZE_PX;
      visible[k] = visibility[index * LANDMARK_COUNT + k];
    }
    return new DecodedView(depthMm, maskProbability, xPx, yPx, visible);
  }

  /** Relative depth, in output units, of a depth in millimetres: the training target. */
  public static float encodeDepth(double depthMm, double referenceDepthMm) {
    return (float) ((depthMm - referenceDepthMm) / DEPTH_SCALE_MM);
  }

  private static void checkLength(String name, float[] values, int perItem, int index) {
    if (index < 0 || values.length < (long) (index + 1) * perItem || values.length % perItem != 0) {
      throw new IllegalArgumentException(
          "output '"
              + name
              + "' has "
              + values.length
              + " values, not a multiple of "
              + perItem
              + " covering batch item "
              + index);
    }
  }
}
