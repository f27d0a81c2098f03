package io.headrecon.training.eval;

import static io.headrecon.model.DepthNetContract.DEPTH_SCALE_MM;
import static io.headrecon.model.DepthNetContract.LANDMARK_COUNT;
import static io.headrecon.model.DepthNetContract.MASK_THRESHOLD;
import static io.headrecon.model.DepthNetContract.VISIBILITY_THRESHOLD;

import io.headrecon.training.data.ViewSample;
import java.util.Arrays;

/**
 * Accuracy of the network on one view against its ground truth.
 *
 * <p>Depth is compared on ground-truth head pixels (GT mask on and GT depth > 0; the mask is {@link
 * io.headrecon.model.HeadMask}'s: head, hair and neck down to the collar, so a garment's depth is
 * not scored), whatever the predicted mask says, with the prediction made metric by the view's
 * reference depth: {@code Z = Z_ref + 100 d}. "Aligned" scores first scale the prediction by {@code
 * median(GT) / median(pred)} over those pixels (per-image median alignment). Landmark NME: mean 2-D
 * error over landmarks visible in the ground truth, divided by the ground-truth distance between
 * the outer eye corners (landmarks 36 and 45); NaN when no landmark is visible or the corners are
 * under 1 px apart.
 *
 * <p>Two depth diagnostics say where the error comes from. "Face" RMSE counts only the head pixels
 * inside the convex hull of the 68 ground-truth landmark projections (the face, without hair, ears,
 * neck and shoulders). "Scale+shift" RMSE first fits the predicted relief {@code Z - Z_ref} to the
 * ground-truth relief by least squares over a scale and an offset (the scale- and shift-invariant
 * error of monocular depth benchmarks): it is what remains once the head's metric size and
 * distance, which one photo of a head framed to fill the image does not show, are given.
 *
 * @param absRel mean |pred - gt| / gt
 * @param rmseMm root mean squared error, millimetres
 * @param delta125 fraction of pixels with max(pred/gt, gt/pred) below 1.25
 * @param iou intersection over union of predicted (probability at least 0.5) and GT masks
 * @param nme normalised mean landmark error (fraction of the inter-ocular distance)
 * @param visibilityAccuracy fraction of the 68 landmarks whose predicted visibility is right
 * @param rmseFaceMm RMSE inside the landmarks' convex hull, millimetres (NaN if no pixel is in it)
 * @param rmseScaleShiftMm RMSE after the least-squares scale and offset of the relief, millimetres
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
    double visibilityAccuracy,
    double rmseFaceMm,
    double rmseScaleShiftMm) {

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
    double[] hull = convexHull(gt.landmarksPx());
    double faceSquared = 0;
    int faceCount = 0;
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
        if (inside(hull, i % gt.sizePx(), i / gt.sizePx())) {
          faceSquared += (predMm[count] - gtMm[count]) * (predMm[count] - gtMm[count]);
          faceCount++;
        }
        count++;
      }
    }
    double[] raw = depthErrors(predMm, gtMm, count, 1);
    double scale = median(gtMm, count) / median(predMm, count);
    double[] aligned = depthErrors(predMm, gtMm, count, scale);
    double scaleShiftRmse = scaleShiftRmse(predMm, gtMm, count);

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
        (double) correct / LANDMARK_COUNT,
        faceCount == 0 ? Double.NaN : Math.sqrt(faceSquared / faceCount),
        scaleShiftRmse);
  }

  /**
   * RMSE of {@code a pred + b} against {@code gt} over the first n pixels, with the scale a and
   * offset b that minimise it. Fitting the relief {@code Z - Z_ref} instead gives the same
   * residuals: the offset absorbs the constant.
   */
  static double scaleShiftRmse(double[] pred, double[] gt, int n) {
    if (n < 2) {
      return Double.NaN;
    }
    double sumP = 0;
    double sumG = 0;
    for (int i = 0; i < n; i++) {
      sumP += pred[i];
      sumG += gt[i];
    }
    double meanP = sumP / n;
    double meanG = sumG / n;
    double spp = 0;
    double spg = 0;
    for (int i = 0; i < n; i++) {
      spp += (pred[i] - meanP) * (pred[i] - meanP);
      spg += (pred[i] - meanP) * (gt[i] - meanG);
    }
    double a = spp > 0 ? spg / spp : 0;
    double squared = 0;
    for (int i = 0; i < n; i++) {
      double r = a * (pred[i] - meanP) - (gt[i] - meanG);
      squared += r * r;
    }
    return Math.sqrt(squared / n);
  }

  /**
   * The convex hull of 2-D points given as {@code x0, y0, x1, y1, ...}, counter-clockwise in image
   * coordinates (Andrew's monotone chain), as the same flat layout.
   */
  static double[] convexHull(float[] xy) {
    int n = xy.length / 2;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(
        order,
        (a, b) ->
            xy[2 * a] != xy[2 * b]
                ? Float.compare(xy[2 * a], xy[2 * b])
                : Float.compare(xy[2 * a + 1], xy[2 * b + 1]));
    int[] hull = new int[2 * n];
    int k = 0;
    for (int pass = 0; pass < 2; pass++) {
      int start = k;
      for (int j = 0; j < n; j++) {
        int i = order[pass == 0 ? j : n - 1 - j];
        while (k >= start + 2 && cross(xy, hull[k - 2], hull[k - 1], i) <= 0) {
          k--;
        }
        hull[k++] = i;
      }
      k--; // the last point of each chain starts the other
    }
    double[] out = new double[2 * k];
    for (int i = 0; i < k; i++) {
      out[2 * i] = xy[2 * hull[i]];
      out[2 * i + 1] = xy[2 * hull[i] + 1];
    }
    return out;
  }

  private static double cross(float[] xy, int o, int a, int b) {
    return ((double) xy[2 * a] - xy[2 * o]) * ((double) xy[2 * b + 1] - xy[2 * o + 1])
        - ((double) xy[2 * a + 1] - xy[2 * o + 1]) * ((double) xy[2 * b] - xy[2 * o]);
  }

  /** Whether pixel centre (x, y) lies inside or on the convex polygon {@code hull}. */
  static boolean inside(double[] hull, double x, double y) {
    int m = hull.length / 2;
    if (m < 3) {
      return false;
    }
    for (int i = 0; i < m; i++) {
      int j = (i + 1) % m;
      double c =
          (hull[2 * j] - hull[2 * i]) * (y - hull[2 * i + 1])
              - (hull[2 * j + 1] - hull[2 * i + 1]) * (x - hull[2 * i]);
      if (c < 0) {
        return false;
      }
    }
    return true;
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
