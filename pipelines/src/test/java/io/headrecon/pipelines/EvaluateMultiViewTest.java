package io.headrecon.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import io.headrecon.geometry.PinholeCamera;
import io.headrecon.geometry.PointCloud;
import io.headrecon.geometry.TriangleMesh;
import io.headrecon.geometry.io.Ply;
import io.headrecon.model.ProtoGeometry;
import io.headrecon.proto.SubjectManifest;
import io.headrecon.proto.View;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluateMultiViewTest {

  @Test
  void heldOutLookReachesTheGeneratorAndStaysLegacyByDefault() {
    Path data = Path.of("held-out");
    EvaluateMultiViewOptions realistic =
        PipelineOptionsFactory.fromArgs("--heldOutLook=realistic")
            .as(EvaluateMultiViewOptions.class);
    EvaluateMultiViewOptions byDefault =
        PipelineOptionsFactory.fromArgs().as(EvaluateMultiViewOptions.class);

    assertThat(EvaluateMultiView.generationArgs(realistic, data))
        .contains("--look=realistic")
        .doesNotContain("--look=legacy");
    assertThat(EvaluateMultiView.generationArgs(byDefault, data))
        .contains("--look=legacy")
        .doesNotContain("--look=realistic");
  }

  @Test
  void evaluatesEveryModeOnAnOffsetHeldOutSet(@TempDir Path work) throws IOException {
    EvaluateMultiViewOptions options =
        PipelineOptionsFactory.fromArgs(
                "--work=" + work,
                "--faceModel=" + GenerateDatasetTest.modelDirectory(),
                "--heldOutNumSubjects=1",
                "--gtSamplesPerMm2=2",
                "--heldOutYawsDeg=-30,0,30")
            .as(EvaluateMultiViewOptions.class);

    EvaluationTable table = EvaluateMultiView.run(options);

    assertThat(table.modeList()).containsExactly(EvaluationMode.values());
    String markdown = table.markdown();
    for (EvaluationMode mode : EvaluationMode.values()) {
      assertThat(markdown).contains("| " + mode.label() + " |");
    }
    assertThat(Files.readString(work.resolve("evaluation.md"))).isEqualTo(markdown);
    assertThat(Files.readString(work.resolve("evaluation.json")))
        .contains("\"mode\": \"posesUnknown\"", "\"subjectId\": \"subject-9000\"");

    // Ground-truth depth through fusion lands on the mesh, without ICP too: the output and the
    // truth are compared in the same (offset) world frame.
    assertThat(table.fusedSubjects(EvaluationMode.GROUND_TRUTH_DEPTH)).isEqualTo(1);
    // (2 samples per mm² add about 0.35 mm to the accuracy half of Chamfer)
    assertThat(table.medianChamferAfterIcpMm(EvaluationMode.GROUND_TRUTH_DEPTH)).isLessThan(1.5);
    assertThat(table.medianChamferAsWrittenMm(EvaluationMode.GROUND_TRUTH_DEPTH)).isLessThan(1.5);
    assertThat(table.medianFscore2mm(EvaluationMode.GROUND_TRUTH_DEPTH)).isGreaterThan(0.8);

    // The generated set really is in a frame whose origin lies 1.2 m below the head.
    Path subject = work.resolve("data/subject-9000");
    SubjectManifest manifest = EvaluationInputs.readManifest(subject);
    TriangleMesh mesh = EvaluationInputs.readMesh(subject.resolve("gt/mesh.ply"));
    double[] vertex = {mesh.verticesMm()[0], mesh.verticesMm()[1], mesh.verticesMm()[2]};
    assertThat(centroidY(mesh.vertexCloud())).isBetween(1100.0, 1300.0);
    for (View view : manifest.getViewsList()) {
      PinholeCamera camera = ProtoGeometry.camera(view.getCamera());
      double[] inCamera = camera.worldToCamera().apply(vertex);
      assertThat(inCamera[2]).as(view.getViewId()).isBetween(400.0, 800.0); // in front, ~600 mm
    }

    // Calibrated outputs are written in their own world frames and measured in the data's.
    assertThat(centroidY(fused(work, "calibratedOffset"))).isBetween(1100.0, 1300.0);
    assertThat(centroidY(fused(work, "calibratedAtHead"))).isBetween(-100.0, 100.0);
    assertThat(table.medianChamferAsWrittenMm(EvaluationMode.CALIBRATED_AT_HEAD)).isLessThan(100.0);

    // Poses unknown: the pipeline got no pose, and its output was placed by its reference view.
    SubjectManifest unposed =
        EvaluationInputs.readManifest(work.resolve("inputs/posesUnknown/subject-9000"));
    for (View view : unposed.getViewsList()) {
      assertThat(view.getCamera().hasExtrinsics()).isFalse();
      assertThat(view.hasYawDeg()).isFalse();
      assertThat(view.getCamera().getIntrinsics().getFxPx()).isGreaterThan(0);
    }
    EvaluationTable.ModeResult unknown = table.modes().get(0);
    assertThat(unknown.mode()).isEqualTo(EvaluationMode.POSES_UNKNOWN);
    for (MultiViewMeasurement.Score score : unknown.scores()) {
      if (score.fused()) {
        assertThat(score.referenceViewId()).isIn(List.of("yaw_m030", "yaw_p000", "yaw_p030"));
      }
    }
  }

  private static PointCloud fused(Path work, String mode) throws IOException {
    try (InputStream in =
        Files.newInputStream(work.resolve("runs/" + mode + "/subject-9000/fused.ply"))) {
      return Ply.readCloud(in, mode);
    }
  }

  private static double centroidY(PointCloud cloud) {
    return cloud.centroidMm()[1];
  }
}
