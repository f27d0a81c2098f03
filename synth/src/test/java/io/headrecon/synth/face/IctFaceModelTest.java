package io.headrecon.synth.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IctFaceModelTest {

  @Test
  void loadsTheModelInMillimetres() {
    IctFaceModel model = TestFaceModel.get();
    assertThat(model.vertexCount()).isEqualTo(26719);
    assertThat(model.identityNames()).hasSize(100);
    assertThat(model.expressionNames()).hasSize(57).contains("jawOpen", "mouthSmile_L");
    float[] v = model.neutralMm();
    double minY = Double.MAX_VALUE;
    double maxY = -Double.MAX_VALUE;
    for (int i = 1; i < v.length; i += 3) {
      minY = Math.min(minY, v[i]);
      maxY = Math.max(maxY, v[i]);
    }
    // neck to crown is about 34 cm in the model's centimetres
    assertThat(maxY - minY).isBetween(300.0, 380.0);
    // landmark 36 is the subject's right outer eye corner: at -x, the face looks down +z
    int[] lm = model.landmarkIds();
    assertThat(v[3 * lm[36]]).isLessThan(-30f);
    assertThat(v[3 * lm[45]]).isGreaterThan(30f);
    assertThat(v[3 * lm[30] + 2]).isGreaterThan(100f); // nose tip in front
  }

  @Test
  void solidTrianglesLeaveOutTheSeeThroughOverlaysAndCorneas() {
    IctFaceModel model = TestFaceModel.get();
    int[] solid = model.solidTriangles();
    for (String name : IctFaceModel.SEE_THROUGH_PARTS) {
      IctFaceModel.Part part = model.part(name);
      for (int v : solid) {
        assertThat(part.containsVertex(v)).as("vertex %d of %s", v, name).isFalse();
      }
    }
    int corneas = 0;
    for (int p = 0; p < model.polygonCount(); p++) {
      corneas += model.isCorneaPolygon(p) ? 1 : 0;
    }
    assertThat(corneas).isBetween(40, 800); // two caps of the outer eyeball spheres (1600 polygons)
    assertThat(solid.length / 3).isLessThan(model.triangles(IctFaceModel::isSolidPart).length / 3);
  }

  @Test
  void deformAddsIdentityAndExpressionDeltas() {
    IctFaceModel model = TestFaceModel.get();
    float[] neutral = model.deformMm(new double[0], Map.of());
    assertThat(neutral).containsExactly(model.neutralMm());
    float[] open = model.deformMm(new double[0], Map.of("jawOpen", 1.0));
    int chin = model.landmarkIds()[8];
    assertThat(open[3 * chin + 1]).isLessThan(neutral[3 * chin + 1] - 10); // chin drops > 1 cm
    assertThatThrownBy(() -> model.deformMm(new double[0], Map.of("noSuchShape", 1.0)))
        .hasMessageContaining("noSuchShape");
  }

  @Test
  void aMissingFileIsNamed(@TempDir Path dir) throws IOException {
    link(dir, FaceModelFiles.NEUTRAL_MESH);
    link(dir, FaceModelFiles.SHAPES);
    assertThatThrownBy(() -> IctFaceModel.load(FaceModelFiles.directory(dir)))
        .isInstanceOf(FaceModelException.class)
        .hasMessageContaining(dir.resolve("shapes.json").toString())
        .hasMessageContaining("missing")
        .hasMessageContaining("generic_neutral_mesh.obj, shapes.f32");
  }

  @Test
  void aTruncatedShapesFileIsNamed(@TempDir Path dir) throws IOException {
    link(dir, FaceModelFiles.SHAPES_JSON);
    link(dir, FaceModelFiles.NEUTRAL_MESH);
    copyPrefix(dir, FaceModelFiles.SHAPES, 1_000_000);
    assertThatThrownBy(() -> IctFaceModel.load(FaceModelFiles.directory(dir)))
        .isInstanceOf(FaceModelException.class)
        .hasMessageContaining(dir.resolve("shapes.f32").toString())
        .hasMessageContaining("truncated")
        .hasMessageContaining("1000000 bytes");
  }

  @Test
  void aTruncatedMeshIsNamed(@TempDir Path dir) throws IOException {
    link(dir, FaceModelFiles.SHAPES_JSON);
    link(dir, FaceModelFiles.SHAPES);
    copyPrefix(dir, FaceModelFiles.NEUTRAL_MESH, 600_000);
    assertThatThrownBy(() -> IctFaceModel.load(FaceModelFiles.directory(dir)))
        .isInstanceOf(FaceModelException.class)
        .hasMessageContaining(dir.resolve("generic_neutral_mesh.obj").toString());
  }

  private static void link(Path dir, String name) throws IOException {
    Files.createSymbolicLink(dir.resolve(name), TestFaceModel.directory().resolve(name));
  }

  private static void copyPrefix(Path dir, String name, int bytes) throws IOException {
    try (InputStream in = Files.newInputStream(TestFaceModel.directory().resolve(name));
        OutputStream out = Files.newOutputStream(dir.resolve(name))) {
      out.write(in.readNBytes(bytes));
    }
  }
}
