package io.headrecon.transforms.fusion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.headrecon.geometry.PointCloud;
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
        manifest);
  }
}
