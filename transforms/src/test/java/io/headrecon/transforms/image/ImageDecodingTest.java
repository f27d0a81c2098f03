package io.headrecon.transforms.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headrecon.geometry.PinholeCamera;
import io.headrecon.geometry.RigidTransform;
import io.headrecon.model.DepthNetContract;
import io.headrecon.model.DepthNetOutputDecoder;
import io.headrecon.model.ProtoGeometry;
import io.headrecon.proto.Intrinsics;
import io.headrecon.transforms.io.BadInputFixtures;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Upright, bounded and complete decoding: EXIF orientation, decode-time downscaling, torn files.
 */
class ImageDecodingTest {
  private static final int RED = 0xff0000;
  private static final int GREEN = 0x00ff00;
  private static final int BLUE = 0x0000ff;
  private static final int WHITE = 0xffffff;

  @Test
  void exifOrientationsGiveUprightPixels() throws IOException {
    // Stored 40x20: top-left red, top-right green, bottom-left blue, bottom-right white.
    byte[] jpeg = jpeg(quadrants(40, 20, RED, GREEN, BLUE, WHITE));
    int[][] cases = {
      // orientation, upright width, height, then TL, TR, BL, BR of the upright photo
      {1, 40, 20, RED, GREEN, BLUE, WHITE},
      {3, 40, 20, WHITE, BLUE, GREEN, RED},
      {6, 20, 40, BLUE, RED, WHITE, GREEN},
      {8, 20, 40, GREEN, WHITE, RED, BLUE},
    };
    for (int[] c : cases) {
      byte[] tagged = c[0] == 1 ? jpeg : BadInputFixtures.withExifOrientation(jpeg, c[0]);
      try (ImageDecoding.Photo photo = ImageDecoding.open(tagged, "o" + c[0] + ".jpg", 1 << 20)) {
        assertThat(photo.exifOrientation()).isEqualTo(c[0]);
        assertThat(new int[] {photo.widthPx(), photo.heightPx()}).containsExactly(c[1], c[2]);
      }
      RgbImage upright = ImageDecoding.decodeRgb(tagged, "o" + c[0] + ".jpg", 1 << 20);
      assertThat(new int[] {upright.widthPx(), upright.heightPx()})
          .as("orientation %d size", c[0])
          .containsExactly(c[1], c[2]);
      assertQuadrants(upright, c[3], c[4], c[5], c[6], "orientation " + c[0]);
    }
  }

  @Test
  void exifOrientationIsAppliedBeforeDownscaling() throws IOException {
    byte[] tagged =
        BadInputFixtures.withExifOrientation(jpeg(quadrants(400, 200, RED, GREEN, BLUE, WHITE)), 6);
    try (ImageDecoding.Photo photo = ImageDecoding.open(tagged, "o6.jpg", 1 << 20)) {
      int[] size = photo.sizeFor(DecodedSize.longSideAtMost(40));
      assertThat(size).containsExactly(20, 40);
      RgbImage small = photo.decode(size[0], size[1]);
      assertQuadrants(small, BLUE, RED, WHITE, GREEN, "orientation 6 at 20x40");
    }
  }

  @Test
  void orientMapsEveryOrientationAsTheExifStandardSays() {
    // 3x2 stored pixels numbered 0..5; expected upright rows per orientation (EXIF 2.32, 4.6.4).
    RgbImage stored = new RgbImage(3, 2, new int[] {0, 1, 2, 3, 4, 5});
    int[][] expected = {
      {},
      {0, 1, 2, 3, 4, 5},
      {2, 1, 0, 5, 4, 3},
      {5, 4, 3, 2, 1, 0},
      {3, 4, 5, 0, 1, 2},
      {0, 3, 1, 4, 2, 5},
      {3, 0, 4, 1, 5, 2},
      {5, 2, 4, 1, 3, 0},
      {2, 5, 1, 4, 0, 3},
    };
    for (int o = 1; o <= 8; o++) {
      RgbImage upright = ImageDecoding.orient(stored, o);
      assertThat(upright.packedRgb()).as("orientation %d", o).containsExactly(expected[o]);
      assertThat(upright.widthPx()).isEqualTo(o >= 5 ? 2 : 3);
    }
  }

  @Test
  void truncatedJpegIsAFailureNotAGreyImage() throws IOException {
    byte[] jpeg = jpeg(texture(96, 96, 7));
    byte[] torn = Arrays.copyOf(jpeg, jpeg.length * 6 / 10);
    assertThatThrownBy(() -> ImageDecoding.decodeRgb(torn, "torn.jpg", 1 << 20))
        .isInstanceOf(ImageDecoding.BadImageException.class)
        .hasMessageContaining("torn.jpg")
        .hasMessageContaining("partly");
    // the same file downscaled while decoding is a failure too
    try (ImageDecoding.Photo photo = ImageDecoding.open(torn, "torn.jpg", 1 << 20)) {
      assertThatThrownBy(() -> photo.decode(16, 16)).hasMessageContaining("partly");
    }
    assertThat(ImageDecoding.decodeRgb(jpeg, "whole.jpg", 1 << 20).widthPx()).isEqualTo(96);
  }

  @Test
  void truncatedPngIsAFailure() throws IOException {
    byte[] png = png(texture(96, 96, 11));
    byte[] torn = Arrays.copyOf(png, png.length * 6 / 10);
    assertThatThrownBy(() -> ImageDecoding.decodeRgb(torn, "torn.png", 1 << 20))
        .isInstanceOf(ImageDecoding.BadImageException.class)
        .hasMessageContaining("torn.png")
        .hasMessageContaining("truncated");
  }

  @Test
  void largeCompressiblePngDecodesIntoABoundedImage() throws IOException {
    // 8000x6000 flat-colour RGB PNG: a few hundred kB on disk, 48 Mpx (192 MB as int[]) decoded.
    byte[] png = BadInputFixtures.flatRgbPng(8000, 6000, 0x336699);
    assertThat(png.length).isLessThan(1 << 20);
    try (ImageDecoding.Photo photo = ImageDecoding.open(png, "flat.png", 50_000_000L)) {
      int[] size = photo.sizeFor(DecodedSize.exactly(180, 180));
      assertThat(size).containsExactly(180, 180);
      RgbImage image = photo.decode(size[0], size[1]);
      assertThat(image.packedRgb()).hasSize(180 * 180).containsOnly(0x336699);
    }
    try (ImageDecoding.Photo photo = ImageDecoding.open(png, "flat.png", 50_000_000L)) {
      assertThat(photo.sizeFor(DecodedSize.longSideAtMost(1024))).containsExactly(1024, 768);
    }
  }

  @Test
  void downscaledPixelsLieWhereTheScaledIntrinsicsSay() throws IOException {
    // Red = x / 2 over 500 px; decoded to 25 px wide (subsampled by 9, then resized), pixel x'
    // must show the source at x = (x' + 0.5) * 20 - 0.5, the pixel-centre mapping of
    // ProtoGeometry.resized.
    int w = 500;
    int h = 60;
    BufferedImage ramp = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        ramp.setRGB(x, y, (x / 2) << 16 | 0x80);
      }
    }
    assertThat(ImageDecoding.subsampling(w, 25)).isEqualTo(9);
    RgbImage small;
    try (ImageDecoding.Photo photo = ImageDecoding.open(png(ramp), "ramp.png", 1 << 20)) {
      small = photo.decode(25, 3);
    }
    for (int x = 0; x < 25; x++) {
      double source = (x + 0.5) * 20 - 0.5;
      assertThat((double) (small.rgb(x, 1) >>> 16))
          .as("x' = %d", x)
          .isCloseTo(source / 2, org.assertj.core.data.Offset.offset(1.0));
    }
  }

  @Test
  void resizedIntrinsicsAreTheNetworkInputScaling() {
    Intrinsics photo =
        Intrinsics.newBuilder()
            .setFxPx(4100)
            .setFyPx(4050)
            .setCxPx(2999.5)
            .setCyPx(1987.25)
            .setWidthPx(6000)
            .setHeightPx(4000)
            .build();
    int size = DepthNetContract.INPUT_SIZE_PX;
    Intrinsics scaled = ProtoGeometry.resized(photo, size, size);
    PinholeCamera expected =
        DepthNetOutputDecoder.inputCamera(
            PinholeCamera.of(4100, 4050, 2999.5, 1987.25, 6000, 4000, RigidTransform.identity()));
    assertThat(scaled.getFxPx()).isEqualTo(expected.fxPx());
    assertThat(scaled.getFyPx()).isEqualTo(expected.fyPx());
    assertThat(scaled.getCxPx()).isEqualTo(expected.cxPx());
    assertThat(scaled.getCyPx()).isEqualTo(expected.cyPx());
    assertThat(ProtoGeometry.resized(photo, 6000, 4000)).isSameAs(photo);
  }

  @Test
  void cmykAndYcckJpegsDecodeToRgb() throws IOException {
    // inks c, m, y, k (0 = none, 255 = full) and the RGB they print as without a colour profile
    int[][] cases = {
      {0, 0, 0, 0, WHITE},
      {255, 0, 0, 0, 0x00ffff},
      {0, 255, 0, 0, 0xff00ff},
      {0, 0, 255, 0, 0xffff00},
      {0, 0, 0, 255, 0x000000},
      {0, 128, 255, 64, 0xbf5f00},
    };
    for (boolean ycck : new boolean[] {false, true}) {
      for (int[] c : cases) {
        String name = (ycck ? "ycck" : "cmyk") + java.util.Arrays.toString(c) + ".jpg";
        byte[] jpeg = BadInputFixtures.cmykJpeg(48, 32, c[0], c[1], c[2], c[3], ycck);
        RgbImage image = ImageDecoding.decodeRgb(jpeg, name, 1 << 20);
        assertThat(new int[] {image.widthPx(), image.heightPx()}).containsExactly(48, 32);
        assertColour(image.rgb(20, 15), c[4], name, 12);
        // and downscaled while decoding, through the same reader
        try (ImageDecoding.Photo photo = ImageDecoding.open(jpeg, name, 1 << 20)) {
          assertColour(photo.decode(12, 8).rgb(5, 4), c[4], name + " at 12x8", 12);
        }
      }
    }
    byte[] torn = BadInputFixtures.truncated(BadInputFixtures.cmykJpeg(96, 96, 0, 0, 0, 0, false));
    assertThatThrownBy(() -> ImageDecoding.decodeRgb(torn, "torn-cmyk.jpg", 1 << 20))
        .hasMessageContaining("torn-cmyk.jpg")
        .hasMessageContaining("partly");
  }

  @Test
  void sixteenBitPngAndTiffKeepTheTopEightBits() throws IOException {
    BufferedImage rgb16 = rgb16(70, 50);
    BufferedImage gray16 = new BufferedImage(70, 50, BufferedImage.TYPE_USHORT_GRAY);
    gray16.getRaster().setSample(9, 7, 0, 0x1234);
    BufferedImage rgb8 = texture(70, 50, 3);
    Object[][] cases = {
      {"rgb16.png", png(rgb16), rgb16},
      {"rgb16.tif", BadInputFixtures.tiff(rgb16), rgb16},
      {"gray16.tif", BadInputFixtures.tiff(gray16), gray16},
      {"rgb8.tif", BadInputFixtures.tiff(rgb8), rgb8},
    };
    for (Object[] c : cases) {
      String name = (String) c[0];
      RgbImage image = ImageDecoding.decodeRgb((byte[]) c[1], name, 1 << 20);
      BufferedImage source = (BufferedImage) c[2];
      var raster = source.getRaster();
      int shift = source.getColorModel().getComponentSize(0) - 8;
      for (int[] xy : new int[][] {{0, 0}, {9, 7}, {69, 49}, {33, 21}}) {
        int expected;
        if (raster.getNumBands() == 1) {
          int v = raster.getSample(xy[0], xy[1], 0) >>> shift;
          expected = v << 16 | v << 8 | v;
        } else {
          expected =
              (raster.getSample(xy[0], xy[1], 0) >>> shift) << 16
                  | (raster.getSample(xy[0], xy[1], 1) >>> shift) << 8
                  | raster.getSample(xy[0], xy[1], 2) >>> shift;
        }
        assertThat(Integer.toHexString(image.rgb(xy[0], xy[1])))
            .as("%s at %d,%d", name, xy[0], xy[1])
            .isEqualTo(Integer.toHexString(expected));
      }
    }
  }

  @Test
  void truncatedTiffIsAFailure() throws IOException {
    byte[] tiff = BadInputFixtures.tiff(texture(96, 96, 13));
    assertThat(ImageDecoding.decodeRgb(tiff, "whole.tif", 1 << 20).widthPx()).isEqualTo(96);
    byte[] torn = Arrays.copyOf(tiff, tiff.length * 6 / 10);
    assertThatThrownBy(() -> ImageDecoding.decodeRgb(torn, "torn.tif", 1 << 20))
        .isInstanceOf(ImageDecoding.BadImageException.class)
        .hasMessageContaining("torn.tif");
  }

  @Test
  void floatingPointTiffIsRejectedFromItsHeader() throws IOException {
    var colorModel =
        new java.awt.image.ComponentColorModel(
            java.awt.color.ColorSpace.getInstance(java.awt.color.ColorSpace.CS_sRGB),
            false,
            false,
            java.awt.Transparency.OPAQUE,
            java.awt.image.DataBuffer.TYPE_FLOAT);
    BufferedImage floats =
        new BufferedImage(colorModel, colorModel.createCompatibleWritableRaster(8, 8), false, null);
    byte[] tiff = BadInputFixtures.tiff(floats);
    assertThatThrownBy(() -> ImageDecoding.open(tiff, "float.tif", 1 << 20))
        .isInstanceOf(ImageDecoding.BadImageException.class)
        .hasMessageContaining("float.tif")
        .hasMessageContaining("floating-point");
  }

  @Test
  void shrinkingAveragesByAreaInsteadOfSamplingTwoPixels() {
    // Columns repeat 255, 0, 0: shrunk by 6, every output pixel covers two whole periods (mean
    // 85); bilinear interpolation would read two neighbours, 0 and 255, and give 128.
    int[] stripes = new int[600 * 4];
    for (int i = 0; i < stripes.length; i++) {
      stripes[i] = i % 600 % 3 == 0 ? WHITE : 0;
    }
    RgbImage small = new RgbImage(600, 4, stripes).resized(100, 2);
    for (int x = 0; x < 100; x++) {
      assertThat(small.rgb(x, 1) & 0xff).as("x' = %d", x).isEqualTo(85);
    }
  }

  @Test
  void areaMeansMatchTheExactIntegralAtAnyScaleAndOffset() {
    // Each output pixel against the exact mean of the source over its footprint, summed pixel by
    // pixel with the overlap of each source pixel (in double precision; outside the image the
    // edge pixels repeat), at non-integer scales, at an unchanged height, at an enlargement along
    // y (linear there), and on grids moved by an offset, into and past the image's edges (a crop).
    RgbImage source = new RgbImage(97, 61, randomPixels(97 * 61, 17));
    double[][] grids = { // w, h, source px per px along x and y, offset x and y (px)
      {30, 20, 97.0 / 30, 61.0 / 20, 0, 0},
      {13, 61, 97.0 / 13, 1, 0, 0},
      {40, 90, 97.0 / 40, 61.0 / 90, 0, 0},
      {25, 25, 2.75, 1.6, 10.25, 3.5},
      {40, 40, 3.2, 2.5, -7.5, -20.75},
    };
    for (double[] g : grids) {
      int w = (int) g[0];
      int h = (int) g[1];
      double sx = g[2];
      double sy = g[3];
      RgbImage out = source.resampled(w, h, sx, sy, g[4], g[5]);
      for (int[] xy : new int[][] {{0, 0}, {w - 1, h - 1}, {w / 2, h / 3}, {7, 5}, {0, h - 1}}) {
        double[] wx = weights(xy[0], sx, g[4], 97);
        double[] wy = weights(xy[1], sy, g[5], 61);
        for (int shift = 16; shift >= 0; shift -= 8) {
          double expected = 0;
          for (int j = 0; j < 61; j++) {
            for (int i = 0; i < 97; i++) {
              expected += wx[i] * wy[j] * (source.rgb(i, j) >>> shift & 0xff);
            }
          }
          assertThat((double) (out.rgb(xy[0], xy[1]) >>> shift & 0xff))
              .as("%s at %d,%d, channel shift %d", Arrays.toString(g), xy[0], xy[1], shift)
              .isCloseTo(expected, org.assertj.core.data.Offset.offset(0.51));
        }
      }
    }
    // a whole-pixel offset at scale 1 is a plain crop, and past the edge the edge repeats
    RgbImage crop = source.resampled(10, 10, 1, 1, 90, -3);
    assertThat(crop.rgb(0, 5)).isEqualTo(source.rgb(90, 2));
    assertThat(crop.rgb(9, 0)).isEqualTo(source.rgb(96, 0));
  }

  /**
   * The weight of each of {@code n} source pixels in output pixel {@code i} at {@code s} source
   * pixels per output pixel on a grid moved by {@code offset}: its overlap with the footprint [i s
   * + offset, (i + 1) s + offset) over the footprint's length when shrinking (the parts outside the
   * image counting for its edge pixels), else the linear interpolation weights at the centre (i +
   * 0.5) s - 0.5 + offset, clamped to the image.
   */
  private static double[] weights(int i, double s, double offset, int n) {
    double[] w = new double[n];
    if (s > 1) {
      double from = i * s + offset;
      double to = from + s;
      w[0] += Math.max(0, Math.min(to, 0) - from) / s;
      w[n - 1] += Math.max(0, to - Math.max(from, n)) / s;
      for (int j = 0; j < n; j++) {
        w[j] += Math.max(0, Math.min(to, j + 1) - Math.max(from, j)) / s;
      }
    } else {
      double c = Math.max(0, Math.min(n - 1, (i + 0.5) * s - 0.5 + offset));
      int j = (int) Math.floor(c);
      w[j] += 1 - (c - j);
      w[Math.min(n - 1, j + 1)] += c - j;
    }
    return w;
  }

  // ---- fixtures, made here ----

  static BufferedImage quadrants(int w, int h, int tl, int tr, int bl, int br) {
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        boolean left = x < w / 2;
        boolean top = y < h / 2;
        image.setRGB(x, y, top ? (left ? tl : tr) : (left ? bl : br));
      }
    }
    return image;
  }

  static BufferedImage texture(int w, int h, long seed) {
    Random random = new Random(seed);
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        image.setRGB(x, y, random.nextInt(0x1000000));
      }
    }
    return image;
  }

  static int[] randomPixels(int n, long seed) {
    Random random = new Random(seed);
    int[] rgb = new int[n];
    for (int i = 0; i < n; i++) {
      rgb[i] = random.nextInt(0x1000000);
    }
    return rgb;
  }

  /** 16-bit sRGB with distinct high and low bytes in each channel. */
  static BufferedImage rgb16(int w, int h) {
    var colorModel =
        new java.awt.image.ComponentColorModel(
            java.awt.color.ColorSpace.getInstance(java.awt.color.ColorSpace.CS_sRGB),
            new int[] {16, 16, 16},
            false,
            false,
            java.awt.Transparency.OPAQUE,
            java.awt.image.DataBuffer.TYPE_USHORT);
    var raster = colorModel.createCompatibleWritableRaster(w, h);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        raster.setSample(x, y, 0, x * 937 & 0xffff);
        raster.setSample(x, y, 1, y * 1291 & 0xffff);
        raster.setSample(x, y, 2, (x * y * 71 + 0x80) & 0xffff);
      }
    }
    return new BufferedImage(colorModel, raster, false, null);
  }

  static void assertQuadrants(RgbImage image, int tl, int tr, int bl, int br, String what) {
    int w = image.widthPx();
    int h = image.heightPx();
    assertColour(image.rgb(w / 4, h / 4), tl, what + " top-left");
    assertColour(image.rgb(3 * w / 4, h / 4), tr, what + " top-right");
    assertColour(image.rgb(w / 4, 3 * h / 4), bl, what + " bottom-left");
    assertColour(image.rgb(3 * w / 4, 3 * h / 4), br, what + " bottom-right");
  }

  /** Within JPEG's error of the expected colour, channel by channel. */
  static void assertColour(int actual, int expected, String what) {
    assertColour(actual, expected, what, 40);
  }

  /** Within {@code tolerance} (exclusive) of the expected colour, channel by channel. */
  static void assertColour(int actual, int expected, String what, int tolerance) {
    for (int shift = 16; shift >= 0; shift -= 8) {
      assertThat(Math.abs((actual >>> shift & 0xff) - (expected >>> shift & 0xff)))
          .as("%s: %06x instead of %06x", what, actual, expected)
          .isLessThan(tolerance);
    }
  }

  static byte[] jpeg(BufferedImage image) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(ImageIO.write(image, "jpeg", out)).isTrue();
    return out.toByteArray();
  }

  static byte[] png(BufferedImage image) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(ImageIO.write(image, "png", out)).isTrue();
    return out.toByteArray();
  }
}
