package io.headrecon.transforms.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.headrecon.proto.FailureRecord;
import io.headrecon.proto.Intrinsics;
import io.headrecon.transforms.image.DecodedSize;
import io.headrecon.transforms.records.ViewImage;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
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
 * ReadViews decodes photos upright and no larger than asked, scales their cameras with them, and
 * turns views beyond a subject's decoded-pixel budget into failure records naming it.
 */
public class ReadViewsDecodingTest {
  @Rule public final transient TestPipeline pipeline = TestPipeline.create();
  @Rule public final transient TemporaryFolder temp = new TemporaryFolder();

  @Test
  public void viewsAreDecodedUprightAndSmallWithCamerasToMatch() throws Exception {
    Path root = temp.getRoot().toPath();
    // 400x200 stored, EXIF orientation 6: upright 200x400; no manifest, so the default camera
    // (64x64 reference) is scaled to the upright 200x400 and then to the decoded 20x40.
    BufferedImage stored = new BufferedImage(400, 200, BufferedImage.TYPE_INT_RGB);
    BadInputFixtures.write(
        root.resolve("s/rotated.jpg"),
        BadInputFixtures.withExifOrientation(BadInputFixtures.encode(stored, "jpeg"), 6));
    BadInputFixtures.write(root.resolve("s/plain.png"), BadInputFixtures.rgbPng(640, 320));

    PCollectionTuple read =
        pipeline
            .apply("List", ListSubjects.from(root.toString()))
            .get(ListSubjects.SUBJECTS)
            .apply(
                "Read",
                ReadViews.of(50_000_000L, ListAndReadViewsTest.DEFAULT)
                    .withDecodedSize(DecodedSize.longSideAtMost(40), false));
    PAssert.that(read.get(ReadViews.VIEWS).apply("Describe", describe()))
        .containsInAnyOrder(
            // fx = 500 * 200/64 * 20/200; cx = ((31.5 + 0.5) * 200/64 - 0.5 + 0.5) * 20/200 - 0.5
            "rotated:20x40:camera 20x40 fx=156.25 cx=9.5",
            "plain:40x20:camera 40x20 fx=312.5 cx=19.5");
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
        pipeline
            .apply("List", ListSubjects.from(root.toString()))
            .get(ListSubjects.SUBJECTS)
            .apply(
                "Read",
                ReadViews.of(50_000_000L, ListAndReadViewsTest.DEFAULT)
                    .withSubjectPixelBudget(3 * 64 * 64));
    PAssert.that(read.get(ReadViews.VIEWS).apply("Describe", describe()))
        .containsInAnyOrder(
            "a:64x64:camera 64x64 fx=500.0 cx=31.5",
            "b:64x64:camera 64x64 fx=500.0 cx=31.5",
            "c:64x64:camera 64x64 fx=500.0 cx=31.5",
            "a:64x64:camera 64x64 fx=500.0 cx=31.5");
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

  private static MapElements<KV<String, ViewImage>, String> describe() {
    return MapElements.into(TypeDescriptors.strings())
        .via(
            (KV<String, ViewImage> kv) -> {
              ViewImage v = kv.getValue();
              Intrinsics k = v.view().getCamera().getIntrinsics();
              return v.viewId()
                  + ":"
                  + v.image().widthPx()
                  + "x"
                  + v.image().heightPx()
                  + ":camera "
                  + k.getWidthPx()
                  + "x"
                  + k.getHeightPx()
                  + " fx="
                  + k.getFxPx()
                  + " cx="
                  + k.getCxPx();
            });
  }
}
