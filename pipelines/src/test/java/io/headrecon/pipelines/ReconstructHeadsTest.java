package io.headrecon.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import io.headrecon.geometry.PointCloud;
import io.headrecon.geometry.TriangleMesh;
import io.headrecon.geometry.io.Ply;
import io.headrecon.proto.FailureRecord;
import io.headrecon.proto.SubjectMetrics;
import io.headrecon.proto.ViewMetrics;
import io.headrecon.transforms.depth.DepthInferenceOptions.DepthSource;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.PipelineResult;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * End to end on the sample subjects: the product path (the shipped model) on a few views, and
 * ground-truth depth on whole subjects with broken subjects beside them.
 */
public class ReconstructHeadsTest {
  @Rule public final TemporaryFolder temp = new TemporaryFolder();

  /** Options as the command line gives them, with the default depth source: the shipped model. */
  static ReconstructHeadsOptions productOptions(String input, String output, String... extra) {
    String[] args = new String[2 + extra.length];
    args[0] = "--input=" + input;
    args[1] = "--output=" + output;
    System.arraycopy(extra, 0, args, 2, extra.length);
    return ReconstructHeads.parseOptions(args);
  }

  /** Options with ground-truth depth, to test everything but the network. */
  static ReconstructHeadsOptions options(String input, String output, String... extra) {
    ReconstructHeadsOptions options = productOptions(input, output, extra);
    options.setDepthSource(DepthSource.groundtruth);
    return options;
  }

  /**
   * The product path: the shipped model on three views of one sample subject. The bounds are loose
   * but catch a broken decoder or a wrong depth scale. Measured on these views of the three sample
   * subjects: Chamfer 2.29, 2.69 and 2.30 mm, F@5mm 0.94, 0.85 and 0.92, 28k-29k fused points with
   * ground-truth depth and 31k with the model. With the decoder's 100 mm per output unit off by +10
   * % or -10 % this subject's Chamfer becomes 4.0 or 4.6 mm (F@5mm 0.70 or 0.61); with the whole
   * decoded depth scaled by 1.01 it becomes 5.8 mm, by 1.1 55 mm.
   */
  @Test
  public void shippedModelFusesAFewViewsWithinLooseBounds() throws Exception {
    Path input = temp.newFolder("in").toPath();
    Path output = temp.getRoot().toPath().resolve("out");
    String subject = TestData.subjects().get(0);
    TestData.copySubjectViews(subject, input, TestData.FEW_VIEWS);

    ReconstructHeadsOptions options = productOptions(input.toString(), output.toString());
    assertThat(options.getDepthSource()).isEqualTo(DepthSource.model);
    PipelineResult result = ReconstructHeads.run(options);
    assertThat(result.waitUntilFinish()).isEqualTo(PipelineResult.State.DONE);

    RunOutputs run = RunOutputs.read(output);
    assertThat(run.statusBySubject()).containsOnlyKeys(subject).containsEntry(subject, "ok");
    assertThat(run.failures()).isEmpty();
    SubjectMetrics metrics = run.metrics(subject);
    assertThat(metrics.getDepthSource()).isEqualTo("model");
    assertThat(metrics.getViewsTotal()).isEqualTo(TestData.FEW_VIEWS.length);
    assertThat(metrics.getViewsRegistered()).isEqualTo(TestData.FEW_VIEWS.length);
    assertThat(metrics.getViewsList())
        .extracting(ViewMetrics::getViewId)
        .containsExactlyInAnyOrder(TestData.FEW_VIEWS);
    assertThat(metrics.getViewsList())
        .extracting(ViewMetrics::getIntrinsicsSource)
        .as("the sample manifests give every camera")
        .containsOnly("manifest");
    assertThat(metrics.hasChamferMeanMm()).as("measured against ground truth").isTrue();
    assertThat(metrics.getChamferMeanMm()).as("Chamfer mm").isLessThan(3.0);
    assertThat(metrics.getFscore5Mm()).as("F@5mm").isGreaterThan(0.85);
    // Three 180x180 views hold at most 97k pixels; an empty or all-background mask is far off.
    assertThat(metrics.getFusedPointCount()).isBetween(20_000L, 45_000L);
    PointCloud fused;
    try (InputStream in = Files.newInputStream(output.resolve(subject).resolve("fused.ply"))) {
      fused = Ply.readCloud(in, "fused.ply");
    }
    assertThat(fused.size()).isEqualTo(metrics.getFusedPointCount());
    for (ViewMetrics view : metrics.getViewsList()) {
      // Measured at most 3.03 degrees over the three sample subjects.
      assertThat(view.getRotationErrorDeg()).as(view.getViewId()).isLessThan(5.0);
    }
  }

  @Test
  public void groundTruthDepthFusesWithinToleranceAndEverySubjectIsAccountedFor() throws Exception {
    Path input = temp.newFolder("in").toPath();
    Path output = temp.getRoot().toPath().resolve("out");
    List<String> samples = TestData.subjects();
    assertThat(samples).hasSizeGreaterThanOrEqualTo(2);
    String good = samples.get(0);
    String damaged = samples.get(1);
    TestData.copySubject(good, input);
    TestData.copySubject(damaged, input);
    // One view of the second subject is truncated: that view fails, the subject still fuses.
    Path victim;
    try (var files = Files.list(input.resolve(damaged))) {
      victim = files.filter(f -> f.toString().endsWith(".png")).sorted().findFirst().orElseThrow();
    }
    Files.write(victim, new byte[] {(byte) 0x89, 'P', 'N', 'G'});
    // A subject with a single photo: the single-view path.
    String single = samples.get(2);
    TestData.copySubject(single, input);
    try (var files = Files.list(input.resolve(single))) {
      for (Path f : files.filter(f -> f.toString().endsWith(".png")).toList()) {
        if (!f.getFileName().toString().equals("yaw_p000.png")) {
          Files.delete(f);
        }
      }
    }
    // Subjects that cannot be reconstructed at all.
    Files.createDirectories(input.resolve("bad..id"));
    Files.copy(victim, input.resolve("bad..id/a.png"));
    Files.createDirectories(input.resolve("noimages"));
    Files.writeString(input.resolve("noimages/readme.txt"), "no photos here");

    PipelineResult result =
        ReconstructHeads.run(options(input.toString(), output.toString(), "--writeViewOutputs"));
    assertThat(result.waitUntilFinish()).isEqualTo(PipelineResult.State.DONE);

    RunOutputs run = RunOutputs.read(output);
    // inputs = results + failures: each subject folder exactly once in the summary
    assertThat(run.statusBySubject())
        .containsOnlyKeys(good, damaged, single, "bad..id", "noimages")
        .containsEntry(good, "ok")
        .containsEntry(single, "ok")
        .containsEntry(damaged, "ok")
        .containsEntry("bad..id", "failed:list")
        .containsEntry("noimages", "failed:list");
    String victimView = victim.getFileName().toString().replace(".png", "");
    assertThat(run.failures())
        .extracting(FailureRecord::getSubjectId, FailureRecord::getViewId, FailureRecord::getStage)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(damaged, victimView, "decode"),
            org.assertj.core.groups.Tuple.tuple("bad..id", "", "list"),
            org.assertj.core.groups.Tuple.tuple("noimages", "", "list"));

    SubjectMetrics singleView = run.metrics(single);
    assertThat(singleView.getViewsTotal()).isEqualTo(1);
    assertThat(singleView.getViewsRegistered()).isEqualTo(1);
    assertThat(singleView.getFusedPointCount()).isGreaterThan(5_000);
    assertThat(singleView.getViews(0).getRotationErrorDeg()).isLessThan(1e-6);

    for (String subject : List.of(good, damaged)) {
      SubjectMetrics metrics = run.metrics(subject);
      assertThat(metrics.getViewsTotal()).as(subject).isEqualTo(19);
      assertThat(metrics.getVerdict()).as(subject).isEqualTo("ok");
      assertThat(metrics.getViews(0).getMaskAreaFraction()).as(subject).isBetween(0.2, 0.5);
      assertThat(metrics.getViews(0).hasMaskUncertainFraction()).as("no network mask").isFalse();
      assertThat(metrics.getViewsRegistered())
          .as(subject)
          .isGreaterThanOrEqualTo(subject.equals(good) ? 19 : 18);
      assertThat(metrics.getChamferMeanMm()).as(subject + " Chamfer mm").isLessThan(1.5);
      assertThat(metrics.getFscore5Mm()).as(subject).isGreaterThan(0.9);
      for (ViewMetrics view : metrics.getViewsList()) {
        assertThat(view.getRotationErrorDeg()).as(subject + "/" + view.getViewId()).isLessThan(1.0);
      }
      PointCloud fused;
      try (InputStream in = Files.newInputStream(output.resolve(subject).resolve("fused.ply"))) {
        fused = Ply.readCloud(in, "fused.ply");
      }
      assertThat(fused.size()).isEqualTo(metrics.getFusedPointCount()).isGreaterThan(10_000);
      assertThat(fused.hasColors()).isTrue();
      assertThat(output.resolve(subject).resolve("views")).isDirectory();

      // The TSDF mesh: a binary PLY with colours, normals and faces, as good as the cloud.
      TriangleMesh mesh;
      try (InputStream in = Files.newInputStream(output.resolve(subject).resolve("mesh.ply"))) {
        mesh = Ply.readMesh(in, "mesh.ply");
      }
      assertThat(mesh.vertexCount()).isEqualTo(metrics.getMesh().getVertexCount());
      assertThat(mesh.triangleCount())
          .isEqualTo(metrics.getMesh().getTriangleCount())
          .isGreaterThan(10_000);
      assertThat(mesh.hasNormals()).isTrue();
      assertThat(mesh.colorsRgb()).isNotNull();
      assertThat(metrics.getMesh().getChamferMeanMm())
          .as(subject + " mesh Chamfer mm")
          .isLessThan(metrics.getChamferMeanMm() + 0.2);
    }
  }
}
