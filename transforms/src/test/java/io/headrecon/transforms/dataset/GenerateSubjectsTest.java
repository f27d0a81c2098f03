package io.headrecon.transforms.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import io.headrecon.geometry.io.DepthPng;
import io.headrecon.proto.FailureRecord;
import io.headrecon.proto.ManifestUris;
import io.headrecon.proto.ProtoJson;
import io.headrecon.proto.SubjectManifest;
import io.headrecon.proto.View;
import io.headrecon.synth.dataset.DatasetSpec;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class GenerateSubjectsTest {
  /** The ICT face model beside the checkout: ../shared/facemodel/ict-facekit. */
  static String faceModelDirectory() {
    String root = System.getProperty("headrecon.root", "..");
    return java.nio.file.Paths.get(root)
        .resolve("../shared/facemodel/ict-facekit")
        .normalize()
        .toString();
  }

  @Rule public final transient TestPipeline pipeline = TestPipeline.create();
  @Rule public final TemporaryFolder temp = new TemporaryFolder();

  @Test
  public void writesEachSubjectThroughFileSystemsAndEmitsItsManifest() throws IOException {
    Path out = temp.getRoot().toPath().resolve("dataset");
    String outDir = out.toString();
    DatasetSpec spec =
        DatasetSpec.builder()
            .output(out.toString())
            .faceModel(faceModelDirectory())
            .seed(3)
            .yawsDeg(-60, 0, 60)
            .sizePx(48, 48)
            .build();
    PCollectionTuple result =
        pipeline.apply("Indices", Create.of(5, 6)).apply("Generate", new GenerateSubjects(spec));
    PAssert.that(result.get(GenerateSubjects.FAILURES)).empty();
    PAssert.that(result.get(GenerateSubjects.MANIFESTS))
        .satisfies(
            manifests -> {
              List<String> ids = new ArrayList<>();
              manifests.forEach(m -> ids.add(m.getSubjectId()));
              assertThat(ids).containsExactlyInAnyOrder("subject-0005", "subject-0006");
              for (SubjectManifest m : manifests) {
                checkSubjectDirectory(Path.of(outDir, m.getSubjectId()), m);
              }
              return null;
            });
    pipeline.run().waitUntilFinish();
  }

  @Test
  public void aSubjectThatCannotBeWrittenBecomesAFailureRecord() throws IOException {
    Path blocker = temp.newFile("blocker").toPath(); // a file where a directory must go
    DatasetSpec spec =
        DatasetSpec.builder()
            .output(blocker.resolve("dataset").toString())
            .faceModel(faceModelDirectory())
            .yawsDeg(0)
            .sizePx(32, 32)
            .build();
    PCollectionTuple result =
        pipeline.apply("Indices", Create.of(1)).apply("Generate", new GenerateSubjects(spec));
    PAssert.that(result.get(GenerateSubjects.MANIFESTS)).empty();
    PAssert.that(result.get(GenerateSubjects.FAILURES))
        .satisfies(
            failures -> {
              List<FailureRecord> list = new ArrayList<>();
              failures.forEach(list::add);
              assertThat(list).hasSize(1);
              assertThat(list.get(0).getSubjectId()).isEqualTo("subject-0001");
              assertThat(list.get(0).getStage()).isEqualTo("write");
              assertThat(list.get(0).getReason()).contains("subject-0001");
              assertThat(list.get(0).getStackTrace()).isNotEmpty();
              return null;
            });
    pipeline.run().waitUntilFinish();
  }

  /**
   * The files on disk match the emitted manifest: the same manifest, masks only where there is
   * depth (the garment has depth outside the mask, see HeadMask), the head filling a good part.
   */
  static void checkSubjectDirectory(Path subjectDir, SubjectManifest emitted) {
    try {
      checkFiles(subjectDir, emitted);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static void checkFiles(Path subjectDir, SubjectManifest emitted) throws IOException {
    String manifestUri = subjectDir.resolve("manifest.json").toString();
    SubjectManifest manifest =
        ProtoJson.parseManifest(
            Files.readString(Path.of(manifestUri), StandardCharsets.UTF_8), manifestUri);
    assertThat(manifest).isEqualTo(emitted);
    for (View view : manifest.getViewsList()) {
      BufferedImage rgb =
          ImageIO.read(new File(ManifestUris.resolve(manifestUri, view.getImageUri())));
      BufferedImage mask =
          ImageIO.read(
              new File(ManifestUris.resolve(manifestUri, view.getGroundTruth().getMaskUri())));
      DepthPng.DepthImage depth;
      try (InputStream in =
          Files.newInputStream(
              Path.of(ManifestUris.resolve(manifestUri, view.getGroundTruth().getDepthUri())))) {
        depth = DepthPng.read(in, view.getGroundTruth().getDepthScaleMmPerUnit(), "depth");
      }
      assertThat(rgb.getWidth()).isEqualTo(view.getCamera().getIntrinsics().getWidthPx());
      int head = 0;
      for (int y = 0; y < rgb.getHeight(); y++) {
        for (int x = 0; x < rgb.getWidth(); x++) {
          int m = mask.getRaster().getSample(x, y, 0);
          assertThat(m).isIn(0, 255);
          if (m == 255) {
            assertThat(depth.at(x, y)).isGreaterThan(0f);
            head++;
          }
        }
      }
      assertThat(head).isGreaterThan(rgb.getWidth() * rgb.getHeight() / 6);
    }
  }
}
