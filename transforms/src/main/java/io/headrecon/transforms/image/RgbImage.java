package io.headrecon.transforms.image;

import java.io.Serializable;

/**
 * An immutable 8-bit RGB image, pixels packed as {@code 0xRRGGBB} in row-major order (row 0 at the
 * top).
 */
public record RgbImage(int widthPx, int heightPx, int[] packedRgb) implements Serializable {
  public RgbImage {
    if (widthPx <= 0 || heightPx <= 0 || packedRgb.length != widthPx * heightPx) {
      throw new IllegalArgumentException(
          "image " + widthPx + "x" + heightPx + " with " + packedRgb.length + " pixels");
    }
  }

  /** The packed 0xRRGGBB value at pixel (x, y). */
  public int rgb(int x, int y) {
    return packedRgb[y * widthPx + x];
  }
}
