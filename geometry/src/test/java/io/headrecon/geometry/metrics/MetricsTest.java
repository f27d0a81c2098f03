package io.headrecon.geometry.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.headrecon.geometry.PointCloud;
import io.headrecon.geometry.RigidTransform;
import io.headrecon.geometry.TriangleMesh;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class MetricsTest {

  private static PointCloud plane(int grid, float z) {
    float[] p = new float[3 * grid * grid];
    float[] n = new float[3 * grid * grid];
    for (int i = 0; i < grid * grid; i++) {
      p[3 * i] = (i % grid) * 0.5f;
      p[3 * i + 1] = (i / grid) * 0.5f;
      p[3 * i + 2] = z;
      n[3 * i + 2] = 1;
    }
    return PointCloud.of(p, null, n);
  }

  @Test
  void identicalCloudsScorePerfectly() {
    PointCloud a = plane(50, 0);
    ReconstructionMetrics m = ReconstructionMetrics.compute(a, a);
    assertThat(m.chamferMeanMm()).isZero();
    assertThat(m.fScore1mm()).isEqualTo(1);
    assertThat(m.normalConsistency()).isEqualTo(1);
  }

  @Test
  void anOffsetSurfaceGivesThatDistance() {
    ReconstructionMetrics m = ReconstructionMetrics.compute(plane(50, 3), plane(50, 0));
    assertThat(m.accuracyMeanMm()).isCloseTo(3, Offset.offset(1e-6));
    assertThat(m.completenessMedianMm()).isCloseTo(3, Offset.offset(1e-6));
    assertThat(m.accuracyP95Mm()).isCloseTo(3, Offset.offset(1e-6));
    assertThat(m.chamferMeanMm()).isCloseTo(3, Offset.offset(1e-6));
    assertThat(m.fScore2mm()).isZero();
    assertThat(m.fScore5mm()).isEqualTo(1);
    assertThat(m.completeness5mm()).isEqualTo(1);
  }

  @Test
  void partialReconstructionLowersRecallOnly() {
    PointCloud full = plane(40, 0);
    int[] half = java.util.stream.IntStream.range(0, 800).toArray(); // first 20 rows
    ReconstructionMetrics m = ReconstructionMetrics.compute(full.select(half), full);
    assertThat(m.accuracyMeanMm()).isZero();
    assertThat(m.completenessMeanMm()).isGreaterThan(1);
    // precision 1; recall at 1 mm: rows 0..21 of 40 (0.5 mm apart) = 0.55; F = 2 * 0.55 / 1.55
    assertThat(m.fScore1mm()).isCloseTo(2 * 0.55 / 1.55, Offset.offset(1e-9));
  }

  @Test
  void measuringFromAnEvenSubsetEstimatesTheFullComparison() {
    Random random = new Random(3);
    float[] p = new float[3 * 40_000];
    for (int i = 0; i < 40_000; i++) {
      p[3 * i] = (float) (random.nextDouble() * 100);
      p[3 * i + 1] = (float) (random.nextDouble() * 100);
      p[3 * i + 2] = (float) (random.nextGaussian() * 0.5);
    }
    PointCloud noisy = PointCloud.of(p);
    PointCloud reference = plane(200, 0);
    ReconstructionMetrics full = ReconstructionMetrics.compute(noisy, reference);
    ReconstructionMetrics.Indexed ref = ReconstructionMetrics.Indexed.of(reference);
    ReconstructionMetrics.Indexed rec = ReconstructionMetrics.Indexed.of(noisy);
    // every point when the limit is not reached: the same figures
    ReconstructionMetrics all = ReconstructionMetrics.compute(rec, ref, 1_000_000);
    assertThat(all.chamferMeanMm()).isCloseTo(full.chamferMeanMm(), Offset.offset(1e-12));
    assertThat(all.accuracyP95Mm()).isEqualTo(full.accuracyP95Mm());
    // a tenth of the points in each direction: close, not equal
    ReconstructionMetrics some = ReconstructionMetrics.compute(rec, ref, 4_000);
    assertThat(some.chamferMeanMm()).isNotEqualTo(full.chamferMeanMm());
    assertThat(some.chamferMeanMm()).isCloseTo(full.chamferMeanMm(), Offset.offset(0.01));
    assertThat(some.accuracyMedianMm()).isCloseTo(full.accuracyMedianMm(), Offset.offset(0.02));
    assertThat(some.fScore1mm()).isCloseTo(full.fScore1mm(), Offset.offset(0.02));
    // the index is reused as it is
    assertThat(ReconstructionMetrics.compute(rec, ref, 4_000)).isEqualTo(some);
  }

  @Test
  void samplesFallOnTrianglesInProportionToTheirArea() {
    // a 10 x 10 mm triangle pair and a 1 x 1 mm pair far away: 100 : 1 in area
    TriangleMesh mesh =
        TriangleMesh.of(
            new float[] {
              0, 0, 0, 10, 0, 0, 10, 10, 0, 0, 10, 0, 50, 0, 0, 51, 0, 0, 51, 1, 0, 50, 1, 0
            },
            null,
            new int[] {0, 1, 2, 0, 2, 3, 4, 5, 6, 4, 6, 7});
    PointCloud s = MeshSampling.sample(mesh, 101_000, new Random(9));
    int small = 0;
    for (int i = 0; i < s.size(); i++) {
      small += s.x(i) >= 50 ? 1 : 0;
      assertThat(s.x(i) <= 10 || (s.x(i) >= 50 && s.x(i) <= 51)).isTrue();
    }
    assertThat(small).isBetween(850, 1150); // 1,000 expected, sd about 32
    assertThat(MeshSampling.sample(mesh, 100, new Random(9)))
        .isEqualTo(MeshSampling.sample(mesh, 100, new Random(9)));
  }

  @Test
  void meshSamplesLieOnTheSurfaceWithFaceNormals() {
    TriangleMesh square =
        TriangleMesh.of(
            new float[] {0, 0, 5, 10, 0, 5, 10, 10, 5, 0, 10, 5},
            null,
            new int[] {0, 1, 2, 0, 2, 3});
    assertThat(MeshSampling.areaMm2(square)).isCloseTo(100, Offset.offset(1e-9));
    PointCloud s = MeshSampling.sample(square, 2000, new Random(1));
    double meanX = 0;
    for (int i = 0; i < s.size(); i++) {
      assertThat(s.z(i)).isEqualTo(5f);
      assertThat(s.normals()[3 * i + 2]).isEqualTo(1f);
      meanX += s.x(i) / s.size();
    }
    assertThat(meanX).isCloseTo(5, Offset.offset(0.3)); // uniform over the square
  }

  @Test
  void poseErrorReportsDegreesAndMillimetres() {
    PoseError e =
        PoseError.of(
            RigidTransform.fromAxisAngle(0, 0, 1, 3, new double[] {0, 4, 0}),
            RigidTransform.fromAxisAngle(0, 0, 1, 1, new double[] {3, 0, 0}));
    assertThat(e.rotationDeg()).isCloseTo(2, Offset.offset(1e-9));
    assertThat(e.translationMm()).isCloseTo(5, Offset.offset(1e-9));
  }
}
