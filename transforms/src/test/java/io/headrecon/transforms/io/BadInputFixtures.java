package io.headrecon.transforms.io;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
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

  /**
   * {@code jpeg} with an EXIF APP1 segment holding one IFD0 entry: Orientation (0x0112, SHORT) =
   * {@code orientation}, big-endian TIFF.
   */
  public static byte[] withExifOrientation(byte[] jpeg, int orientation) {
    ByteBuffer tiff = ByteBuffer.allocate(8 + 2 + 12 + 4);
    tiff.put(new byte[] {'M', 'M', 0, 42}).putInt(8); // header, IFD0 at offset 8
    tiff.putShort((short) 1); // one entry
    tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1); // Orientation, SHORT, count 1
    tiff.putShort((short) orientation).putShort((short) 0); // value, padding
    tiff.putInt(0); // no next IFD
    byte[] exif = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);
    int length = 2 + exif.length + tiff.capacity();
    // after SOI and a JFIF APP0 segment when there is one, as cameras and editors write it
    int at = 2;
    if ((jpeg[2] & 0xff) == 0xff && (jpeg[3] & 0xff) == 0xe0) {
      at = 4 + ((jpeg[4] & 0xff) << 8 | (jpeg[5] & 0xff));
    }
    ByteBuffer out = ByteBuffer.allocate(jpeg.length + 2 + length);
    out.put(jpeg, 0, at);
    out.put((byte) 0xff).put((byte) 0xe1).putShort((short) length).put(exif).put(tiff.array());
    out.put(jpeg, at, jpeg.length - at);
    return out.array();
  }

  /** An 8-bit RGB PNG of one colour, written row by row so the test never holds its pixels. */
  public static byte[] flatRgbPng(int w, int h, int rgb) throws IOException {
    ByteArrayOutputStream idat = new ByteArrayOutputStream();
    byte[] row = new byte[1 + 3 * w]; // filter byte 0, then RGB
    for (int x = 0; x < w; x++) {
      row[1 + 3 * x] = (byte) (rgb >>> 16);
      row[2 + 3 * x] = (byte) (rgb >>> 8);
      row[3 + 3 * x] = (byte) rgb;
    }
    try (DeflaterOutputStream z =
        new DeflaterOutputStream(idat, new Deflater(Deflater.BEST_SPEED), 1 << 16)) {
      for (int y = 0; y < h; y++) {
        z.write(row);
      }
    }
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(file);
    out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(w).putInt(h);
    ihdr.put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
    chunk(out, "IHDR", ihdr.array());
    chunk(out, "IDAT", idat.toByteArray());
    chunk(out, "IEND", new byte[0]);
    return file.toByteArray();
  }

  private static void chunk(DataOutputStream out, String type, byte[] data) throws IOException {
    byte[] name = type.getBytes(StandardCharsets.US_ASCII);
    CRC32 crc = new CRC32();
    crc.update(name);
    crc.update(data);
    out.writeInt(data.length);
    out.write(name);
    out.write(data);
    out.writeInt((int) crc.getValue());
  }
}
