package io.headrecon.transforms.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.headrecon.proto.ProtoJson;
import io.headrecon.proto.SubjectMetrics;
import io.headrecon.proto.ViewMetrics;
import org.junit.jupiter.api.Test;

class MetricsJsonTest {
  static SubjectMetrics.Builder metrics() {
    return SubjectMetrics.newBuilder()
        .setSubjectId("s")
        .setViewsTotal(2)
        .setViewsRegistered(1)
        .setFusedPointCount(110_683)
        .addViews(
            ViewMetrics.newBuilder()
                .setViewId("a")
                .setRegistered(true)
                .setPointCount(10_461)
                .setIcpFitness(0.99990653332)
                .setIcpInlierRmseMm(0.4207063000904722)
                .setRotationErrorDeg(0.0034020290536569235))
        .addViews(ViewMetrics.newBuilder().setViewId("b").setRegistered(false))
        .putStageMillis("fusion", 28208.888545)
        .setVerdict("ok");
  }

  @Test
  void roundsToWhatTheFiguresMeanAndPrintsCountsAsNumbers() {
    String json = MetricsJson.toJson(metrics().build());
    assertThat(json)
        .contains("\"fusedPointCount\": 110683")
        .contains("\"pointCount\": 10461")
        .contains("\"icpInlierRmseMm\": 0.42,")
        .contains("\"icpFitness\": 0.9999,")
        .contains("\"rotationErrorDeg\": 0.003")
        .contains("\"fusion\": 28208.9")
        .contains("\"registered\": false")
        .doesNotContain("icpIterations")
        .doesNotContain("coverage");
    SubjectMetrics back = ProtoJson.fromJson(json, SubjectMetrics.newBuilder(), "test");
    assertThat(back.getFusedPointCount()).isEqualTo(110_683);
    assertThat(back.getViews(0).getIcpInlierRmseMm()).isEqualTo(0.42);
    assertThat(back.getViews(1).getRegistered()).isFalse();
  }

  @Test
  void roundedMetricsReadBackAsTheyAreAndRoundingTwiceChangesNothing() {
    SubjectMetrics once = MetricsJson.rounded(metrics().build());
    assertThat(once.getViews(0).getIcpInlierRmseMm()).isEqualTo(0.42);
    assertThat(MetricsJson.rounded(once)).isEqualTo(once);
    assertThat(MetricsJson.toJson(once)).isEqualTo(MetricsJson.toJson(metrics().build()));
  }

  @Test
  void coverageStaysWhenMeasuredAgainstGroundTruth() {
    String json = MetricsJson.toJson(metrics().setChamferMeanMm(0.37529).setCoverage(0.0).build());
    assertThat(json).contains("\"coverage\": 0.0").contains("\"chamferMeanMm\": 0.38");
  }
}
