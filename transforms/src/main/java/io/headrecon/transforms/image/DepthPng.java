package io.headrecon.transforms.image;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Encodes depth maps as 16-bit grayscale PNG: value = round(depth_mm / scale), 0 = no surface. */
public final class DepthPng {
  private DepthPng() {}

  /**
   * @param depthMm row-major Z depth, millimetres, 0 = no surface
   * @param scaleMmPerUnit millimetres per PNG unit (depths beyond 65535 units are clamped)
   */
  public static byte[] encode(float[] depthMm, int widthPx, int heightPx, double scaleMmPerUnit) {
    BufferedImage image = new BufferedImage(widthPx, heightPx, BufferedImage.TYPE_USHORT_GRAY);
    WritableRaster raster = image.getRaster();
    for (int y = 0; y < heightPx; y++) {
      for (int x = 0; x < widthPx; x++) {
        float d = depthMm[y * widthPx + x];
        long v = d > 0 ? Math.round(d / scaleMmPerUnit) : 0;
        raster.setSample(x, y, 0, (int) Math.max(0, Math.min(65535, v)));
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * Decodes a 16-bit grayscale depth PNG into millimetres.
   *
   * @param scaleMmPerUnit millimetres per PNG unit; 0 stays 0 (no surface)
   */
  public static float[] decode(
      byte[] png, String source, double scaleMmPerUnit, int expectedWidth, int expectedHeight)
      throws IOException {
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    if (image == null) {
      throw new IOException(source + ": not a PNG depth image");
    }
    if (image.getType() != BufferedImage.TYPE_USHORT_GRAY) {
      throw new IOException(source + ": depth PNG must be 16-bit grayscale");
    }
    if (image.getWidth() != expectedWidth || image.getHeight() != expectedHeight) {
      throw new IOException(
          source
              + ": depth is "
              + image.getWidth()
              + "x"
              + image.getHeight()
              + ", image is "
              + expectedWidth
              + "x"
              + expectedHeight);
    }
    Raster raster = image.getRaster();
    float[] depth = new float[expectedWidth * expectedHeight];
    for (int y = 0; y < expectedHeight; y++) {
      for (int x = 0; x < expectedWidth; x++) {
        depth[y * expectedWidth + x] = (float) (raster.getSample(x, y, 0) * scaleMmPerUnit);
      }
    }
    return depth;
  }
}
