package io.headrecon.transforms.image;

/**
 * An immutable 8-bit RGB image, pixels packed as {@code 0xRRGGBB} in row-major order (row 0 at the
 * top).
 */
public record RgbImage(int widthPx, int heightPx, int[] packedRgb) {
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

  /**
   * This image resampled to {@code w × h} pixels with bilinear interpolation, pixel centres mapped
   * onto pixel centres ({@code x' = (x + 0.5) * w / width - 0.5}); the same image when the size
   * already matches.
   */
  public RgbImage resized(int w, int h) {
    if (w == widthPx && h == heightPx) {
      return this;
    }
    return resampled(w, h, (double) widthPx / w, (double) heightPx / h);
  }

  /**
   * This image sampled bilinearly onto a {@code w × h} grid whose pixel {@code (x', y')} lies at
   * {@code ((x' + 0.5) * sourcePxPerPxX - 0.5, (y' + 0.5) * sourcePxPerPxY - 0.5)} here (clamped to
   * the image): {@link #resized} when the scales are {@code width / w} and {@code height / h}.
   */
  public RgbImage resampled(int w, int h, double sourcePxPerPxX, double sourcePxPerPxY) {
    return resampled(w, h, sourcePxPerPxX, sourcePxPerPxY, 0, 0);
  }

  /**
   * As {@link #resampled(int, int, double, double)}, with the grid moved by ({@code offsetXPx},
   * {@code offsetYPx}) pixels of this image: pixel {@code (x', y')} lies at {@code ((x' + 0.5) *
   * sourcePxPerPxX - 0.5 + offsetXPx, …)}, clamped to the image (edge pixels repeat).
   */
  public RgbImage resampled(
      int w,
      int h,
      double sourcePxPerPxX,
      double sourcePxPerPxY,
      double offsetXPx,
      double offsetYPx) {
    int[] out = new int[w * h];
    double sx = sourcePxPerPxX;
    double sy = sourcePxPerPxY;
    for (int y = 0; y < h; y++) {
      double fy = Math.max(0, Math.min(heightPx - 1, (y + 0.5) * sy - 0.5 + offsetYPx));
      int y0 = (int) fy;
      int y1 = Math.min(heightPx - 1, y0 + 1);
      double ty = fy - y0;
      for (int x = 0; x < w; x++) {
        double fx = Math.max(0, Math.min(widthPx - 1, (x + 0.5) * sx - 0.5 + offsetXPx));
        int x0 = (int) fx;
        int x1 = Math.min(widthPx - 1, x0 + 1);
        double tx = fx - x0;
        int rgb = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
          double top = lerp(channel(x0, y0, shift), channel(x1, y0, shift), tx);
          double bottom = lerp(channel(x0, y1, shift), channel(x1, y1, shift), tx);
          rgb |= (int) Math.round(lerp(top, bottom, ty)) << shift;
        }
        out[y * w + x] = rgb;
      }
    }
    return new RgbImage(w, h, out);
  }

  private int channel(int x, int y, int shift) {
    return (packedRgb[y * widthPx + x] >>> shift) & 0xff;
  }

  private static double lerp(double a, double b, double t) {
    return a + (b - a) * t;
  }
}
