package io.headrecon.transforms.fusion;

import io.headrecon.geometry.PinholeCamera;
import io.headrecon.geometry.PointCloud;
import io.headrecon.geometry.TriangleMesh;
import io.headrecon.geometry.depth.DepthMap;
import io.headrecon.geometry.metrics.MeshSampling;
import io.headrecon.geometry.metrics.ReconstructionMetrics;
import io.headrecon.geometry.metrics.SeenSurface;
import io.headrecon.proto.MeshMetrics;
import io.headrecon.proto.SubjectMetrics;
import java.util.List;
import java.util.Random;

/**
 * Compares a fused cloud with the part of the ground-truth mesh that the cameras see ({@link
 * SeenSurface}): area-uniform mesh samples ({@value #GT_SAMPLES_PER_MM2} per mm²), kept where they
 * lie within {@value #SEEN_SURFACE_MM} mm of a ground-truth depth pixel back-projected with its
 * true camera (the back of the head, never photographed, is left out of completeness). Plain Java:
 * {@link MeasureAgainstGroundTruth} reads the files.
 */
public final class GroundTruthMetrics {
  private GroundTruthMetrics() {}

  /**
   * Density of the ground-truth mesh samples, per mm² (adds about 0.16 mm to accuracy distances;
   * see {@link SeenSurface}).
   */
  static final double GT_SAMPLES_PER_MM2 = 10;

  /** How close a mesh sample must be to some view's ground-truth depth to count as seen, mm. */
  static final double SEEN_SURFACE_MM = 1.5;

  /**
   * Most points each direction of a comparison is measured from ({@link
   * ReconstructionMetrics#compute(ReconstructionMetrics.Indexed, ReconstructionMetrics.Indexed,
   * int)}): the ground-truth and mesh samples are area-uniform and in random order, the fused cloud
   * in voxel order, so even steps through them are unbiased; the targets stay complete. A head's
   * seen surface has about a million samples, its mesh 1.6 million: measuring all of them was most
   * of the comparison's time (tens of seconds per subject), and on the testdata subjects 200,000
   * moved every metric by under 0.001 (mm or fraction).
   */
  static final int MAX_QUERY_POINTS = 200_000;

  /** Seed of the mesh sampling, so that metrics repeat exactly. */
  static final long SAMPLING_SEED = 20261124L;

  /**
   * The seen part of {@code mesh} (world frame, mm) as a point cloud; empty when no view has
   * ground-truth depth.
   *
   * @param cameras the views' true cameras (world-to-camera poses)
   * @param depths the views' ground-truth depth, millimetres, in the same order
   */
  public static PointCloud seenSurface(
      TriangleMesh mesh, List<PinholeCamera> cameras, List<DepthMap> depths) {
    return seenSurface(mesh, cameras, depths, GT_SAMPLES_PER_MM2);
  }

  /**
   * As {@link #seenSurface(TriangleMesh, List, List)} at another sampling density, samples per mm²
   * (a lower one is faster and adds about 0.5/√density mm to accuracy distances).
   */
  public static PointCloud seenSurface(
      TriangleMesh mesh, List<PinholeCamera> cameras, List<DepthMap> depths, double samplesPerMm2) {
    if (cameras.isEmpty()) {
      return PointCloud.empty();
    }
    return SeenSurface.sample(
        mesh, cameras, depths, samplesPerMm2, new Random(SAMPLING_SEED), SEEN_SURFACE_MM);
  }

  /**
   * Area-uniform samples of a reconstructed mesh (world frame, mm) at the density of the
   * ground-truth samples, with face normals: the mesh's stand-in for the fused cloud in {@link
   * #addTo}, so that a mesh gets the cloud's metrics.
   */
  public static PointCloud meshSamples(TriangleMesh reconstructed) {
    if (reconstructed.triangleCount() == 0) {
      return PointCloud.empty();
    }
    return MeshSampling.sampleAtDensity(
        reconstructed, GT_SAMPLES_PER_MM2, new Random(SAMPLING_SEED + 1));
  }

  /**
   * Sets the mesh's Chamfer, p95, F-scores at 1/2/5 mm and normal consistency against {@code seen}
   * (both world frame, mm), from area-uniform samples of the mesh ({@link #meshSamples}); leaves
   * {@code metrics} as it is when either is empty.
   */
  public static MeshMetrics.Builder addMeshTo(
      MeshMetrics.Builder metrics, TriangleMesh mesh, PointCloud seen) {
    return addMeshTo(metrics, mesh, ReconstructionMetrics.Indexed.of(seen));
  }

  /**
   * As {@link #addMeshTo(MeshMetrics.Builder, TriangleMesh, PointCloud)} with {@code seen} indexed.
   */
  public static MeshMetrics.Builder addMeshTo(
      MeshMetrics.Builder metrics, TriangleMesh mesh, ReconstructionMetrics.Indexed seen) {
    PointCloud samples = meshSamples(mesh);
    if (samples.size() == 0 || seen.cloud().size() == 0) {
      return metrics;
    }
    ReconstructionMetrics m =
        ReconstructionMetrics.compute(
            ReconstructionMetrics.Indexed.of(samples), seen, MAX_QUERY_POINTS);
    metrics
        .setChamferMeanMm(m.chamferMeanMm())
        .setP95DistanceMm(Math.max(m.accuracyP95Mm(), m.completenessP95Mm()))
        .setFscore1Mm(m.fScore1mm())
        .setFscore2Mm(m.fScore2mm())
        .setFscore5Mm(m.fScore5mm());
    if (!Double.isNaN(m.normalConsistency())) {
      metrics.setNormalConsistency(m.normalConsistency());
    }
    return metrics;
  }

  /**
   * Sets Chamfer, p95, F-scores at 1/2/5 mm, coverage and normal consistency of {@code fused}
   * against {@code seen} (both world frame, mm); leaves {@code metrics} as it is when either is
   * empty.
   */
  public static SubjectMetrics.Builder addTo(
      SubjectMetrics.Builder metrics, PointCloud fused, PointCloud seen) {
    return addTo(metrics, fused, ReconstructionMetrics.Indexed.of(seen));
  }

  /**
   * As {@link #addTo(SubjectMetrics.Builder, PointCloud, PointCloud)} with {@code seen} indexed.
   */
  public static SubjectMetrics.Builder addTo(
      SubjectMetrics.Builder metrics, PointCloud fused, ReconstructionMetrics.Indexed seen) {
    if (fused.size() == 0 || seen.cloud().size() == 0) {
      return metrics;
    }
    ReconstructionMetrics m =
        ReconstructionMetrics.compute(
            ReconstructionMetrics.Indexed.of(fused), seen, MAX_QUERY_POINTS);
    metrics
        .setChamferMeanMm(m.chamferMeanMm())
        .setChamferMedianMm((m.accuracyMedianMm() + m.completenessMedianMm()) / 2)
        .setP95DistanceMm(Math.max(m.accuracyP95Mm(), m.completenessP95Mm()))
        .setFscore1Mm(m.fScore1mm())
        .setFscore2Mm(m.fScore2mm())
        .setFscore5Mm(m.fScore5mm())
        .setCoverage(m.completeness5mm());
    if (!Double.isNaN(m.normalConsistency())) {
      metrics.setNormalConsistency(m.normalConsistency());
    }
    return metrics;
  }
}
