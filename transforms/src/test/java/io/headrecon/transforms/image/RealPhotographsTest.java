package io.headrecon.transforms.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.headrecon.proto.Distortion;
import io.headrecon.proto.Intrinsics;
import io.headrecon.transforms.io.BadInputFixtures;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/**
 * The real portraits in {@code testdata/real} (see its README for sources and licences) decode, and
 * variants made here from them behave: EXIF-rotated copies come out upright, EXIF focal lengths
 * give the intrinsics, and a copy photographed through a distorting lens comes back undistorted.
 */
class RealPhotographsTest {

  static Path real() {
    return Paths.get(System.getProperty("headrecon.root", ".."))
        .toAbsolutePath()
        .normalize()
        .resolve("testdata/real");
  }

  static RgbImage decode(String file) throws IOException {
    return ImageDecoding.decodeRgb(Files.readAllBytes(real().resolve(file)), file, 1 << 22);
  }

  @Test
  void portraitsAreSmallAndDecode() throws IOException {
    Object[][] portraits = {
      {"astronaut/front.jpg", 512, 512, false},
      {"grace-hopper/front.jpg", 512, 600, false},
      {"cameraman/profile.png", 512, 512, true},
    };
    for (Object[] p : portraits) {
      String file = (String) p[0];
      assertThat(Files.size(real().resolve(file))).as(file).isLessThan(200_000);
      RgbImage image = decode(file);
      assertThat(new int[] {image.widthPx(), image.heightPx()})
          .as(file)
          .containsExactly((int) p[1], (int) p[2]);
      long coloured = 0;
      for (int rgb : image.packedRgb()) {
        if ((rgb >>> 16 & 0xff) != (rgb & 0xff)) {
          coloured++;
        }
      }
      if ((boolean) p[3]) {
        assertThat(coloured).as("%s is gray", file).isZero();
      } else {
        assertThat(coloured)
            .as("%s is in colour", file)
            .isGreaterThan(image.packedRgb().length / 2);
      }
    }
  }

  @Test
  void exifRotatedCopiesDecodeUpright() throws IOException {
    // Grace Hopper's portrait (512x600, not square, so a transposition shows) stored as a camera
    // held in each of the 8 EXIF orientations stores it, tagged with that orientation.
    RgbImage upright = decode("grace-hopper/front.jpg");
    for (int orientation = 1; orientation <= 8; orientation++) {
      BufferedImage stored = stored(upright, orientation);
      byte[] jpeg = ImageDecodingTest.jpeg(stored);
      byte[] tagged = BadInputFixtures.withExifOrientation(jpeg, orientation);
      RgbImage decoded = ImageDecoding.decodeRgb(tagged, "o" + orientation + ".jpg", 1 << 22);
      assertThat(new int[] {decoded.widthPx(), decoded.heightPx()})
          .as("orientation %d", orientation)
          .containsExactly(512, 600);
      assertThat(meanAbsoluteDifference(decoded, upright))
          .as("orientation %d: mean difference from the upright portrait, levels", orientation)
          .isLessThan(3);
      if (orientation >= 2 && orientation <= 4) { // same size untagged: clearly not upright
        RgbImage ignored = ImageDecoding.decodeRgb(jpeg, "untagged.jpg", 1 << 22);
        assertThat(meanAbsoluteDifference(ignored, upright)).isGreaterThan(20);
      }
    }
  }

  @Test
  void exifFocalLengthsOfAPortraitGiveItsIntrinsics() throws IOException {
    byte[] jpeg = Files.readAllBytes(real().resolve("astronaut/front.jpg"));
    // FocalLengthIn35mmFilm 85 mm, stored rotated (orientation 8): 85 / 43.27 of the diagonal
    byte[] equivalent =
        BadInputFixtures.withExif(jpeg, new BadInputFixtures.Exif(8, 0, 0, 0, 0, 85));
    // a full-frame camera (36 mm over 6000 px) with a 50 mm lens, downscaled to 512 px since
    byte[] focalPlane =
        BadInputFixtures.withExif(
            jpeg, new BadInputFixtures.Exif(1, 50, 6000, 6000 / 36.0 * 10, 3, 0));
    Object[][] cases = {
      {
        equivalent, PhotoIntrinsics.Source.EXIF_35MM, 85 / Math.hypot(36, 24) * Math.hypot(512, 512)
      },
      {focalPlane, PhotoIntrinsics.Source.EXIF_FOCAL_PLANE, 50 / 36.0 * 512},
      {jpeg, PhotoIntrinsics.Source.DEFAULT, 425 / 180.0 * 512},
    };
    for (Object[] c : cases) {
      try (ImageDecoding.Photo photo = ImageDecoding.open((byte[]) c[0], "astronaut", 1 << 22)) {
        PhotoIntrinsics.Found found = PhotoIntrinsics.of(photo, PhotoIntrinsicsTest.ASSUMED);
        assertThat(found.source()).isEqualTo(c[1]);
        assertThat(found.intrinsics().getFxPx())
            .as("%s", c[1])
            .isCloseTo((double) c[2], within(1e-3));
        assertThat(found.intrinsics().getCxPx()).isEqualTo(255.5);
      }
    }
  }

  @Test
  void aPortraitPhotographedThroughADistortingLensComesBackUndistorted() throws IOException {
    // The astronaut as a 512x512 camera with fx = fy = 700 px (corners at normalised radius 0.52)
    // and a compact camera's barrel distortion would have taken it, then undistorted.
    RgbImage ideal = decode("astronaut/front.jpg");
    Intrinsics k =
        Intrinsics.newBuilder()
            .setFxPx(700)
            .setFyPx(700)
            .setCxPx(255.5)
            .setCyPx(255.5)
            .setWidthPx(512)
            .setHeightPx(512)
            .build();
    Distortion d =
        Distortion.newBuilder().setK1(-0.25).setK2(0.1).setP1(0.002).setP2(-0.001).build();
    RgbImage photo = LensModel.distortImage(ideal, k, d);
    RgbImage undistorted = Undistortion.undistorted(photo, k, d);
    // Compared inside a margin of 24 px, which the barrel-distorted photo still covers.
    double before = meanAbsoluteDifference(photo, ideal, 24);
    double after = meanAbsoluteDifference(undistorted, ideal, 24);
    // measured here: 14.7 levels before, 2.1 after (two bilinear resamplings' blur)
    assertThat(before).as("distorted vs ideal, levels").isGreaterThan(10);
    assertThat(after).as("undistorted vs ideal, levels").isLessThan(before / 4);
  }

  /**
   * The image a camera stores for the upright scene {@code u} when it tags it with {@code
   * orientation}, from the EXIF definition of where the stored row 0 and column 0 lie in the scene
   * (1: top, left; 2: top, right; 3: bottom, right; 4: bottom, left; 5: left, top; 6: right, top;
   * 7: right, bottom; 8: left, bottom).
   */
  static BufferedImage stored(RgbImage u, int orientation) {
    int w = u.widthPx();
    int h = u.heightPx();
    boolean transposed = orientation >= 5;
    int sw = transposed ? h : w;
    int sh = transposed ? w : h;
    BufferedImage out = new BufferedImage(sw, sh, BufferedImage.TYPE_INT_RGB);
    for (int sy = 0; sy < sh; sy++) {
      for (int sx = 0; sx < sw; sx++) {
        int x;
        int y;
        switch (orientation) {
          case 1 -> {
            x = sx;
            y = sy;
          }
          case 2 -> {
            x = w - 1 - sx;
            y = sy;
          }
          case 3 -> {
            x = w - 1 - sx;
            y = h - 1 - sy;
          }
          case 4 -> {
            x = sx;
            y = h - 1 - sy;
          }
          case 5 -> { // row 0 is the scene's left column, column 0 its top row
            x = sy;
            y = sx;
          }
          case 6 -> { // row 0 is the scene's right column, column 0 its top row
            x = w - 1 - sy;
            y = sx;
          }
          case 7 -> { // row 0 is the right column, column 0 the bottom row
            x = w - 1 - sy;
            y = h - 1 - sx;
          }
          default -> { // 8: row 0 is the left column, column 0 the bottom row
            x = sy;
            y = h - 1 - sx;
          }
        }
        out.setRGB(sx, sy, u.rgb(x, y));
      }
    }
    return out;
  }

  static double meanAbsoluteDifference(RgbImage a, RgbImage b) {
    return meanAbsoluteDifference(a, b, 0);
  }

  /** Mean |a - b| over channels and the pixels at least {@code margin} px from the border. */
  static double meanAbsoluteDifference(RgbImage a, RgbImage b, int margin) {
    double sum = 0;
    long n = 0;
    for (int y = margin; y < a.heightPx() - margin; y++) {
      for (int x = margin; x < a.widthPx() - margin; x++) {
        for (int shift = 16; shift >= 0; shift -= 8) {
          sum += Math.abs((a.rgb(x, y) >>> shift & 0xff) - (b.rgb(x, y) >>> shift & 0xff));
          n++;
        }
      }
    }
    return sum / n;
  }
}
