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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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

  /**
   * A flat {@code w × h} CMYK JPEG as Adobe applications write it: an APP14 "Adobe" marker and
   * inverted samples (255 = no ink); with {@code ycck}, the same inks stored as YCCK (APP14
   * transform 2: the C, M, Y inks turned into YCbCr as if they were R, G, B, which a decoder turns
   * back and inverts; K inverted as in CMYK). Inks {@code c, m, y, k} from 0 (none) to 255.
   */
  public static byte[] cmykJpeg(int w, int h, int c, int m, int y, int k, boolean ycck)
      throws IOException {
    double[] samples =
        ycck
            ? new double[] {
              0.299 * c + 0.587 * m + 0.114 * y,
              128 - 0.168736 * c - 0.331264 * m + 0.5 * y,
              128 + 0.5 * c - 0.418688 * m - 0.081312 * y,
              255 - k
            }
            : new double[] {255 - c, 255 - m, 255 - y, 255 - k};
    WritableRaster raster = Raster.createBandedRaster(0, w, h, 4, null);
    for (int band = 0; band < 4; band++) {
      int v = (int) Math.max(0, Math.min(255, Math.round(samples[band])));
      for (int row = 0; row < h; row++) {
        for (int x = 0; x < w; x++) {
          raster.setSample(x, row, band, v);
        }
      }
    }
    // The JDK's writer stores a Raster's 4 channels as they are, without JFIF or Adobe marker.
    ImageWriter writer = jdkWriter("jpeg");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (var stream = ImageIO.createImageOutputStream(out)) {
      writer.setOutput(stream);
      writer.write(null, new IIOImage(raster, null, null), null);
    } finally {
      writer.dispose();
    }
    byte[] jpeg = out.toByteArray();
    byte[] adobe = {
      (byte) 0xff,
      (byte) 0xee,
      0,
      14,
      'A',
      'd',
      'o',
      'b',
      'e',
      0,
      100,
      0,
      0,
      0,
      0,
      (byte) (ycck ? 2 : 0)
    };
    ByteBuffer tagged = ByteBuffer.allocate(jpeg.length + adobe.length);
    tagged.put(jpeg, 0, 2).put(adobe).put(jpeg, 2, jpeg.length - 2); // right after SOI
    return tagged.array();
  }

  /**
   * {@code image} as TIFF (uncompressed, several strips), written by the JDK's own TIFF writer
   * (TwelveMonkeys' writer takes no 16-bit interleaved rasters).
   */
  public static byte[] tiff(BufferedImage image) throws IOException {
    ImageWriter writer = jdkWriter("tiff");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (var stream = ImageIO.createImageOutputStream(out)) {
      writer.setOutput(stream);
      writer.write(image);
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }

  /** The JDK's own ImageIO writer of {@code format} (not a plugin's). */
  private static ImageWriter jdkWriter(String format) throws IOException {
    for (var it = ImageIO.getImageWritersByFormatName(format); it.hasNext(); ) {
      ImageWriter writer = it.next();
      if (writer.getClass().getName().startsWith("com.sun.imageio.")) {
        return writer;
      }
    }
    throw new IOException("no JDK writer for " + format);
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
    return withExif(jpeg, Exif.oriented(orientation));
  }

  /**
   * EXIF entries a camera writes: IFD0 Orientation, and in the Exif IFD FocalLength (mm),
   * PixelXDimension (px), FocalPlaneXResolution (px per unit), FocalPlaneResolutionUnit (2 inch, 3
   * cm, 4 mm, 5 µm) and FocalLengthIn35mmFilm (mm). A value of 0 leaves its entry out.
   */
  public record Exif(
      int orientation,
      double focalLengthMm,
      int pixelXDimensionPx,
      double focalPlaneXResolution,
      int focalPlaneResolutionUnit,
      int focalLength35mm) {
    public static Exif oriented(int orientation) {
      return new Exif(orientation, 0, 0, 0, 0, 0);
    }
  }

  /** {@code jpeg} with an EXIF APP1 segment holding {@code exif}, big-endian TIFF. */
  public static byte[] withExif(byte[] jpeg, Exif exif) {
    byte[] tiff = exifTiff(exif);
    byte[] header = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);
    int length = 2 + header.length + tiff.length;
    // after SOI and a JFIF APP0 segment when there is one, as cameras and editors write it
    int at = 2;
    if ((jpeg[2] & 0xff) == 0xff && (jpeg[3] & 0xff) == 0xe0) {
      at = 4 + ((jpeg[4] & 0xff) << 8 | (jpeg[5] & 0xff));
    }
    ByteBuffer out = ByteBuffer.allocate(jpeg.length + 2 + length);
    out.put(jpeg, 0, at);
    out.put((byte) 0xff).put((byte) 0xe1).putShort((short) length).put(header).put(tiff);
    out.put(jpeg, at, jpeg.length - at);
    return out.array();
  }

  private static final int SHORT = 3;
  private static final int LONG = 4;
  private static final int RATIONAL = 5;

  /** The TIFF structure of EXIF: header, IFD0, the Exif IFD when it has entries, then rationals. */
  private static byte[] exifTiff(Exif exif) {
    List<int[]> ifd0 = new ArrayList<>(); // {tag, type, count, value or rational index}
    List<int[]> sub = new ArrayList<>();
    List<Double> rationals = new ArrayList<>();
    if (exif.orientation() > 0) {
      ifd0.add(new int[] {0x0112, SHORT, 1, exif.orientation()});
    }
    if (exif.focalLengthMm() > 0) {
      sub.add(new int[] {0x920A, RATIONAL, 1, rationals.size()});
      rationals.add(exif.focalLengthMm());
    }
    if (exif.pixelXDimensionPx() > 0) {
      sub.add(new int[] {0xA002, LONG, 1, exif.pixelXDimensionPx()});
    }
    if (exif.focalPlaneXResolution() > 0) {
      sub.add(new int[] {0xA20E, RATIONAL, 1, rationals.size()});
      rationals.add(exif.focalPlaneXResolution());
    }
    if (exif.focalPlaneResolutionUnit() > 0) {
      sub.add(new int[] {0xA210, SHORT, 1, exif.focalPlaneResolutionUnit()});
    }
    if (exif.focalLength35mm() > 0) {
      sub.add(new int[] {0xA405, SHORT, 1, exif.focalLength35mm()});
    }
    if (!sub.isEmpty()) {
      ifd0.add(new int[] {0x8769, LONG, 1, -1}); // Exif IFD pointer, filled in below
    }
    int ifd0At = 8;
    int subAt = ifd0At + 2 + 12 * ifd0.size() + 4;
    int rationalsAt = subAt + (sub.isEmpty() ? 0 : 2 + 12 * sub.size() + 4);
    ByteBuffer tiff = ByteBuffer.allocate(rationalsAt + 8 * rationals.size());
    tiff.put(new byte[] {'M', 'M', 0, 42}).putInt(ifd0At);
    for (List<int[]> ifd : List.of(ifd0, sub)) {
      if (ifd.isEmpty()) {
        continue;
      }
      tiff.putShort((short) ifd.size());
      for (int[] e : ifd) {
        tiff.putShort((short) e[0]).putShort((short) e[1]).putInt(e[2]);
        if (e[0] == 0x8769) {
          tiff.putInt(subAt);
        } else if (e[1] == RATIONAL) {
          tiff.putInt(rationalsAt + 8 * e[3]);
        } else if (e[1] == SHORT) {
          tiff.putShort((short) e[3]).putShort((short) 0); // value, padding
        } else {
          tiff.putInt(e[3]);
        }
      }
      tiff.putInt(0); // no next IFD
    }
    for (double v : rationals) {
      int denominator = 1_000_000; // as fine as the unsigned 32-bit numerator allows
      while (v * denominator > Integer.MAX_VALUE) {
        denominator /= 10;
      }
      tiff.putInt((int) Math.round(v * denominator)).putInt(denominator);
    }
    return tiff.array();
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
