package io.headrecon.geometry.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headrecon.geometry.PointCloud;
import io.headrecon.geometry.TriangleMesh;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PlyTest {

  static PointCloud randomCloud(int n, boolean colors, boolean normals, long seed) {
    Random random = new Random(seed);
    float[] p = new float[3 * n];
    for (int i = 0; i < p.length; i++) {
      p[i] = (float) (random.nextGaussian() * 100);
    }
    byte[] c = null;
    if (colors) {
      c = new byte[3 * n];
      random.nextBytes(c);
    }
    float[] nn = null;
    if (normals) {
      nn = new float[3 * n];
      for (int i = 0; i < nn.length; i++) {
        nn[i] = random.nextFloat() * 2 - 1;
      }
    }
    return PointCloud.of(p, c, nn);
  }

  @Test
  void cloudRoundTripIsBitExact() throws IOException {
    for (boolean colors : new boolean[] {false, true}) {
      for (boolean normals : new boolean[] {false, true}) {
        PointCloud cloud = randomCloud(10_001, colors, normals, 42);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Ply.writeCloud(cloud, out);
        PointCloud back = Ply.readCloud(new ByteArrayInputStream(out.toByteArray()), "mem");
        assertThat(back).isEqualTo(cloud);
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        Ply.writeCloud(back, again);
        assertThat(again.toByteArray()).isEqualTo(out.toByteArray());
      }
    }
  }

  @Test
  void aCloudsFrameIsNamedInItsHeaderAndTheDataIsUnchanged() throws IOException {
    PointCloud cloud = randomCloud(50, true, true, 7);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Ply.writeCloud(cloud, "world, millimetres", out);
    assertThat(Ply.frameOf(out.toByteArray())).isEqualTo("world, millimetres");
    assertThat(Ply.readCloud(new ByteArrayInputStream(out.toByteArray()), "mem")).isEqualTo(cloud);
    ByteArrayOutputStream plain = new ByteArrayOutputStream();
    Ply.writeCloud(cloud, plain);
    assertThat(Ply.frameOf(plain.toByteArray())).isNull();
    assertThatThrownBy(() -> Ply.writeCloud(cloud, "two\nlines", new ByteArrayOutputStream()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void meshRoundTripIsBitExact() throws IOException {
    PointCloud v = randomCloud(100, true, false, 3);
    int[] tris = new int[3 * 150];
    Random random = new Random(5);
    for (int i = 0; i < tris.length; i++) {
      tris[i] = random.nextInt(100);
    }
    TriangleMesh mesh = TriangleMesh.of(v.positionsMm(), v.colorsRgb(), tris);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Ply.writeMesh(mesh, out);
    TriangleMesh back = Ply.readMesh(new ByteArrayInputStream(out.toByteArray()), "mem");
    assertThat(back).isEqualTo(mesh);
    String header = new String(out.toByteArray(), 0, 300, StandardCharsets.US_ASCII);
    assertThat(header)
        .contains("format binary_little_endian 1.0")
        .contains("element face 150")
        .contains("property list uchar int vertex_indices");
  }

  @Test
  void meshWithNormalsRoundTripIsBitExact() throws IOException {
    PointCloud v = randomCloud(200, true, true, 8);
    int[] tris = new int[3 * 300];
    Random random = new Random(9);
    for (int i = 0; i < tris.length; i++) {
      tris[i] = random.nextInt(200);
    }
    TriangleMesh mesh = TriangleMesh.of(v.positionsMm(), v.colorsRgb(), v.normals(), tris);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Ply.writeMesh(mesh, out);
    TriangleMesh back = Ply.readMesh(new ByteArrayInputStream(out.toByteArray()), "mem");
    assertThat(back).isEqualTo(mesh);
    assertThat(back.normals()).containsExactly(v.normals());
    assertThat(back.vertexCloud()).isEqualTo(v);
    String header = new String(out.toByteArray(), 0, 400, StandardCharsets.US_ASCII);
    assertThat(header)
        .contains("property float nx\nproperty float ny\nproperty float nz\n")
        .contains("element face 300");
    // the same mesh without normals is a different mesh
    assertThat(TriangleMesh.of(v.positionsMm(), v.colorsRgb(), tris)).isNotEqualTo(mesh);
  }

  @Test
  void readsAsciiWithQuadsAndExtraProperties() throws IOException {
    String ascii =
        "ply\nformat ascii 1.0\ncomment x\nelement vertex 4\nproperty double x\n"
            + "property double y\nproperty double z\nproperty float intensity\n"
            + "property uchar red\nproperty uchar green\nproperty uchar blue\n"
            + "element face 1\nproperty list uchar int vertex_indices\nend_header\n"
            + "0 0 0 0.5 255 0 0\n1 0 0 0.5 0 255 0\n1 1 0 0.5 0 0 255\n0 1 0 0.5 10 20 30\n"
            + "4 0 1 2 3\n";
    TriangleMesh mesh =
        Ply.readMesh(new ByteArrayInputStream(ascii.getBytes(StandardCharsets.US_ASCII)), "a.ply");
    assertThat(mesh.vertexCount()).isEqualTo(4);
    assertThat(mesh.triangles()).containsExactly(0, 1, 2, 0, 2, 3);
    assertThat(Arrays.copyOfRange(mesh.verticesMm(), 6, 9)).containsExactly(1f, 1f, 0f);
    assertThat(mesh.colorsRgb()[9] & 0xff).isEqualTo(10);
  }

  @Test
  void truncatedFileNamesTheSource() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Ply.writeCloud(randomCloud(100, true, true, 1), out);
    byte[] cut = Arrays.copyOf(out.toByteArray(), out.size() - 10);
    assertThatThrownBy(() -> Ply.readCloud(new ByteArrayInputStream(cut), "s3://b/x.ply"))
        .hasMessageContaining("s3://b/x.ply")
        .hasMessageContaining("truncated");
    assertThatThrownBy(() -> Ply.readCloud(new ByteArrayInputStream("hello".getBytes()), "y.ply"))
        .hasMessageContaining("y.ply");
  }
}
