package io.headrecon.transforms.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.headrecon.proto.FailureRecord;
import io.headrecon.proto.Intrinsics;
import io.headrecon.transforms.records.ViewImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Every kind of bad input becomes a failure record naming it, and good views still decode. */
public class ListAndReadViewsTest {
  @Rule public final transient TestPipeline pipeline = TestPipeline.create();
  @Rule public final transient TemporaryFolder temp = new TemporaryFolder();

  static final Intrinsics DEFAULT =
      Intrinsics.newBuilder()
          .setFxPx(500)
          .setFyPx(500)
          .setCxPx(31.5)
          .setCyPx(31.5)
          .setWidthPx(64)
          .setHeightPx(64)
          .build();

  @Test
  public void badInputsBecomeFailuresAndGoodViewsDecode() throws Exception {
    Path root = temp.getRoot().toPath();
    byte[] good = BadInputFixtures.rgbPng(64, 64);
    // subject "mixed": two good views and every kind of bad file
    BadInputFixtures.write(root.resolve("mixed/good1.png"), good);
    BadInputFixtures.write(root.resolve("mixed/good2.png"), BadInputFixtures.rgbPng(32, 16));
    BadInputFixtures.write(root.resolve("mixed/empty.png"), new byte[0]);
    BadInputFixtures.write(root.resolve("mixed/truncated.png"), BadInputFixtures.truncated(good));
    BadInputFixtures.write(
        root.resolve("mixed/notanimage.jpg"), "hello, I am text".getBytes(StandardCharsets.UTF_8));
    BadInputFixtures.write(root.resolve("mixed/huge.png"), BadInputFixtures.hugePng(8000, 7000));
    BadInputFixtures.write(root.resolve("mixed/gray.png"), BadInputFixtures.grayPng(20, 20));
    BadInputFixtures.write(root.resolve("mixed/gray16.png"), BadInputFixtures.gray16Png(20, 20));
    // Adobe CMYK, cyan ink only: decodes (TwelveMonkeys) to RGB cyan
    BadInputFixtures.write(
        root.resolve("mixed/cmyk.jpg"), BadInputFixtures.cmykJpeg(24, 24, 255, 0, 0, 0, false));
    BadInputFixtures.write(root.resolve("mixed/good1.jpg"), good); // duplicate view id "good1"
    BadInputFixtures.write(root.resolve("mixed/notes.txt"), new byte[] {1});
    // subject ids that are not safe, and a subject without images
    BadInputFixtures.write(root.resolve("bad..id/a.png"), good);
    BadInputFixtures.write(root.resolve("noimages/manifest.json"), "{}".getBytes());
    BadInputFixtures.write(root.resolve("noimages/readme.txt"), new byte[] {1});
    // a subject whose manifest is corrupt
    BadInputFixtures.write(root.resolve("badmanifest/a.png"), good);
    BadInputFixtures.write(root.resolve("badmanifest/manifest.json"), "{not json".getBytes());

    PCollectionTuple listed = pipeline.apply("List", ListSubjects.from(root.toString()));
    PCollectionTuple read =
        listed.get(ListSubjects.SUBJECTS).apply("Read", ReadViews.of(50_000_000L, DEFAULT));

    PCollection<String> decoded =
        read.get(ReadViews.VIEWS)
            .apply(
                "DescribeViews",
                MapElements.into(TypeDescriptors.strings())
                    .via(
                        (KV<String, ViewImage> kv) ->
                            kv.getKey()
                                + "/"
                                + kv.getValue().viewId()
                                + ":"
                                + kv.getValue().image().widthPx()
                                + "x"
                                + kv.getValue().image().heightPx()
                                + ":"
                                + Integer.toHexString(kv.getValue().image().rgb(1, 1))
                                + ":fx="
                                + kv.getValue().view().getCamera().getIntrinsics().getFxPx()));
    PAssert.that(decoded)
        .containsInAnyOrder(
            "mixed/good1:64x64:8c05c0:fx=500.0"
                .replace("8c05c0", Integer.toHexString(7 << 16 | 5 << 8 | 0x40)),
            "mixed/good2:32x16:" + Integer.toHexString(7 << 16 | 5 << 8 | 0x40) + ":fx=250.0",
            "mixed/gray:20x20:c8c8c8:fx=156.25",
            "mixed/gray16:20x20:c8c8c8:fx=156.25",
            "mixed/cmyk:24x24:ffff:fx=187.5");

    PCollection<FailureRecord> failures =
        PCollectionList.of(listed.get(ListSubjects.FAILURES))
            .and(read.get(ReadViews.FAILURES))
            .apply(Flatten.pCollections());
    PAssert.that(failures)
        .satisfies(
            records -> {
              Map<String, String> byKey = new TreeMap<>();
              List<String> keys = new ArrayList<>();
              for (FailureRecord f : records) {
                String key = f.getSubjectId() + "/" + f.getViewId() + "@" + f.getStage();
                keys.add(key);
                byKey.put(key, f.getReason() + " | " + f.getInputUri());
              }
              assertThat(keys)
                  .containsExactlyInAnyOrder(
                      "mixed/empty@decode",
                      "mixed/truncated@decode",
                      "mixed/notanimage@decode",
                      "mixed/huge@decode",
                      "mixed/good1@list",
                      "bad..id/@list",
                      "noimages/@list",
                      "badmanifest/@manifest");
              assertThat(byKey.get("mixed/empty@decode")).contains("empty.png").contains("0 bytes");
              assertThat(byKey.get("mixed/truncated@decode")).contains("truncated.png");
              assertThat(byKey.get("mixed/notanimage@decode")).contains("not a PNG, JPEG or TIFF");
              assertThat(byKey.get("mixed/huge@decode"))
                  .contains("8000x7000")
                  .contains("--maxImagePixels");
              assertThat(byKey.get("mixed/good1@list")).contains("duplicate view id");
              assertThat(byKey.get("bad..id/@list")).contains("not a safe id");
              assertThat(byKey.get("noimages/@list")).contains("no .png/.jpg/.jpeg images");
              assertThat(byKey.get("badmanifest/@manifest")).contains("manifest.json");
              return null;
            });
    pipeline.run().waitUntilFinish();
  }
}
