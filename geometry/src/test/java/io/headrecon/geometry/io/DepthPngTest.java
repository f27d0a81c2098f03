package io.headrecon.geometry.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class DepthPngTest {

  @Test
  void roundTripKeepsDepthWithinHalfAUnit() throws IOException {
    float[] depth = {0, 812.3456f, 1000f, 3276.7f, -5f, 0.05f};
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    DepthPng.write(depth, 3, 2, 0.05, out);
    DepthPng.DepthImage back =
        DepthPng.read(new ByteArrayInputStream(out.toByteArray()), 0.05, "test");
    assertThat(back.widthPx()).isEqualTo(3);
    assertThat(back.heightPx()).isEqualTo(2);
    for (int i = 0; i < depth.length; i++) {
      float expected = depth[i] > 0 ? depth[i] : 0;
      assertThat(back.depthMm()[i]).isCloseTo(expected, within(0.0251f));
    }
  }

  @Test
  void depthBeyondSixteenBitsAndWrongFormatsAreErrors() throws IOException {
    assertThatThrownBy(
            () -> DepthPng.write(new float[] {4000f}, 1, 1, 0.05, new ByteArrayOutputStream()))
        .hasMessageContaining("does not fit 16 bits");
    ByteArrayOutputStream rgb = new ByteArrayOutputStream();
    ImageIO.write(new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB), "png", rgb);
    assertThatThrownBy(
            () -> DepthPng.read(new ByteArrayInputStream(rgb.toByteArray()), 0.05, "rgb.png"))
        .hasMessageContaining("rgb.png")
        .hasMessageContaining("16-bit");
  }

  @Test
  void theFileCarriesItsScaleAndIntrinsicsInTextChunks() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String intrinsics = "{\"fxPx\":425.0,\"widthPx\":2}";
    DepthPng.write(
        new float[] {0, 900f}, 2, 1, 0.1, Map.of(DepthPng.INTRINSICS_KEY, intrinsics), out);
    Map<String, String> text = DepthPng.readText(out.toByteArray(), "mem.png");
    assertThat(text)
        .containsEntry(DepthPng.SCALE_KEY, "0.1")
        .containsEntry(DepthPng.INTRINSICS_KEY, intrinsics);
    DepthPng.DepthImage back =
        DepthPng.read(new ByteArrayInputStream(out.toByteArray()), 0.1, "mem.png");
    assertThat(back.at(1, 0)).isCloseTo(900f, within(0.051f));
  }
}
