package io.headrecon.transforms.io;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;

/** Writes the broken and unusual inputs that the pipeline must survive, one per test case. */
public final class BadInputFixtures {
  private BadInputFixtures() {}

  /** A valid 8-bit RGB PNG with a seeded pattern. */
  public static byte[] rgbPng(int w, int h) throws IOException {
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        image.setRGB(x, y, (x * 7 & 0xff) << 16 | (y * 5 & 0xff) << 8 | 0x40);
      }
    }
    return encode(image, "png");
  }

  public static byte[] grayPng(int w, int h) throws IOException {
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
    image.getRaster().setSample(1, 1, 0, 200);
    return encode(image, "png");
  }

  public static byte[] gray16Png(int w, int h) throws IOException {
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_USHORT_GRAY);
    image.getRaster().setSample(1, 1, 0, 51200); // top 8 bits: 200
    return encode(image, "png");
  }

  /** A 1-bit PNG whose header says {@code w × h}; small on disk whatever its size. */
  public static byte[] hugePng(int w, int h) throws IOException {
    return encode(new BufferedImage(w, h, BufferedImage.TYPE_BYTE_BINARY), "png");
  }

  /** A 4-channel (CMYK/YCCK) JPEG, which ImageIO cannot decode. */
  public static byte[] cmykJpeg(int w, int h) throws IOException {
    WritableRaster raster = Raster.createBandedRaster(0, w, h, 4, null);
    for (int b = 0; b < 4; b++) {
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          raster.setSample(x, y, b, (x + y * b) & 0xff);
        }
      }
    }
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (var stream = ImageIO.createImageOutputStream(out)) {
      writer.setOutput(stream);
      writer.write(null, new IIOImage(raster, null, null), null);
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }

  public static byte[] truncated(byte[] file) {
    return Arrays.copyOf(file, file.length / 2);
  }

  static byte[] encode(BufferedImage image, String format) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (!ImageIO.write(image, format, out)) {
      throw new IOException("no writer for " + format);
    }
    return out.toByteArray();
  }

  public static void write(Path file, byte[] bytes) throws IOException {
    Files.createDirectories(file.getParent());
    Files.write(file, bytes);
  }
}
