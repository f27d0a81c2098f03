package io.headrecon.geometry.multiview;

/**
 * Where a view's depth network output is anchored: the camera-frame Z of the head origin that the
 * network's relief is measured from ({@link ReferenceDepth}).
 *
 * @param depthMm the reference depth, millimetres along the camera's optical axis
 * @param source how it was found
 * @param landmarksUsed landmarks the estimate rests on
 * @param residualMm RMS landmark residual of the estimate, millimetres (for {@link
 *     Source#TRIANGULATED_LANDMARKS} the median absolute deviation of the per-landmark depth
 *     offsets)
 */
public record ReferenceDepthEstimate(
    double depthMm, Source source, int landmarksUsed, double residualMm) {

  /** How a reference depth was found. */
  public enum Source {
    /** From landmarks triangulated across calibrated views. */
    TRIANGULATED_LANDMARKS,
    /** From the landmarks' apparent size against an average adult head. */
    HEAD_SIZE_PRIOR,
    /** Assumed (the dataset's camera distance): neither estimate was possible. */
    ASSUMED;

    /** Lower-case name as written in metrics.json, e.g. "triangulated_landmarks". */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
