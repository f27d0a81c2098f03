package io.headrecon.transforms.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.headrecon.proto.Intrinsics;
import io.headrecon.transforms.io.BadInputFixtures;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Intrinsics from EXIF (35 mm equivalent, else focal plane), else the assumed lens. */
class PhotoIntrinsicsTest {
  /** The training framing: 85 mm-equivalent across 180 px (425 px), principal point centred. */
  static final Intrinsics ASSUMED =
      Intrinsics.newBuilder()
          .setFxPx(425)
          .setFyPx(425)
          .setCxPx(89.5)
          .setCyPx(89.5)
          .setWidthPx(180)
          .setHeightPx(180)
          .build();

  @Test
  void thirtyFiveMillimetreEquivalentIsMeasuredAcrossTheDiagonal() {
    // 6000x4000 (3:2) at 50 mm equivalent: 50 / 36 of the long side, 8333.3 px
    PhotoIntrinsics.Found found = PhotoIntrinsics.of(exif35(50), 6000, 6000, 4000, ASSUMED);
    assertThat(found.source()).isEqualTo(PhotoIntrinsics.Source.EXIF_35MM);
    assertThat(found.source().label()).isEqualTo("exif_35mm");
    Intrinsics k = found.intrinsics();
    assertThat(k.getFxPx()).isCloseTo(50.0 / 36 * 6000, within(1e-6));
    assertThat(k.getFyPx()).isEqualTo(k.getFxPx());
    assertThat(k.getCxPx()).isEqualTo(2999.5);
    assertThat(k.getCyPx()).isEqualTo(1999.5);
    assertThat(new int[] {k.getWidthPx(), k.getHeightPx()}).containsExactly(6000, 4000);
    // 4:3 phone photo at 26 mm: 26 / 43.27 of the 5000 px diagonal of 4000x3000
    Intrinsics phone = PhotoIntrinsics.of(exif35(26), 4000, 4000, 3000, ASSUMED).intrinsics();
    assertThat(phone.getFxPx()).isCloseTo(26 / Math.hypot(36, 24) * 5000, within(1e-6));
    // upright portrait of the same photo (EXIF orientation 6): same focal length in pixels
    Intrinsics upright = PhotoIntrinsics.of(exif35(26), 4000, 3000, 4000, ASSUMED).intrinsics();
    assertThat(upright.getFxPx()).isEqualTo(phone.getFxPx());
    assertThat(upright.getCxPx()).isEqualTo(1499.5);
  }

  @Test
  void focalPlaneResolutionIsScaledToTheStoredWidth() {
    // A 23.5 mm-wide APS-C sensor at 6000 px, 35 mm lens: 35 * 6000 / 23.5 = 8936.2 px; the photo
    // was downscaled to 1500 px wide after capture (PixelXDimension still says 6000).
    ExifCamera exif = new ExifCamera(1, Double.NaN, 35, 6000 / 23.5, 6000);
    PhotoIntrinsics.Found found = PhotoIntrinsics.of(exif, 1500, 1500, 1000, ASSUMED);
    assertThat(found.source()).isEqualTo(PhotoIntrinsics.Source.EXIF_FOCAL_PLANE);
    assertThat(found.source().label()).isEqualTo("exif_focal_plane");
    assertThat(found.intrinsics().getFxPx()).isCloseTo(35 * 6000 / 23.5 / 4, within(1e-6));
    // without PixelXDimension the resolution is taken to be the stored image's
    ExifCamera noDimension = new ExifCamera(1, Double.NaN, 35, 1500 / 23.5, 0);
    assertThat(PhotoIntrinsics.of(noDimension, 1500, 1500, 1000, ASSUMED).intrinsics().getFxPx())
        .isCloseTo(35 * 1500 / 23.5, within(1e-6));
  }

  @Test
  void exifInAJpegGivesTheIntrinsics() throws IOException {
    byte[] jpeg = ImageDecodingTest.jpeg(ImageDecodingTest.texture(300, 200, 1));
    double pxPerMm = 6000 / 23.5;
    double[][] units = {{2, 25.4}, {3, 10}, {4, 1}, {5, 1e-3}}; // EXIF unit, mm per unit
    for (double[] unit : units) {
      byte[] tagged =
          BadInputFixtures.withExif(
              jpeg, new BadInputFixtures.Exif(6, 35, 6000, pxPerMm * unit[1], (int) unit[0], 0));
      try (ImageDecoding.Photo photo = ImageDecoding.open(tagged, "focal.jpg", 1 << 20)) {
        assertThat(photo.exif().focalLengthMm()).isEqualTo(35);
        assertThat(photo.exif().exifImageWidthPx()).isEqualTo(6000);
        assertThat(photo.exif().focalPlaneXResolutionPxPerMm())
            .as("unit %s", unit[0])
            .isCloseTo(pxPerMm, within(1e-3 * pxPerMm));
        PhotoIntrinsics.Found found = PhotoIntrinsics.of(photo, ASSUMED);
        assertThat(found.source()).isEqualTo(PhotoIntrinsics.Source.EXIF_FOCAL_PLANE);
        // stored 300 px of the sensor's 6000: 35 * 6000 / 23.5 * 300 / 6000; upright 200x300
        assertThat(found.intrinsics().getFxPx()).isCloseTo(35 / 23.5 * 300, within(0.01));
        assertThat(found.intrinsics().getWidthPx()).isEqualTo(200);
        assertThat(found.intrinsics().getCxPx()).isEqualTo(99.5);
      }
    }
    // FocalLengthIn35mmFilm comes first when both are there
    byte[] both =
        BadInputFixtures.withExif(jpeg, new BadInputFixtures.Exif(1, 35, 6000, pxPerMm, 4, 52));
    try (ImageDecoding.Photo photo = ImageDecoding.open(both, "both.jpg", 1 << 20)) {
      PhotoIntrinsics.Found found = PhotoIntrinsics.of(photo, ASSUMED);
      assertThat(found.source()).isEqualTo(PhotoIntrinsics.Source.EXIF_35MM);
      assertThat(found.intrinsics().getFxPx())
          .isCloseTo(52 / Math.hypot(36, 24) * Math.hypot(300, 200), within(1e-6));
    }
  }

  @Test
  void unbelievableOrMissingExifFallsBackToTheAssumedLensAcrossTheLongSide() {
    // 3 mm equivalent, no sensor size: not believed
    PhotoIntrinsics.Found found = PhotoIntrinsics.of(exif35(3), 900, 900, 600, ASSUMED);
    assertThat(found.source()).isEqualTo(PhotoIntrinsics.Source.DEFAULT);
    assertThat(found.source().label()).isEqualTo("default");
    // 85 mm across the long side: 425 / 180 * 900, square pixels, centred
    assertThat(found.intrinsics().getFxPx()).isCloseTo(2125, within(1e-9));
    assertThat(found.intrinsics().getFyPx()).isCloseTo(2125, within(1e-9));
    assertThat(found.intrinsics().getCyPx()).isEqualTo(299.5);
    // the same photo upright in portrait: the long side is the height
    Intrinsics portrait = PhotoIntrinsics.of(ExifCamera.NONE, 900, 600, 900, ASSUMED).intrinsics();
    assertThat(portrait.getFxPx()).isCloseTo(2125, within(1e-9));
    // focal plane resolution without a unit (1) gives no sensor size
    ExifCamera noUnit = new ExifCamera(1, Double.NaN, 50, Double.NaN, 0);
    assertThat(PhotoIntrinsics.of(noUnit, 900, 900, 600, ASSUMED).source())
        .isEqualTo(PhotoIntrinsics.Source.DEFAULT);
    // the training size gets the training intrinsics
    assertThat(PhotoIntrinsics.assumed(ASSUMED, 180, 180)).isEqualTo(ASSUMED);
  }

  private static ExifCamera exif35(double mm) {
    return new ExifCamera(1, mm, Double.NaN, Double.NaN, 0);
  }
}
