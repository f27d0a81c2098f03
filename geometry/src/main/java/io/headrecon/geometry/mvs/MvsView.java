package io.headrecon.geometry.mvs;

import io.headrecon.geometry.PinholeCamera;
import io.headrecon.geometry.depth.DepthMap;
import java.util.Objects;

/**
 * One view for photo-consistency refinement: its camera, its photo as grey levels and its prior
 * depth (the network's, or any other estimate).
 *
 * @param viewId the view's name (for messages)
 * @param camera intrinsics (pixels) and world-to-camera pose (mm), the size of the photo
 * @param greyLevels the photo's luma, 0 … 255, row-major ({@code [y * width + x]}), not copied
 * @param priorDepth Z depth to the camera plane in millimetres per pixel, 0 (or NaN) where there is
 *     no surface; its mask ({@code depth > 0}) is the set of pixels refined. Neighbour views need
 *     no prior: pass an all-zero map or use {@link #photoOnly}.
 */
public record MvsView(
    String viewId, PinholeCamera camera, float[] greyLevels, DepthMap priorDepth) {

  public MvsView {
    Objects.requireNonNull(viewId, "viewId");
    Objects.requireNonNull(camera, "camera of view " + viewId);
    Objects.requireNonNull(greyLevels, "greyLevels of view " + viewId);
    Objects.requireNonNull(priorDepth, "priorDepth of view " + viewId);
    int w = camera.widthPx();
    int h = camera.heightPx();
    if (greyLevels.length != w * h || priorDepth.widthPx() != w || priorDepth.heightPx() != h) {
      throw new IllegalArgumentException(
          "view "
              + viewId
              + ": camera is "
              + w
              + "x"
              + h
              + " px but the photo has "
              + greyLevels.length
              + " pixels and the prior depth is "
              + priorDepth.widthPx()
              + "x"
              + priorDepth.heightPx());
    }
  }

  /**
   * A view from a packed {@code 0xRRGGBB} photo (as {@code RgbImage.packedRgb()} holds it) and a
   * prior depth in millimetres (row-major, 0 = no surface; taken over, not copied).
   */
  public static MvsView ofPackedRgb(
      String viewId, PinholeCamera camera, int[] packedRgb, float[] priorDepthMm) {
    return new MvsView(
        viewId,
        camera,
        greyFromPackedRgb(packedRgb),
        DepthMap.of(camera.widthPx(), camera.heightPx(), priorDepthMm));
  }

  /** A neighbour view without a prior depth (only its photo is used). */
  public static MvsView photoOnly(String viewId, PinholeCamera camera, int[] packedRgb) {
    return ofPackedRgb(viewId, camera, packedRgb, new float[camera.widthPx() * camera.heightPx()]);
  }

  /** Rec. 601 luma of packed {@code 0xRRGGBB} pixels, 0 … 255. */
  public static float[] greyFromPackedRgb(int[] packedRgb) {
    float[] grey = new float[packedRgb.length];
    for (int i = 0; i < grey.length; i++) {
      int c = packedRgb[i];
      grey[i] = 0.299f * ((c >>> 16) & 0xff) + 0.587f * ((c >>> 8) & 0xff) + 0.114f * (c & 0xff);
    }
    return grey;
  }

  public int widthPx() {
    return camera.widthPx();
  }

  public int heightPx() {
    return camera.heightPx();
  }
}
