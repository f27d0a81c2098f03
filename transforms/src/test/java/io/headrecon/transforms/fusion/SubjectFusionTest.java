package io.headrecon.transforms.fusion;

import static org.assertj.core.api.Assertions.assertThat;

import io.headrecon.proto.Camera;
import io.headrecon.proto.Extrinsics;
import io.headrecon.proto.Intrinsics;
import io.headrecon.proto.View;
import io.headrecon.transforms.image.RgbImage;
import io.headrecon.transforms.records.ViewDepth;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Test views for the fusion steps, and the choice of the reference view. */
class SubjectFusionTest {
  static final int SIZE_PX = 40;
  static final double FOCAL_PX = 50;

  /** A fronto-parallel plane {@code depthMm} in front of a camera, with 68 landmarks at pixels. */
  static ViewDepth plane(String viewId, float depthMm, boolean withPose, double yawDeg) {
    Camera.Builder camera =
        Camera.newBuilder()
            .setIntrinsics(
                Intrinsics.newBuilder()
                    .setFxPx(FOCAL_PX)
                    .setFyPx(FOCAL_PX)
                    .setCxPx((SIZE_PX - 1) / 2.0)
                    .setCyPx((SIZE_PX - 1) / 2.0)
                    .setWidthPx(SIZE_PX)
                    .setHeightPx(SIZE_PX));
    if (withPose) {
      camera.setExtrinsics(
          Extrinsics.newBuilder()
              .addAllRotationWorldToCamera(List.of(1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0))
              .addAllTranslationWorldToCameraMm(List.of(10.0, 0.0, 0.0)));
    }
    float[] depth = new float[SIZE_PX * SIZE_PX];
    int[] rgb = new int[SIZE_PX * SIZE_PX];
    java.util.Arrays.fill(depth, depthMm);
    java.util.Arrays.fill(rgb, 0x336699);
    float[] px = new float[136];
    boolean[] visible = new boolean[68];
    for (int k = 0; k < 68; k++) {
      px[2 * k] = 5 + (k % 10) * 3;
      px[2 * k + 1] = 5 + (k / 10) * 4;
      visible[k] = k % 2 == 0;
    }
    return new ViewDepth(
        View.newBuilder()
            .setSubjectId("s")
            .setViewId(viewId)
            .setYawDeg(yawDeg)
            .setCamera(camera)
            .build(),
        new RgbImage(SIZE_PX, SIZE_PX, rgb),
        depth,
        px,
        new float[68],
        visible,
        Float.NaN,
        Double.NaN);
  }

  @Test
  void referenceViewIsTheMostFrontal() {
    List<ViewDepth> views =
        List.of(
            plane("a", 500f, false, -40), plane("b", 500f, false, 5), plane("c", 500f, false, 90));
    assertThat(SubjectFusion.referenceView(views)).isEqualTo(1);
  }

  @Test
  void fusingReportsTheSearchWorkAndTheCpuTimeOfEachStage() {
    // two calibrated views of the same plane: one global-pass alignment each way is possible
    List<ViewDepth> views = List.of(plane("a", 500f, true, 0), plane("b", 500f, true, 10));
    SubjectFusion.Measured measured =
        SubjectFusion.fuseMeasured(
            "s",
            views,
            0,
            io.headrecon.proto.SubjectManifest.getDefaultInstance(),
            SubjectFusion.Settings.of(1.0, false, "groundtruth", false, 0));
    assertThat(measured.cpuNanos())
        .containsOnlyKeys("metricScale", "backProjection", "fusion")
        .allSatisfy((stage, nanos) -> assertThat(nanos).isNotNegative());
    assertThat(measured.result().metrics().getStageMillisMap())
        .containsOnlyKeys("metricScale", "backProjection", "fusion");
    assertThat(measured.work().kdTreeBuilds()).isGreaterThanOrEqualTo(2);
    assertThat(measured.work().icpAlignments()).isEqualTo(2); // view b, two global passes
    assertThat(measured.work().nearestNeighbourQueries())
        .isGreaterThanOrEqualTo(measured.work().icpIterations());
    assertThat(measured.result().metrics().getViews(1).getIcpFitness()).isGreaterThan(0.5);
  }
}
