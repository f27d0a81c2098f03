package io.headrecon.geometry.surface;

import static org.assertj.core.api.Assertions.assertThat;

import io.headrecon.geometry.PinholeCamera;
import io.headrecon.geometry.PointCloud;
import io.headrecon.geometry.TriangleMesh;
import io.headrecon.geometry.depth.BackProjection;
import io.headrecon.geometry.depth.BackProjectionOptions;
import io.headrecon.geometry.depth.DepthMap;
import io.headrecon.geometry.io.Ply;
import io.headrecon.geometry.metrics.ReconstructionMetrics;
import io.headrecon.geometry.processing.VoxelGridMerge;
import io.headrecon.geometry.synthetic.SyntheticHead;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The TSDF on a head-sized scene: {@link SyntheticHead} seen by 19 cameras of 180 × 180 pixels (a
 * ring of 10 at eye level, 5 above, 4 below) from 600 mm, fused at 1 mm voxels.
 */
class TsdfHeadTest {
  private static final List<PinholeCamera> CAMERAS = HeadScene.cameras();
  private static final List<DepthMap> EXACT = HeadScene.exactDepths();
  private static final List<DepthMap> NOISY = HeadScene.noisyDepths();

  private static TsdfVolume fuse(List<DepthMap> depths) {
    return HeadScene.fuse(depths, TsdfOptions.defaults());
  }

  @Test
  void exactDepthGivesAClosedHeadOnTheTrueSurface() throws IOException {
    TsdfVolume volume = fuse(EXACT);
    TriangleMesh mesh = volume.extractMesh();
    float[] v = mesh.verticesMm();
    float[] n = mesh.normals();
    double[] distance = new double[mesh.vertexCount()];
    int outward = 0;
    for (int i = 0; i < mesh.vertexCount(); i++) {
      distance[i] = SyntheticHead.distanceMm(v[3 * i], v[3 * i + 1], v[3 * i + 2]);
      double[] truth = SyntheticHead.normal(v[3 * i], v[3 * i + 1], v[3 * i + 2]);
      if (truth[0] * n[3 * i] + truth[1] * n[3 * i + 1] + truth[2] * n[3 * i + 2] > 0.5) {
        outward++;
      }
    }
    double mean = Arrays.stream(distance).average().orElseThrow();
    Arrays.sort(distance);
    System.out.printf(
        "head, 19 views 180x180, exact depth: %d vertices, %d triangles, %d blocks (%.1f MB),"
            + " vertex distance mean %.4f p95 %.4f max %.4f mm, normals within 60° %.4f,"
            + " broken edges %d%n",
        mesh.vertexCount(),
        mesh.triangleCount(),
        volume.blockCount(),
        volume.memoryBytes() / 1e6,
        mean,
        ReconstructionMetrics.quantile(distance, 0.95),
        distance[distance.length - 1],
        outward / (double) mesh.vertexCount(),
        MeshChecks.brokenEdges(mesh));
    assertThat(mean).isLessThan(0.05);
    assertThat(mesh.colorsRgb()).isNull();
    assertThat(outward).isGreaterThan(mesh.vertexCount() * 99 / 100);
    assertThat(MeshChecks.brokenEdges(mesh)).isZero();
    Path ply = Path.of("target", "tsdf-head.ply");
    Files.createDirectories(ply.getParent());
    try (OutputStream out = Files.newOutputStream(ply)) {
      Ply.writeMesh(mesh, out);
    }
    double[] centre = {0, 0, 0};
    MeshRenders.writePng(
        mesh,
        centre,
        new double[] {0, 0, 1},
        new double[] {0, 1, 0},
        0.5,
        480,
        Path.of("target", "tsdf-head-front.png"));
    MeshRenders.writePng(
        mesh,
        centre,
        new double[] {1, 0.2, 0.3},
        new double[] {0, 1, 0},
        0.5,
        480,
        Path.of("target", "tsdf-head-side.png"));
  }

  /**
   * Noisy depth (σ 0.5 mm): the mesh, sampled by area, is compared with the ground truth like the
   * cloud of the same depth maps (back-projected, merged in 1 mm voxels); the target is that the
   * mesh adds at most 0.2 mm to the cloud's Chamfer distance.
   */
  @Test
  void meshMetricsMatchTheCloudsOnNoisyDepth() {
    TriangleMesh mesh = fuse(NOISY).extractMesh();
    List<PointCloud> parts = new ArrayList<>();
    for (int c = 0; c < CAMERAS.size(); c++) {
      parts.add(
          BackProjection.toWorldFrame(
              NOISY.get(c), null, null, CAMERAS.get(c), BackProjectionOptions.defaults()));
    }
    PointCloud cloud = VoxelGridMerge.merge(PointCloud.concat(parts), 1.0);
    PointCloud truth = SyntheticHead.sample(200_000, new Random(7));
    ReconstructionMetrics cloudMetrics = ReconstructionMetrics.compute(cloud, truth);
    ReconstructionMetrics meshMetrics =
        ReconstructionMetrics.computeForMesh(mesh, truth, 4, new Random(8));
    System.out.printf(
        "head, noise 0.5 mm: cloud (%d points) Chamfer %.4f mm, F1mm %.4f, p95 %.4f/%.4f,"
            + " normals %.4f; mesh Chamfer %.4f mm, F1mm %.4f, p95 %.4f/%.4f, normals %.4f%n",
        cloud.size(),
        cloudMetrics.chamferMeanMm(),
        cloudMetrics.fScore1mm(),
        cloudMetrics.accuracyP95Mm(),
        cloudMetrics.completenessP95Mm(),
        cloudMetrics.normalConsistency(),
        meshMetrics.chamferMeanMm(),
        meshMetrics.fScore1mm(),
        meshMetrics.accuracyP95Mm(),
        meshMetrics.completenessP95Mm(),
        meshMetrics.normalConsistency());
    assertThat(meshMetrics.chamferMeanMm()).isLessThan(cloudMetrics.chamferMeanMm() + 0.2);
    assertThat(meshMetrics.fScore1mm()).isGreaterThan(0.9);
  }
}
