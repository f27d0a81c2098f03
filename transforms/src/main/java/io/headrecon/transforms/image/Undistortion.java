package io.headrecon.transforms.image;

import static org.bytedeco.opencv.global.opencv_calib3d.initUndistortRectifyMap;
import static org.bytedeco.opencv.global.opencv_core.BORDER_CONSTANT;
import static org.bytedeco.opencv.global.opencv_core.CV_32FC1;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.remap;

import io.headrecon.proto.Distortion;
import io.headrecon.proto.Intrinsics;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Removes lens distortion from a decoded photo with OpenCV's calib3d ({@code
 * initUndistortRectifyMap} and {@code remap}, bilinear): the result is the image the same pinhole
 * camera, without distortion, would have taken. Only decoded, checked pixels come here ({@link
 * OpenCvImages}); the coefficients are those {@code io.headrecon.proto.Contracts#checkDistortion}
 * accepted.
 */
public final class Undistortion {
  private Undistortion() {}

  /**
   * {@code image} undistorted: pixel {@code (u, v)} of the result shows the photo where the lens
   * bent the ray of the ideal pinhole camera {@code k} through {@code (u, v)}. The camera of the
   * result is {@code k} with no distortion; parts of the result that the photo does not cover (at
   * the edges, with barrel distortion) are black.
   *
   * @param k the intrinsics at {@code image}'s size, pixels (centre of the top-left pixel at (0,
   *     0), as in OpenCV)
   * @param d the lens distortion, in normalised coordinates (the same at any image size)
   */
  public static RgbImage undistorted(RgbImage image, Intrinsics k, Distortion d) {
    if (k.getWidthPx() != image.widthPx() || k.getHeightPx() != image.heightPx()) {
      throw new IllegalArgumentException(
          "intrinsics are for "
              + k.getWidthPx()
              + "x"
              + k.getHeightPx()
              + " px but the image is "
              + image.widthPx()
              + "x"
              + image.heightPx());
    }
    try (Mat camera = OpenCvImages.cameraMatrix(k);
        Mat coefficients = OpenCvImages.distortionCoefficients(d);
        Mat noRotation = new Mat();
        Mat mapX = new Mat();
        Mat mapY = new Mat();
        Size size = new Size(image.widthPx(), image.heightPx());
        Mat photo = OpenCvImages.toBgrMat(image);
        Mat result = new Mat();
        Scalar black = new Scalar(0.0)) {
      initUndistortRectifyMap(camera, coefficients, noRotation, camera, size, CV_32FC1, mapX, mapY);
      remap(photo, result, mapX, mapY, INTER_LINEAR, BORDER_CONSTANT, black);
      return OpenCvImages.fromMat(result);
    }
  }
}
