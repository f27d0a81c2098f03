package io.headrecon.transforms.fusion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.headrecon.geometry.PointCloud;
import io.headrecon.geometry.TriangleMesh;
import io.headrecon.proto.SubjectManifest;
import io.headrecon.proto.SubjectMetrics;
import io.headrecon.transforms.records.SubjectResult;
import org.junit.jupiter.api.Test;

/** Metrics against ground truth, and which results are measured at all. */
class GroundTruthMetricsTest {
  @Test
  void groundTruthMetricsAreSetOnlyWhenBothCloudsHavePoints() {
    float[] grid = new float[3 * 400];
    for (int i = 0; i < 400; i++) {
      grid[3 * i] = i % 20;
      grid[3 * i + 1] = i / 20;
      grid[3 * i + 2] = 100;
    }
    PointCloud truth = PointCloud.of(grid);
    float[] shifted = grid.clone();
    for (int i = 0; i < 400; i++) {
      shifted[3 * i + 2] += 0.5f;
    }
    SubjectMetrics m =
        GroundTruthMetrics.addTo(SubjectMetrics.newBuilder(), PointCloud.of(shifted), truth)
            .build();
    assertThat(m.getChamferMeanMm()).isEqualTo(0.5, within(1e-4));
    assertThat(m.getFscore1Mm()).isEqualTo(1.0);
    assertThat(m.getCoverage()).isEqualTo(1.0);
    SubjectMetrics none =
        GroundTruthMetrics.addTo(SubjectMetrics.newBuilder(), PointCloud.empty(), truth).build();
    assertThat(none.hasChamferMeanMm()).isFalse();
  }

  @Test
  void aMeshIsMeasuredThroughItsAreaSamples() {
    // a 19 × 19 mm square 0.5 mm above the truth grid, as two triangles
    TriangleMesh square =
        TriangleMesh.of(
            new float[] {0, 0, 100.5f, 19, 0, 100.5f, 19, 19, 100.5f, 0, 19, 100.5f},
            null,
            new int[] {0, 1, 2, 0, 2, 3});
    float[] grid = new float[3 * 400];
    for (int i = 0; i < 400; i++) {
      grid[3 * i] = i % 20;
      grid[3 * i + 1] = i / 20;
      grid[3 * i + 2] = 100;
    }
    PointCloud samples = GroundTruthMetrics.meshSamples(square);
    assertThat(samples.size())
        .isEqualTo((int) Math.ceil(GroundTruthMetrics.GT_SAMPLES_PER_MM2 * 361));
    assertThat(GroundTruthMetrics.meshSamples(square)).isEqualTo(samples);
    SubjectMetrics m =
        GroundTruthMetrics.addTo(SubjectMetrics.newBuilder(), samples, PointCloud.of(grid)).build();
    assertThat(m.getFscore1Mm()).isEqualTo(1.0);
    assertThat(m.getChamferMeanMm()).isBetween(0.5, 0.8);
    assertThat(
            GroundTruthMetrics.meshSamples(TriangleMesh.of(new float[3], null, new int[0])).size())
        .isZero();
  }

  @Test
  void resultsWithoutAWorldFrameOrMeshAreNotMeasured() {
    SubjectManifest withMesh =
        SubjectManifest.newBuilder()
            .setGroundTruth(
                io.headrecon.proto.SubjectGroundTruth.newBuilder().setMeshUri("/gt/mesh.ply"))
            .build();
    PointCloud some = PointCloud.of(new float[] {0, 0, 1});
    assertThat(MeasureAgainstGroundTruth.hasGroundTruth(result(some, true, withMesh))).isTrue();
    assertThat(MeasureAgainstGroundTruth.hasGroundTruth(result(some, false, withMesh))).isFalse();
    assertThat(
            MeasureAgainstGroundTruth.hasGroundTruth(
                result(some, true, SubjectManifest.getDefaultInstance())))
        .isFalse();
    assertThat(MeasureAgainstGroundTruth.hasGroundTruth(result(PointCloud.empty(), true, withMesh)))
        .isFalse();
  }

  private static SubjectResult result(
      PointCloud cloud, boolean worldFrame, SubjectManifest manifest) {
    return new SubjectResult(
        "s",
        cloud,
        worldFrame,
        SubjectMetrics.getDefaultInstance(),
        java.util.Map.of(),
        java.util.Map.of(),
        manifest,
        null);
  }
}
