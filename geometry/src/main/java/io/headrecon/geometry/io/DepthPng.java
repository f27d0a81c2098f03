package io.headrecon.geometry.io;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferUShort;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import javax.imageio.ImageIO;

/**
 * Depth maps as 16-bit grayscale PNG: {@code depth_mm = value × scaleMmPerUnit}, value 0 = no
 * surface. With the default 0.05 mm per unit the range is 0.05 … 3276.75 mm.
 */
public final class DepthPng {
  /** The scale used by the dataset generator, millimetres per PNG unit. */
  public static final double DEFAULT_SCALE_MM_PER_UNIT = 0.05;

  private DepthPng() {}

  /**
   * A decoded depth map.
   *
   * @param depthMm row-major Z depth per pixel, millimetres; 0 = no surface
   */
  public record DepthImage(int widthPx, int heightPx, float[] depthMm) {
    public float at(int xPx, int yPx) {
      return depthMm[yPx * widthPx + xPx];
    }
  }

  /**
   * Encodes depths (millimetres, row-major, ≤ 0 = no surface) as a 16-bit PNG.
   *
   * @throws IllegalArgumentException when a depth does not fit 16 bits at this scale
   */
  public static void write(
      float[] depthMm, int widthPx, int heightPx, double scaleMmPerUnit, OutputStream out)
      throws IOException {
    if (depthMm.length != widthPx * heightPx) {
      throw new IllegalArgumentException("depth array does not match " + widthPx + "x" + heightPx);
    }
    if (!(scaleMmPerUnit > 0)) {
      throw new IllegalArgumentException("depth scale must be positive: " + scaleMmPerUnit);
    }
    BufferedImage image = new BufferedImage(widthPx, heightPx, BufferedImage.TYPE_USHORT_GRAY);
    short[] data = ((DataBufferUShort) image.getRaster().getDataBuffer()).getData();
    for (int i = 0; i < depthMm.length; i++) {
      float d = depthMm[i];
      if (!(d > 0)) {
        continue;
      }
      long value = Math.round(d / scaleMmPerUnit);
      if (value > 0xffff) {
        throw new IllegalArgumentException(
            "depth "
                + d
                + " mm at pixel ("
                + (i % widthPx)
                + ", "
                + (i / widthPx)
                + ") does not fit 16 bits at "
                + scaleMmPerUnit
                + " mm per unit");
      }
      data[i] = (short) Math.max(1, value);
    }
    if (!ImageIO.write(image, "png", out)) {
      throw new IOException("no PNG writer for 16-bit grayscale");
    }
  }

  /**
   * Decodes a 16-bit grayscale depth PNG.
   *
   * @param source named in errors
   * @throws IOException when the data is not a 16-bit single-channel PNG
   */
  public static DepthImage read(InputStream in, double scaleMmPerUnit, String source)
      throws IOException {
    BufferedImage image = ImageIO.read(in);
    if (image == null) {
      throw new IOException(source + ": not a readable PNG image");
    }
    if (image.getRaster().getNumBands() != 1 || image.getSampleModel().getSampleSize(0) != 16) {
      throw new IOException(
          source
              + ": depth PNG must be 16-bit grayscale, got "
              + image.getRaster().getNumBands()
              + " band(s) of "
              + image.getSampleModel().getSampleSize(0)
              + " bits");
    }
    int w = image.getWidth();
    int h = image.getHeight();
    float[] depth = new float[w * h];
    int[] row = new int[w];
    for (int y = 0; y < h; y++) {
      image.getRaster().getSamples(0, y, w, 1, 0, row);
      for (int x = 0; x < w; x++) {
        depth[y * w + x] = (float) (row[x] * scaleMmPerUnit);
      }
    }
    return new DepthImage(w, h, depth);
  }
}
