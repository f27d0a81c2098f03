package io.headrecon.geometry.mvs;

/**
 * Settings of {@link PhotoConsistencyRefinement}.
 *
 * <p>The refinement sweeps two surfaces: first the prior shifted along each pixel's Z by {@code
 * coarseHypotheses} offsets evenly spaced in {@code [-searchHalfRangeMm, +searchHalfRangeMm]}, then
 * the coarse result shifted by {@code fineHypotheses} offsets in {@code [-fineHalfRangeMm,
 * +fineHalfRangeMm]}. Each pixel's window is warped with the swept surface's own shape (not a
 * fronto-parallel plane).
 *
 * @param searchHalfRangeMm half-range of the coarse sweep around the prior, millimetres
 * @param coarseHypotheses offsets in the coarse sweep (odd, at least 3)
 * @param fineHalfRangeMm half-range of the fine sweep around the coarse result, millimetres
 * @param fineHypotheses offsets in the fine sweep (odd, at least 3; 0 skips the fine sweep)
 * @param windowRadiusPx the matching window is {@code (2r+1) × (2r+1)} pixels
 * @param minValidFraction fewest window pixels (fraction of the window) that must lie on the prior
 *     mask and project into the neighbour for a score to count
 * @param minGreyStdDev below this standard deviation of the reference window's grey levels (8-bit
 *     levels, over its masked pixels) a pixel is texture-less and keeps the prior
 * @param bestNeighbours the score of a hypothesis is the mean of the best this-many neighbour NCCs
 *     (fewer when fewer neighbours see the pixel); tolerates occlusion in the others
 * @param nccLow NCC at or below which the peak term of the confidence is 0
 * @param nccHigh NCC at or above which the peak term of the confidence is 1
 * @param distinctMargin peak minus the best other local maximum (in NCC) at which the
 *     distinctiveness term of the confidence reaches 1
 * @param sharpnessMm the coarse peak must also drop by the distinct margin this far (mm) on at
 *     least one side, else its confidence falls in proportion
 * @param minConfidence pixels whose confidence is below this keep the prior (corrected by the
 *     smooth fill, see {@code fillRadiusPx})
 * @param medianRadiusPx radius of the median filter over confident corrections (0 disables it)
 * @param fillRadiusPx radius (pixels) of the confidence-weighted smoothing that carries the depth
 *     correction (refined minus prior) of confident pixels over to low-confidence pixels; 0 keeps
 *     the prior exactly there
 */
public record MvsOptions(
    double searchHalfRangeMm,
    int coarseHypotheses,
    double fineHalfRangeMm,
    int fineHypotheses,
    int windowRadiusPx,
    double minValidFraction,
    double minGreyStdDev,
    int bestNeighbours,
    double nccLow,
    double nccHigh,
    double distinctMargin,
    double sharpnessMm,
    double minConfidence,
    int medianRadiusPx,
    int fillRadiusPx) {

  public MvsOptions {
    if (!(searchHalfRangeMm > 0) || !(fineHalfRangeMm > 0)) {
      throw new IllegalArgumentException(
          "search half-ranges must be positive: " + searchHalfRangeMm + ", " + fineHalfRangeMm);
    }
    if (coarseHypotheses < 3 || coarseHypotheses % 2 == 0) {
      throw new IllegalArgumentException("coarseHypotheses must be odd and >= 3");
    }
    if (fineHypotheses != 0 && (fineHypotheses < 3 || fineHypotheses % 2 == 0)) {
      throw new IllegalArgumentException("fineHypotheses must be 0 or odd and >= 3");
    }
    if (windowRadiusPx < 1 || !(minValidFraction > 0 && minValidFraction <= 1)) {
      throw new IllegalArgumentException("need windowRadiusPx >= 1 and minValidFraction in (0, 1]");
    }
    if (!(minGreyStdDev >= 0) || bestNeighbours < 1) {
      throw new IllegalArgumentException("need minGreyStdDev >= 0 and bestNeighbours >= 1");
    }
    if (!(nccLow < nccHigh) || !(distinctMargin > 0) || !(sharpnessMm > 0)) {
      throw new IllegalArgumentException(
          "need nccLow < nccHigh and positive distinctMargin and sharpnessMm");
    }
    if (!(minConfidence >= 0 && minConfidence <= 1) || medianRadiusPx < 0 || fillRadiusPx < 0) {
      throw new IllegalArgumentException(
          "need minConfidence in [0, 1] and non-negative filter radii");
    }
  }

  /**
   * ±30 mm in 31 coarse steps (2 mm), then ±3 mm in 13 fine steps (0.5 mm), 7 × 7 windows with at
   * least half their pixels valid, texture-less below a grey standard deviation of 2 levels, the
   * best 2 neighbours, confidence from an NCC of 0.3 … 0.8, a 0.1 margin to the next peak and a 0.1
   * drop within 6 mm, threshold 0.25, 5 × 5 median, corrections carried 12 px into low-confidence
   * pixels. On rendered ICT heads at 180 × 180 px (19 views, neighbours at ±10° and ±20°) a 5 × 5
   * median beat 3 × 3 and 7 × 7 windows beat 9 × 9.
   */
  public static MvsOptions defaults() {
    return new MvsOptions(30, 31, 3, 13, 3, 0.5, 2.0, 2, 0.3, 0.8, 0.1, 6, 0.25, 2, 12);
  }

  /** These options with another coarse search half-range (mm) and hypothesis count. */
  public MvsOptions withCoarseSearch(double halfRangeMm, int hypotheses) {
    return new MvsOptions(
        halfRangeMm,
        hypotheses,
        fineHalfRangeMm,
        fineHypotheses,
        windowRadiusPx,
        minValidFraction,
        minGreyStdDev,
        bestNeighbours,
        nccLow,
        nccHigh,
        distinctMargin,
        sharpnessMm,
        minConfidence,
        medianRadiusPx,
        fillRadiusPx);
  }

  /** These options with another fine search half-range (mm) and hypothesis count (0 = none). */
  public MvsOptions withFineSearch(double halfRangeMm, int hypotheses) {
    return new MvsOptions(
        searchHalfRangeMm,
        coarseHypotheses,
        halfRangeMm,
        hypotheses,
        windowRadiusPx,
        minValidFraction,
        minGreyStdDev,
        bestNeighbours,
        nccLow,
        nccHigh,
        distinctMargin,
        sharpnessMm,
        minConfidence,
        medianRadiusPx,
        fillRadiusPx);
  }

  /** These options with another window radius (pixels). */
  public MvsOptions withWindowRadiusPx(int radiusPx) {
    return new MvsOptions(
        searchHalfRangeMm,
        coarseHypotheses,
        fineHalfRangeMm,
        fineHypotheses,
        radiusPx,
        minValidFraction,
        minGreyStdDev,
        bestNeighbours,
        nccLow,
        nccHigh,
        distinctMargin,
        sharpnessMm,
        minConfidence,
        medianRadiusPx,
        fillRadiusPx);
  }

  /** These options with another confidence threshold and fill radius (pixels; 0 = no fill). */
  public MvsOptions withFallback(double minConfidence, int fillRadiusPx) {
    return new MvsOptions(
        searchHalfRangeMm,
        coarseHypotheses,
        fineHalfRangeMm,
        fineHypotheses,
        windowRadiusPx,
        minValidFraction,
        minGreyStdDev,
        bestNeighbours,
        nccLow,
        nccHigh,
        distinctMargin,
        sharpnessMm,
        minConfidence,
        medianRadiusPx,
        fillRadiusPx);
  }

  /** Step between coarse hypotheses, millimetres. */
  public double coarseStepMm() {
    return 2 * searchHalfRangeMm / (coarseHypotheses - 1);
  }

  /** Step between fine hypotheses, millimetres (NaN when there is no fine sweep). */
  public double fineStepMm() {
    return fineHypotheses == 0 ? Double.NaN : 2 * fineHalfRangeMm / (fineHypotheses - 1);
  }
}
