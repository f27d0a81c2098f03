package io.headrecon.geometry.mvs;

import io.headrecon.geometry.PinholeCamera;
import io.headrecon.geometry.RigidTransform;
import io.headrecon.geometry.depth.DepthMap;
import java.util.Arrays;
import java.util.List;

/**
 * Refines one view's prior depth against neighbouring photos by a surface sweep with normalised
 * cross-correlation.
 *
 * <p>The swept surface is the prior itself shifted along each pixel's Z by an offset (the same for
 * all pixels of a hypothesis), so every matching window is warped with the prior's own local shape
 * rather than a fronto-parallel plane; each hypothesis warps each neighbour photo into the
 * reference view once (bilinear grey levels) and {@link NccCost} scores all windows with running
 * sums. Per hypothesis the neighbours' NCCs are aggregated as the mean of the best {@link
 * MvsOptions#bestNeighbours()} (occlusion in the others is tolerated). Per pixel the best offset is
 * refined by a parabola through its two neighbours; the confidence is the peak NCC mapped to [0, 1]
 * times the peak's distinctiveness (margin to the best other local maximum separated from it by a
 * dip).
 *
 * <p>Two sweeps: a coarse one around the prior, then a fine one around the coarse result. After
 * each, the depth correction (refined minus prior) of confident pixels is median-filtered; a smooth
 * model of the correction (a quadratic over the image, fitted robustly to the confident pixels)
 * plus the confidence-weighted smoothing of their residuals fills the other mask pixels, and
 * replaces confident pixels that disagree with it by more than 5 mm. So a low-confidence pixel
 * keeps the prior's shape, shifted like its surroundings; with {@link MvsOptions#fillRadiusPx()} =
 * 0 it keeps the prior exactly. Texture-less pixels are never matched, and a view with no confident
 * pixel keeps its prior unchanged.
 *
 * <p>Single-threaded and deterministic: identical inputs give identical outputs. Parallelise over
 * views.
 */
public final class PhotoConsistencyRefinement {
  private static final double MIN_DEPTH_IN_NEIGHBOUR_MM = 1.0;
  private static final double DIP_NCC = 0.05; // a second peak must be separated by this dip
  private static final double GLOBAL_FILL_WEIGHT = 0.02;
  private static final double OUTLIER_MM = 5.0; // matched vs filled correction, mm
  private static final int FILL_BLUR_PASSES = 3;

  private PhotoConsistencyRefinement() {}

  /**
   * Refines the reference view's prior depth.
   *
   * @param reference the view to refine; its prior's mask ({@code depth > 0}) is refined
   * @param neighbours views of the same surface from nearby poses (see {@link
   *     MvsNeighbours#nearest}); their priors are not used. With none, the prior comes back with
   *     confidence 0.
   */
  public static RefinedDepth refine(
      MvsView reference, List<MvsView> neighbours, MvsOptions options) {
    int w = reference.widthPx();
    int h = reference.heightPx();
    int n = w * h;
    float[] prior = reference.priorDepth().valuesMm();
    boolean[] mask = new boolean[n];
    int maskPixels = 0;
    for (int p = 0; p < n; p++) {
      mask[p] = prior[p] > 0 && prior[p] < Float.POSITIVE_INFINITY;
      if (mask[p]) {
        maskPixels++;
      }
    }
    NccCost cost =
        new NccCost(
            reference.greyLevels(),
            mask,
            w,
            h,
            options.windowRadiusPx(),
            options.minValidFraction());
    boolean[] textured = cost.textured(options.minGreyStdDev());
    int texturedPixels = 0;
    for (boolean t : textured) {
      if (t) {
        texturedPixels++;
      }
    }
    float[] cleanPrior = new float[n];
    for (int p = 0; p < n; p++) {
      cleanPrior[p] = mask[p] ? prior[p] : 0;
    }
    if (neighbours.isEmpty() || texturedPixels == 0) {
      return new RefinedDepth(DepthMap.of(w, h, cleanPrior), new float[n], maskPixels, 0, 0);
    }
    NeighbourWarp[] warps = new NeighbourWarp[neighbours.size()];
    for (int i = 0; i < warps.length; i++) {
      warps[i] = new NeighbourWarp(reference.camera(), neighbours.get(i));
    }
    Sweeper sweeper = new Sweeper(cost, warps, mask, textured, options);

    // coarse sweep around the prior
    Sweep coarse =
        sweeper.sweep(cleanPrior, options.searchHalfRangeMm(), options.coarseHypotheses(), null);
    float[] correction = new float[n];
    for (int p = 0; p < n; p++) {
      correction[p] = coarse.offsetMm[p];
    }
    float[] confidence = coarse.confidence;
    if (options.fineHypotheses() > 0) {
      float[] smoothCorrection = filterCorrections(correction, confidence, mask, w, h, options);
      float[] surface = new float[n];
      for (int p = 0; p < n; p++) {
        surface[p] = mask[p] ? cleanPrior[p] + smoothCorrection[p] : 0;
      }
      Sweep fine =
          sweeper.sweep(
              surface, options.fineHalfRangeMm(), options.fineHypotheses(), coarse.distinct);
      for (int p = 0; p < n; p++) {
        correction[p] = smoothCorrection[p] + fine.offsetMm[p];
      }
      confidence = fine.confidence;
    }
    float[] finalCorrection = filterCorrections(correction, confidence, mask, w, h, options);
    float[] depth = new float[n];
    float[] outConfidence = new float[n];
    int confidentPixels = 0;
    for (int p = 0; p < n; p++) {
      if (mask[p]) {
        depth[p] = Math.max(cleanPrior[p] + finalCorrection[p], Float.MIN_NORMAL);
        outConfidence[p] = textured[p] ? confidence[p] : 0;
        if (textured[p] && confidence[p] >= options.minConfidence()) {
          confidentPixels++;
        }
      }
    }
    return new RefinedDepth(
        DepthMap.of(w, h, depth), outConfidence, maskPixels, texturedPixels, confidentPixels);
  }

  /**
   * The correction of confident pixels median-filtered among themselves, and at the other mask
   * pixels the confidence-weighted smoothing of those (0 when the fill is off or nothing is
   * confident); 0 off the mask.
   */
  static float[] filterCorrections(
      float[] correction, float[] confidence, boolean[] mask, int w, int h, MvsOptions options) {
    int n = w * h;
    boolean[] confident = new boolean[n];
    int count = 0;
    for (int p = 0; p < n; p++) {
      confident[p] = mask[p] && confidence[p] >= options.minConfidence();
      if (confident[p]) {
        count++;
      }
    }
    float[] out = new float[n];
    if (count == 0) {
      return out;
    }
    int r = options.medianRadiusPx();
    float[] window = new float[(2 * r + 1) * (2 * r + 1)];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int p = y * w + x;
        if (!confident[p]) {
          continue;
        }
        int m = 0;
        for (int yy = Math.max(0, y - r); yy <= Math.min(h - 1, y + r); yy++) {
          for (int xx = Math.max(0, x - r); xx <= Math.min(w - 1, x + r); xx++) {
            int q = yy * w + xx;
            if (confident[q]) {
              window[m++] = correction[q];
            }
          }
        }
        Arrays.sort(window, 0, m);
        out[p] = m % 2 == 1 ? window[m / 2] : 0.5f * (window[m / 2 - 1] + window[m / 2]);
      }
    }
    if (options.fillRadiusPx() == 0) {
      return out;
    }
    // A smooth model of the correction over the view, fitted robustly to the confident pixels:
    // where no confident pixel is near, the fill follows it (it extrapolates a tilt, which one
    // global offset would not).
    double[] model = SmoothCorrection.fit(out, confidence, confident, w, h);
    // the model is clamped to the confident corrections' 5th … 95th percentiles: a quadratic
    // overshoots where it extrapolates (shoulders below a matched face)
    float[] sorted = new float[count];
    int m = 0;
    for (int p = 0; p < n; p++) {
      if (confident[p]) {
        sorted[m++] = out[p];
      }
    }
    Arrays.sort(sorted);
    double low = sorted[(int) (0.05 * (count - 1))];
    double high = sorted[(int) Math.ceil(0.95 * (count - 1))];
    double[] num = new double[n];
    double[] den = new double[n];
    for (int p = 0; p < n; p++) {
      if (confident[p]) {
        double residual = out[p] - clamp(SmoothCorrection.at(model, p % w, p / w, w, h), low, high);
        double weight = confidence[p] * SmoothCorrection.tukey(residual, SmoothCorrection.TUKEY_MM);
        num[p] = weight * residual;
        den[p] = weight;
      }
    }
    for (int pass = 0; pass < FILL_BLUR_PASSES; pass++) {
      boxBlur(num, w, h, options.fillRadiusPx());
      boxBlur(den, w, h, options.fillRadiusPx());
    }
    for (int p = 0; p < n; p++) {
      if (!mask[p]) {
        continue;
      }
      double fill =
          clamp(SmoothCorrection.at(model, p % w, p / w, w, h), low, high)
              + num[p] / (den[p] + GLOBAL_FILL_WEIGHT);
      if (!confident[p] || Math.abs(out[p] - fill) > OUTLIER_MM) {
        out[p] = (float) fill;
      }
    }
    return out;
  }

  /** In-place mean over (2r+1)² windows (edge pixels divided by the full window area). */
  private static void boxBlur(double[] a, int w, int h, int r) {
    double[] line = new double[Math.max(w, h)];
    double norm = 1.0 / (2 * r + 1);
    for (int y = 0; y < h; y++) {
      double s = 0;
      for (int x = 0; x < Math.min(r, w); x++) {
        s += a[y * w + x];
      }
      for (int x = 0; x < w; x++) {
        if (x + r < w) {
          s += a[y * w + x + r];
        }
        if (x - r - 1 >= 0) {
          s -= a[y * w + x - r - 1];
        }
        line[x] = s * norm;
      }
      System.arraycopy(line, 0, a, y * w, w);
    }
    for (int x = 0; x < w; x++) {
      double s = 0;
      for (int y = 0; y < Math.min(r, h); y++) {
        s += a[y * w + x];
      }
      for (int y = 0; y < h; y++) {
        if (y + r < h) {
          s += a[(y + r) * w + x];
        }
        if (y - r - 1 >= 0) {
          s -= a[(y - r - 1) * w + x];
        }
        line[y] = s * norm;
      }
      for (int y = 0; y < h; y++) {
        a[y * w + x] = line[y];
      }
    }
  }

  /** One sweep's result per pixel. */
  private record Sweep(float[] offsetMm, float[] confidence, float[] distinct) {}

  /** Runs sweeps of one reference view against its neighbours. */
  private static final class Sweeper {
    private final NccCost cost;
    private final NeighbourWarp[] warps;
    private final boolean[] mask;
    private final boolean[] textured;
    private final MvsOptions options;
    private final int n;

    Sweeper(
        NccCost cost,
        NeighbourWarp[] warps,
        boolean[] mask,
        boolean[] textured,
        MvsOptions options) {
      this.cost = cost;
      this.warps = warps;
      this.mask = mask;
      this.textured = textured;
      this.options = options;
      this.n = mask.length;
    }

    /**
     * Sweeps {@code surface + offset} for {@code count} offsets in [-halfRange, +halfRange] mm.
     *
     * @param distinctFromCoarse when given, the distinctiveness to use instead of this sweep's (a
     *     fine sweep spans less than a peak's width, so its own says nothing)
     */
    Sweep sweep(float[] surface, double halfRangeMm, int count, float[] distinctFromCoarse) {
      double step = 2 * halfRangeMm / (count - 1);
      float[] scores = new float[n * count]; // [p * count + i]
      float[][] ncc = new float[warps.length][n];
      float[] warped = new float[n];
      boolean[] valid = new boolean[n];
      float[] values = new float[warps.length];
      int best = Math.min(options.bestNeighbours(), warps.length);
      for (int i = 0; i < count; i++) {
        double offset = -halfRangeMm + i * step;
        for (int j = 0; j < warps.length; j++) {
          warps[j].warp(surface, offset, mask, warped, valid);
          cost.score(warped, valid, ncc[j]);
        }
        for (int p = 0; p < n; p++) {
          if (!textured[p]) {
            continue;
          }
          int m = 0;
          for (float[] nj : ncc) {
            float v = nj[p];
            if (!Float.isNaN(v)) {
              // insertion into descending order
              int k = m++;
              while (k > 0 && values[k - 1] < v) {
                values[k] = values[k - 1];
                k--;
              }
              values[k] = v;
            }
          }
          float score = Float.NaN;
          if (m > 0) {
            int k = Math.min(best, m);
            float s = 0;
            for (int a = 0; a < k; a++) {
              s += values[a];
            }
            score = s / k;
          }
          scores[p * count + i] = score;
        }
      }
      float[] offsetMm = new float[n];
      float[] confidence = new float[n];
      float[] distinct = new float[n];
      for (int p = 0; p < n; p++) {
        if (!textured[p]) {
          continue;
        }
        int base = p * count;
        int b = -1;
        for (int i = 0; i < count; i++) {
          float s = scores[base + i];
          if (!Float.isNaN(s) && (b < 0 || s > scores[base + b])) {
            b = i;
          }
        }
        if (b < 0) {
          continue;
        }
        float peak = scores[base + b];
        distinct[p] =
            (float)
                Math.min(
                    distinctiveness(scores, base, count, b),
                    sharpness(scores, base, count, b, step));
        if (b == 0 || b == count - 1) {
          continue; // not bracketed: the surface lies outside the range
        }
        float left = scores[base + b - 1];
        float right = scores[base + b + 1];
        double sub = 0;
        if (!Float.isNaN(left) && !Float.isNaN(right)) {
          double curvature = left - 2.0 * peak + right;
          if (curvature < 0) {
            sub = Math.max(-0.5, Math.min(0.5, 0.5 * (left - right) / curvature));
          }
        }
        offsetMm[p] = (float) (-halfRangeMm + (b + sub) * step);
        double peakTerm =
            clamp01((peak - options.nccLow()) / (options.nccHigh() - options.nccLow()));
        double distinctTerm = distinctFromCoarse != null ? distinctFromCoarse[p] : distinct[p];
        confidence[p] = (float) (peakTerm * distinctTerm);
      }
      return new Sweep(offsetMm, confidence, distinct);
    }

    /**
     * How much the score drops {@link MvsOptions#sharpnessMm()} away from the peak (the larger drop
     * of the two sides, NaN and range ends skipped), mapped to [0, 1] by the distinct margin: a
     * peak that stays as high over millimetres of depth (weak texture, or texture along the
     * epipolar lines) does not locate the surface.
     */
    private double sharpness(float[] scores, int base, int count, int b, double step) {
      int k = Math.max(1, (int) Math.round(options.sharpnessMm() / step));
      float peak = scores[base + b];
      double drop = Double.NEGATIVE_INFINITY;
      for (int i : new int[] {b - k, b + k}) {
        int j = Math.max(0, Math.min(count - 1, i));
        if (j != b && !Float.isNaN(scores[base + j])) {
          drop = Math.max(drop, peak - scores[base + j]);
        }
      }
      return drop == Double.NEGATIVE_INFINITY ? 0 : clamp01(drop / options.distinctMargin());
    }

    /**
     * The peak's margin over the best other local maximum that a dip of {@link #DIP_NCC} separates
     * from it, mapped to [0, 1] by the distinct margin; 1 when there is none.
     */
    private double distinctiveness(float[] scores, int base, int count, int b) {
      float peak = scores[base + b];
      double second = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < count; i++) {
        float s = scores[base + i];
        if (i == b || Float.isNaN(s) || s <= second) {
          continue;
        }
        boolean localMax =
            (i == 0 || !(scores[base + i - 1] > s))
                && (i == count - 1 || !(scores[base + i + 1] > s));
        if (!localMax) {
          continue;
        }
        float dip = s;
        int lo = Math.min(i, b);
        int hi = Math.max(i, b);
        for (int k = lo + 1; k < hi; k++) {
          float v = scores[base + k];
          if (Float.isNaN(v)) {
            dip = Float.NEGATIVE_INFINITY;
            break;
          }
          dip = Math.min(dip, v);
        }
        if (dip < s - DIP_NCC) {
          second = s;
        }
      }
      if (second == Double.NEGATIVE_INFINITY) {
        return 1;
      }
      return clamp01((peak - second) / options.distinctMargin());
    }
  }

  private static double clamp(double v, double low, double high) {
    return v < low ? low : v > high ? high : v;
  }

  private static double clamp01(double v) {
    return v < 0 ? 0 : v > 1 ? 1 : v;
  }

  /** Warps one neighbour photo into the reference view over a depth surface. */
  private static final class NeighbourWarp {
    private final float[] rays; // per reference pixel: referenceToNeighbour rotation of its ray
    private final double tx;
    private final double ty;
    private final double tz;
    private final double fx;
    private final double fy;
    private final double cx;
    private final double cy;
    private final int w;
    private final int h;
    private final float[] grey;

    NeighbourWarp(PinholeCamera reference, MvsView neighbour) {
      PinholeCamera camera = neighbour.camera();
      RigidTransform referenceToNeighbour = camera.worldToCamera().after(reference.cameraToWorld());
      int rw = reference.widthPx();
      int rh = reference.heightPx();
      rays = new float[3 * rw * rh];
      double[] out = new double[3];
      for (int y = 0; y < rh; y++) {
        for (int x = 0; x < rw; x++) {
          reference.unprojectToCamera(x, y, 1.0, out);
          referenceToNeighbour.rotate(out[0], out[1], out[2], out);
          int o = 3 * (y * rw + x);
          rays[o] = (float) out[0];
          rays[o + 1] = (float) out[1];
          rays[o + 2] = (float) out[2];
        }
      }
      tx = referenceToNeighbour.t(0);
      ty = referenceToNeighbour.t(1);
      tz = referenceToNeighbour.t(2);
      fx = camera.fxPx();
      fy = camera.fyPx();
      cx = camera.cxPx();
      cy = camera.cyPx();
      w = camera.widthPx();
      h = camera.heightPx();
      grey = neighbour.greyLevels();
    }

    /** Samples the neighbour at each masked pixel's point at depth surface + offset (mm). */
    void warp(float[] surface, double offsetMm, boolean[] mask, float[] out, boolean[] valid) {
      for (int p = 0; p < mask.length; p++) {
        valid[p] = false;
        if (!mask[p]) {
          continue;
        }
        double z = surface[p] + offsetMm;
        if (!(z > 0)) {
          continue;
        }
        int o = 3 * p;
        double zn = z * rays[o + 2] + tz;
        if (zn < MIN_DEPTH_IN_NEIGHBOUR_MM) {
          continue;
        }
        double u = fx * (z * rays[o] + tx) / zn + cx;
        double v = fy * (z * rays[o + 1] + ty) / zn + cy;
        if (!(u >= 0 && v >= 0 && u <= w - 1 && v <= h - 1)) {
          continue;
        }
        int x0 = Math.min((int) u, w - 2);
        int y0 = Math.min((int) v, h - 2);
        double fu = u - x0;
        double fv = v - y0;
        int q = y0 * w + x0;
        double top = grey[q] + fu * (grey[q + 1] - grey[q]);
        double bottom = grey[q + w] + fu * (grey[q + w + 1] - grey[q + w]);
        out[p] = (float) (top + fv * (bottom - top));
        valid[p] = true;
      }
    }
  }
}
