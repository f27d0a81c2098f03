package io.headrecon.transforms.fusion;

import io.headrecon.geometry.PinholeCamera;
import io.headrecon.geometry.PointCloud;
import io.headrecon.geometry.RigidTransform;
import io.headrecon.geometry.TriangleMesh;
import io.headrecon.geometry.fusion.FusionInput;
import io.headrecon.geometry.fusion.FusionOptions;
import io.headrecon.geometry.fusion.FusionResult;
import io.headrecon.geometry.fusion.FusionWork;
import io.headrecon.geometry.fusion.MultiViewFusion;
import io.headrecon.geometry.fusion.ViewInput;
import io.headrecon.geometry.fusion.ViewResult;
import io.headrecon.geometry.multiview.ReferenceDepthEstimate;
import io.headrecon.model.DatasetFraming;
import io.headrecon.model.HeadLandmarkTemplate;
import io.headrecon.proto.MeshMetrics;
import io.headrecon.proto.SubjectManifest;
import io.headrecon.proto.SubjectMetrics;
import io.headrecon.proto.View;
import io.headrecon.transforms.quality.ViewSignals;
import io.headrecon.transforms.records.SubjectResult;
import io.headrecon.transforms.records.ViewDepth;
import java.io.Serializable;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fuses one subject's views with the geometry core ({@link ViewBackProjection}, then {@link
 * MultiViewFusion}: landmark-seeded alignment, ICP, voxel merge) and reports {@link FusionMetrics}
 * and each view's quality signals ({@link ViewSignals}). Plain Java, no I/O: called by {@link
 * FuseSubjects}; metrics against ground truth are a later step ({@link MeasureAgainstGroundTruth}).
 *
 * <p>Scale first: each view's network depth is moved to its metric distance ({@link MetricScale}:
 * triangulated landmarks for calibrated views, else the head-size prior).
 *
 * <p>Output frame: the world frame when the reference view's camera pose is known (the manifest
 * gives extrinsics), otherwise the reference view's camera frame. The reference view is the one
 * closest to frontal (smallest |yaw|), or the one seeing most landmarks when yaw is unknown. Known
 * poses (calibrated views, when the reference view is calibrated too) are used as poses, which ICP
 * may correct only within {@link FusionOptions#givenPoseBound()}; the other views' poses are
 * estimated from landmarks, then ICP.
 */
public final class SubjectFusion {
  private SubjectFusion() {}

  /**
   * Fusion settings.
   *
   * @param voxelSizeMm voxel edge of the fused cloud, millimetres
   * @param keepViewOutputs whether results carry per-view clouds and depth maps
   * @param depthSource "model" or "groundtruth", recorded in the metrics
   * @param refineDepth whether network depth is refined against the neighbouring photos ({@link
   *     DepthRefinement})
   * @param meshVoxelMm voxel edge of the TSDF mesh, millimetres; 0 makes no mesh
   */
  public record Settings(
      double voxelSizeMm,
      boolean keepViewOutputs,
      String depthSource,
      boolean refineDepth,
      double meshVoxelMm)
      implements Serializable {
    public static Settings of(
        double voxelSizeMm,
        boolean keepViewOutputs,
        String depthSource,
        boolean refineDepth,
        double meshVoxelMm) {
      if (!(voxelSizeMm > 0)) {
        throw new IllegalArgumentException("--voxelSizeMm must be positive, got " + voxelSizeMm);
      }
      if (!(meshVoxelMm == 0 || meshVoxelMm >= 0.25)) {
        throw new IllegalArgumentException(
            "--meshVoxelMm must be 0 (no mesh) or at least 0.25, got " + meshVoxelMm);
      }
      return new Settings(voxelSizeMm, keepViewOutputs, depthSource, refineDepth, meshVoxelMm);
    }
  }

  /**
   * Fuses {@code views} of one subject.
   *
   * @param views the subject's usable views, sorted by view id
   * @param failedViews how many of the subject's other views failed earlier (counted in
   *     views_total)
   * @param manifest the subject's manifest (carried into the result for the ground-truth step)
   */
  public static SubjectResult fuse(
      String subjectId,
      List<ViewDepth> views,
      int failedViews,
      SubjectManifest manifest,
      Settings settings) {
    return fuseMeasured(subjectId, views, failedViews, manifest, settings).result();
  }

  /**
   * A fused subject with what it cost.
   *
   * @param result the fused subject
   * @param cpuNanos CPU time of the calling thread per stage, nanoseconds, under the names of the
   *     metrics' stage times ({@code metricScale}, {@code backProjection}, {@code fusion}, {@code
   *     refinement}, {@code mesh})
   * @param work fusion's search work (kd-trees, ICP iterations, nearest-neighbour queries)
   */
  public record Measured(SubjectResult result, Map<String, Long> cpuNanos, FusionWork work) {
    public Measured {
      cpuNanos = Map.copyOf(cpuNanos);
    }
  }

  /** As {@link #fuse}, with the CPU time of each stage and fusion's search work. */
  public static Measured fuseMeasured(
      String subjectId,
      List<ViewDepth> views,
      int failedViews,
      SubjectManifest manifest,
      Settings settings) {
    StageClock clock = new StageClock();
    MetricScale.Anchored anchored = MetricScale.anchor(views);
    views = anchored.views();
    clock.lap("metricScale");

    int reference = referenceView(views);
    List<ViewBackProjection.Projected> projected = new ArrayList<>();
    boolean[] posed = new boolean[views.size()];
    for (int i = 0; i < views.size(); i++) {
      projected.add(ViewBackProjection.of(views.get(i)));
      posed[i] = views.get(i).view().getCamera().hasExtrinsics();
    }
    boolean posesKnown = posed[reference];
    List<ViewInput> inputs = new ArrayList<>();
    for (int i = 0; i < views.size(); i++) {
      ViewInput input = projected.get(i).input();
      if (posesKnown && posed[i] && i != reference) {
        RigidTransform cameraToReference =
            projected
                .get(reference)
                .camera()
                .worldToCamera()
                .after(projected.get(i).camera().cameraToWorld());
        input =
            new ViewInput(
                input.viewId(),
                input.cloudInCamera(),
                input.landmarksInCamera(),
                cameraToReference);
      }
      inputs.add(input);
    }
    clock.lap("backProjection");

    FusionOptions options = FusionOptions.defaults().withMergeVoxelMm(settings.voxelSizeMm());
    FusionResult fusion = MultiViewFusion.fuse(new FusionInput(inputs, reference), options);
    clock.lap("fusion");

    RigidTransform referenceToOutput =
        posesKnown ? projected.get(reference).camera().cameraToWorld() : RigidTransform.identity();

    // Each placed view's camera in the reference frame, for refinement and meshing.
    List<PinholeCamera> placedCameras = new ArrayList<>();
    for (int i = 0; i < views.size(); i++) {
      ViewResult r = fusion.views().get(i);
      placedCameras.add(
          r.registered()
              ? projected.get(i).camera().withWorldToCamera(r.cameraToReference().inverse())
              : null);
    }
    List<ViewDepth> finalViews = views;
    List<ViewInput> finalInputs = inputs;
    PointCloud fusedInReference = fusion.fusedCloudInReference();
    DepthRefinement.Refined refined = null;
    if (settings.refineDepth() && views.stream().anyMatch(ViewDepth::isRelative)) {
      refined = DepthRefinement.refine(views, placedCameras);
      finalViews = refined.views();
      finalInputs = new ArrayList<>();
      List<PointCloud> placed = new ArrayList<>();
      for (int i = 0; i < views.size(); i++) {
        ViewInput input = ViewBackProjection.of(finalViews.get(i)).input();
        finalInputs.add(input);
        ViewResult r = fusion.views().get(i);
        if (r.merged()) {
          placed.add(input.cloudInCamera().transformed(r.cameraToReference()));
        }
      }
      fusedInReference = MultiViewFusion.merge(placed, options);
      clock.lap("refinement");
    }
    PointCloud fused = fusedInReference.transformed(referenceToOutput);
    TriangleMesh mesh = null;
    if (settings.meshVoxelMm() > 0) {
      List<float[]> confidence = new ArrayList<>();
      for (int i = 0; i < views.size(); i++) {
        confidence.add(refined == null ? null : refined.confidence().get(i));
      }
      // Every placed view, merged or not: the TSDF weighs depth the photos do not confirm at
      // 0.005, so a disagreeing view adds little, and on the held-out 720 px set (four subjects,
      // same code otherwise) leaving such views out did not help the mesh (median Chamfer 3.54
      // against 3.49 mm with every view).
      mesh =
          SurfaceMeshing.mesh(
                  finalViews, placedCameras, confidence, settings.meshVoxelMm(), fusedInReference)
              .transformed(referenceToOutput);
      clock.lap("mesh");
    }

    SubjectMetrics.Builder metrics =
        SubjectMetrics.newBuilder()
            .setSubjectId(subjectId)
            .setDepthSource(settings.depthSource())
            .setFusedPointCount(fused.size())
            .setViewsTotal(views.size() + failedViews);
    FusionMetrics.addViews(metrics, projected, fusion, referenceToOutput, posesKnown, posed);
    for (int i = 0; i < views.size(); i++) {
      ViewSignals.addTo(metrics.getViewsBuilder(i), views.get(i));
      metrics.getViewsBuilder(i).setIntrinsicsSource(views.get(i).view().getIntrinsicsSource());
      ReferenceDepthEstimate estimate = anchored.estimates().get(i);
      if (estimate != null) {
        metrics
            .getViewsBuilder(i)
            .setReferenceDepthMm(estimate.depthMm())
            .setReferenceDepthSource(estimate.source().label());
      }
    }
    if (refined != null) {
      for (int i = 0; i < views.size(); i++) {
        if (!Double.isNaN(refined.confidentFraction()[i])) {
          metrics.getViewsBuilder(i).setPhotoConsistentFraction(refined.confidentFraction()[i]);
        }
      }
    }
    if (mesh != null) {
      metrics.setMesh(
          MeshMetrics.newBuilder()
              .setVertexCount(mesh.vertexCount())
              .setTriangleCount(mesh.triangleCount()));
    }
    metrics.setPoseSource(posesKnown ? "calibrated" : "estimated");
    metrics.setLandmarksTriangulated(anchored.landmarksTriangulated());
    if (anchored.usesHeadSizePrior()) {
      metrics.addAssumptions(HeadLandmarkTemplate.ASSUMPTION);
    }
    if (anchored.usesAssumedDistance()) {
      metrics.addAssumptions(
          "camera distance: some views' scale is the training framing's (head origin "
              + DatasetFraming.HEAD_DISTANCE_MM
              + " mm from an 85 mm-equivalent lens, scaled by the focal length): too few"
              + " landmarks to measure it");
    }
    metrics.putAllStageMillis(clock.millis);

    Map<String, PointCloud> viewClouds = new LinkedHashMap<>();
    Map<String, ViewDepth> viewDepths = new LinkedHashMap<>();
    if (settings.keepViewOutputs()) {
      for (int i = 0; i < views.size(); i++) {
        ViewResult r = fusion.views().get(i);
        if (r.registered()) {
          RigidTransform cameraToOutput = referenceToOutput.after(r.cameraToReference());
          viewClouds.put(
              views.get(i).viewId(),
              finalInputs.get(i).cloudInCamera().transformed(cameraToOutput));
          viewDepths.put(views.get(i).viewId(), finalViews.get(i));
        }
      }
    }
    SubjectResult result =
        new SubjectResult(
            subjectId, fused, posesKnown, metrics.build(), viewClouds, viewDepths, manifest, mesh);
    return new Measured(result, clock.cpuNanos, fusion.work());
  }

  /** Wall and thread-CPU time of consecutive stages. */
  private static final class StageClock {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    final Map<String, Double> millis = new LinkedHashMap<>();
    final Map<String, Long> cpuNanos = new LinkedHashMap<>();
    private long wall = System.nanoTime();
    private long cpu = cpuNow();

    /** Ends the stage {@code name} (begun at the previous lap) and begins the next. */
    void lap(String name) {
      long w = System.nanoTime();
      long c = cpuNow();
      millis.put(name, (w - wall) / 1e6);
      cpuNanos.put(name, c - cpu);
      wall = w;
      cpu = c;
    }

    private static long cpuNow() {
      return THREADS.isCurrentThreadCpuTimeSupported()
          ? Math.max(0, THREADS.getCurrentThreadCpuTime())
          : 0;
    }
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
}
