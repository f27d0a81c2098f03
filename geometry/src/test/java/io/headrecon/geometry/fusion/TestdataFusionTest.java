package io.headrecon.geometry.fusion;

import static org.assertj.core.api.Assertions.assertThat;

import io.headrecon.geometry.Landmarks3d;
import io.headrecon.geometry.PinholeCamera;
import io.headrecon.geometry.PointCloud;
import io.headrecon.geometry.RigidTransform;
import io.headrecon.geometry.depth.BackProjection;
import io.headrecon.geometry.depth.BackProjectionOptions;
import io.headrecon.geometry.depth.DepthMap;
import io.headrecon.geometry.depth.LandmarkLifting;
import io.headrecon.geometry.metrics.PoseError;
import io.headrecon.geometry.metrics.ReconstructionMetrics;
import io.headrecon.geometry.metrics.SeenSurface;
import io.headrecon.geometry.testdata.TestdataSubject;
import io.headrecon.geometry.testdata.TestdataSubject.TestdataView;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Fuses the ground-truth depth maps of a committed testdata subject (19 views, yaw -90° … 90°) from
 * landmarks and ICP alone (true poses only measure the result) and compares the fused cloud with
 * the seen part of the ground-truth mesh.
 */
class TestdataFusionTest {
  /** The subject laughing with its teeth showing: the hardest of the three for the mouth. */
  private static final String SUBJECT = "subject-0002";

  @Test
  void fusingGroundTruthDepthRecoversTheSeenSurfaceAndTheViewRotations() throws Exception {
    TestdataSubject subject = TestdataSubject.load(SUBJECT);
    List<ViewInput> inputs = new ArrayList<>();
    List<PinholeCamera> cameras = new ArrayList<>();
    List<DepthMap> depths = new ArrayList<>();
    for (TestdataView v : subject.views()) {
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
    int reference = subject.frontalView();

    FusionResult fusion =
        MultiViewFusion.fuse(new FusionInput(inputs, reference), FusionOptions.defaults());

    RigidTransform referenceToWorld = cameras.get(reference).cameraToWorld();
    for (int i = 0; i < inputs.size(); i++) {
      ViewResult view = fusion.views().get(i);
      assertThat(view.registered()).as(view.viewId()).isTrue();
      PoseError error =
          PoseError.of(
              referenceToWorld.after(view.cameraToReference()), cameras.get(i).cameraToWorld());
      assertThat(error.rotationDeg()).as("rotation error of " + view.viewId()).isLessThan(0.5);
    }
    PointCloud fused = fusion.fusedCloudInReference().transformed(referenceToWorld);
    PointCloud seen =
        SeenSurface.sample(subject.mesh(), cameras, depths, 10, new Random(20261124L), 1.5);
    ReconstructionMetrics m = ReconstructionMetrics.compute(fused, seen);
    assertThat(m.chamferMeanMm()).as(m.toString()).isLessThan(1.0);
    assertThat(m.fScore2mm()).as(m.toString()).isGreaterThan(0.99);
    // no seen surface left out: the 95th percentile in both directions stays near the voxel size
    assertThat(Math.max(m.accuracyP95Mm(), m.completenessP95Mm())).as(m.toString()).isLessThan(2);
  }
}
