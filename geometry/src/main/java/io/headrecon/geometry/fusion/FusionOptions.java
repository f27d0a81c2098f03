package io.headrecon.geometry.fusion;

import io.headrecon.geometry.RigidTransform;
import io.headrecon.geometry.registration.RansacLandmarkAligner;
import io.headrecon.geometry.registration.icp.ConvergenceCriteria;
import io.headrecon.geometry.registration.icp.IcpOptions;

/**
 * Settings of {@link MultiViewFusion}.
 *
 * @param landmarkAligner robust landmark alignment between pairs of views
 * @param minSharedLandmarks fewest landmarks two views must both see (and agree on) for a direct
 *     landmark link between them
 * @param registrationVoxelMm views are thinned to one point per voxel of this edge (mm): the
 *     registration clouds ICP aligns to
 * @param registrationSamples most points of a view that ICP moves (its source): a well-spread
 *     subset of its registration cloud ({@link
 *     io.headrecon.geometry.processing.PointSampling#spread})
 * @param overlapViews how many other views, nearest in rotation, a view is aligned to in the
 *     growing model and the global passes (the views it overlaps; the others add no pairs)
 * @param neighbourIcp ICP of a view against its neighbour in the pose tree (coarse)
 * @param modelIcp ICP of a view against the growing model and in the global passes (fine)
 * @param globalPasses rounds in which every view is re-aligned to all other views
 * @param mergeVoxelMm voxel edge (mm) of the final merge (colours and normals averaged)
 * @param outlierNeighbours k of the statistical outlier removal (0 disables it; see {@link
 *     #defaults()})
 * @param outlierStdRatio standard deviations allowed by the statistical outlier removal
 * @param givenPoseBound how far ICP may move a view whose initial pose was given (a calibrated
 *     rig): a refinement beyond it is rejected and the given pose kept
 * @param minMergeFitnessRatio a placed view whose ICP fitness against the other views at the final
 *     poses is below this fraction of the median view's is left out of the merged cloud (its depth
 *     disagrees with the others: a bad head crop, a failed depth estimate); 0 keeps every placed
 *     view. Applied only with 3 or more scored views.
 */
public record FusionOptions(
    RansacLandmarkAligner landmarkAligner,
    int minSharedLandmarks,
    double registrationVoxelMm,
    int registrationSamples,
    int overlapViews,
    IcpOptions neighbourIcp,
    IcpOptions modelIcp,
    int globalPasses,
    double mergeVoxelMm,
    int outlierNeighbours,
    double outlierStdRatio,
    PoseBound givenPoseBound,
    double minMergeFitnessRatio) {

  public FusionOptions {
    if (minSharedLandmarks < 3 || !(registrationVoxelMm > 0) || !(mergeVoxelMm > 0)) {
      throw new IllegalArgumentException(
          "need minSharedLandmarks >= 3 and positive voxel sizes; got "
              + minSharedLandmarks
              + ", "
              + registrationVoxelMm
              + ", "
              + mergeVoxelMm);
    }
    if (registrationSamples < 6 || overlapViews < 1) {
      throw new IllegalArgumentException(
          "need registrationSamples >= 6 and overlapViews >= 1; got "
              + registrationSamples
              + ", "
              + overlapViews);
    }
    if (globalPasses < 0 || outlierNeighbours < 0) {
      throw new IllegalArgumentException("globalPasses and outlierNeighbours must be >= 0");
    }
    java.util.Objects.requireNonNull(givenPoseBound, "givenPoseBound");
    if (!(minMergeFitnessRatio >= 0 && minMergeFitnessRatio <= 1)) {
      throw new IllegalArgumentException(
          "minMergeFitnessRatio must be in [0, 1]; got " + minMergeFitnessRatio);
    }
  }

  /**
   * The largest correction ICP may make to a given pose.
   *
   * @param maxShiftMm largest move of the view's points (of their centroid), millimetres
   * @param maxRotationDeg largest rotation, degrees
   */
  public record PoseBound(double maxShiftMm, double maxRotationDeg) {
    public PoseBound {
      if (!(maxShiftMm >= 0) || !(maxRotationDeg >= 0)) {
        throw new IllegalArgumentException(
            "pose bound must be >= 0, got " + maxShiftMm + " mm, " + maxRotationDeg + " deg");
      }
    }

    /**
     * Whether {@code refined} stays within this bound of {@code given} (both camera-to-reference)
     * for a view whose points have their centroid at {@code centroidInCameraMm}.
     */
    public boolean admits(
        RigidTransform given, RigidTransform refined, double[] centroidInCameraMm) {
      double[] a = given.apply(centroidInCameraMm);
      double[] b = refined.apply(centroidInCameraMm);
      double shift = Math.sqrt(sq(a[0] - b[0]) + sq(a[1] - b[1]) + sq(a[2] - b[2]));
      return shift <= maxShiftMm && given.rotationDistanceDeg(refined) <= maxRotationDeg;
    }

    /**
     * Whether a given pose held to this bound needs no coarse search: it may move by at most {@code
     * finestDistanceMm} (the finest ICP correspondence distance) and 1°, so ICP from the given pose
     * at the fine distances finds what a coarse-to-fine search would.
     */
    public boolean isTight(double finestDistanceMm) {
      return maxShiftMm <= finestDistanceMm && maxRotationDeg <= 1;
    }

    private static double sq(double v) {
      return v * v;
    }
  }

  /**
   * ICP stages in fusion stop at 30 iterations, at increments below 0.005° and 0.005 mm, or when
   * the RMSE changes by less than 1e-4 of itself. Looser than {@link
   * ConvergenceCriteria#defaults()}: on noisy network depth the strict test never fires and every
   * stage ran all 30 iterations (testdata subject-0000: fusion 43 s → 27 s, Chamfer unchanged); on
   * ground-truth depth results are identical to 4 decimals.
   */
  static final ConvergenceCriteria FUSION_CONVERGENCE =
      new ConvergenceCriteria(30, 0.005, 0.005, 1e-4);

  /**
   * RANSAC (500 samples, 8 mm, rigid), 6 shared landmarks, 2 mm registration voxels, 1,500
   * registration samples per view, 4 overlapping views, neighbour ICP 20-10-5 mm and model ICP
   * 8-4-2 mm (point-to-plane, Tukey, stopping as {@link #FUSION_CONVERGENCE}), 2 global passes, 1
   * mm merge voxels, no statistical outlier removal (k = 16 at 2.5 σ when enabled); ICP may move a
   * given (calibrated) pose by at most 0.2° and 0.5 mm at the view's centroid.
   *
   * <p>1,500 samples and 4 overlapping views (issue 17): see the README's "Throughput" section for
   * the search work and CPU time per subject before and after.
   *
   * <p>Outlier removal is off because its one global threshold on the mean neighbour distance
   * cannot tell outliers from surface that is legitimately sparser than the rest: the back and top
   * of a head seen by one or two views at grazing angles. On the testdata subjects fused from
   * ground-truth depth it removed 2.5 % of the points, all on the true surface, and left 7 % of the
   * seen surface more than 4 mm from the cloud (95th-percentile completeness 8.3 mm instead of 1.2
   * mm). Flying pixels, the outliers of depth maps, are already dropped by back-projection.
   */
  public static FusionOptions defaults() {
    return new FusionOptions(
        new RansacLandmarkAligner(500, 8, 4, false, 1),
        6,
        2.0,
        1500,
        4,
        IcpOptions.pointToPlaneDefaults()
            .withSchedule(20, 10, 5)
            .withConvergence(FUSION_CONVERGENCE),
        IcpOptions.pointToPlaneDefaults().withSchedule(8, 4, 2).withConvergence(FUSION_CONVERGENCE),
        2,
        1.0,
        0,
        2.5,
        new PoseBound(0.5, 0.2),
        0.6);
  }

  /** These options with another bound on ICP's corrections of given poses. */
  public FusionOptions withGivenPoseBound(PoseBound value) {
    return new FusionOptions(
        landmarkAligner,
        minSharedLandmarks,
        registrationVoxelMm,
        registrationSamples,
        overlapViews,
        neighbourIcp,
        modelIcp,
        globalPasses,
        mergeVoxelMm,
        outlierNeighbours,
        outlierStdRatio,
        value,
        minMergeFitnessRatio);
  }

  /** These options with another landmark aligner. */
  public FusionOptions withLandmarkAligner(RansacLandmarkAligner value) {
    return new FusionOptions(
        value,
        minSharedLandmarks,
        registrationVoxelMm,
        registrationSamples,
        overlapViews,
        neighbourIcp,
        modelIcp,
        globalPasses,
        mergeVoxelMm,
        outlierNeighbours,
        outlierStdRatio,
        givenPoseBound,
        minMergeFitnessRatio);
  }

  /** These options with another minimum of shared landmarks for a direct link. */
  public FusionOptions withMinSharedLandmarks(int value) {
    return new FusionOptions(
        landmarkAligner,
        value,
        registrationVoxelMm,
        registrationSamples,
        overlapViews,
        neighbourIcp,
        modelIcp,
        globalPasses,
        mergeVoxelMm,
        outlierNeighbours,
        outlierStdRatio,
        givenPoseBound,
        minMergeFitnessRatio);
  }

  /** These options with another registration voxel edge, millimetres. */
  public FusionOptions withRegistrationVoxelMm(double value) {
    return new FusionOptions(
        landmarkAligner,
        minSharedLandmarks,
        value,
        registrationSamples,
        overlapViews,
        neighbourIcp,
        modelIcp,
        globalPasses,
        mergeVoxelMm,
        outlierNeighbours,
        outlierStdRatio,
        givenPoseBound,
        minMergeFitnessRatio);
  }

  /** These options with another most registration samples per view. */
  public FusionOptions withRegistrationSamples(int value) {
    return new FusionOptions(
        landmarkAligner,
        minSharedLandmarks,
        registrationVoxelMm,
        value,
        overlapViews,
        neighbourIcp,
        modelIcp,
        globalPasses,
        mergeVoxelMm,
        outlierNeighbours,
        outlierStdRatio,
        givenPoseBound,
        minMergeFitnessRatio);
  }

  /** These options with another number of overlapping views each view is aligned to. */
  public FusionOptions withOverlapViews(int value) {
    return new FusionOptions(
        landmarkAligner,
        minSharedLandmarks,
        registrationVoxelMm,
        registrationSamples,
        value,
        neighbourIcp,
        modelIcp,
        globalPasses,
        mergeVoxelMm,
        outlierNeighbours,
        outlierStdRatio,
        givenPoseBound,
        minMergeFitnessRatio);
  }

  /** These options with another neighbour (coarse) ICP. */
  public FusionOptions withNeighbourIcp(IcpOptions value) {
    return new FusionOptions(
        landmarkAligner,
        minSharedLandmarks,
        registrationVoxelMm,
        registrationSamples,
        overlapViews,
        value,
        modelIcp,
        globalPasses,
        mergeVoxelMm,
        outlierNeighbours,
        outlierStdRatio,
        givenPoseBound,
        minMergeFitnessRatio);
  }

  /** These options with another model (fine) ICP. */
  public FusionOptions withModelIcp(IcpOptions value) {
    return new FusionOptions(
        landmarkAligner,
        minSharedLandmarks,
        registrationVoxelMm,
        registrationSamples,
        overlapViews,
        neighbourIcp,
        value,
        globalPasses,
        mergeVoxelMm,
        outlierNeighbours,
        outlierStdRatio,
        givenPoseBound,
        minMergeFitnessRatio);
  }

  /** These options with another number of global passes. */
  public FusionOptions withGlobalPasses(int value) {
    return new FusionOptions(
        landmarkAligner,
        minSharedLandmarks,
        registrationVoxelMm,
        registrationSamples,
        overlapViews,
        neighbourIcp,
        modelIcp,
        value,
        mergeVoxelMm,
        outlierNeighbours,
        outlierStdRatio,
        givenPoseBound,
        minMergeFitnessRatio);
  }

  /** These options with another merge voxel edge (the fused cloud's resolution), millimetres. */
  public FusionOptions withMergeVoxelMm(double value) {
    return new FusionOptions(
        landmarkAligner,
        minSharedLandmarks,
        registrationVoxelMm,
        registrationSamples,
        overlapViews,
        neighbourIcp,
        modelIcp,
        globalPasses,
        value,
        outlierNeighbours,
        outlierStdRatio,
        givenPoseBound,
        minMergeFitnessRatio);
  }

  /**
   * These options with another statistical outlier removal: {@code neighbours} (k, 0 disables it)
   * and the standard deviations allowed.
   */
  public FusionOptions withOutlierRemoval(int neighbours, double stdRatio) {
    return new FusionOptions(
        landmarkAligner,
        minSharedLandmarks,
        registrationVoxelMm,
        registrationSamples,
        overlapViews,
        neighbourIcp,
        modelIcp,
        globalPasses,
        mergeVoxelMm,
        neighbours,
        stdRatio,
        givenPoseBound,
        minMergeFitnessRatio);
  }

  /** These options with another least fitness, as a fraction of the median view's, for merging. */
  public FusionOptions withMinMergeFitnessRatio(double value) {
    return new FusionOptions(
        landmarkAligner,
        minSharedLandmarks,
        registrationVoxelMm,
        registrationSamples,
        overlapViews,
        neighbourIcp,
        modelIcp,
        globalPasses,
        mergeVoxelMm,
        outlierNeighbours,
        outlierStdRatio,
        givenPoseBound,
        value);
  }
}
