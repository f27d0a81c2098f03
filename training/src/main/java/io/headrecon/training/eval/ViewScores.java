package io.headrecon.training.eval;

import static io.headrecon.training.contract.DepthNetContract.DEPTH_SCALE_MM;
import static io.headrecon.training.contract.DepthNetContract.LANDMARK_COUNT;
import static io.headrecon.training.contract.DepthNetContract.MASK_THRESHOLD;
import static io.headrecon.training.contract.DepthNetContract.VISIBILITY_THRESHOLD;

import io.headrecon.training.data.ViewSample;
import java.util.Arrays;

/**
 * Accuracy of the network on one view against its ground truth.
 *
 * <p>Depth is compared on ground-truth head pixels (GT mask on and GT depth > 0), whatever the
 * predicted mask says, with the prediction made metric by the view's reference depth: {@code Z =
 * Z_ref + 100 d}. "Aligned" scores first scale the prediction by {@code median(GT) / median(pred)}
 * over those pixels (per-image median alignment). Landmark NME: mean 2-D error over landmarks
 * visible in the ground truth, divided by the ground-truth distance between the outer eye corners
 * (landmarks 36 and 45); NaN when no landmark is visible or the corners are under 1 px apart.
 *
 * @param absRel mean |pred - gt| / gt
 * @param rmseMm root mean squared error, millimetres
 * @param delta125 fraction of pixels with max(pred/gt, gt/pred) below 1.25
 * @param iou intersection over union of predicted (probability at least 0.5) and GT masks
 * @param nme normalised mean landmark error (fraction of the inter-ocular distance)
 * @param visibilityAccuracy fraction of the 68 landmarks whose predicted visibility is right
 */
public record ViewScores(
    String subjectId,
    String viewId,
    double yawDeg,
    double absRel,
    double rmseMm,
    double delta125,
    double absRelAligned,
    double rmseAlignedMm,
    double delta125Aligned,
    double iou,
    double nme,
    double visibilityAccuracy) {

  /** Outer eye corners in the 68-point Multi-PIE order. */
  static final int LEFT_EYE_OUTER = 36;

  static final int RIGHT_EYE_OUTER = 45;

  /**
   * Scores one batch item of the contract outputs (as ONNX Runtime returns them).
   *
   * @param depth relative depth, {@code [N,1,180,180]} flat
   * @param mask head probability, {@code [N,1,180,180]} flat
   * @param landmarks {@code (x/180, y/180)}, {@code [N,68,2]} flat
   * @param visibility visibility probability, {@code [N,68]} flat
   */
  public static ViewScores of(
      ViewSample gt,
      float[] depth,
      float[] mask,
      float[] landmarks,
      float[] visibility,
      int index) {
    int plane = gt.sizePx() * gt.sizePx();
    int offset = index * plane;
    int count = 0;
    double[] predMm = new double[plane];
    double[] gtMm = new double[plane];
    int intersection = 0;
    int union = 0;
    for (int i = 0; i < plane; i++) {
      boolean gtOn = gt.mask()[i];
      boolean predOn = mask[offset + i] >= MASK_THRESHOLD;
      intersection += gtOn && predOn ? 1 : 0;
      union += gtOn || predOn ? 1 : 0;
      if (gtOn && gt.depthMm()[i] > 0) {
        gtMm[count] = gt.depthMm()[i];
        predMm[count] = gt.referenceDepthMm() + DEPTH_SCALE_MM * depth[offset + i];
        count++;
      }
    }
    double[] raw = depthErrors(predMm, gtMm, count, 1);
    double scale = median(gtMm, count) / median(predMm, count);
    double[] aligned = depthErrors(predMm, gtMm, count, scale);

    int n = gt.sizePx();
    double sum = 0;
    int visible = 0;
    int correct = 0;
    for (int k = 0; k < LANDMARK_COUNT; k++) {
      int li = (index * LANDMARK_COUNT + k) * 2;
      boolean predVisible = visibility[index * LANDMARK_COUNT + k] >= VISIBILITY_THRESHOLD;
      correct += predVisible == gt.landmarkVisible()[k] ? 1 : 0;
      if (gt.landmarkVisible()[k]) {
        double dx = landmarks[li] * n - gt.landmarksPx()[2 * k];
        double dy = landmarks[li + 1] * n - gt.landmarksPx()[2 * k + 1];
        sum += Math.hypot(dx, dy);
        visible++;
      }
    }
    double interOcular =
        Math.hypot(
            gt.landmarksPx()[2 * LEFT_EYE_OUTER] - gt.landmarksPx()[2 * RIGHT_EYE_OUTER],
            gt.landmarksPx()[2 * LEFT_EYE_OUTER + 1] - gt.landmarksPx()[2 * RIGHT_EYE_OUTER + 1]);
    double nme = visible == 0 || interOcular < 1 ? Double.NaN : sum / visible / interOcular;
    return new ViewScores(
        gt.subjectId(),
        gt.viewId(),
        gt.yawDeg(),
        raw[0],
        raw[1],
        raw[2],
        aligned[0],
        aligned[1],
        aligned[2],
        union == 0 ? 1 : (double) intersection / union,
        nme,
        (double) correct / LANDMARK_COUNT);
  }

  /** {absRel, rmse, delta<1.25} of {@code scale * pred} against gt over the first n pixels. */
  private static double[] depthErrors(double[] pred, double[] gt, int n, double scale) {
    if (n == 0) {
      return new double[] {Double.NaN, Double.NaN, Double.NaN};
    }
    double absRel = 0;
    double squared = 0;
    int within = 0;
    for (int i = 0; i < n; i++) {
      double p = pred[i] * scale;
      double g = gt[i];
      absRel += Math.abs(p - g) / g;
      squared += (p - g) * (p - g);
      double ratio = p > 0 ? Math.max(p / g, g / p) : Double.POSITIVE_INFINITY;
      within += ratio < 1.25 ? 1 : 0;
    }
    return new double[] {absRel / n, Math.sqrt(squared / n), (double) within / n};
  }

  private static double median(double[] values, int n) {
    if (n == 0) {
      return Double.NaN;
    }
    double[] sorted = Arrays.copyOf(values, n);
    Arrays.sort(sorted);
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
