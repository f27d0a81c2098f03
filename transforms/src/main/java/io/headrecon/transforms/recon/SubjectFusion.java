package io.headrecon.transforms.recon;

import io.headrecon.proto.FailureRecord;
import java.io.Serializable;
import java.util.List;

/**
 * Fuses one subject's views with the geometry core: back-projection, landmark-seeded alignment,
 * ICP, voxel merge; then the subject's metrics (against ground truth when the manifest has it).
 * Plain Java, called by {@link FuseSubjects}.
 */
public final class SubjectFusion {
  private SubjectFusion() {}

  /**
   * Fusion settings.
   *
   * @param voxelSizeMm voxel edge of the fused cloud, millimetres
   * @param keepViewOutputs whether results carry per-view clouds and depth maps
   * @param depthSource "model" or "groundtruth", recorded in the metrics
   */
  public record Settings(double voxelSizeMm, boolean keepViewOutputs, String depthSource)
      implements Serializable {
    public static Settings of(double voxelSizeMm, boolean keepViewOutputs, String depthSource) {
      if (!(voxelSizeMm > 0)) {
        throw new IllegalArgumentException("--voxelSizeMm must be positive, got " + voxelSizeMm);
      }
      return new Settings(voxelSizeMm, keepViewOutputs, depthSource);
    }
  }

  /** Fuses {@code views} (sorted by view id) of one subject. */
  public static SubjectResult fuse(
      String subjectId,
      List<ViewDepth> views,
      List<FailureRecord> viewFailures,
      Settings settings) {
    throw new UnsupportedOperationException("fusion lands with the geometry core");
  }
}
