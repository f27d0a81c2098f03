package io.headrecon.transforms.image;

import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
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
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes photos (PNG, JPEG, TIFF) into upright 8-bit RGB of a bounded size, with clear errors, in
 * pure Java (ImageIO with the TwelveMonkeys JPEG and TIFF plugins; EXIF with metadata-extractor):
 * no file byte reaches native code.
 *
 * <ul>
 *   <li>The pixel count is checked from the header before any pixel is decoded ({@code
 *       --maxImagePixels}), and so is the sample format (at most {@value #MAX_BANDS} bands of at
 *       most 16 bits), so a huge image never fills the heap.
 *   <li>The EXIF orientation (JPEG APP1, PNG eXIf, TIFF IFD0) is applied before anything else:
 *       sizes, cameras and pixels are those of the upright photo. The EXIF focal lengths are read
 *       with it ({@link ExifCamera}).
 *   <li>{@link Photo#decode} decodes straight to the size the pipeline uses ({@link DecodedSize}):
 *       the reader subsamples rows and columns by an odd factor centred on the kept pixel, so the
 *       whole photo is never held, then {@link RgbImage#resampled} averages by area (or
 *       interpolates, when enlarging), pixel centres onto pixel centres; {@code
 *       ProtoGeometry.resized} scales a camera the same way.
 *   <li>A photo that decodes only partly (truncated or corrupt data: the reader warns, e.g.
 *       "Premature end of JPEG file", or throws while reading pixels) is rejected, never returned
 *       with grey rows.
 *   <li>Grayscale, 16-bit (PNG, TIFF), indexed and CMYK/YCCK JPEG images (Adobe's inverted CMYK
 *       included, converted with their embedded ICC profile when they have one) are converted to
 *       8-bit RGB; 16-bit samples keep their top 8 bits.
 * </ul>
 */
public final class ImageDecoding {
  private ImageDecoding() {}

  /**
   * Reader warnings that do not mean lost pixels (JPEG metadata the reader skips); every other
   * warning makes the photo a failure.
   */
  private static final List<String> HARMLESS_WARNINGS =
      List.of(
          "icc profile",
          "thumbnail",
          // TwelveMonkeys converts CMYK without an embedded profile with a generic one, and says so
          "icc color profile",
          // TwelveMonkeys' TIFF reader compares every strip's byte count with a full strip's, so
          // it warns for the (legitimately shorter) last strip of most uncompressed TIFFs; it then
          // reads the full strip's bytes, so a strip that is really cut short ends in an error.
          "strip/tilebytecount < required");

  /** Most bands (colour channels and alpha) of a decoded photo: CMYK with alpha. */
  static final int MAX_BANDS = 5;

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
        throw new BadImageException(source + ": not a PNG, JPEG or TIFF image (unknown format)");
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
      checkSamples(reader, source);
      Photo photo = new Photo(source, in, reader, (int) width, (int) height, ExifCamera.of(bytes));
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
    private final ExifCamera exif;
    private final int orientation;

    private Photo(
        String source,
        ImageInputStream in,
        ImageReader reader,
        int storedWidthPx,
        int storedHeightPx,
        ExifCamera exif) {
      this.source = source;
      this.in = in;
      this.reader = reader;
      this.storedWidthPx = storedWidthPx;
      this.storedHeightPx = storedHeightPx;
      this.exif = exif;
      this.orientation = exif.orientation();
    }

    /** The EXIF orientation (1 to 8; 1, upright, when the file has none). */
    public int exifOrientation() {
      return orientation;
    }

    /** What the photo's EXIF says about its camera (orientation, focal lengths). */
    public ExifCamera exif() {
      return exif;
    }

    /** Width of the photo as stored in the file (before its EXIF orientation), px. */
    public int storedWidthPx() {
      return storedWidthPx;
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
        throw new BadImageException(
            source
                + ": cannot decode image: "
                + why(e)
                + " (truncated or corrupt image data, partly decoded)",
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

  /**
   * Checks, from the header, that the photo's samples are a format this class turns into RGB: at
   * most {@value #MAX_BANDS} bands of at most 16 bits each (so that the decoded image takes at most
   * 10 bytes a pixel); e.g. 32-bit or floating-point TIFFs are rejected with a message saying so.
   */
  private static void checkSamples(ImageReader reader, String source) throws IOException {
    ImageTypeSpecifier raw = reader.getRawImageType(0);
    if (raw == null) {
      return; // the reader knows no raw type (it decodes to RGB): its own checks apply
    }
    int bands = raw.getNumBands();
    int bits = 0;
    for (int b = 0; b < bands; b++) {
      bits = Math.max(bits, raw.getBitsPerBand(b));
    }
    int dataType = raw.getSampleModel().getDataType();
    if (bands > MAX_BANDS
        || bits > 16
        || dataType == DataBuffer.TYPE_FLOAT
        || dataType == DataBuffer.TYPE_DOUBLE) {
      throw new BadImageException(
          source
              + ": "
              + reader.getFormatName()
              + " with "
              + bands
              + " bands of "
              + bits
              + (dataType == DataBuffer.TYPE_FLOAT || dataType == DataBuffer.TYPE_DOUBLE
                  ? "-bit floating-point"
                  : "-bit")
              + " samples: only 1 to "
              + MAX_BANDS
              + " bands (gray, RGB, CMYK, with alpha) of 1 to 16-bit integer samples are decoded");
    }
  }

  /**
   * Converts any decoded image (gray, 16-bit, indexed, with alpha, CMYK) to 8-bit RGB; alpha is
   * dropped (the colour is kept as it is, not blended).
   */
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
    if (colorModel instanceof ComponentColorModel
        && colorModel.getColorSpace().isCS_sRGB()
        && colorModel.getNumColorComponents() == 3
        && !colorModel.isAlphaPremultiplied()
        && colorModel.getComponentSize(0) > 8) {
      // 16-bit sRGB (PNG, TIFF): the top 8 bits of each sample, as for gray; getRGB would take
      // the same values pixel by pixel, far slower.
      var raster = image.getRaster();
      int[] samples = new int[w * raster.getNumBands()];
      int bands = raster.getNumBands();
      for (int y = 0; y < h; y++) {
        raster.getPixels(0, y, w, 1, samples);
        for (int x = 0; x < w; x++) {
          int r = samples[x * bands] >>> colorModel.getComponentSize(0) - 8;
          int g = samples[x * bands + 1] >>> colorModel.getComponentSize(1) - 8;
          int b = samples[x * bands + 2] >>> colorModel.getComponentSize(2) - 8;
          rgb[y * w + x] = (r << 16) | (g << 8) | b;
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
