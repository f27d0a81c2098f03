package io.headrecon.transforms.fusion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.headrecon.geometry.PointCloud;
import io.headrecon.geometry.RigidTransform;
import io.headrecon.geometry.fusion.FusionResult;
import io.headrecon.geometry.fusion.ViewResult;
import io.headrecon.proto.Camera;
import io.headrecon.proto.Extrinsics;
import io.headrecon.proto.Intrinsics;
import io.headrecon.proto.SubjectManifest;
import io.headrecon.proto.SubjectMetrics;
import io.headrecon.proto.View;
import io.headrecon.proto.ViewMetrics;
import io.headrecon.transforms.image.RgbImage;
import io.headrecon.transforms.records.SubjectResult;
import io.headrecon.transforms.records.ViewDepth;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Back-projection, fusion metrics and ground-truth metrics, each on its own. */
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
        visible);
  }

  @Test
  void backProjectionPutsEveryPixelOnThePlaneWithItsColourAndLiftsVisibleLandmarks() {
    ViewBackProjection.Projected p = ViewBackProjection.of(plane("a", 500f, false, 0));
    PointCloud cloud = p.input().cloudInCamera();
    assertThat(cloud.size()).isEqualTo(SIZE_PX * SIZE_PX);
    for (int i = 0; i < cloud.size(); i++) {
      assertThat(cloud.z(i)).isEqualTo(500f, within(1e-3f));
    }
    // pixel (0, 0) lies (0 - 19.5) / 50 * 500 = -195 mm left of and above the axis
    assertThat(cloud.x(0)).isEqualTo(-195f, within(1e-3f));
    assertThat(cloud.colorsRgb()[0] & 0xff).isEqualTo(0x33);
    assertThat(p.input().landmarksInCamera().visibleCount()).isEqualTo(34);
    assertThat(p.input().viewId()).isEqualTo("a");
  }

  @Test
  void referenceViewIsTheMostFrontal() {
    List<ViewDepth> views =
        List.of(
            plane("a", 500f, false, -40), plane("b", 500f, false, 5), plane("c", 500f, false, 90));
    assertThat(SubjectFusion.referenceView(views)).isEqualTo(1);
  }

  @Test
  void fusionMetricsReportRegisteredViewsAndPoseErrorsOnlyWhenPosesAreKnown() {
    List<ViewBackProjection.Projected> views =
        List.of(
            ViewBackProjection.of(plane("a", 500f, true, 0)),
            ViewBackProjection.of(plane("b", 500f, true, 30)));
    FusionResult fusion =
        new FusionResult(
            PointCloud.empty(),
            List.of(
                new ViewResult(
                    "a",
                    true,
                    ViewResult.Initialisation.REFERENCE,
                    RigidTransform.identity(),
                    Double.NaN,
                    Double.NaN,
                    Double.NaN),
                new ViewResult(
                    "b",
                    false,
                    ViewResult.Initialisation.LANDMARKS,
                    RigidTransform.identity(),
                    0.9,
                    1.5,
                    2.0)),
            0);
    // The reference camera is 10 mm to the side of the world origin: its pose error is zero.
    RigidTransform referenceToWorld = views.get(0).camera().cameraToWorld();
    SubjectMetrics m =
        FusionMetrics.addViews(
                SubjectMetrics.newBuilder(),
                views,
                fusion,
                referenceToWorld,
                true,
                new boolean[] {true, true})
            .build();
    assertThat(m.getViewsRegistered()).isEqualTo(1);
    ViewMetrics a = m.getViews(0);
    assertThat(a.getRegistered()).isTrue();
    assertThat(a.getPointCount()).isEqualTo(SIZE_PX * SIZE_PX);
    assertThat(a.getLandmarksUsed()).isEqualTo(34);
    assertThat(a.hasRotationErrorDeg()).isTrue();
    assertThat(a.getTranslationErrorMm()).isEqualTo(0.0, within(1e-9));
    assertThat(a.getIcpFitness()).isZero(); // NaN (the reference view) stays unset
    ViewMetrics b = m.getViews(1);
    assertThat(b.getRegistered()).isFalse();
    assertThat(b.hasRotationErrorDeg()).isFalse();
    SubjectMetrics unposed =
        FusionMetrics.addViews(
                SubjectMetrics.newBuilder(),
                views,
                fusion,
                RigidTransform.identity(),
                false,
                new boolean[] {true, true})
            .build();
    assertThat(unposed.getViews(0).hasRotationErrorDeg()).isFalse();
  }

  @Test
  void groundTruthMetricsAreSetOnlyWhenBothCloudsHavePoints() {
    float[] grid = new float[3 * 400];
    for (int i = 0; i < 400; i++) {
      grid[3 * i] = i % 20;
      grid[3 * i + 1] = i / 20;
      grid[3 * i + 2] = 100;
    }
    PointCloud truth = PointCloud.of(grid);
    float[] shifted = grid.clone();
    for (int i = 0; i < 400; i++) {
      shifted[3 * i + 2] += 0.5f;
    }
    SubjectMetrics m =
        GroundTruthMetrics.addTo(SubjectMetrics.newBuilder(), PointCloud.of(shifted), truth)
            .build();
    assertThat(m.getChamferMeanMm()).isEqualTo(0.5, within(1e-4));
    assertThat(m.getFscore1Mm()).isEqualTo(1.0);
    assertThat(m.getCoverage()).isEqualTo(1.0);
    SubjectMetrics none =
        GroundTruthMetrics.addTo(SubjectMetrics.newBuilder(), PointCloud.empty(), truth).build();
    assertThat(none.hasChamferMeanMm()).isFalse();
  }

  @Test
  void resultsWithoutAWorldFrameOrMeshAreNotMeasured() {
    SubjectManifest withMesh =
        SubjectManifest.newBuilder()
            .setGroundTruth(
                io.headrecon.proto.SubjectGroundTruth.newBuilder().setMeshUri("/gt/mesh.ply"))
            .build();
    PointCloud some = PointCloud.of(new float[] {0, 0, 1});
    assertThat(MeasureAgainstGroundTruth.hasGroundTruth(result(some, true, withMesh))).isTrue();
    assertThat(MeasureAgainstGroundTruth.hasGroundTruth(result(some, false, withMesh))).isFalse();
    assertThat(
            MeasureAgainstGroundTruth.hasGroundTruth(
                result(some, true, SubjectManifest.getDefaultInstance())))
        .isFalse();
    assertThat(MeasureAgainstGroundTruth.hasGroundTruth(result(PointCloud.empty(), true, withMesh)))
        .isFalse();
  }

  private static SubjectResult result(
      PointCloud cloud, boolean worldFrame, SubjectManifest manifest) {
    return new SubjectResult(
        "s",
        cloud,
        worldFrame,
        SubjectMetrics.getDefaultInstance(),
        java.util.Map.of(),
        java.util.Map.of(),
        manifest);
  }
}
