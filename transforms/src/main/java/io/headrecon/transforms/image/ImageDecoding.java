package io.headrecon.transforms.image;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes photos (PNG, JPEG) into 8-bit RGB with clear errors. The pixel count is checked from the
 * header before any pixel is decoded, so a huge image never fills the heap. Grayscale and 16-bit
 * images are converted to 8-bit RGB; formats ImageIO cannot decode (e.g. CMYK JPEG) are rejected
 * with a message saying so.
 */
public final class ImageDecoding {
  private ImageDecoding() {}

  /** Thrown when an image cannot be used; the message names the source and the problem. */
  public static final class BadImageException extends IOException {
    public BadImageException(String message) {
      super(message);
    }

    public BadImageException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Decodes {@code bytes} read from {@code source} into RGB.
   *
   * @param maxPixels largest accepted width × height, checked before decoding
   */
  public static RgbImage decodeRgb(byte[] bytes, String source, long maxPixels)
      throws BadImageException {
    if (bytes.length == 0) {
      throw new BadImageException(source + ": empty file (0 bytes)");
    }
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw new BadImageException(source + ": not a PNG or JPEG image (unknown format)");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        long width = reader.getWidth(0);
        long height = reader.getHeight(0);
        if (width * height > maxPixels) {
          throw new BadImageException(
              source
                  + ": image is "
                  + width
                  + "x"
                  + height
                  + " = "
                  + width * height
                  + " pixels, more than the limit of "
                  + maxPixels
                  + " (--maxImagePixels)");
        }
        var raw = reader.getRawImageType(0);
        if (raw == null || raw.getNumBands() > 3 && !raw.getColorModel().hasAlpha()) {
          throw new BadImageException(
              source
                  + ": "
                  + reader.getFormatName()
                  + " with "
                  + (raw == null ? "CMYK/YCCK" : raw.getNumBands() + " colour")
                  + " channels: CMYK/YCCK images are not supported, convert to RGB");
        }
        BufferedImage image = reader.read(0);
        return toRgb(image);
      } finally {
        reader.dispose();
      }
    } catch (BadImageException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      String hint =
          why.contains("Unsupported Image Type") ? " (CMYK/YCCK JPEG is not supported)" : "";
      throw new BadImageException(source + ": cannot decode image: " + why + hint, e);
    }
  }

  /** Converts any decoded image (gray, 16-bit, indexed, with alpha) to 8-bit RGB. */
  public static RgbImage toRgb(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    int[] rgb = new int[w * h];
    var colorModel = image.getColorModel();
    if (colorModel.getNumComponents() == 1 && !(colorModel instanceof IndexColorModel)) {
      // Gray (8 or 16 bit): getRGB would apply a linear-to-sRGB conversion; take the sample's
      // top 8 bits as they are, which is what viewers show.
      var raster = image.getRaster();
      int shift = Math.max(0, colorModel.getComponentSize(0) - 8);
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          int v = raster.getSample(x, y, 0) >>> shift;
          rgb[y * w + x] = (v << 16) | (v << 8) | v;
        }
      }
      return new RgbImage(w, h, rgb);
    }
    image.getRGB(0, 0, w, h, rgb, 0, w);
    for (int i = 0; i < rgb.length; i++) {
      rgb[i] &= 0xffffff;
    }
    return new RgbImage(w, h, rgb);
  }
}
