package io.headrecon.pipelines;

import io.headrecon.geometry.PinholeCamera;
import io.headrecon.geometry.PointCloud;
import io.headrecon.geometry.RigidTransform;
import io.headrecon.geometry.TriangleMesh;
import io.headrecon.geometry.depth.DepthMap;
import io.headrecon.geometry.io.DepthPng;
import io.headrecon.geometry.io.Ply;
import io.headrecon.geometry.metrics.MeshSampling;
import io.headrecon.geometry.metrics.ReconstructionMetrics;
import io.headrecon.geometry.processing.PointSampling;
import io.headrecon.geometry.registration.icp.Icp;
import io.headrecon.geometry.registration.icp.IcpOptions;
import io.headrecon.geometry.registration.icp.IcpResult;
import io.headrecon.geometry.registration.icp.IcpTarget;
import io.headrecon.model.ProtoGeometry;
import io.headrecon.proto.Camera;
import io.headrecon.proto.Intrinsics;
import io.headrecon.proto.ProtoJson;
import io.headrecon.proto.SubjectManifest;
import io.headrecon.proto.View;
import io.headrecon.transforms.fusion.GroundTruthMetrics;
import io.headrecon.transforms.io.WriteResults;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * {@link EvaluateMultiView}'s own comparison of one subject's pipeline output with the held-out
 * ground truth: the fused cloud (and {@code mesh.ply} when the pipeline wrote one) against the seen
 * part of the ground-truth mesh ({@link GroundTruthMetrics#seenSurface}, the definition the
 * pipeline's metrics use), as written and after rigid ICP, and each view's depth PNG against the
 * ground-truth depth. Everything is compared in the generated data's world frame, millimetres.
 */
final class MultiViewMeasurement {
  private MultiViewMeasurement() {}

  /** Most fused points the evaluation ICP uses (an even subsample). */
  static final int ICP_SOURCE_POINTS = 20_000;

  /**
   * Coarse-to-fine ICP schedule of the evaluation, mm: from 50 mm, since outputs whose frame is
   * only guessed (poses unknown) can be centimetres off (it also starts from the centroids).
   */
  static final double[] ICP_SCHEDULE_MM = {50, 20, 10, 5, 2.5};

  /**
   * Seen-surface samples in the quick comparison (an even subsample). Unbounded nearest-neighbour
   * searches between clouds centimetres apart visit every point within that distance, so a cloud is
   * first compared on subsamples ({@value #ICP_SOURCE_POINTS} of its points against this many
   * samples, adding about 0.3 mm to accuracy distances) and at full resolution only when that
   * Chamfer is below {@value #FULL_RESOLUTION_BELOW_MM} mm.
   */
  static final int QUICK_REFERENCE_POINTS = 200_000;

  /** A quick Chamfer below this (mm) is measured again at full resolution. */
  static final double FULL_RESOLUTION_BELOW_MM = 5;

  /** Density of the samples drawn on a reconstructed mesh, per mm² (as the ground truth's). */
  static final double MESH_SAMPLES_PER_MM2 = 10;

  /** Seed of the reconstructed-mesh sampling. */
  static final long MESH_SAMPLING_SEED = 20260713L;

  /** A pixel of a view cloud matches its own depth PNG within this, mm (PNG step 0.05 mm). */
  static final double REPROJECTION_TOLERANCE_MM = 0.1;

  /**
   * The ground truth of one subject, shared by every mode.
   *
   * @param cameras each view's true camera, world-to-camera in the data's world frame
   * @param depthMm each view's ground-truth Z depth, row-major, millimetres (0 = no surface)
   * @param seen the seen part of the ground-truth mesh, data world frame, with normals
   * @param target {@code seen} indexed for ICP
   */
  record Truth(
      String subjectId,
      Map<String, PinholeCamera> cameras,
      Map<String, float[]> depthMm,
      PointCloud seen,
      IcpTarget target) {}

  /**
   * One subject's figures in one mode; NaN where not measured.
   *
   * @param fused whether the pipeline wrote a fused cloud
   * @param referenceViewId poses unknown: the view whose camera frame the output is in ("" else)
   * @param asWritten the fused cloud in the data frame before ICP (for a camera-frame output: after
   *     the reference view's true camera-to-world); this and the next two per {@link #compare}
   * @param afterIcp the fused cloud after rigid ICP onto the seen surface
   * @param icpMoveMm how far ICP moved the cloud's centroid, mm
   * @param icpRotationDeg how far ICP rotated it, degrees
   * @param meshAfterIcp {@code mesh.ply} samples moved like the fused cloud, or null without a mesh
   * @param depthRmseMm median over views of the per-view depth RMSE where both have surface, mm
   * @param depthRmseShiftedMm the same after removing each view's median depth difference, mm
   * @param depthShiftMm median over views of the median (predicted − true) depth, mm
   * @param depthViews views whose depth was compared
   */
  record Score(
      String subjectId,
      boolean fused,
      String referenceViewId,
      ReconstructionMetrics asWritten,
      ReconstructionMetrics afterIcp,
      double icpMoveMm,
      double icpRotationDeg,
      ReconstructionMetrics meshAfterIcp,
      double depthRmseMm,
      double depthRmseShiftedMm,
      double depthShiftMm,
      int depthViews) {}

  /**
   * Reads a subject's true cameras, ground-truth depth and mesh from its generated folder.
   *
   * @param samplesPerMm2 density of the seen-surface samples, per mm² (the pipeline's metrics use
   *     10)
   */
  static Truth truth(Path subjectDir, double samplesPerMm2) throws IOException {
    SubjectManifest manifest = EvaluationInputs.readManifest(subjectDir);
    Map<String, PinholeCamera> cameras = new LinkedHashMap<>();
    Map<String, float[]> depths = new LinkedHashMap<>();
    List<PinholeCamera> cameraList = new ArrayList<>();
    List<DepthMap> depthList = new ArrayList<>();
    for (View view : manifest.getViewsList()) {
      PinholeCamera camera = ProtoGeometry.camera(view.getCamera());
      Path depthFile = subjectDir.resolve(view.getGroundTruth().getDepthUri());
      DepthPng.DepthImage depth =
          readDepth(depthFile, view.getGroundTruth().getDepthScaleMmPerUnit());
      cameras.put(view.getViewId(), camera);
      depths.put(view.getViewId(), depth.depthMm());
      cameraList.add(camera);
      depthList.add(DepthMap.of(depth.widthPx(), depth.heightPx(), depth.depthMm()));
    }
    TriangleMesh mesh =
        EvaluationInputs.readMesh(subjectDir.resolve(manifest.getGroundTruth().getMeshUri()));
    PointCloud seen = GroundTruthMetrics.seenSurface(mesh, cameraList, depthList, samplesPerMm2);
    return new Truth(manifest.getSubjectId(), cameras, depths, seen, IcpTarget.of(seen));
  }

  /**
   * Measures one subject's output folder.
   *
   * @param outputToData maps the output's frame to the data's world frame; null when poses were
   *     unknown (the output is in the reference view's camera frame, found from the view outputs)
   */
  static Score measure(Truth truth, Path outputDir, RigidTransform outputToData)
      throws IOException {
    Path fusedFile = outputDir.resolve("fused.ply");
    double[] depth = depthErrors(truth, outputDir);
    int depthViews = (int) depth[3];
    if (!Files.isRegularFile(fusedFile)) {
      return new Score(
          truth.subjectId(),
          false,
          "",
          null,
          null,
          Double.NaN,
          Double.NaN,
          null,
          depth[0],
          depth[1],
          depth[2],
          depthViews);
    }
    PointCloud fused = readCloud(fusedFile);
    String reference = "";
    if (outputToData == null) {
      reference = referenceView(truth, outputDir);
      if (reference == null) {
        throw new IOException(
            outputDir + ": no view output lies in the output frame (need --writeViewOutputs)");
      }
      outputToData = truth.cameras().get(reference).cameraToWorld();
    }
    PointCloud mapped = fused.transformed(outputToData);
    if (mapped.size() == 0 || truth.seen().size() == 0) {
      return new Score(
          truth.subjectId(),
          false,
          reference,
          null,
          null,
          Double.NaN,
          Double.NaN,
          null,
          depth[0],
          depth[1],
          depth[2],
          depthViews);
    }
    // ICP from the output as placed and from its centroid moved onto the surface's; the start
    // that ends with more inliers (then the lower RMSE) wins. The second start lets rigid ICP
    // remove an offset beyond its 50 mm reach (e.g. a wrong absolute distance without poses).
    PointCloud source = PointSampling.even(mapped, ICP_SOURCE_POINTS);
    double[] from = mapped.centroidMm();
    double[] to = truth.seen().centroidMm();
    IcpResult icp = null;
    for (RigidTransform start :
        List.of(
            RigidTransform.identity(),
            RigidTransform.translation(to[0] - from[0], to[1] - from[1], to[2] - from[2]))) {
      IcpResult r =
          Icp.align(
              source,
              truth.target(),
              start,
              IcpOptions.pointToPlaneDefaults().withSchedule(ICP_SCHEDULE_MM));
      if (icp == null
          || r.fitness() > icp.fitness() + 1e-9
          || (Math.abs(r.fitness() - icp.fitness()) <= 1e-9
              && r.inlierRmseMm() < icp.inlierRmseMm())) {
        icp = r;
      }
    }
    RigidTransform correction = icp.sourceToTarget();
    PointCloud aligned = mapped.transformed(correction);
    double[] c = mapped.centroidMm();
    double[] moved = correction.apply(c);
    double move = Math.sqrt(sq(moved[0] - c[0]) + sq(moved[1] - c[1]) + sq(moved[2] - c[2]));

    ReconstructionMetrics meshMetrics = null;
    Path meshFile = outputDir.resolve("mesh.ply");
    if (Files.isRegularFile(meshFile)) {
      TriangleMesh mesh = EvaluationInputs.readMesh(meshFile);
      if (mesh.triangleCount() > 0) {
        int count = (int) Math.ceil(MESH_SAMPLES_PER_MM2 * MeshSampling.areaMm2(mesh));
        PointCloud samples =
            MeshSampling.sample(mesh, Math.max(1, count), new Random(MESH_SAMPLING_SEED));
        meshMetrics = compare(samples.transformed(correction.after(outputToData)), truth);
      }
    }
    return new Score(
        truth.subjectId(),
        true,
        reference,
        compare(mapped, truth),
        compare(aligned, truth),
        move,
        correction.rotationAngleDeg(),
        meshMetrics,
        depth[0],
        depth[1],
        depth[2],
        depthViews);
  }

  /**
   * {@code cloud} against the seen surface: on subsamples when they are {@value
   * #FULL_RESOLUTION_BELOW_MM} mm or more apart (Chamfer), else at full resolution.
   */
  static ReconstructionMetrics compare(PointCloud cloud, Truth truth) {
    ReconstructionMetrics quick =
        ReconstructionMetrics.compute(
            PointSampling.even(cloud, ICP_SOURCE_POINTS),
            PointSampling.even(truth.seen(), QUICK_REFERENCE_POINTS));
    return quick.chamferMeanMm() >= FULL_RESOLUTION_BELOW_MM
        ? quick
        : ReconstructionMetrics.compute(cloud, truth.seen());
  }

  /**
   * The view whose cloud in {@code views/} lies in the output frame: the one whose points project,
   * through its own intrinsics, onto its own depth PNG at their own depth (the reference view of
   * fusion, whose camera frame is the output frame when poses are unknown); null when none does.
   */
  static String referenceView(Truth truth, Path outputDir) throws IOException {
    String best = null;
    double bestFraction = 0.5;
    for (Map.Entry<String, PinholeCamera> e : truth.cameras().entrySet()) {
      Path cloudFile = outputDir.resolve("views/" + e.getKey() + ".ply");
      Path depthFile = outputDir.resolve("views/" + e.getKey() + "_depth.png");
      if (!Files.isRegularFile(cloudFile) || !Files.isRegularFile(depthFile)) {
        continue;
      }
      PointCloud cloud = PointSampling.even(readCloud(cloudFile), 500);
      DepthPng.DepthImage depth = readDepth(depthFile, WriteResults.DEPTH_PNG_SCALE_MM);
      PinholeCamera camera = depthCamera(depthFile, e.getValue(), depth);
      int matched = 0;
      double[] px = new double[3];
      for (int i = 0; i < cloud.size(); i++) {
        double z = cloud.z(i);
        if (!(z > 0)) {
          continue;
        }
        camera.projectCamera(cloud.x(i), cloud.y(i), z, px);
        int u = (int) Math.round(px[0]);
        int v = (int) Math.round(px[1]);
        if (u >= 0 && v >= 0 && u < depth.widthPx() && v < depth.heightPx()) {
          matched += Math.abs(depth.at(u, v) - z) <= REPROJECTION_TOLERANCE_MM ? 1 : 0;
        }
      }
      double fraction = cloud.size() == 0 ? 0 : matched / (double) cloud.size();
      if (fraction > bestFraction) {
        bestFraction = fraction;
        best = e.getKey();
      }
    }
    return best;
  }

  /**
   * Per-view depth errors of {@code views/<viewId>_depth.png} against the ground truth over pixels
   * where both have surface: {median RMSE, median RMSE after each view's median shift, median
   * shift, views compared}, mm; NaN when no view could be compared (no view outputs, or sizes that
   * differ).
   */
  static double[] depthErrors(Truth truth, Path outputDir) throws IOException {
    List<Double> rmse = new ArrayList<>();
    List<Double> shifted = new ArrayList<>();
    List<Double> shifts = new ArrayList<>();
    for (Map.Entry<String, PinholeCamera> e : truth.cameras().entrySet()) {
      Path file = outputDir.resolve("views/" + e.getKey() + "_depth.png");
      PinholeCamera camera = e.getValue();
      if (!Files.isRegularFile(file)) {
        continue;
      }
      DepthPng.DepthImage predicted = readDepth(file, WriteResults.DEPTH_PNG_SCALE_MM);
      PinholeCamera predictedCamera = depthCamera(file, camera, predicted);
      float[] p = predicted.depthMm();
      float[] t = truth.depthMm().get(e.getKey());
      double[] d = new double[p.length];
      int n = 0;
      double[] ray = new double[3];
      double[] px = new double[3];
      for (int i = 0; i < p.length; i++) {
        if (!(p[i] > 0)) {
          continue;
        }
        // The predicted pixel's ray, in the photo's pixels (a crop shares the photo's camera
        // frame): the true depth there, nearest pixel.
        predictedCamera.unprojectToCamera(i % predicted.widthPx(), i / predicted.widthPx(), 1, ray);
        camera.projectCamera(ray[0], ray[1], ray[2], px);
        int u = (int) Math.round(px[0]);
        int v = (int) Math.round(px[1]);
        if (u < 0 || v < 0 || u >= camera.widthPx() || v >= camera.heightPx()) {
          continue;
        }
        float truthMm = t[v * camera.widthPx() + u];
        if (truthMm > 0) {
          d[n++] = p[i] - truthMm;
        }
      }
      if (n == 0) {
        continue;
      }
      d = Arrays.copyOf(d, n);
      double[] sorted = d.clone();
      Arrays.sort(sorted);
      double shift = ReconstructionMetrics.quantile(sorted, 0.5);
      double sum = 0;
      double sumShifted = 0;
      for (double x : d) {
        sum += x * x;
        sumShifted += (x - shift) * (x - shift);
      }
      rmse.add(Math.sqrt(sum / n));
      shifted.add(Math.sqrt(sumShifted / n));
      shifts.add(shift);
    }
    return new double[] {median(rmse), median(shifted), median(shifts), rmse.size()};
  }

  /**
   * The camera of a view's depth PNG: the intrinsics its {@link DepthPng#INTRINSICS_KEY} chunk
   * names (the head crop's camera), else the photo's camera scaled to the map's size; the photo's
   * pose either way.
   */
  static PinholeCamera depthCamera(Path file, PinholeCamera photo, DepthPng.DepthImage depth)
      throws IOException {
    String json =
        DepthPng.readText(Files.readAllBytes(file), file.toString()).get(DepthPng.INTRINSICS_KEY);
    if (json == null) {
      return photo.resized(depth.widthPx(), depth.heightPx());
    }
    Intrinsics k = ProtoJson.fromJson(json, Intrinsics.newBuilder(), file.toString());
    return ProtoGeometry.camera(Camera.newBuilder().setIntrinsics(k).build())
        .withWorldToCamera(photo.worldToCamera());
  }

  /** The median of {@code values}; NaN when empty. */
  static double median(List<Double> values) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return ReconstructionMetrics.quantile(sorted, 0.5);
  }

  private static double sq(double x) {
    return x * x;
  }

  private static PointCloud readCloud(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return Ply.readCloud(in, file.toString());
    }
  }

  private static DepthPng.DepthImage readDepth(Path file, double scaleMmPerUnit)
      throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return DepthPng.read(in, scaleMmPerUnit, file.toString());
    }
  }
}
