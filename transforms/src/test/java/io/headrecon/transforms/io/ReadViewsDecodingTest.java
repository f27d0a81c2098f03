package io.headrecon.transforms.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.headrecon.model.ProtoGeometry;
import io.headrecon.proto.Camera;
import io.headrecon.proto.Distortion;
import io.headrecon.proto.FailureRecord;
import io.headrecon.proto.Intrinsics;
import io.headrecon.proto.ProtoJson;
import io.headrecon.proto.SubjectManifest;
import io.headrecon.proto.View;
import io.headrecon.transforms.image.DecodedSize;
import io.headrecon.transforms.image.ImageDecoding;
import io.headrecon.transforms.image.LensModel;
import io.headrecon.transforms.image.RgbImage;
import io.headrecon.transforms.image.Undistortion;
import io.headrecon.transforms.records.ViewImage;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * ReadViews decodes photos upright and no larger than asked, undistorts them when their camera has
 * lens distortion, gives them intrinsics (manifest, else EXIF, else the assumed lens) scaled with
 * them, and turns views beyond a subject's decoded-pixel budget into failure records naming it.
 */
public class ReadViewsDecodingTest {
  @Rule public final transient TestPipeline pipeline = TestPipeline.create();
  @Rule public final transient TemporaryFolder temp = new TemporaryFolder();

  @Test
  public void viewsAreDecodedUprightAndSmallWithCamerasToMatch() throws Exception {
    Path root = temp.getRoot().toPath();
    // 400x200 stored, EXIF orientation 6: upright 200x400; no manifest and no EXIF focal length,
    // so the default camera (64x64 reference) is scaled by the long side to the upright 200x400
    // (square pixels) and then to the decoded 20x40.
    BufferedImage stored = new BufferedImage(400, 200, BufferedImage.TYPE_INT_RGB);
    BadInputFixtures.write(
        root.resolve("s/rotated.jpg"),
        BadInputFixtures.withExifOrientation(BadInputFixtures.encode(stored, "jpeg"), 6));
    BadInputFixtures.write(root.resolve("s/plain.png"), BadInputFixtures.rgbPng(640, 320));

    PCollectionTuple read =
        read(
            root.toString(),
            ReadViews.of(50_000_000L, ListAndReadViewsTest.DEFAULT)
                .withDecodedSize(DecodedSize.longSideAtMost(40), false));
    PAssert.that(read.get(ReadViews.VIEWS).apply("Describe", describe()))
        .containsInAnyOrder(
            // fx = fy = 500 * 400/64 * 20/200; cx = (200 - 1) / 2 scaled to 20 px: (20 - 1) / 2
            "rotated:20x40:camera 20x40 fx=312.500 fy=312.500 cx=9.500 source=default",
            "plain:40x20:camera 40x20 fx=312.500 fy=312.500 cx=19.500 source=default");
    pipeline.run().waitUntilFinish();
  }

  @Test
  public void viewsBeyondTheSubjectPixelBudgetBecomeFailuresNamingIt() throws Exception {
    Path root = temp.getRoot().toPath();
    for (String view : List.of("a", "b", "c", "d", "e")) {
      BadInputFixtures.write(root.resolve("big/" + view + ".png"), BadInputFixtures.rgbPng(64, 64));
    }
    BadInputFixtures.write(root.resolve("small/a.png"), BadInputFixtures.rgbPng(64, 64));

    PCollectionTuple read =
        read(
            root.toString(),
            ReadViews.of(50_000_000L, ListAndReadViewsTest.DEFAULT)
                .withSubjectPixelBudget(3 * 64 * 64));
    PAssert.that(read.get(ReadViews.VIEWS).apply("Describe", describe()))
        .containsInAnyOrder(
            "a:64x64:camera 64x64 fx=500.000 fy=500.000 cx=31.500 source=default",
            "b:64x64:camera 64x64 fx=500.000 fy=500.000 cx=31.500 source=default",
            "c:64x64:camera 64x64 fx=500.000 fy=500.000 cx=31.500 source=default",
            "a:64x64:camera 64x64 fx=500.000 fy=500.000 cx=31.500 source=default");
    PAssert.that(read.get(ReadViews.FAILURES))
        .satisfies(
            records -> {
              List<String> seen = new ArrayList<>();
              for (FailureRecord f : records) {
                seen.add(f.getSubjectId() + "/" + f.getViewId() + "@" + f.getStage());
                assertThat(f.getReason())
                    .contains("--maxSubjectDecodedPixels")
                    .contains("12288")
                    .contains(f.getViewId() + ".png");
              }
              assertThat(seen).containsExactlyInAnyOrder("big/d@decode", "big/e@decode");
              return null;
            });
    pipeline.run().waitUntilFinish();
  }

  @Test
  public void intrinsicsComeFromTheManifestElseExifElseTheAssumedLensAndLensesAreUndone()
      throws Exception {
    Path root = temp.getRoot().toPath();
    // "calibrated": the manifest gives its 320x240 camera with barrel distortion
    Intrinsics k = LensModel.K_320X240;
    Distortion barrel = LensModel.BARREL;
    byte[] calibrated = BadInputFixtures.rgbPng(320, 240);
    BadInputFixtures.write(root.resolve("s/calibrated.png"), calibrated);
    // "phone": EXIF FocalLengthIn35mmFilm 50 mm; listed in the manifest without a camera
    byte[] phone =
        BadInputFixtures.withExif(
            BadInputFixtures.encode(
                new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB), "jpeg"),
            new BadInputFixtures.Exif(1, 0, 0, 0, 0, 50));
    BadInputFixtures.write(root.resolve("s/phone.jpg"), phone);
    // "plain": nothing known
    BadInputFixtures.write(root.resolve("s/plain.png"), BadInputFixtures.rgbPng(64, 64));
    SubjectManifest manifest =
        SubjectManifest.newBuilder()
            .setSubjectId("s")
            .addViews(
                View.newBuilder()
                    .setViewId("calibrated")
                    .setCamera(Camera.newBuilder().setIntrinsics(k).setDistortion(barrel)))
            .addViews(View.newBuilder().setViewId("phone").setYawDeg(0))
            .build();
    BadInputFixtures.write(
        root.resolve("s/manifest.json"),
        ProtoJson.toJson(manifest).getBytes(StandardCharsets.UTF_8));

    PCollectionTuple read =
        read(
            root.toString(),
            ReadViews.of(50_000_000L, ListAndReadViewsTest.DEFAULT)
                .withDecodedSize(DecodedSize.longSideAtMost(160), false));
    // The calibrated view's pixels: decoded at 160x120, then undistorted with the camera scaled
    // to that size (not the 320x240 one).
    Intrinsics k160 = ProtoGeometry.resized(k, 160, 120);
    RgbImage expected;
    try (ImageDecoding.Photo photo = ImageDecoding.open(calibrated, "c", 1 << 20)) {
      expected = Undistortion.undistorted(photo.decode(160, 120), k160, barrel);
    }
    int[] expectedPixels = expected.packedRgb();
    PAssert.that(read.get(ReadViews.VIEWS))
        .satisfies(
            views -> {
              List<String> seen = new ArrayList<>();
              for (KV<String, ViewImage> kv : views) {
                View v = kv.getValue().view();
                Intrinsics got = v.getCamera().getIntrinsics();
                seen.add(
                    v.getViewId()
                        + " "
                        + v.getIntrinsicsSource()
                        + (v.getCamera().hasDistortion() ? " distorted" : ""));
                switch (v.getViewId()) {
                  case "calibrated" -> {
                    assertThat(got).isEqualTo(k160);
                    assertThat(kv.getValue().image().packedRgb()).isEqualTo(expectedPixels);
                  }
                  case "phone" -> {
                    // 50 / 43.27 of the 360.6 px diagonal of 300x200, scaled to 160 px wide
                    assertThat(got.getWidthPx()).isEqualTo(160);
                    assertThat(got.getFxPx())
                        .isCloseTo(
                            50 / Math.hypot(36, 24) * Math.hypot(300, 200) * 160 / 300,
                            org.assertj.core.data.Offset.offset(1e-9));
                    assertThat(v.getYawDeg()).isEqualTo(0); // the manifest's view, kept
                  }
                  default -> assertThat(got.getFxPx()).isEqualTo(500);
                }
              }
              assertThat(seen)
                  .containsExactlyInAnyOrder(
                      "calibrated manifest", "phone exif_35mm", "plain default");
              return null;
            });
    pipeline.run().waitUntilFinish();
  }

  @Test
  public void theRealPortraitsInTestdataDecode() {
    Path real =
        Paths.get(System.getProperty("headrecon.root", ".."))
            .toAbsolutePath()
            .normalize()
            .resolve("testdata/real");
    PCollectionTuple read =
        read(
            real.toString(),
            ReadViews.of(50_000_000L, ListAndReadViewsTest.DEFAULT)
                .withDecodedSize(DecodedSize.longSideAtMost(256), false));
    PAssert.that(read.get(ReadViews.FAILURES)).empty();
    // 85 mm-equivalent across the long side: 500 / 64 * 256 (Grace Hopper's 512x600 photo takes
    // 218 px across, 0.2 % less than its aspect would: fx is scaled with the pixel grid)
    PAssert.that(read.get(ReadViews.VIEWS).apply("Describe", describe()))
        .containsInAnyOrder(
            "front:256x256:camera 256x256 fx=2000.000 fy=2000.000 cx=127.500 source=default",
            "front:218x256:camera 218x256 fx=1995.850 fy=2000.000 cx=108.500 source=default",
            "profile:256x256:camera 256x256 fx=2000.000 fy=2000.000 cx=127.500 source=default");
    pipeline.run().waitUntilFinish();
  }

  /** Lists the subjects under {@code root} and reads them with {@code readViews}. */
  private PCollectionTuple read(String root, ReadViews readViews) {
    return pipeline
        .apply("List", ListSubjects.from(root))
        .get(ListSubjects.SUBJECTS)
        .apply("Read", readViews);
  }

  private static MapElements<KV<String, ViewImage>, String> describe() {
    return MapElements.into(TypeDescriptors.strings())
        .via(
            (KV<String, ViewImage> kv) -> {
              ViewImage v = kv.getValue();
              Intrinsics k = v.view().getCamera().getIntrinsics();
              return String.format(
                  java.util.Locale.ROOT,
                  "%s:%dx%d:camera %dx%d fx=%.3f fy=%.3f cx=%.3f source=%s",
                  v.viewId(),
                  v.image().widthPx(),
                  v.image().heightPx(),
                  k.getWidthPx(),
                  k.getHeightPx(),
                  k.getFxPx(),
                  k.getFyPx(),
                  k.getCxPx(),
                  v.view().getIntrinsicsSource());
            });
  }
}
