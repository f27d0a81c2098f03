package io.headrecon.synth.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.headrecon.geometry.PinholeCamera;
import io.headrecon.geometry.TriangleMesh;
import io.headrecon.geometry.io.DepthPng;
import io.headrecon.geometry.io.Ply;
import io.headrecon.model.ProtoGeometry;
import io.headrecon.proto.Contracts;
import io.headrecon.proto.Landmark;
import io.headrecon.proto.MeshPart;
import io.headrecon.proto.ProtoJson;
import io.headrecon.proto.SubjectManifest;
import io.headrecon.proto.View;
import io.headrecon.synth.face.IctFaceModel;
import io.headrecon.synth.face.TestFaceModel;
import io.headrecon.synth.render.CameraRig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SubjectGeneratorTest {
  static final int SIZE_PX = 64;
  private static SubjectGenerator generator;
  private static DatasetSpec spec;

  @BeforeAll
  static void setUp() {
    spec =
        DatasetSpec.builder()
            .output("unused")
            .faceModel(TestFaceModel.directory().toString())
            .seed(7)
            .yawsDeg(-90, 0, 90)
            .sizePx(SIZE_PX, SIZE_PX)
            .build();
    generator = new SubjectGenerator(TestFaceModel.get(), spec);
  }

  @Test
  void aSubjectHasTheContractedFilesAndAValidManifest() throws IOException {
    SubjectGenerator.Subject subject = generator.generate(3);
    SubjectManifest manifest = subject.manifest();
    Contracts.checkManifest(manifest, "generated");
    assertThat(manifest.getSubjectId()).isEqualTo("subject-0003");
    assertThat(manifest.getSplit()).isIn("train", "val", "test");
    assertThat(manifest.getViewsList())
        .extracting(View::getViewId)
        .containsExactly("yaw_m090", "yaw_p000", "yaw_p090");
    assertThat(manifest.getGroundTruth().getIdentityWeightsCount()).isEqualTo(100);
    assertThat(manifest.getGroundTruth().getExpressionName()).isNotEmpty();

    Map<String, byte[]> files = new HashMap<>();
    subject.files().forEach(f -> files.put(f.relativePath(), f.bytes()));
    assertThat(files.keySet())
        .contains(
            "yaw_p000.png",
            "gt/yaw_p000_depth.png",
            "gt/yaw_p000_mask.png",
            "gt/mesh.ply",
            "gt/contact_sheet.png",
            "manifest.json");
    assertThat(subject.files().get(subject.files().size() - 1).relativePath())
        .isEqualTo("manifest.json");
    // the manifest file is the manifest
    SubjectManifest parsed =
        ProtoJson.parseManifest(
            new String(files.get("manifest.json"), StandardCharsets.UTF_8), "manifest.json");
    assertThat(parsed).isEqualTo(manifest);

    // the depth PNG is the rendered depth, and the mesh has no overlay vertices
    View front = manifest.getViews(1);
    DepthPng.DepthImage depth =
        DepthPng.read(
            new ByteArrayInputStream(files.get(front.getGroundTruth().getDepthUri())),
            front.getGroundTruth().getDepthScaleMmPerUnit(),
            "depth");
    float[] rendered = subject.views().get(1).depthMm();
    for (int i = 0; i < rendered.length; i++) {
      assertThat(depth.depthMm()[i]).isCloseTo(rendered[i], within(0.026f));
    }
    // the mesh: the head's drawn triangles first, then the garment (and hair), as the manifest
    // says; every triangle in exactly one part
    TriangleMesh mesh = Ply.readMesh(new ByteArrayInputStream(files.get("gt/mesh.ply")), "ply");
    IctFaceModel model = TestFaceModel.get();
    List<MeshPart> parts = manifest.getGroundTruth().getMeshParts().getPartsList();
    assertThat(parts.get(0).getName()).isEqualTo("head");
    assertThat(parts.get(0).getTriangleCount()).isEqualTo(model.solidTriangles().length / 3);
    assertThat(parts).extracting(MeshPart::getName).contains("clothing");
    int next = 0;
    for (MeshPart part : parts) {
      assertThat(part.getFirstTriangle()).isEqualTo(next);
      next += part.getTriangleCount();
    }
    assertThat(next).isEqualTo(mesh.triangleCount());
    assertThat(manifest.getGroundTruth().getLook()).contains("garment");
  }

  @Test
  void manifestCamerasRoundTripLandmarksToTheMesh() {
    SubjectGenerator.Subject subject = generator.generate(1);
    float[] v = subject.verticesMm();
    int[] ids = TestFaceModel.get().landmarkIds();
    for (int i = 0; i < subject.manifest().getViewsCount(); i++) {
      View view = subject.manifest().getViews(i);
      PinholeCamera camera = ProtoGeometry.camera(view.getCamera());
      PinholeCamera original = subject.cameras().get(i).camera();
      assertThat(camera.worldToCamera()).isEqualTo(original.worldToCamera());
      assertThat(ProtoGeometry.toProto(camera)).isEqualTo(view.getCamera());
      List<Landmark> points = view.getGroundTruth().getLandmarks().getPointsList();
      for (int k = 0; k < points.size(); k++) {
        Landmark p = points.get(k);
        double[] world = camera.unprojectToWorld(p.getXPx(), p.getYPx(), p.getDepthMm());
        // float pixel coordinates in the manifest: 1e-5 relative, about 0.05 mm at 1 m
        assertThat(world[0]).isCloseTo(v[3 * ids[k]], within(0.1));
        assertThat(world[1]).isCloseTo(v[3 * ids[k] + 1], within(0.1));
        assertThat(world[2]).isCloseTo(v[3 * ids[k] + 2], within(0.1));
      }
    }
    long frontalVisible =
        subject.manifest().getViews(1).getGroundTruth().getLandmarks().getPointsList().stream()
            .filter(Landmark::getVisible)
            .count();
    assertThat(frontalVisible).isGreaterThanOrEqualTo(60);
  }

  @Test
  void heldOutFramingDrawsDistanceAndLensAndWritesAnOffsetWorldFrame() throws IOException {
    DatasetSpec.Builder base =
        DatasetSpec.builder()
            .look(DatasetSpec.Look.LEGACY) // the multi-view evaluation's held-out set
            .output("unused")
            .faceModel(TestFaceModel.directory().toString())
            .seed(7)
            .yawsDeg(-60, 0, 45)
            .sizePx(SIZE_PX, SIZE_PX)
            .focalLength35mmRange(44, 50)
            .cameraDistanceRangeMm(560, 640);
    SubjectGenerator.Subject atHead =
        new SubjectGenerator(TestFaceModel.get(), base.build()).generate(5);
    SubjectGenerator.Subject offset =
        new SubjectGenerator(TestFaceModel.get(), base.worldOriginMm(0, -1200, 0).build())
            .generate(5);
    Map<String, byte[]> headFiles = new HashMap<>();
    atHead.files().forEach(f -> headFiles.put(f.relativePath(), f.bytes()));
    Map<String, byte[]> offsetFiles = new HashMap<>();
    offset.files().forEach(f -> offsetFiles.put(f.relativePath(), f.bytes()));

    double fx = atHead.cameras().get(0).camera().fxPx();
    assertThat(fx).isBetween(44.0 / 36 * SIZE_PX, 50.0 / 36 * SIZE_PX);
    float[] v = atHead.verticesMm();
    double[] centre = CameraRig.boxCentre(v);
    for (int i = 0; i < 3; i++) {
      PinholeCamera head = atHead.cameras().get(i).camera();
      PinholeCamera moved = offset.cameras().get(i).camera();
      assertThat(head.fxPx()).isEqualTo(fx); // one lens per subject
      double[] eye = head.cameraToWorld().translationMm();
      double distance =
          Math.hypot(Math.hypot(eye[0] - centre[0], eye[1] - centre[1]), eye[2] - centre[2]);
      assertThat(distance).isBetween(559.9, 640.1);
      // the same camera, 1.2 m higher in the offset frame; the same photo
      double[] movedEye = moved.cameraToWorld().translationMm();
      assertThat(movedEye[1] - eye[1]).isCloseTo(1200, within(1e-6));
      String image = offset.manifest().getViews(i).getImageUri();
      assertThat(offsetFiles.get(image)).isEqualTo(headFiles.get(image));
      assertThat(ProtoGeometry.camera(offset.manifest().getViews(i).getCamera()).worldToCamera())
          .isEqualTo(moved.worldToCamera());
    }
    TriangleMesh headMesh =
        Ply.readMesh(new ByteArrayInputStream(headFiles.get("gt/mesh.ply")), "head");
    TriangleMesh offsetMesh =
        Ply.readMesh(new ByteArrayInputStream(offsetFiles.get("gt/mesh.ply")), "offset");
    assertThat(offsetMesh.vertexCount()).isEqualTo(headMesh.vertexCount());
    for (int k = 0; k < headMesh.vertexCount(); k += 997) {
      assertThat(offsetMesh.verticesMm()[3 * k + 1] - headMesh.verticesMm()[3 * k + 1])
          .isCloseTo(1200f, within(1e-3f));
      assertThat(offsetMesh.verticesMm()[3 * k]).isEqualTo(headMesh.verticesMm()[3 * k]);
      // a mesh point lands in front of every offset camera, about 600 mm away
      double[] p = {
        offsetMesh.verticesMm()[3 * k],
        offsetMesh.verticesMm()[3 * k + 1],
        offsetMesh.verticesMm()[3 * k + 2]
      };
      for (CameraRig.View view : offset.cameras()) {
        assertThat(view.camera().worldToCamera().apply(p)[2]).isBetween(400.0, 800.0);
      }
    }
  }

  @Test
  void generationIsDeterministicAndSubjectsDiffer() {
    SubjectGenerator.Subject a = generator.generate(2);
    SubjectGenerator.Subject b = generator.generate(2);
    SubjectGenerator.Subject c = generator.generate(4);
    assertThat(a.files()).hasSameSizeAs(b.files());
    for (int i = 0; i < a.files().size(); i++) {
      assertThat(a.files().get(i).bytes())
          .as(a.files().get(i).relativePath())
          .isEqualTo(b.files().get(i).bytes());
    }
    assertThat(c.manifest().getGroundTruth().getIdentityWeightsList())
        .isNotEqualTo(a.manifest().getGroundTruth().getIdentityWeightsList());
  }

  @Test
  void splitsFollowTheFractions() {
    int test = 0;
    int val = 0;
    for (int i = 0; i < 2000; i++) {
      String split = SubjectGenerator.split(42, DatasetSpec.subjectId(i), 0.1, 0.2);
      test += split.equals("test") ? 1 : 0;
      val += split.equals("val") ? 1 : 0;
      assertThat(SubjectGenerator.split(42, DatasetSpec.subjectId(i), 0.1, 0.2)).isEqualTo(split);
    }
    assertThat(test).isBetween(340, 460);
    assertThat(val).isBetween(150, 250);
  }

  @Test
  void badSettingsAreNamed() {
    assertThatThrownBy(
            () ->
                new SubjectGenerator(
                    TestFaceModel.get(),
                    DatasetSpec.builder()
                        .output("x")
                        .faceModel("y")
                        .expressions(List.of("smile", "yawn"))
                        .build()))
        .hasMessageContaining("yawn");
    assertThatThrownBy(
            () -> DatasetSpec.builder().output("x").faceModel("y").supersample(2).build())
        .hasMessageContaining("supersample");
    assertThatThrownBy(
            () -> DatasetSpec.builder().output("x").faceModel("y").cropJitter(0.6, 6, 5).build())
        .hasMessageContaining("cropScaleJitter");
    assertThatThrownBy(
            () ->
                DatasetSpec.builder()
                    .output("x")
                    .faceModel("y")
                    .cameraEffects(true, 90, 40)
                    .build())
        .hasMessageContaining("JPEG qualities");
  }
}
