package io.headrecon.pipelines;

/**
 * The camera framing of the generated dataset, which the shipped model was trained on: square
 * images of {@link #SIZE_PX} pixels with a focal length of {@link #FOCAL_PX} pixels. Photos without
 * a manifest are assumed to be framed the same way.
 */
final class DatasetFraming {
  private DatasetFraming() {}

  static final int SIZE_PX = 180;
  static final double FOCAL_PX = 540;
}
