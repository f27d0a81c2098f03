package io.headrecon.transforms.fusion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.headrecon.geometry.PointCloud;
import io.headrecon.geometry.RigidTransform;
import io.headrecon.geometry.fusion.FusionResult;
import io.headrecon.geometry.fusion.ViewResult;
import io.headrecon.proto.SubjectMetrics;
import io.headrecon.proto.ViewMetrics;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Per-view metrics from a fusion result; pose errors only where poses are known. */
class FusionMetricsTest {
  @Test
  void fusionMetricsReportRegisteredViewsAndPoseErrorsOnlyWhenPosesAreKnown() {
    List<ViewBackProjection.Projected> views =
        List.of(
            ViewBackProjection.of(SubjectFusionTest.plane("a", 500f, true, 0)),
            ViewBackProjection.of(SubjectFusionTest.plane("b", 500f, true, 30)));
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
                    Double.NaN,
                    true),
                new ViewResult(
                    "b",
                    false,
                    ViewResult.Initialisation.LANDMARKS,
                    RigidTransform.identity(),
                    0.9,
                    1.5,
                    2.0,
                    false)),
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
    assertThat(a.hasMerged() && a.getMerged()).isTrue();
    assertThat(a.getPointCount()).isEqualTo(SubjectFusionTest.SIZE_PX * SubjectFusionTest.SIZE_PX);
    assertThat(a.getLandmarksUsed()).isEqualTo(34);
    assertThat(a.hasRotationErrorDeg()).isTrue();
    assertThat(a.getTranslationErrorMm()).isEqualTo(0.0, within(1e-9));
    assertThat(a.getIcpFitness()).isZero(); // NaN (the reference view) stays unset
    ViewMetrics b = m.getViews(1);
    assertThat(b.getRegistered()).isFalse();
    assertThat(b.hasMerged() && !b.getMerged()).isTrue();
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
}
