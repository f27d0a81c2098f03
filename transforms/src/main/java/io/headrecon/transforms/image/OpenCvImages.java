package io.headrecon.transforms.image;

import static org.bytedeco.opencv.global.opencv_core.CV_64FC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

import io.headrecon.proto.Distortion;
import io.headrecon.proto.Intrinsics;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Conversions between {@link RgbImage} and OpenCV {@link Mat}s (JavaCV's OpenCV presets): the one
 * place where pixels cross into native code; and the camera Mats calib3d takes. Only pixels that
 * were decoded and checked in pure Java come here, never file bytes.
 *
 * <p>Mats are 8 bits per channel in OpenCV's channel order (BGR for colour), row 0 at the top, and
 * share {@link RgbImage}'s pixel coordinates (the centre of the top-left pixel at (0, 0)). Every
 * Mat returned is new and owned by the caller, who closes it ({@code try (Mat m = ...)}) so that
 * its native memory is freed at once rather than when the garbage collector gets to it.
 */
public final class OpenCvImages {
  private OpenCvImages() {}

  /** A new {@code CV_8UC3} Mat of {@code image}, channels in BGR order. */
  public static Mat toBgrMat(RgbImage image) {
    int[] rgb = image.packedRgb();
    byte[] bgr = new byte[rgb.length * 3];
    for (int i = 0, j = 0; i < rgb.length; i++, j += 3) {
      int p = rgb[i];
      bgr[j] = (byte) p; // blue
      bgr[j + 1] = (byte) (p >>> 8); // green
      bgr[j + 2] = (byte) (p >>> 16); // red
    }
    Mat mat = new Mat(image.heightPx(), image.widthPx(), CV_8UC3);
    mat.data().put(bgr);
    return mat;
  }

  /**
   * A new {@code CV_8UC1} Mat of {@code image}'s luminance, as OpenCV's {@code COLOR_BGR2GRAY}
   * computes it (0.299 R + 0.587 G + 0.114 B, rounded): the input of cascades and other detectors.
   */
  public static Mat toGrayMat(RgbImage image) {
    Mat gray = new Mat();
    try (Mat bgr = toBgrMat(image)) {
      cvtColor(bgr, gray, COLOR_BGR2GRAY);
    }
    return gray;
  }

  /**
   * The image held by {@code mat}: {@code CV_8UC3} in BGR order, or {@code CV_8UC1} gray (each
   * pixel becomes R = G = B). A Mat that is a region of a larger one (not continuous) is read row
   * by row.
   *
   * @throws IllegalArgumentException for an empty Mat or any other type
   */
  public static RgbImage fromMat(Mat mat) {
    int type = mat.type();
    if (mat.empty() || (type != CV_8UC3 && type != CV_8UC1)) {
      throw new IllegalArgumentException(
          "expected a non-empty CV_8UC3 (BGR) or CV_8UC1 Mat, got "
              + (mat.empty()
                  ? "an empty Mat"
                  : "type " + type + " " + mat.cols() + "x" + mat.rows()));
    }
    int w = mat.cols();
    int h = mat.rows();
    int channels = type == CV_8UC3 ? 3 : 1;
    byte[] data = new byte[w * h * channels];
    if (mat.isContinuous()) {
      mat.data().get(data);
    } else {
      try (Mat copy = mat.clone()) {
        copy.data().get(data);
      }
    }
    int[] rgb = new int[w * h];
    for (int i = 0; i < rgb.length; i++) {
      if (channels == 3) {
        int j = 3 * i;
        rgb[i] = (data[j + 2] & 0xff) << 16 | (data[j + 1] & 0xff) << 8 | (data[j] & 0xff);
      } else {
        int v = data[i] & 0xff;
        rgb[i] = v << 16 | v << 8 | v;
      }
    }
    return new RgbImage(w, h, rgb);
  }

  /**
   * A new 3×3 {@code CV_64F} camera matrix of {@code k} ({@code [fx 0 cx; 0 fy cy; 0 0 1]},
   * pixels), as calib3d takes it.
   */
  public static Mat cameraMatrix(Intrinsics k) {
    Mat m = new Mat(3, 3, CV_64FC1);
    new DoublePointer(m.data())
        .put(k.getFxPx(), 0, k.getCxPx(), 0, k.getFyPx(), k.getCyPx(), 0, 0, 1);
    return m;
  }

  /**
   * A new 1×5 {@code CV_64F} Mat of OpenCV's distortion coefficients in its order (k1, k2, p1, p2,
   * k3); all zero for {@code Distortion.getDefaultInstance()}, a camera without distortion.
   */
  public static Mat distortionCoefficients(Distortion d) {
    Mat m = new Mat(1, 5, CV_64FC1);
    new DoublePointer(m.data()).put(d.getK1(), d.getK2(), d.getP1(), d.getP2(), d.getK3());
    return m;
  }
}
