package io.headrecon.transforms.fusion;

import io.headrecon.geometry.Landmarks3d;
import io.headrecon.geometry.PinholeCamera;
import io.headrecon.geometry.PointCloud;
import io.headrecon.geometry.RigidTransform;
import io.headrecon.geometry.TriangleMesh;
import io.headrecon.geometry.depth.BackProjection;
import io.headrecon.geometry.depth.BackProjectionOptions;
import io.headrecon.geometry.depth.DepthMap;
import io.headrecon.geometry.depth.LandmarkLifting;
import io.headrecon.geometry.fusion.FusionInput;
import io.headrecon.geometry.fusion.FusionOptions;
import io.headrecon.geometry.fusion.FusionResult;
import io.headrecon.geometry.fusion.MultiViewFusion;
import io.headrecon.geometry.fusion.ViewInput;
import io.headrecon.geometry.fusion.ViewResult;
import io.headrecon.geometry.io.Ply;
import io.headrecon.geometry.metrics.PoseError;
import io.headrecon.geometry.metrics.ReconstructionMetrics;
import io.headrecon.geometry.metrics.SeenSurface;
import io.headrecon.model.ProtoGeometry;
import io.headrecon.proto.FailureRecord;
import io.headrecon.proto.SubjectMetrics;
import io.headrecon.proto.View;
import io.headrecon.proto.ViewMetrics;
import io.headrecon.transforms.depth.GroundTruthDepthFn;
import io.headrecon.transforms.io.BeamFiles;
import io.headrecon.transforms.records.SubjectResult;
import io.headrecon.transforms.records.ViewDepth;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Fuses one subject's views with the geometry core: back-projection, landmark-seeded alignment,
 * ICP, voxel merge; then the subject's metrics (against ground truth when the manifest has it).
 * Plain Java, called by {@link FuseSubjects}.
 *
 * <p>Output frame: the world frame when the reference view's camera pose is known (the manifest
 * gives extrinsics), otherwise the reference view's camera frame. The reference view is the one
 * closest to frontal (smallest |yaw|), or the one seeing most landmarks when yaw is unknown. View
 * poses are always estimated (landmarks, then ICP); known extrinsics only place the result in the
 * world and measure pose errors.
 *
 * <p>Ground-truth metrics compare the fused cloud with the part of the ground-truth mesh that the
 * cameras see ({@link SeenSurface}): area-uniform mesh samples ({@value #GT_SAMPLES_PER_MM2} per
 * mm²), kept where they lie within {@value #SEEN_SURFACE_MM} mm of a ground-truth depth pixel
 * back-projected with its true camera (the back of the head, never photographed, is left out of
 * completeness).
 */
public final class SubjectFusion {
  private SubjectFusion() {}

  /**
   * Density of the ground-truth mesh samples, per mm² (adds about 0.16 mm to accuracy distances;
   * see {@link SeenSurface}).
   */
  static final double GT_SAMPLES_PER_MM2 = 10;

  /** How close a mesh sample must be to some view's ground-truth depth to count as seen, mm. */
  static final double SEEN_SURFACE_MM = 1.5;

  /** Landmark depth window half-size for lifting pixel landmarks to 3-D, pixels. */
  static final int LANDMARK_WINDOW_PX = 2;

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

  /**
   * Fuses {@code views} of one subject.
   *
   * @param views the subject's usable views, sorted by view id
   * @param earlierFailures failures of this subject's other views (counted in views_total)
   * @param groundTruthMeshUri the GT mesh (PLY, world frame, mm) or empty
   */
  public static SubjectResult fuse(
      String subjectId,
      List<ViewDepth> views,
      List<FailureRecord> earlierFailures,
      String groundTruthMeshUri,
      Settings settings)
      throws IOException {
    Map<String, Double> millis = new LinkedHashMap<>();
    long t0 = System.nanoTime();
    List<ViewInput> inputs = new ArrayList<>();
    List<DepthMap> depths = new ArrayList<>();
    List<PinholeCamera> cameras = new ArrayList<>();
    for (ViewDepth v : views) {
      PinholeCamera camera = ProtoGeometry.camera(v.view().getCamera());
      DepthMap depth = DepthMap.of(v.image().widthPx(), v.image().heightPx(), v.depthMm());
      PointCloud cloud =
          BackProjection.toCameraFrame(
              depth, v.image().packedRgb(), null, camera, BackProjectionOptions.defaults());
      double[] px = new double[v.landmarksPx().length];
      for (int i = 0; i < px.length; i++) {
        px[i] = v.landmarksPx()[i];
      }
      Landmarks3d landmarks =
          v.landmarkVisible().length == 0
              ? null
              : LandmarkLifting.toCameraFrame(
                  px, v.landmarkVisible(), depth, camera, LANDMARK_WINDOW_PX);
      inputs.add(ViewInput.of(v.viewId(), cloud, landmarks));
      depths.add(depth);
      cameras.add(camera);
    }
    long t1 = System.nanoTime();
    millis.put("backProjection", (t1 - t0) / 1e6);

    int reference = referenceView(views);
    FusionOptions defaults = FusionOptions.defaults();
    FusionOptions options =
        new FusionOptions(
            defaults.landmarkAligner(),
            defaults.minSharedLandmarks(),
            defaults.registrationVoxelMm(),
            defaults.neighbourIcp(),
            defaults.modelIcp(),
            defaults.globalPasses(),
            settings.voxelSizeMm(),
            defaults.outlierNeighbours(),
            defaults.outlierStdRatio());
    FusionResult fusion = MultiViewFusion.fuse(new FusionInput(inputs, reference), options);
    long t2 = System.nanoTime();
    millis.put("fusion", (t2 - t1) / 1e6);

    // Output frame: world when the reference camera's pose is known.
    boolean posesKnown = views.get(reference).view().getCamera().hasExtrinsics();
    RigidTransform referenceToOutput =
        posesKnown ? cameras.get(reference).cameraToWorld() : RigidTransform.identity();
    PointCloud fused = fusion.fusedCloudInReference().transformed(referenceToOutput);

    SubjectMetrics.Builder metrics =
        SubjectMetrics.newBuilder()
            .setSubjectId(subjectId)
            .setDepthSource(settings.depthSource())
            .setFusedPointCount(fused.size());
    int failedViews = (int) earlierFailures.stream().filter(f -> !f.getViewId().isEmpty()).count();
    metrics.setViewsTotal(views.size() + failedViews);
    Map<String, PointCloud> viewClouds = new LinkedHashMap<>();
    Map<String, ViewDepth> viewDepths = new LinkedHashMap<>();
    int registered = 0;
    for (int i = 0; i < views.size(); i++) {
      ViewResult r = fusion.views().get(i);
      ViewDepth v = views.get(i);
      ViewMetrics.Builder vm =
          ViewMetrics.newBuilder()
              .setViewId(v.viewId())
              .setRegistered(r.registered())
              .setPointCount(inputs.get(i).cloudInCamera().size());
      Landmarks3d lm = inputs.get(i).landmarksInCamera();
      vm.setLandmarksUsed(lm == null ? 0 : lm.visibleCount());
      if (r.registered()) {
        registered++;
        // The reference view and views without ICP partners report NaN: left unset (0).
        if (Double.isFinite(r.icpFitness())) {
          vm.setIcpFitness(r.icpFitness());
        }
        if (Double.isFinite(r.icpRmseMm())) {
          vm.setIcpInlierRmseMm(r.icpRmseMm());
        }
        if (Double.isFinite(r.landmarkResidualMm())) {
          vm.setLandmarkResidualMm(r.landmarkResidualMm());
        }
        RigidTransform cameraToOutput = referenceToOutput.after(r.cameraToReference());
        if (posesKnown && v.view().getCamera().hasExtrinsics()) {
          PoseError error = PoseError.of(cameraToOutput, cameras.get(i).cameraToWorld());
          vm.setRotationErrorDeg(error.rotationDeg()).setTranslationErrorMm(error.translationMm());
        }
        if (settings.keepViewOutputs()) {
          viewClouds.put(v.viewId(), inputs.get(i).cloudInCamera().transformed(cameraToOutput));
          viewDepths.put(v.viewId(), v);
        }
      }
      metrics.addViews(vm);
    }
    metrics.setViewsRegistered(registered);
    long t3 = System.nanoTime();

    if (posesKnown && !groundTruthMeshUri.isEmpty() && fused.size() > 0) {
      PointCloud seen = seenGroundTruthSurface(groundTruthMeshUri, views, cameras);
      if (seen.size() > 0) {
        ReconstructionMetrics m = ReconstructionMetrics.compute(fused, seen);
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
      }
    }
    millis.put("metrics", (System.nanoTime() - t3) / 1e6);
    metrics.putAllStageMillis(millis);
    return new SubjectResult(subjectId, fused, metrics.build(), viewClouds, viewDepths);
  }

  /** The view closest to frontal: smallest |yaw|, else most visible landmarks, else the first. */
  static int referenceView(List<ViewDepth> views) {
    int best = 0;
    double bestScore = Double.POSITIVE_INFINITY;
    for (int i = 0; i < views.size(); i++) {
      View view = views.get(i).view();
      double score;
      if (view.hasYawDeg()) {
        score = Math.abs(view.getYawDeg());
      } else {
        int visible = 0;
        for (boolean b : views.get(i).landmarkVisible()) {
          visible += b ? 1 : 0;
        }
        score = 1000 - visible;
      }
      if (score < bestScore) {
        bestScore = score;
        best = i;
      }
    }
    return best;
  }

  /**
   * The part of the ground-truth mesh that the views' ground-truth depth sees ({@link
   * SeenSurface}), world frame, mm; empty when no view has ground-truth depth.
   */
  static PointCloud seenGroundTruthSurface(
      String meshUri, List<ViewDepth> views, List<PinholeCamera> cameras) throws IOException {
    List<PinholeCamera> gtCameras = new ArrayList<>();
    List<DepthMap> gtDepths = new ArrayList<>();
    for (int i = 0; i < views.size(); i++) {
      View view = views.get(i).view();
      if (view.getGroundTruth().getDepthUri().isEmpty()) {
        continue;
      }
      PinholeCamera camera = ProtoGeometry.camera(view.getCamera());
      float[] depthMm =
          GroundTruthDepthFn.readDepthMm(
              view.getGroundTruth().getDepthUri(),
              view.getGroundTruth().getDepthScaleMmPerUnit(),
              camera.widthPx(),
              camera.heightPx());
      gtCameras.add(camera);
      gtDepths.add(DepthMap.of(camera.widthPx(), camera.heightPx(), depthMm));
    }
    if (gtCameras.isEmpty()) {
      return PointCloud.empty();
    }
    TriangleMesh mesh =
        Ply.readMesh(new ByteArrayInputStream(BeamFiles.read(meshUri, 512L << 20)), meshUri);
    return SeenSurface.sample(
        mesh, gtCameras, gtDepths, GT_SAMPLES_PER_MM2, new Random(20261124L), SEEN_SURFACE_MM);
  }
}
