package io.headrecon.transforms.image;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes photos (PNG, JPEG) into upright 8-bit RGB of a bounded size, with clear errors.
 *
 * <ul>
 *   <li>The pixel count is checked from the header before any pixel is decoded ({@code
 *       --maxImagePixels}), so a huge image never fills the heap.
 *   <li>The EXIF orientation (JPEG APP1, PNG eXIf) is applied before anything else: sizes, cameras
 *       and pixels are those of the upright photo.
 *   <li>{@link Photo#decode} decodes straight to the size the pipeline uses ({@link DecodedSize}):
 *       the reader subsamples rows and columns by an odd factor centred on the kept pixel, so the
 *       whole photo is never held, then an exact bilinear resize maps pixel centres onto pixel
 *       centres; {@code ProtoGeometry.resized} scales a camera the same way.
 *   <li>A photo that decodes only partly (truncated or corrupt data: the reader warns, e.g.
 *       "Premature end of JPEG file", or throws while reading pixels) is rejected, never returned
 *       with grey rows.
 *   <li>Grayscale and 16-bit images are converted to 8-bit RGB; formats ImageIO cannot decode (e.g.
 *       CMYK JPEG) are rejected with a message saying so.
 * </ul>
 */
public final class ImageDecoding {
  private ImageDecoding() {}

  /**
   * Reader warnings that do not mean lost pixels (JPEG metadata the reader skips); every other
   * warning makes the photo a failure.
   */
  private static final List<String> HARMLESS_WARNINGS = List.of("icc profile", "thumbnail");

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
   * Decodes {@code bytes} read from {@code source} into upright RGB at full size.
   *
   * @param maxPixels largest accepted width × height, checked before decoding
   */
  public static RgbImage decodeRgb(byte[] bytes, String source, long maxPixels)
      throws BadImageException {
    try (Photo photo = open(bytes, source, maxPixels)) {
      return photo.decode(photo.widthPx(), photo.heightPx());
    }
  }

  /**
   * Reads the header and EXIF orientation of {@code bytes} read from {@code source} and checks
   * them; no pixel is decoded yet.
   *
   * @param maxPixels largest accepted width × height
   */
  public static Photo open(byte[] bytes, String source, long maxPixels) throws BadImageException {
    if (bytes.length == 0) {
      throw new BadImageException(source + ": empty file (0 bytes)");
    }
    ImageInputStream in = null;
    ImageReader reader = null;
    try {
      in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes));
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw new BadImageException(source + ": not a PNG or JPEG image (unknown format)");
      }
      reader = readers.next();
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
      Photo photo =
          new Photo(source, in, reader, (int) width, (int) height, exifOrientation(bytes));
      in = null;
      reader = null;
      return photo;
    } catch (BadImageException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new BadImageException(source + ": cannot decode image: " + why(e), e);
    } finally {
      close(reader, in);
    }
  }

  /**
   * A photo whose header has been read and checked: its upright size and orientation are known and
   * its pixels not decoded yet. Close it when done.
   */
  public static final class Photo implements AutoCloseable {
    private final String source;
    private final ImageInputStream in;
    private final ImageReader reader;
    private final int storedWidthPx;
    private final int storedHeightPx;
    private final int orientation;

    private Photo(
        String source,
        ImageInputStream in,
        ImageReader reader,
        int storedWidthPx,
        int storedHeightPx,
        int orientation) {
      this.source = source;
      this.in = in;
      this.reader = reader;
      this.storedWidthPx = storedWidthPx;
      this.storedHeightPx = storedHeightPx;
      this.orientation = orientation;
    }

    /** The EXIF orientation (1 to 8; 1, upright, when the file has none). */
    public int exifOrientation() {
      return orientation;
    }

    /** Width of the upright photo, px. */
    public int widthPx() {
      return transposes(orientation) ? storedHeightPx : storedWidthPx;
    }

    /** Height of the upright photo, px. */
    public int heightPx() {
      return transposes(orientation) ? storedWidthPx : storedHeightPx;
    }

    /** The upright size {@code size} gives for this photo, {@code {width, height}} px. */
    public int[] sizeFor(DecodedSize size) {
      return size.of(widthPx(), heightPx());
    }

    /**
     * Decodes the photo upright at {@code widthPx × heightPx}: subsampled while it is read (by an
     * odd factor that leaves at least twice the target), then resized exactly, pixel centres onto
     * pixel centres.
     *
     * @throws BadImageException when the data is truncated or corrupt (partly decoded)
     */
    public RgbImage decode(int widthPx, int heightPx) throws BadImageException {
      boolean t = transposes(orientation);
      int targetW = t ? heightPx : widthPx; // in the stored (not yet oriented) frame
      int targetH = t ? widthPx : heightPx;
      int periodX = subsampling(storedWidthPx, targetW);
      int periodY = subsampling(storedHeightPx, targetH);
      List<String> warnings = new ArrayList<>();
      IIOReadWarningListener listener = (r, warning) -> warnings.add(warning);
      reader.addIIOReadWarningListener(listener);
      BufferedImage image;
      try {
        ImageReadParam param = reader.getDefaultReadParam();
        if (periodX > 1 || periodY > 1) {
          param.setSourceSubsampling(periodX, periodY, (periodX - 1) / 2, (periodY - 1) / 2);
        }
        image = reader.read(0, param);
      } catch (IOException | RuntimeException e) {
        String why = why(e);
        String hint =
            why.contains("Unsupported Image Type") ? " (CMYK/YCCK JPEG is not supported)" : "";
        throw new BadImageException(
            source
                + ": cannot decode image: "
                + why
                + hint
                + (hint.isEmpty() ? " (truncated or corrupt image data, partly decoded)" : ""),
            e);
      } finally {
        reader.removeIIOReadWarningListener(listener);
      }
      List<String> harmful = new ArrayList<>();
      for (String warning : warnings) {
        String w = String.valueOf(warning).toLowerCase(Locale.ROOT);
        if (HARMLESS_WARNINGS.stream().noneMatch(w::contains)) {
          harmful.add(String.valueOf(warning));
        }
      }
      if (!harmful.isEmpty()) {
        throw new BadImageException(
            source
                + ": image only partly decoded (truncated or corrupt data): "
                + String.join("; ", harmful));
      }
      RgbImage rgb = toRgb(image);
      if (rgb.widthPx() != targetW || rgb.heightPx() != targetH) {
        rgb =
            rgb.resampled(
                targetW,
                targetH,
                (double) storedWidthPx / ((double) targetW * periodX),
                (double) storedHeightPx / ((double) targetH * periodY));
      }
      return orient(rgb, orientation);
    }

    @Override
    public void close() {
      ImageDecoding.close(reader, in);
    }
  }

  /**
   * The largest odd subsampling period that leaves at least twice {@code targetPx} of {@code
   * storedPx} (1 when the photo is not at least six times the target): odd so that the kept pixel
   * is the centre of its period and pixel centres map exactly; twice so that the bilinear resize
   * after it still averages neighbours.
   */
  static int subsampling(int storedPx, int targetPx) {
    int period = Math.max(1, storedPx / (2 * targetPx));
    return period % 2 == 1 ? period : period - 1;
  }

  /**
   * The EXIF orientation tag of a photo (1 to 8), or 1 when it has none or its metadata cannot be
   * read (the pixels decide then).
   */
  static int exifOrientation(byte[] bytes) {
    try {
      Metadata metadata =
          ImageMetadataReader.readMetadata(new ByteArrayInputStream(bytes), bytes.length);
      for (ExifIFD0Directory dir : metadata.getDirectoriesOfType(ExifIFD0Directory.class)) {
        if (dir.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
          int value = dir.getInt(ExifIFD0Directory.TAG_ORIENTATION);
          return value >= 1 && value <= 8 ? value : 1;
        }
      }
    } catch (Exception | StackOverflowError e) {
      // Unreadable metadata: no orientation; the image reader judges the pixels.
    }
    return 1;
  }

  /** Orientations 5 to 8 swap width and height. */
  private static boolean transposes(int orientation) {
    return orientation >= 5;
  }

  /**
   * The upright image of {@code stored} pixels tagged with EXIF {@code orientation}: 2 mirror, 3
   * rotate 180°, 4 flip, 5 transpose, 6 rotate 90° clockwise, 7 transverse, 8 rotate 90°
   * anticlockwise.
   */
  static RgbImage orient(RgbImage stored, int orientation) {
    if (orientation <= 1 || orientation > 8) {
      return stored;
    }
    int w = stored.widthPx();
    int h = stored.heightPx();
    boolean t = transposes(orientation);
    int outW = t ? h : w;
    int outH = t ? w : h;
    int[] out = new int[outW * outH];
    for (int y = 0; y < outH; y++) {
      for (int x = 0; x < outW; x++) {
        int sx;
        int sy;
        switch (orientation) {
          case 2 -> {
            sx = w - 1 - x;
            sy = y;
          }
          case 3 -> {
            sx = w - 1 - x;
            sy = h - 1 - y;
          }
          case 4 -> {
            sx = x;
            sy = h - 1 - y;
          }
          case 5 -> {
            sx = y;
            sy = x;
          }
          case 6 -> {
            sx = y;
            sy = h - 1 - x;
          }
          case 7 -> {
            sx = w - 1 - y;
            sy = h - 1 - x;
          }
          default -> { // 8
            sx = w - 1 - y;
            sy = x;
          }
        }
        out[y * outW + x] = stored.packedRgb()[sy * w + sx];
      }
    }
    return new RgbImage(outW, outH, out);
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

  private static String why(Throwable e) {
    String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
      if (c instanceof EOFException) {
        return why + ": " + (c.getMessage() == null ? "unexpected end of file" : c.getMessage());
      }
    }
    return why;
  }

  private static void close(ImageReader reader, ImageInputStream in) {
    if (reader != null) {
      reader.dispose();
    }
    if (in != null) {
      try {
        in.close();
      } catch (IOException e) {
        // a stream over a byte array: nothing to release
      }
    }
  }
}
