package io.headrecon.transforms.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.headrecon.proto.SubjectMetrics;
import io.headrecon.proto.ViewMetrics;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each rule of the verdict on its own, at both sides of its threshold. */
class QualityVerdictTest {

  /** A view like the good synthetic ones (medians of the calibration set). */
  static ViewMetrics.Builder goodView(String id, boolean reference) {
    ViewMetrics.Builder v =
        ViewMetrics.newBuilder()
            .setViewId(id)
            .setRegistered(true)
            .setMaskAreaFraction(0.33)
            .setLargestComponentFraction(1.0)
            .setMaskUncertainFraction(0.015)
            .setDepthRangeMm(80);
    if (!reference) {
      v.setIcpFitness(0.95).setIcpInlierRmseMm(1.2).setLandmarkResidualMm(4);
    }
    return v;
  }

  static SubjectMetrics.Builder good(int views) {
    SubjectMetrics.Builder m =
        SubjectMetrics.newBuilder()
            .setSubjectId("s")
            .setViewsTotal(views)
            .setViewsRegistered(views);
    for (int i = 0; i < views; i++) {
      m.addViews(goodView("v" + i, i == 0));
    }
    return m;
  }

  /** {@code metrics} with every view changed by {@code change}. */
  static SubjectMetrics allViews(
      SubjectMetrics.Builder metrics, java.util.function.Consumer<ViewMetrics.Builder> change) {
    for (ViewMetrics.Builder v : metrics.getViewsBuilderList()) {
      change.accept(v);
    }
    return metrics.build();
  }

  @Test
  void goodSubjectsAreOkWhateverTheirViewCount() {
    for (int views : List.of(1, 2, 3, 19)) {
      SubjectMetrics judged = QualityVerdict.judged(good(views).build());
      assertThat(judged.getVerdict()).as(views + " views").isEqualTo("ok");
      assertThat(judged.getQualityReasonsList()).isEmpty();
    }
  }

  @Test
  void rulesWithoutTheirSignalAreSkipped() {
    // Ground-truth depth has no mask uncertainty; a single view has no ICP figures.
    SubjectMetrics.Builder m = good(1);
    m.getViewsBuilder(0).clearMaskUncertainFraction().clearDepthRangeMm();
    assertThat(QualityVerdict.reasons(m.build())).isEmpty();
  }

  @Test
  void fewViewsRegistered() {
    SubjectMetrics.Builder m = good(4).setViewsTotal(5).setViewsRegistered(3);
    assertThat(QualityVerdict.reasons(m.build())).isEmpty(); // 3 of 5 >= half
    m.setViewsTotal(7); // 3 of 7 < half
    assertThat(QualityVerdict.reasons(m.build()))
        .containsExactly(QualityVerdict.FEW_VIEWS_REGISTERED);
  }

  @Test
  void fewViewsMerged() {
    SubjectMetrics.Builder m = good(4).setViewsTotal(4).setViewsRegistered(4);
    for (int i = 0; i < 4; i++) {
      m.getViewsBuilder(i).setMerged(i < 2);
    }
    assertThat(QualityVerdict.reasons(m.build())).isEmpty(); // 2 of 4 >= half
    m.getViewsBuilder(1).setMerged(false); // 1 of 4 < half
    assertThat(QualityVerdict.reasons(m.build())).containsExactly(QualityVerdict.FEW_VIEWS_MERGED);
  }

  @Test
  void eachMaskRuleAtBothSidesOfItsThreshold() {
    double e = 1e-6;
    assertThat(reasons(v -> v.setMaskAreaFraction(QualityVerdict.MIN_MASK_AREA_FRACTION + e)))
        .isEmpty();
    assertThat(reasons(v -> v.setMaskAreaFraction(QualityVerdict.MIN_MASK_AREA_FRACTION - e)))
        .containsExactly(QualityVerdict.MASK_TOO_SMALL);
    assertThat(
            reasons(
                v ->
                    v.setLargestComponentFraction(
                        QualityVerdict.MIN_LARGEST_COMPONENT_FRACTION + e)))
        .isEmpty();
    assertThat(
            reasons(
                v ->
                    v.setLargestComponentFraction(
                        QualityVerdict.MIN_LARGEST_COMPONENT_FRACTION - e)))
        .containsExactly(QualityVerdict.MASK_FRAGMENTED);
    assertThat(
            reasons(
                v -> v.setMaskUncertainFraction(QualityVerdict.MAX_MASK_UNCERTAIN_FRACTION - e)))
        .isEmpty();
    assertThat(
            reasons(
                v -> v.setMaskUncertainFraction(QualityVerdict.MAX_MASK_UNCERTAIN_FRACTION + e)))
        .containsExactly(QualityVerdict.MASK_UNCERTAIN);
    assertThat(reasons(v -> v.setDepthRangeMm(QualityVerdict.MIN_DEPTH_RANGE_MM - e)))
        .containsExactly(QualityVerdict.DEPTH_RANGE_IMPLAUSIBLE);
    assertThat(reasons(v -> v.setDepthRangeMm(QualityVerdict.MAX_DEPTH_RANGE_MM + e)))
        .containsExactly(QualityVerdict.DEPTH_RANGE_IMPLAUSIBLE);
  }

  @Test
  void registrationRulesReadOnlyAlignedViews() {
    double e = 1e-6;
    assertThat(
            reasons(v -> setIfAligned(v, b -> b.setIcpFitness(QualityVerdict.MIN_ICP_FITNESS - e))))
        .containsExactly(QualityVerdict.LOW_ICP_FITNESS);
    assertThat(
            reasons(
                v ->
                    setIfAligned(v, b -> b.setIcpInlierRmseMm(QualityVerdict.MAX_ICP_RMSE_MM + e))))
        .containsExactly(QualityVerdict.HIGH_ICP_RMSE);
    assertThat(
            reasons(
                v ->
                    setIfAligned(
                        v,
                        b -> b.setLandmarkResidualMm(QualityVerdict.MAX_LANDMARK_RESIDUAL_MM + e))))
        .containsExactly(QualityVerdict.HIGH_LANDMARK_RESIDUAL);
    // Unregistered views' figures do not count: a bad fit on a view that was dropped is no reason.
    SubjectMetrics.Builder m = good(5).setViewsRegistered(4);
    m.getViewsBuilder(4).setRegistered(false).setIcpFitness(0.01).setIcpInlierRmseMm(50);
    assertThat(QualityVerdict.reasons(m.build())).isEmpty();
  }

  @Test
  void oneOddViewDoesNotCondemnASubjectButAMajorityDoes() {
    SubjectMetrics.Builder m = good(5);
    m.getViewsBuilder(1).setMaskUncertainFraction(0.2).setLargestComponentFraction(0.3);
    assertThat(QualityVerdict.reasons(m.build())).isEmpty();
    m.getViewsBuilder(2).setMaskUncertainFraction(0.2).setLargestComponentFraction(0.3);
    m.getViewsBuilder(3).setMaskUncertainFraction(0.2).setLargestComponentFraction(0.3);
    assertThat(QualityVerdict.reasons(m.build()))
        .containsExactly(QualityVerdict.MASK_FRAGMENTED, QualityVerdict.MASK_UNCERTAIN);
  }

  @Test
  void verdictJoinsReasonsWithPlusAndJudgingTwiceGivesTheSame() {
    SubjectMetrics bad =
        allViews(good(3), v -> v.setMaskUncertainFraction(0.1).setMaskAreaFraction(0.01));
    SubjectMetrics judged = QualityVerdict.judged(bad);
    assertThat(judged.getVerdict()).isEqualTo("low_quality:mask_too_small+mask_uncertain");
    assertThat(judged.getQualityReasonsList())
        .containsExactly(QualityVerdict.MASK_TOO_SMALL, QualityVerdict.MASK_UNCERTAIN);
    assertThat(QualityVerdict.judged(judged)).isEqualTo(judged);
    assertThat(QualityVerdict.verdict(List.of())).isEqualTo(QualityVerdict.OK);
  }

  private static List<String> reasons(java.util.function.Consumer<ViewMetrics.Builder> change) {
    return QualityVerdict.reasons(allViews(good(3), change));
  }

  private static void setIfAligned(
      ViewMetrics.Builder v, java.util.function.Consumer<ViewMetrics.Builder> change) {
    if (v.getIcpFitness() > 0) {
      change.accept(v);
    }
  }

  @Test
  void rulesNameEveryThresholdForTheResumeDigest() {
    String rules = QualityVerdict.rules();
    for (double threshold :
        new double[] {
          QualityVerdict.MIN_REGISTERED_FRACTION,
          QualityVerdict.MIN_MASK_AREA_FRACTION,
          QualityVerdict.MIN_LARGEST_COMPONENT_FRACTION,
          QualityVerdict.MAX_MASK_UNCERTAIN_FRACTION,
          QualityVerdict.MIN_DEPTH_RANGE_MM,
          QualityVerdict.MAX_DEPTH_RANGE_MM,
          QualityVerdict.MIN_ICP_FITNESS,
          QualityVerdict.MAX_ICP_RMSE_MM,
          QualityVerdict.MAX_LANDMARK_RESIDUAL_MM
        }) {
      org.assertj.core.api.Assertions.assertThat(rules).contains(Double.toString(threshold));
    }
    org.assertj.core.api.Assertions.assertThat(rules.split(";")).hasSize(8);
  }
}
