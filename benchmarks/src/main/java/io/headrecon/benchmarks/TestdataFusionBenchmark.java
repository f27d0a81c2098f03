package io.headrecon.benchmarks;

import io.headrecon.geometry.Landmarks3d;
import io.headrecon.geometry.PinholeCamera;
import io.headrecon.geometry.PointCloud;
import io.headrecon.geometry.RigidTransform;
import io.headrecon.geometry.depth.BackProjection;
import io.headrecon.geometry.depth.BackProjectionOptions;
import io.headrecon.geometry.depth.DepthMap;
import io.headrecon.geometry.depth.LandmarkLifting;
import io.headrecon.geometry.fusion.FusionInput;
import io.headrecon.geometry.fusion.FusionOptions;
import io.headrecon.geometry.fusion.FusionResult;
import io.headrecon.geometry.fusion.MultiViewFusion;
import io.headrecon.geometry.fusion.ViewInput;
import io.headrecon.geometry.metrics.PoseError;
import io.headrecon.geometry.metrics.ReconstructionMetrics;
import io.headrecon.geometry.metrics.SeenSurface;
import io.headrecon.geometry.testdata.TestdataSubject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Benchmark (a command, not a test): fuses the ground-truth depth maps of testdata subjects with
 * {@link FusionOptions#defaults()} as the pipeline does, and prints per subject the median fusion
 * time over several runs, the largest view rotation error and the metrics against the seen part of
 * the ground-truth mesh. Run with {@code benchmarks/fusion_testdata.sh [runs] [subject ...]}.
 */
public final class TestdataFusionBenchmark {
  private TestdataFusionBenchmark() {}

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    List<String> subjects =
        args.length > 1
            ? Arrays.asList(args).subList(1, args.length)
            : List.of("subject-0000", "subject-0001", "subject-0002");
    for (String id : subjects) {
      TestdataSubject subject = TestdataSubject.load(id);
      List<ViewInput> inputs = new ArrayList<>();
      List<PinholeCamera> cameras = new ArrayList<>();
      List<DepthMap> depths = new ArrayList<>();
      for (TestdataSubject.TestdataView v : subject.views()) {
        PointCloud cloud =
            BackProjection.toCameraFrame(
                v.depth(), null, null, v.camera(), BackProjectionOptions.defaults());
        Landmarks3d landmarks =
            LandmarkLifting.toCameraFrame(
                v.landmarksPx(), v.landmarkVisible(), v.depth(), v.camera(), 2);
        inputs.add(ViewInput.of(v.viewId(), cloud, landmarks));
        cameras.add(v.camera());
        depths.add(v.depth());
      }
      FusionInput input = new FusionInput(inputs, subject.frontalView());
      double[] seconds = new double[runs];
      FusionResult result = null;
      for (int r = 0; r < runs; r++) {
        long t0 = System.nanoTime();
        result = MultiViewFusion.fuse(input, FusionOptions.defaults());
        seconds[r] = (System.nanoTime() - t0) / 1e9;
      }
      RigidTransform referenceToWorld = cameras.get(subject.frontalView()).cameraToWorld();
      double maxRotationDeg = 0;
      double maxTranslationMm = 0;
      for (int i = 0; i < inputs.size(); i++) {
        PoseError e =
            PoseError.of(
                referenceToWorld.after(result.views().get(i).cameraToReference()),
                cameras.get(i).cameraToWorld());
        maxRotationDeg = Math.max(maxRotationDeg, e.rotationDeg());
        maxTranslationMm = Math.max(maxTranslationMm, e.translationMm());
      }
      PointCloud fused = result.fusedCloudInReference().transformed(referenceToWorld);
      PointCloud seen =
          SeenSurface.sample(subject.mesh(), cameras, depths, 10, new Random(20261124L), 1.5);
      ReconstructionMetrics m = ReconstructionMetrics.compute(fused, seen);
      double[] sorted = seconds.clone();
      Arrays.sort(sorted);
      System.out.printf(
          "%s: fusion median %.2f s over %d runs %s; %d points; max rotation error %.4f deg,"
              + " translation %.3f mm; Chamfer mean %.3f mm, median %.3f mm, p95 %.3f mm,"
              + " F@1mm %.3f, F@2mm %.3f%n",
          id,
          sorted[runs / 2],
          runs,
          Arrays.toString(Arrays.stream(seconds).map(s -> Math.round(s * 100) / 100.0).toArray()),
          fused.size(),
          maxRotationDeg,
          maxTranslationMm,
          m.chamferMeanMm(),
          (m.accuracyMedianMm() + m.completenessMedianMm()) / 2,
          Math.max(m.accuracyP95Mm(), m.completenessP95Mm()),
          m.fScore1mm(),
          m.fScore2mm());
    }
  }
}
