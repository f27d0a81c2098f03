package io.headrecon.transforms.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.bytedeco.opencv.global.opencv_calib3d.projectPoints;
import static org.bytedeco.opencv.global.opencv_core.CV_64FC1;
import static org.bytedeco.opencv.global.opencv_core.CV_64FC3;

import io.headrecon.proto.Distortion;
import io.headrecon.proto.Intrinsics;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

/** Undistortion (OpenCV calib3d) puts every point where the ideal pinhole camera sees it. */
class UndistortionTest {
  static final Intrinsics K = LensModel.K_320X240;
  static final Distortion BARREL = LensModel.BARREL;

  @Test
  void coefficientsReachOpenCvInItsOrder() {
    // OpenCV's projectPoints with the Mats OpenCvImages builds, against the formula written out.
    Distortion d =
        Distortion.newBuilder()
            .setK1(-0.21)
            .setK2(0.07)
            .setP1(0.004)
            .setP2(-0.003)
            .setK3(-0.02)
            .build();
    List<double[]> points = new ArrayList<>();
    for (double x = -0.6; x <= 0.6; x += 0.3) {
      for (double y = -0.45; y <= 0.45; y += 0.15) {
        points.add(new double[] {x, y});
      }
    }
    try (Mat object = new Mat(points.size(), 1, CV_64FC3);
        Mat rvec = new Mat(3, 1, CV_64FC1);
        Mat tvec = new Mat(3, 1, CV_64FC1);
        Mat camera = OpenCvImages.cameraMatrix(K);
        Mat coefficients = OpenCvImages.distortionCoefficients(d);
        Mat image = new Mat()) {
      DoublePointer o = new DoublePointer(object.data());
      for (int i = 0; i < points.size(); i++) {
        o.put(3L * i, points.get(i)[0]).put(3L * i + 1, points.get(i)[1]).put(3L * i + 2, 1.0);
      }
      new DoublePointer(rvec.data()).put(0.0, 0.0, 0.0);
      new DoublePointer(tvec.data()).put(0.0, 0.0, 0.0);
      projectPoints(object, rvec, tvec, camera, coefficients, image);
      DoublePointer projected = new DoublePointer(image.data());
      for (int i = 0; i < points.size(); i++) {
        double[] seen = LensModel.distort(points.get(i)[0], points.get(i)[1], d);
        assertThat(projected.get(2L * i)).isCloseTo(seen[0] * 300 + 159.5, within(1e-6));
        assertThat(projected.get(2L * i + 1)).isCloseTo(seen[1] * 300 + 119.5, within(1e-6));
      }
    }
  }

  @Test
  void blobsComeBackWhereTheIdealCameraSeesThem() {
    // Gaussian blobs (sigma 2.5 px) on a grid of the ideal image, photographed through the lens
    // (rendered analytically, each pixel's ray undistorted by the formula), then undistorted.
    List<double[]> centres = new ArrayList<>();
    for (double y = 20; y <= 220; y += 40) {
      for (double x = 20; x <= 300; x += 40) {
        centres.add(new double[] {x, y});
      }
    }
    int[] photo = new int[320 * 240];
    for (int v = 0; v < 240; v++) {
      for (int u = 0; u < 320; u++) {
        double[] p = LensModel.undistort((u - 159.5) / 300, (v - 119.5) / 300, BARREL);
        photo[v * 320 + u] = gray(blobs(p[0] * 300 + 159.5, p[1] * 300 + 119.5, centres));
      }
    }
    RgbImage distorted = new RgbImage(320, 240, photo);
    RgbImage undistorted = Undistortion.undistorted(distorted, K, BARREL);
    double worstBefore = 0;
    double worstAfter = 0;
    for (double[] c : centres) {
      worstBefore = Math.max(worstBefore, centroidError(distorted, c));
      worstAfter = Math.max(worstAfter, centroidError(undistorted, c));
    }
    // measured here: 8.2 px before, 0.02 px after
    assertThat(worstBefore).as("blob displacement by the lens, px").isGreaterThan(5);
    assertThat(worstAfter).as("blob error after undistortion, px").isLessThan(0.1);
  }

  @Test
  void intrinsicsOfAnotherSizeAreRefused() {
    RgbImage image = new RgbImage(10, 10, new int[100]);
    assertThatThrownBy(() -> Undistortion.undistorted(image, K, BARREL))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("320x240")
        .hasMessageContaining("10x10");
  }

  private static double blobs(double x, double y, List<double[]> centres) {
    double v = 0;
    for (double[] c : centres) {
      double d2 = (x - c[0]) * (x - c[0]) + (y - c[1]) * (y - c[1]);
      v += 250 * Math.exp(-d2 / (2 * 2.5 * 2.5));
    }
    return v;
  }

  private static int gray(double v) {
    int g = (int) Math.round(Math.max(0, Math.min(255, v)));
    return g << 16 | g << 8 | g;
  }

  /** Distance from {@code c} to the intensity centroid of the 15x15 window around it, px. */
  private static double centroidError(RgbImage image, double[] c) {
    double sum = 0;
    double sx = 0;
    double sy = 0;
    int cx = (int) Math.round(c[0]);
    int cy = (int) Math.round(c[1]);
    for (int y = cy - 7; y <= cy + 7; y++) {
      for (int x = cx - 7; x <= cx + 7; x++) {
        double v = image.rgb(x, y) & 0xff;
        sum += v;
        sx += v * x;
        sy += v * y;
      }
    }
    return sum == 0 ? Double.POSITIVE_INFINITY : Math.hypot(sx / sum - c[0], sy / sum - c[1]);
  }
}
