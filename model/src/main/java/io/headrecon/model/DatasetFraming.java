package io.headrecon.model;

import io.headrecon.geometry.PinholeCamera;
import io.headrecon.proto.Intrinsics;

/**
 * The camera framing of the generated dataset, which the shipped model was trained on: square
 * images of {@link #SIZE_PX} pixels, an 85 mm-equivalent lens ({@link #FOCAL_PX} pixels; see {@code
 * io.headrecon.synth.render.CameraRig}) and the head origin about {@link #HEAD_DISTANCE_MM} in
 * front of the camera. Photos without a manifest are assumed to be framed the same way.
 */
public final class DatasetFraming {
  private DatasetFraming() {}

  public static final int SIZE_PX = 180;

  /** 85 mm on a 36 mm-wide sensor, at 180 pixels: 85 / 36 × 180. */
  public static final double FOCAL_PX = 85.0 / PinholeCamera.FULL_FRAME_WIDTH_MM * SIZE_PX;

  /** Typical Z of the head origin in the camera frame, millimetres (the rig fits it per head). */
  public static final double HEAD_DISTANCE_MM = 1000;

  /**
   * The dataset's camera intrinsics, pixels of a {@link #SIZE_PX} square image (principal point at
   * its centre): what a photo without a manifest or EXIF is assumed to have, scaled to its size.
   */
  public static final Intrinsics INTRINSICS =
      Intrinsics.newBuilder()
          .setFxPx(FOCAL_PX)
          .setFyPx(FOCAL_PX)
          .setCxPx((SIZE_PX - 1) / 2.0)
          .setCyPx((SIZE_PX - 1) / 2.0)
          .setWidthPx(SIZE_PX)
          .setHeightPx(SIZE_PX)
          .build();
}
