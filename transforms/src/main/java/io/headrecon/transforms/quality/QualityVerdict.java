package io.headrecon.transforms.quality;

import io.headrecon.geometry.metrics.ReconstructionMetrics;
import io.headrecon.proto.SubjectMetrics;
import io.headrecon.proto.ViewMetrics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * The quality verdict of a reconstructed subject: {@code ok}, or {@code low_quality:<reasons>} with
 * the reasons joined by {@code +} (subjects that fail have {@code failed:<stage>} instead, given
 * where they fail). Plain Java: every rule reads signals already in {@link SubjectMetrics} (views
 * registered, ICP fitness and RMSE, landmark residuals, and each view's {@link ViewSignals}).
 *
 * <p>Per-view signals are judged by their median over the subject's views that have them, so one
 * odd view does not condemn a subject and one good view does not save a subject of bad photos. A
 * rule whose signal no view has (the mask uncertainty with ground-truth depth, ICP with one view)
 * is skipped.
 *
 * <p>The thresholds were calibrated with the shipped model on the 38 test-split subjects of the
 * model's training set ({@code GenerateDataset --numSubjects=400 --seed=2026}, 722 views): each
 * lies beyond the worst good subject with a margin, so that at least 99 % of good synthetic
 * subjects are {@code ok}; the distributions are in the model card ({@code
 * models/headrecon-depth.md}, "Quality verdict").
 */
public final class QualityVerdict {
  private QualityVerdict() {}

  /** The verdict of a subject no rule objects to. */
  public static final String OK = "ok";

  /** The prefix of a low-quality verdict; the reasons follow, joined by {@code +}. */
  public static final String LOW_QUALITY_PREFIX = "low_quality:";

  /** Reason: fewer than {@link #MIN_REGISTERED_FRACTION} of the views were registered. */
  public static final String FEW_VIEWS_REGISTERED = "few_views_registered";

  /** Reason: the median mask covers less than {@link #MIN_MASK_AREA_FRACTION} of the image. */
  public static final String MASK_TOO_SMALL = "mask_too_small";

  /** Reason: the median largest mask component is under {@link #MIN_LARGEST_COMPONENT_FRACTION}. */
  public static final String MASK_FRAGMENTED = "mask_fragmented";

  /**
   * Reason: the network's median mask uncertainty is above {@link #MAX_MASK_UNCERTAIN_FRACTION}.
   */
  public static final String MASK_UNCERTAIN = "mask_uncertain";

  /**
   * Reason: the median depth range is outside [{@link #MIN_DEPTH_RANGE_MM}, {@link
   * #MAX_DEPTH_RANGE_MM}].
   */
  public static final String DEPTH_RANGE_IMPLAUSIBLE = "depth_range_implausible";

  /** Reason: the median ICP fitness of the aligned views is under {@link #MIN_ICP_FITNESS}. */
  public static final String LOW_ICP_FITNESS = "low_icp_fitness";

  /**
   * Reason: fewer than {@link #MIN_REGISTERED_FRACTION} of the views are in the fused cloud (the
   * others were not placed, or disagreed with the rest: {@code views[].merged}).
   */
  public static final String FEW_VIEWS_MERGED = "few_views_merged";

  /** Reason: the median ICP inlier RMSE is above {@link #MAX_ICP_RMSE_MM}. */
  public static final String HIGH_ICP_RMSE = "high_icp_rmse";

  /** Reason: the median landmark residual is above {@link #MAX_LANDMARK_RESIDUAL_MM}. */
  public static final String HIGH_LANDMARK_RESIDUAL = "high_landmark_residual";

  /**
   * Fewest registered views per view of the subject (failed views count), [0, 1]. Good synthetic
   * subjects register all their views; a subject that loses half of them is not a full head.
   */
  public static final double MIN_REGISTERED_FRACTION = 0.5;

  /**
   * Smallest median mask area per image pixel, [0, 1]. Good synthetic subjects: 0.30-0.38 (the head
   * fills the frame; 0.28-0.38 per view); noise gives about 0.05. Low, so that a head photographed
   * from farther away than the training framing still passes.
   */
  public static final double MIN_MASK_AREA_FRACTION = 0.04;

  /**
   * Smallest median fraction of the mask in its largest 4-connected part, [0, 1]. Good views: one
   * silhouette (at least 0.98); noise and scattered shapes give many blobs.
   */
  public static final double MIN_LARGEST_COMPONENT_FRACTION = 0.95;

  /**
   * Largest median fraction of pixels with a head probability strictly between 0.1 and 0.9 ({@link
   * ViewSignals#maskUncertainFraction}), [0, 1]. Good views: a thin band along the outline; photos
   * that are not an upright head: a wide band.
   */
  public static final double MAX_MASK_UNCERTAIN_FRACTION = 0.035;

  /**
   * Smallest plausible median depth range of the mask (5th to 95th percentile), millimetres: a head
   * seen from any side is more than a few centimetres deep.
   */
  public static final double MIN_DEPTH_RANGE_MM = 30;

  /** Largest plausible median depth range of the mask, millimetres: a head and shoulders. */
  public static final double MAX_DEPTH_RANGE_MM = 400;

  /** Smallest median ICP fitness of the aligned views (the reference has none), [0, 1]. */
  public static final double MIN_ICP_FITNESS = 0.5;

  /** Largest median ICP inlier RMSE of the aligned views, millimetres. */
  public static final double MAX_ICP_RMSE_MM = 5;

  /** Largest median landmark residual of the aligned views, millimetres. */
  public static final double MAX_LANDMARK_RESIDUAL_MM = 30;

  /**
   * Every threshold as canonical text, for the input digests of resumable runs: a rerun whose rules
   * differ from those that judged a stored subject redoes it instead of keeping a stale verdict.
   */
  public static String rules() {
    return String.join(
        ";",
        "minRegisteredFraction=" + MIN_REGISTERED_FRACTION,
        "minMaskAreaFraction=" + MIN_MASK_AREA_FRACTION,
        "minLargestComponentFraction=" + MIN_LARGEST_COMPONENT_FRACTION,
        "maxMaskUncertainFraction=" + MAX_MASK_UNCERTAIN_FRACTION,
        "depthRangeMm=" + MIN_DEPTH_RANGE_MM + ".." + MAX_DEPTH_RANGE_MM,
        "minIcpFitness=" + MIN_ICP_FITNESS,
        "maxIcpRmseMm=" + MAX_ICP_RMSE_MM,
        "maxLandmarkResidualMm=" + MAX_LANDMARK_RESIDUAL_MM);
  }

  /** The reasons {@code metrics} is low quality, in a fixed order; empty when it is ok. */
  public static List<String> reasons(SubjectMetrics metrics) {
    List<String> reasons = new ArrayList<>();
    List<ViewMetrics> views = metrics.getViewsList();
    if (metrics.getViewsTotal() > 0
        && metrics.getViewsRegistered() < MIN_REGISTERED_FRACTION * metrics.getViewsTotal()) {
      reasons.add(FEW_VIEWS_REGISTERED);
    } else if (metrics.getViewsTotal() > 0
        && views.stream().anyMatch(ViewMetrics::hasMerged)
        && views.stream().filter(v -> v.hasMerged() && v.getMerged()).count()
            < MIN_REGISTERED_FRACTION * metrics.getViewsTotal()) {
      reasons.add(FEW_VIEWS_MERGED);
    }
    double area = median(views, ViewMetrics::hasMaskAreaFraction, ViewMetrics::getMaskAreaFraction);
    if (area < MIN_MASK_AREA_FRACTION) {
      reasons.add(MASK_TOO_SMALL);
    }
    double largest =
        median(
            views,
            ViewMetrics::hasLargestComponentFraction,
            ViewMetrics::getLargestComponentFraction);
    if (largest < MIN_LARGEST_COMPONENT_FRACTION) {
      reasons.add(MASK_FRAGMENTED);
    }
    double uncertain =
        median(views, ViewMetrics::hasMaskUncertainFraction, ViewMetrics::getMaskUncertainFraction);
    if (uncertain > MAX_MASK_UNCERTAIN_FRACTION) {
      reasons.add(MASK_UNCERTAIN);
    }
    double range = median(views, ViewMetrics::hasDepthRangeMm, ViewMetrics::getDepthRangeMm);
    if (range < MIN_DEPTH_RANGE_MM || range > MAX_DEPTH_RANGE_MM) {
      reasons.add(DEPTH_RANGE_IMPLAUSIBLE);
    }
    // ICP and landmark figures exist only for registered views other than the reference (unset,
    // i.e. 0, there).
    double fitness =
        median(views, v -> v.getRegistered() && v.getIcpFitness() > 0, ViewMetrics::getIcpFitness);
    if (fitness < MIN_ICP_FITNESS) {
      reasons.add(LOW_ICP_FITNESS);
    }
    double rmse =
        median(
            views,
            v -> v.getRegistered() && v.getIcpInlierRmseMm() > 0,
            ViewMetrics::getIcpInlierRmseMm);
    if (rmse > MAX_ICP_RMSE_MM) {
      reasons.add(HIGH_ICP_RMSE);
    }
    double residual =
        median(
            views,
            v -> v.getRegistered() && v.getLandmarkResidualMm() > 0,
            ViewMetrics::getLandmarkResidualMm);
    if (residual > MAX_LANDMARK_RESIDUAL_MM) {
      reasons.add(HIGH_LANDMARK_RESIDUAL);
    }
    return reasons;
  }

  /** {@code ok} without reasons, else {@code low_quality:} and the reasons joined by {@code +}. */
  public static String verdict(List<String> reasons) {
    return reasons.isEmpty() ? OK : LOW_QUALITY_PREFIX + String.join("+", reasons);
  }

  /** {@code metrics} with its verdict and quality reasons set (replacing any earlier ones). */
  public static SubjectMetrics judged(SubjectMetrics metrics) {
    List<String> reasons = reasons(metrics);
    return metrics.toBuilder()
        .setVerdict(verdict(reasons))
        .clearQualityReasons()
        .addAllQualityReasons(reasons)
        .build();
  }

  /**
   * The median of {@code value} over the views {@code has} accepts (the mean of the two middle ones
   * for an even count); NaN when none does, which no rule flags.
   */
  static double median(
      List<ViewMetrics> views, Predicate<ViewMetrics> has, ToDoubleFunction<ViewMetrics> value) {
    double[] values = views.stream().filter(has).mapToDouble(value).toArray();
    if (values.length == 0) {
      return Double.NaN;
    }
    Arrays.sort(values);
    return ReconstructionMetrics.quantile(values, 0.5);
  }
}
