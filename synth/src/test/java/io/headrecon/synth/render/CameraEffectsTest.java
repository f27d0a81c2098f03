package io.headrecon.synth.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CameraEffectsTest {
  private static final int W = 48;
  private static final int H = 40;

  /** A grey disc (the "head", covering its pixels fully) on a fine checkerboard background. */
  private static float[][] scene() {
    float[] surface = new float[3 * W * H];
    float[] coverage = new float[W * H];
    float[] background = new float[3 * W * H];
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < W; x++) {
        int i = y * W + x;
        boolean head = Math.hypot(x - 24, y - 20) < 10;
        coverage[i] = head ? 1 : 0;
        for (int k = 0; k < 3; k++) {
          surface[3 * i + k] = head ? 0.2f : 0;
          background[3 * i + k] = (x + y) % 2 == 0 ? 0.8f : 0.05f;
        }
      }
    }
    return new float[][] {surface, coverage, background};
  }

  private static int grey(BufferedImage image, int x, int y) {
    return (image.getRGB(x, y) >> 8) & 0xff;
  }

  @Test
  void noEffectsEncodeTheRenderAsSrgb() {
    float[][] s = scene();
    BufferedImage plain = CameraEffects.none(W, H).develop(s[0], s[1], s[2], W, H, new Random(1));
    assertThat(grey(plain, 24, 20)).isEqualTo((int) Math.round(255 * CameraEffects.srgb(0.2)));
    assertThat(Math.abs(grey(plain, 2, 2) - grey(plain, 3, 2))).isGreaterThan(100);
  }

  @Test
  void theBackgroundIsDefocusedButTheHeadStaysSharpAndJpegKeepsTheMeans() {
    float[][] s = scene();
    CameraEffects defocus =
        new CameraEffects(
            0, 1, new double[] {1, 1, 1}, 2.0, 0, 0, 0, 0, new double[] {24, 20}, 0, 0, 0, 0);
    BufferedImage soft = defocus.develop(s[0], s[1], s[2], W, H, new Random(1));
    // the checkerboard averages out away from the head; the head's centre is untouched
    assertThat(Math.abs(grey(soft, 2, 2) - grey(soft, 3, 2))).isLessThan(10);
    assertThat(grey(soft, 24, 20)).isEqualTo((int) Math.round(255 * CameraEffects.srgb(0.2)));

    BufferedImage jpeg = CameraEffects.jpeg(soft, 30);
    double diff = 0;
    double meanA = 0;
    double meanB = 0;
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < W; x++) {
        diff += Math.abs(grey(jpeg, x, y) - grey(soft, x, y));
        meanA += grey(soft, x, y);
        meanB += grey(jpeg, x, y);
      }
    }
    assertThat(diff).as("JPEG at quality 30 changes pixels").isGreaterThan(0);
    assertThat(Math.abs(meanA - meanB) / (W * H)).isLessThan(3);
    assertThat(CameraEffects.jpeg(soft, 30).getRGB(5, 5)).isEqualTo(jpeg.getRGB(5, 5));
  }

  @Test
  void autoExposureBringsADarkSceneUpAndABrightOneDown() {
    float[][] s = scene();
    float[] dark = s[0].clone();
    float[] darkBackground = s[2].clone();
    for (int i = 0; i < dark.length; i++) {
      dark[i] *= 0.2f;
      darkBackground[i] *= 0.2f;
    }
    CameraEffects metered =
        new CameraEffects(
            0.2, 1, new double[] {1, 1, 1}, 0, 0, 0, 0, 0, new double[] {24, 20}, 0, 0, 0, 0);
    BufferedImage plain = CameraEffects.none(W, H).develop(dark, s[1], darkBackground, W, H, null);
    BufferedImage up = metered.develop(dark, s[1], darkBackground, W, H, null);
    assertThat(grey(up, 24, 20)).isGreaterThan(grey(plain, 24, 20) + 20);
    float[] img = new float[3 * W * H];
    java.util.Arrays.fill(img, 0.8f);
    float[] covered = new float[W * H];
    java.util.Arrays.fill(covered, 1);
    assertThat(metered.autoExposure(img, covered))
        .isEqualTo(0.5, org.assertj.core.data.Offset.offset(1e-9));
    java.util.Arrays.fill(img, 0.1f);
    assertThat(metered.autoExposure(img, covered))
        .isCloseTo(2.0, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(metered.autoExposure(img, null)).isEqualTo(1.0);
  }

  @Test
  void drawnEffectsAreSeededAndWithinTheirRanges() {
    for (int seed = 0; seed < 50; seed++) {
      CameraEffects a = CameraEffects.sample(new Random(seed), 180, 180, 40, 95);
      CameraEffects b = CameraEffects.sample(new Random(seed), 180, 180, 40, 95);
      assertThat(a.exposure()).isEqualTo(b.exposure()).isBetween(0.65, 1.52);
      assertThat(a.jpegQuality()).isEqualTo(b.jpegQuality());
      assertThat(a.jpegQuality() == 0 || (a.jpegQuality() >= 40 && a.jpegQuality() <= 95)).isTrue();
      assertThat(a.backgroundBlurPx()).isBetween(0.0, 3.5);
      assertThat(a.motionBlurPx()).isBetween(0.0, 4.0);
      assertThat(a.vignetting()).isBetween(0.0, 0.45);
    }
  }
}
