package io.headrecon.geometry.surface;

import static org.assertj.core.api.Assertions.assertThat;

import io.headrecon.geometry.TriangleMesh;
import java.util.BitSet;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MarchingCubesTest {

  @Test
  void everyCaseCutsExactlyTheEdgesWithASignChange() {
    for (int config = 0; config < 256; config++) {
      BitSet expected = new BitSet();
      for (int e = 0; e < 12; e++) {
        boolean in0 = (config >> MarchingCubesTable.EDGE_CORNERS[e][0] & 1) != 0;
        boolean in1 = (config >> MarchingCubesTable.EDGE_CORNERS[e][1] & 1) != 0;
        if (in0 != in1) {
          expected.set(e);
        }
      }
      BitSet used = new BitSet();
      for (int e : MarchingCubesTable.TRIANGLES[config]) {
        used.set(e);
      }
      assertThat(used).as("case %d", config).isEqualTo(expected);
    }
  }

  @Test
  void randomFieldsGiveClosedConsistentlyWoundSurfacesAcrossBlocks() {
    Random random = new Random(11);
    for (int trial = 0; trial < 5; trial++) {
      TsdfVolume volume = TsdfVolume.create(TsdfOptions.defaults().withColors(false));
      // a 20³ grid from -7 to 12 (crossing block borders at 0 and 8), positive on its boundary
      for (int z = -7; z <= 12; z++) {
        for (int y = -7; y <= 12; y++) {
          for (int x = -7; x <= 12; x++) {
            boolean border = x == -7 || y == -7 || z == -7 || x == 12 || y == 12 || z == 12;
            float sdf = border ? 1 : (float) (random.nextDouble() * 2 - 1);
            volume.setVoxel(x, y, z, sdf, 1);
          }
        }
      }
      TriangleMesh mesh = volume.extractMesh();
      assertThat(mesh.triangleCount()).isGreaterThan(1000);
      assertThat(MeshChecks.brokenEdges(mesh)).as("trial %d", trial).isZero();
    }
  }

  @Test
  void exactSphereDistancesGiveVerticesOnTheSphereWithOutwardNormals() {
    double[] c = {3.3, -2.1, 1.7};
    double radius = 20;
    TsdfVolume volume = sphereField(c, radius, 1, 1);
    TriangleMesh mesh = volume.extractMesh();
    float[] v = mesh.verticesMm();
    float[] n = mesh.normals();
    double maxError = 0;
    double minCos = 1;
    for (int i = 0; i < mesh.vertexCount(); i++) {
      double dx = v[3 * i] - c[0], dy = v[3 * i + 1] - c[1], dz = v[3 * i + 2] - c[2];
      double r = Math.sqrt(dx * dx + dy * dy + dz * dz);
      maxError = Math.max(maxError, Math.abs(r - radius));
      minCos = Math.min(minCos, (n[3 * i] * dx + n[3 * i + 1] * dy + n[3 * i + 2] * dz) / r);
    }
    assertThat(maxError).isLessThan(0.03);
    assertThat(minCos).isGreaterThan(0.95);
    assertThat(MeshChecks.brokenEdges(mesh)).isZero();
    assertThat(MeshChecks.eulerCharacteristic(mesh)).isEqualTo(2);
    // each face's winding agrees with its outward direction
    int[] t = mesh.triangles();
    for (int f = 0; f < t.length; f += 3) {
      int a = 3 * t[f], b = 3 * t[f + 1], d = 3 * t[f + 2];
      double ux = v[b] - v[a], uy = v[b + 1] - v[a + 1], uz = v[b + 2] - v[a + 2];
      double wx = v[d] - v[a], wy = v[d + 1] - v[a + 1], wz = v[d + 2] - v[a + 2];
      double nx = uy * wz - uz * wy, ny = uz * wx - ux * wz, nz = ux * wy - uy * wx;
      double ox = v[a] - c[0], oy = v[a + 1] - c[1], oz = v[a + 2] - c[2];
      assertThat(nx * ox + ny * oy + nz * oz).isGreaterThanOrEqualTo(0);
    }
  }

  @Test
  void cubesWithALightCornerAreDropped() {
    double[] c = {0.4, 0.3, 0.2};
    // voxels with x < 0 get weight 0.1, the others 1
    TsdfVolume volume = sphereField(c, 15, 0.1f, 1);
    TriangleMesh full = MarchingCubes.extract(volume, 0.05);
    TriangleMesh half = MarchingCubes.extract(volume, 0.3);
    assertThat(MeshChecks.brokenEdges(full)).isZero();
    assertThat(half.triangleCount())
        .isBetween(full.triangleCount() / 3, 2 * full.triangleCount() / 3);
    float[] v = half.verticesMm();
    for (int i = 0; i < half.vertexCount(); i++) {
      assertThat(v[3 * i]).isGreaterThanOrEqualTo(0f);
    }
  }

  /** Exact signed distances of a sphere within 4 voxels of it; weight by the side of x = 0. */
  private static TsdfVolume sphereField(
      double[] c, double radius, float weightNegativeX, float weightPositiveX) {
    TsdfVolume volume = TsdfVolume.create(TsdfOptions.defaults().withColors(false));
    int lo = (int) Math.floor(-radius - 6), hi = (int) Math.ceil(radius + 6);
    for (int z = lo; z <= hi; z++) {
      for (int y = lo; y <= hi; y++) {
        for (int x = lo; x <= hi; x++) {
          double px = x + Math.floor(c[0]), py = y + Math.floor(c[1]), pz = z + Math.floor(c[2]);
          double d =
              Math.sqrt(
                      (px - c[0]) * (px - c[0])
                          + (py - c[1]) * (py - c[1])
                          + (pz - c[2]) * (pz - c[2]))
                  - radius;
          if (Math.abs(d) <= 4) {
            volume.setVoxel(
                (int) px,
                (int) py,
                (int) pz,
                (float) d,
                px < 0 ? weightNegativeX : weightPositiveX);
          }
        }
      }
    }
    return volume;
  }
}
