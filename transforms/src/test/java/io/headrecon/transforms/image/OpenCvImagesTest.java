package io.headrecon.transforms.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bytedeco.opencv.global.opencv_core.CV_32FC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import java.util.Random;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.junit.jupiter.api.Test;

/** RgbImage to OpenCV Mat and back: exact, in OpenCV's BGR order, regions of Mats included. */
class OpenCvImagesTest {

  @Test
  void roundTripIsExactAndMatsAreBgr() {
    RgbImage image = random(37, 23, 5);
    try (Mat mat = OpenCvImages.toBgrMat(image)) {
      assertThat(mat.type()).isEqualTo(CV_8UC3);
      assertThat(new int[] {mat.cols(), mat.rows()}).containsExactly(37, 23);
      // pixel (x = 4, y = 2): bytes B, G, R at (2 * 37 + 4) * 3
      int p = image.rgb(4, 2);
      int at = (2 * 37 + 4) * 3;
      assertThat(mat.data().get(at) & 0xff).isEqualTo(p & 0xff);
      assertThat(mat.data().get(at + 1) & 0xff).isEqualTo(p >>> 8 & 0xff);
      assertThat(mat.data().get(at + 2) & 0xff).isEqualTo(p >>> 16 & 0xff);
      assertThat(OpenCvImages.fromMat(mat).packedRgb()).containsExactly(image.packedRgb());
    }
  }

  @Test
  void regionOfAMatReadsItsOwnPixels() {
    RgbImage image = random(40, 30, 7);
    try (Mat mat = OpenCvImages.toBgrMat(image);
        Mat region = new Mat(mat, new Rect(5, 3, 11, 9))) {
      assertThat(region.isContinuous()).isFalse();
      RgbImage crop = OpenCvImages.fromMat(region);
      assertThat(new int[] {crop.widthPx(), crop.heightPx()}).containsExactly(11, 9);
      for (int y = 0; y < 9; y++) {
        for (int x = 0; x < 11; x++) {
          assertThat(crop.rgb(x, y)).isEqualTo(image.rgb(x + 5, y + 3));
        }
      }
    }
  }

  @Test
  void grayIsOpenCvLuminance() {
    int[] colours = {0xff0000, 0x00ff00, 0x0000ff, 0x808080, 0x336699};
    RgbImage image = new RgbImage(colours.length, 1, colours);
    try (Mat gray = OpenCvImages.toGrayMat(image)) {
      assertThat(gray.type()).isEqualTo(CV_8UC1);
      RgbImage back = OpenCvImages.fromMat(gray);
      for (int i = 0; i < colours.length; i++) {
        int c = colours[i];
        double y = 0.299 * (c >>> 16 & 0xff) + 0.587 * (c >>> 8 & 0xff) + 0.114 * (c & 0xff);
        int v = back.rgb(i, 0);
        assertThat(v >>> 16 & 0xff).as("R of gray %06x", c).isEqualTo(v & 0xff);
        assertThat((double) (v & 0xff)).as("luminance of %06x", c).isCloseTo(y, within(1.0));
      }
    }
  }

  @Test
  void otherMatTypesAreRejectedWithTheirType() {
    try (Mat floats = new Mat(4, 4, CV_32FC1)) {
      assertThatThrownBy(() -> OpenCvImages.fromMat(floats))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("CV_8UC3")
          .hasMessageContaining("type " + CV_32FC1);
    }
    try (Mat empty = new Mat()) {
      assertThatThrownBy(() -> OpenCvImages.fromMat(empty)).hasMessageContaining("empty Mat");
    }
  }

  private static org.assertj.core.data.Offset<Double> within(double v) {
    return org.assertj.core.data.Offset.offset(v);
  }

  static RgbImage random(int w, int h, long seed) {
    Random random = new Random(seed);
    int[] rgb = new int[w * h];
    for (int i = 0; i < rgb.length; i++) {
      rgb[i] = random.nextInt(0x1000000);
    }
    return new RgbImage(w, h, rgb);
  }
}
