package io.headrecon.transforms.quality;

import io.headrecon.geometry.metrics.ReconstructionMetrics;
import io.headrecon.proto.ViewMetrics;
import io.headrecon.transforms.records.ViewDepth;
import java.util.Arrays;

/**
 * The per-view quality signals of a depth estimate, cheap to compute from what the pipeline already
 * has: the mask (pixels with depth), its area and connectedness, the depth range over it, and the
 * network's mask uncertainty. {@link QualityVerdict} judges a subject from them. Plain Java, no
 * I/O.
 */
public final class ViewSignals {
  private ViewSignals() {}

  /** Head probabilities above this and below {@link #UNCERTAIN_HIGH} count as uncertain. */
  public static final float UNCERTAIN_LOW = 0.1f;

  /** See {@link #UNCERTAIN_LOW}. */
  public static final float UNCERTAIN_HIGH = 0.9f;

  /** Fewest mask pixels for a depth range, pixels; fewer give no range. */
  static final int MIN_PIXELS_FOR_RANGE = 20;

  /**
   * The network's mask uncertainty: pixels whose head probability lies strictly between {@link
   * #UNCERTAIN_LOW} and {@link #UNCERTAIN_HIGH}, per image pixel, [0, 1]. A head the network
   * recognises has a sharp silhouette (about 1-2 % of the pixels uncertain, a band along the
   * outline); flat colour, noise, objects and sideways heads give a wide uncertain band.
   *
   * @param maskProbability the head probability of every pixel
   */
  public static float maskUncertainFraction(float[] maskProbability) {
    if (maskProbability.length == 0) {
      return Float.NaN;
    }
    int uncertain = 0;
    for (float p : maskProbability) {
      if (p > UNCERTAIN_LOW && p < UNCERTAIN_HIGH) {
        uncertain++;
      }
    }
    return (float) uncertain / maskProbability.length;
  }

  /**
   * Sets the view's signals on {@code metrics}: mask area fraction, largest component fraction and
   * depth range always (0 when the mask is empty; no range under {@value #MIN_PIXELS_FOR_RANGE}
   * mask pixels), the mask uncertainty when the depth came from the network, and where the head was
   * cropped from the photo when it was.
   */
  public static ViewMetrics.Builder addTo(ViewMetrics.Builder metrics, ViewDepth view) {
    float[] depth = view.depthMm();
    int width = view.image().widthPx();
    int height = view.image().heightPx();
    boolean[] mask = new boolean[depth.length];
    int area = 0;
    for (int i = 0; i < depth.length; i++) {
      mask[i] = depth[i] > 0;
      area += mask[i] ? 1 : 0;
    }
    metrics.setMaskAreaFraction(depth.length == 0 ? 0 : (double) area / depth.length);
    metrics.setLargestComponentFraction(
        area == 0 ? 0 : (double) largestComponent(mask, width, height) / area);
    if (area >= MIN_PIXELS_FOR_RANGE) {
      metrics.setDepthRangeMm(depthRangeMm(depth, area));
    }
    if (!Float.isNaN(view.maskUncertainFraction())) {
      metrics.setMaskUncertainFraction(view.maskUncertainFraction());
    }
    if (view.view().hasHeadCrop()) {
      metrics.setHeadCrop(view.view().getHeadCrop());
    }
    return metrics;
  }

  /** The 5th to 95th percentile spread of the positive depths, millimetres. */
  static double depthRangeMm(float[] depthMm, int positive) {
    double[] values = new double[positive];
    int k = 0;
    for (float d : depthMm) {
      if (d > 0) {
        values[k++] = d;
      }
    }
    Arrays.sort(values);
    return ReconstructionMetrics.quantile(values, 0.95)
        - ReconstructionMetrics.quantile(values, 0.05);
  }

  /** The pixel count of the largest 4-connected part of {@code mask} (row-major). */
  public static int largestComponent(boolean[] mask, int width, int height) {
    boolean[] seen = new boolean[mask.length];
    int[] queue = new int[mask.length];
    int largest = 0;
    for (int start = 0; start < mask.length; start++) {
      if (!mask[start] || seen[start]) {
        continue;
      }
      int head = 0;
      int tail = 0;
      queue[tail++] = start;
      seen[start] = true;
      while (head < tail) {
        int i = queue[head++];
        int x = i % width;
        int y = i / width;
        if (x > 0 && mask[i - 1] && !seen[i - 1]) {
          seen[i - 1] = true;
          queue[tail++] = i - 1;
        }
        if (x < width - 1 && mask[i + 1] && !seen[i + 1]) {
          seen[i + 1] = true;
          queue[tail++] = i + 1;
        }
        if (y > 0 && mask[i - width] && !seen[i - width]) {
          seen[i - width] = true;
          queue[tail++] = i - width;
        }
        if (y < height - 1 && mask[i + width] && !seen[i + width]) {
          seen[i + width] = true;
          queue[tail++] = i + width;
        }
      }
      largest = Math.max(largest, tail);
    }
    return largest;
  }
}
