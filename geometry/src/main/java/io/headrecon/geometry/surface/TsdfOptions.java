package io.headrecon.geometry.surface;

/**
 * Settings of a {@link TsdfVolume}.
 *
 * @param voxelSizeMm edge of one voxel, millimetres (blocks of 8³ voxels are allocated near
 *     observed surfaces)
 * @param truncationMm half-width of the band around each observed surface, millimetres, measured
 *     along the viewing ray: signed distances are clamped to ±truncationMm, voxels further than
 *     this behind an observed surface are left alone, and neighbouring depth pixels further apart
 *     than this are not interpolated between (a depth discontinuity)
 * @param maxWeight cap of a voxel's accumulated weight (each observation adds at most 1); a lower
 *     cap lets later views move the surface more
 * @param minMeshWeight marching cubes drops cubes with a corner whose accumulated weight is below
 *     this (surface seen too little or only at grazing angles)
 * @param viewAngleWeighting whether an observation's weight is multiplied by the cosine between the
 *     viewing ray and the depth map's surface normal (grazing views count less)
 * @param colors whether voxels keep a weighted mean colour (meshes then carry vertex colours)
 */
public record TsdfOptions(
    double voxelSizeMm,
    double truncationMm,
    double maxWeight,
    double minMeshWeight,
    boolean viewAngleWeighting,
    boolean colors) {

  /** Default truncation band, in voxels. */
  public static final double DEFAULT_TRUNCATION_VOXELS = 4;

  public TsdfOptions {
    if (!(voxelSizeMm > 0) || Double.isInfinite(voxelSizeMm)) {
      throw new IllegalArgumentException("voxelSizeMm must be positive: " + voxelSizeMm);
    }
    if (!(truncationMm >= voxelSizeMm) || Double.isInfinite(truncationMm)) {
      throw new IllegalArgumentException(
          "truncationMm must be at least one voxel (" + voxelSizeMm + " mm): " + truncationMm);
    }
    if (!(maxWeight > 0)) {
      throw new IllegalArgumentException("maxWeight must be positive: " + maxWeight);
    }
    if (!(minMeshWeight >= 0)) {
      throw new IllegalArgumentException("minMeshWeight must be >= 0: " + minMeshWeight);
    }
  }

  /** Options with every setting given. */
  public static TsdfOptions of(
      double voxelSizeMm,
      double truncationMm,
      double maxWeight,
      double minMeshWeight,
      boolean viewAngleWeighting,
      boolean colors) {
    return new TsdfOptions(
        voxelSizeMm, truncationMm, maxWeight, minMeshWeight, viewAngleWeighting, colors);
  }

  /**
   * 1 mm voxels, 4 mm truncation, weights capped at 100, meshes where the weight reaches 0.3,
   * view-angle weighting and colours on.
   */
  public static TsdfOptions defaults() {
    return ofVoxelSize(1.0);
  }

  /** {@link #defaults()} with {@code voxelSizeMm} voxels and a truncation band of 4 voxels. */
  public static TsdfOptions ofVoxelSize(double voxelSizeMm) {
    return new TsdfOptions(
        voxelSizeMm, DEFAULT_TRUNCATION_VOXELS * voxelSizeMm, 100, 0.3, true, true);
  }

  /** These options with another truncation band, millimetres. */
  public TsdfOptions withTruncationMm(double newTruncationMm) {
    return of(voxelSizeMm, newTruncationMm, maxWeight, minMeshWeight, viewAngleWeighting, colors);
  }

  /** These options with another minimum weight for mesh extraction. */
  public TsdfOptions withMinMeshWeight(double newMinMeshWeight) {
    return of(voxelSizeMm, truncationMm, maxWeight, newMinMeshWeight, viewAngleWeighting, colors);
  }

  /** These options with view-angle weighting on or off. */
  public TsdfOptions withViewAngleWeighting(boolean on) {
    return of(voxelSizeMm, truncationMm, maxWeight, minMeshWeight, on, colors);
  }

  /** These options with colours on or off. */
  public TsdfOptions withColors(boolean on) {
    return of(voxelSizeMm, truncationMm, maxWeight, minMeshWeight, viewAngleWeighting, on);
  }
}
