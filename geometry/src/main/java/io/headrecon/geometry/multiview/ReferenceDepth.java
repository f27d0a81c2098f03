package io.headrecon.geometry.multiview;

import io.headrecon.geometry.Landmarks3d;
import io.headrecon.geometry.PinholeCamera;
import io.headrecon.geometry.SimilarityTransform;
import io.headrecon.geometry.metrics.ReconstructionMetrics;
import io.headrecon.geometry.registration.Umeyama;
import java.util.Arrays;
import java.util.Optional;

/**
 * Anchors a depth network's relative output in metric depth. The network predicts each pixel's
 * depth relative to a reference depth (the head origin's camera-frame Z); a view decoded with a
 * provisional reference {@code Z0} gives landmark depths {@code z_k = Z0 + r_k} where {@code r_k}
 * is the predicted relief. This class finds the reference from the data, never from the world
 * origin:
 *
 * <ul>
 *   <li>{@link #fromTriangulatedLandmarks}: with calibrated views, the landmarks triangulated
 *       across views give each landmark's true camera-frame Z; the reference moves by the median of
 *       {@code Z_k - z_k};
 *   <li>{@link #fromHeadSize}: with one camera alone, the landmarks back-projected at a trial
 *       reference are compared with an average head's landmarks; lateral size grows linearly with
 *       depth while the relief does not, so the reference is scaled until the similarity fit to the
 *       template has unit scale.
 * </ul>
 */
public final class ReferenceDepth {
  private ReferenceDepth() {}

  /**
   * The reference depth of one calibrated view from triangulated landmarks.
   *
   * @param camera the view's calibrated camera (world-to-camera pose)
   * @param landmarkDepthMm the network's Z depth per landmark decoded with {@code
   *     provisionalReferenceMm}, millimetres (0 = unknown)
   * @param visible which landmarks the view sees
   * @param triangulated world position per landmark, null where not triangulated
   * @param provisionalReferenceMm the reference depth the view was decoded with, millimetres
   * @param minLandmarks fewest landmarks to trust (else empty)
   */
  public static Optional<ReferenceDepthEstimate> fromTriangulatedLandmarks(
      PinholeCamera camera,
      float[] landmarkDepthMm,
      boolean[] visible,
      TriangulatedPoint[] triangulated,
      double provisionalReferenceMm,
      int minLandmarks) {
    double[] offsets = new double[visible.length];
    int n = 0;
    for (int k = 0; k < visible.length; k++) {
      TriangulatedPoint t = triangulated[k];
      if (!visible[k] || t == null || !(landmarkDepthMm[k] > 0)) {
        continue;
      }
      double trueDepthMm = camera.worldToCamera().apply(t.positionMm())[2];
      if (trueDepthMm > 0) {
        offsets[n++] = trueDepthMm - landmarkDepthMm[k];
      }
    }
    if (n < Math.max(1, minLandmarks)) {
      return Optional.empty();
    }
    double[] used = Arrays.copyOf(offsets, n);
    double shift = median(used);
    double[] deviation = new double[n];
    for (int i = 0; i < n; i++) {
      deviation[i] = Math.abs(used[i] - shift);
    }
    return Optional.of(
        new ReferenceDepthEstimate(
            provisionalReferenceMm + shift,
            ReferenceDepthEstimate.Source.TRIANGULATED_LANDMARKS,
            n,
            median(deviation)));
  }

  /**
   * The reference depth of one view from the apparent size of its landmarks: the depth at which the
   * view's landmarks (back-projected with the predicted relief) have the size of {@code template}.
   * Fits a similarity transform template → view landmarks, drops the worst fifth of the landmarks
   * once, and iterates {@code Z ← Z / scale} until the scale is 1 within 1e-4.
   *
   * @param camera the view's intrinsics (its pose is not used)
   * @param landmarksPx x, y per landmark, pixels
   * @param landmarkDepthMm the network's Z depth per landmark decoded with {@code
   *     provisionalReferenceMm}, millimetres (0 = unknown)
   * @param visible which landmarks the view sees
   * @param template an average adult head's landmarks in one consistent frame, millimetres (only
   *     its shape and size matter)
   * @param provisionalReferenceMm the reference depth the view was decoded with, millimetres
   * @param minLandmarks fewest landmarks to trust (at least 4)
   */
  public static Optional<ReferenceDepthEstimate> fromHeadSize(
      PinholeCamera camera,
      double[] landmarksPx,
      float[] landmarkDepthMm,
      boolean[] visible,
      Landmarks3d template,
      double provisionalReferenceMm,
      int minLandmarks) {
    int m = Math.min(visible.length, template.size());
    int[] use = new int[m];
    int n = 0;
    for (int k = 0; k < m; k++) {
      if (visible[k] && landmarkDepthMm[k] > 0 && template.isVisible(k)) {
        use[n++] = k;
      }
    }
    if (n < Math.max(4, minLandmarks)) {
      return Optional.empty();
    }
    use = Arrays.copyOf(use, n);
    double[] src = new double[3 * n];
    double[] rayX = new double[n];
    double[] rayY = new double[n];
    double[] relief = new double[n];
    for (int i = 0; i < n; i++) {
      int k = use[i];
      double[] t = template.positionMm(k);
      System.arraycopy(t, 0, src, 3 * i, 3);
      rayX[i] = (landmarksPx[2 * k] - camera.cxPx()) / camera.fxPx();
      rayY[i] = (landmarksPx[2 * k + 1] - camera.cyPx()) / camera.fyPx();
      relief[i] = landmarkDepthMm[k] - provisionalReferenceMm;
    }
    double depth = provisionalReferenceMm;
    int[] kept = null;
    double residual = Double.NaN;
    for (int iteration = 0; iteration < 50; iteration++) {
      double[] dst = new double[3 * n];
      for (int i = 0; i < n; i++) {
        double z = depth + relief[i];
        dst[3 * i] = rayX[i] * z;
        dst[3 * i + 1] = rayY[i] * z;
        dst[3 * i + 2] = z;
      }
      SimilarityTransform fit = Umeyama.estimate(src, dst, kept, true);
      double[] error = residualsMm(fit, src, dst, n);
      if (kept == null && iteration >= 2) {
        kept = bestFourFifths(error);
        continue;
      }
      residual = rms(error, kept);
      double scale = fit.scale();
      if (!(scale > 0) || !Double.isFinite(scale)) {
        return Optional.empty();
      }
      depth /= scale;
      if (Math.abs(scale - 1) < 1e-4 && kept != null) {
        break;
      }
    }
    if (!(depth > 0) || !Double.isFinite(depth)) {
      return Optional.empty();
    }
    return Optional.of(
        new ReferenceDepthEstimate(
            depth,
            ReferenceDepthEstimate.Source.HEAD_SIZE_PRIOR,
            kept == null ? n : kept.length,
            residual));
  }

  private static double[] residualsMm(SimilarityTransform fit, double[] src, double[] dst, int n) {
    double[] out = new double[n];
    double[] p = new double[3];
    for (int i = 0; i < n; i++) {
      fit.apply(src[3 * i], src[3 * i + 1], src[3 * i + 2], p);
      out[i] =
          Math.sqrt(sq(p[0] - dst[3 * i]) + sq(p[1] - dst[3 * i + 1]) + sq(p[2] - dst[3 * i + 2]));
    }
    return out;
  }

  /** Indices of the 80 % smallest residuals, in index order. */
  private static int[] bestFourFifths(double[] error) {
    Integer[] order = new Integer[error.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(error[a], error[b]));
    int keep = Math.max(4, (int) Math.ceil(0.8 * error.length));
    int[] kept = new int[keep];
    for (int i = 0; i < keep; i++) {
      kept[i] = order[i];
    }
    Arrays.sort(kept);
    return kept;
  }

  /** RMS of {@code error} over {@code kept}, or over all when null. */
  private static double rms(double[] error, int[] kept) {
    double ss = 0;
    int n = kept == null ? error.length : kept.length;
    for (int j = 0; j < n; j++) {
      int i = kept == null ? j : kept[j];
      ss += error[i] * error[i];
    }
    return Math.sqrt(ss / n);
  }

  private static double sq(double v) {
    return v * v;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return ReconstructionMetrics.quantile(sorted, 0.5);
  }
}
