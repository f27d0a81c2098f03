package io.headrecon.geometry.mvs;

/**
 * The matching cost: normalised cross-correlation (NCC) between the reference photo and a neighbour
 * photo warped into the reference view, over a square window around every pixel.
 *
 * <p>Only window pixels that lie on the reference mask and whose warp is valid (projects into the
 * neighbour) count; the NCC is computed from their sums, so a window at the silhouette is not
 * compared against background. Window sums are running sums, so one call costs O(pixels) whatever
 * the window size.
 *
 * <p>Not thread-safe: an instance holds scratch buffers. Use one per thread.
 */
public final class NccCost {
  private static final double MIN_WARPED_VARIANCE = 0.25; // grey levels², a flat warp is no match

  private final float[] referenceGrey;
  private final boolean[] referenceMask;
  private final int widthPx;
  private final int heightPx;
  private final int radiusPx;
  private final int minValidPixels;
  // column sums: valid count, Σr, Σr², Σw, Σw², Σrw
  private final double[] colN;
  private final double[] colR;
  private final double[] colRr;
  private final double[] colW;
  private final double[] colWw;
  private final double[] colRw;

  /**
   * @param referenceGrey the reference photo's grey levels, 0 … 255, row-major
   * @param referenceMask pixels of the reference that hold the surface (prior depth > 0)
   * @param windowRadiusPx the window is {@code (2r+1) × (2r+1)} pixels
   * @param minValidFraction fewest valid window pixels, as a fraction of the window, for a score
   */
  public NccCost(
      float[] referenceGrey,
      boolean[] referenceMask,
      int widthPx,
      int heightPx,
      int windowRadiusPx,
      double minValidFraction) {
    if (referenceGrey.length != widthPx * heightPx || referenceMask.length != widthPx * heightPx) {
      throw new IllegalArgumentException("photo and mask must have " + widthPx * heightPx + " px");
    }
    this.referenceGrey = referenceGrey;
    this.referenceMask = referenceMask;
    this.widthPx = widthPx;
    this.heightPx = heightPx;
    this.radiusPx = windowRadiusPx;
    int side = 2 * windowRadiusPx + 1;
    this.minValidPixels = Math.max(2, (int) Math.ceil(minValidFraction * side * side));
    int n = widthPx * heightPx;
    colN = new double[n];
    colR = new double[n];
    colRr = new double[n];
    colW = new double[n];
    colWw = new double[n];
    colRw = new double[n];
  }

  /**
   * Per pixel, whether its window has texture: the standard deviation of the reference grey levels
   * over the window's masked pixels is at least {@code minGreyStdDev} (8-bit levels) and enough of
   * the window is masked. False off the mask.
   */
  public boolean[] textured(double minGreyStdDev) {
    float[] ones = new float[widthPx * heightPx];
    boolean[] valid = new boolean[widthPx * heightPx];
    for (int i = 0; i < ones.length; i++) {
      ones[i] = 1;
      valid[i] = referenceMask[i];
    }
    // Against a constant warp: Σw and Σw² carry no information, the reference variance does.
    columnSums(ones, valid);
    boolean[] out = new boolean[widthPx * heightPx];
    double minVariance = minGreyStdDev * minGreyStdDev;
    rowSums(
        (p, n, r, rr, w, ww, rw) -> {
          if (referenceMask[p] && n >= minValidPixels) {
            double varR = (rr - r * r / n) / n;
            out[p] = varR >= minVariance && varR > 0;
          }
        });
    return out;
  }

  /**
   * Scores every pixel against one warped neighbour.
   *
   * @param warpedGrey the neighbour's grey levels sampled at each reference pixel's hypothesis
   * @param warpedValid where {@code warpedGrey} holds a sample (the hypothesis projects into the
   *     neighbour in front of it)
   * @param nccOut receives the NCC in [-1, 1] per pixel, NaN where there is no score (off the mask,
   *     too few valid window pixels, or a flat reference or warped window)
   */
  public void score(float[] warpedGrey, boolean[] warpedValid, float[] nccOut) {
    columnSums(warpedGrey, warpedValid);
    rowSums(
        (p, n, r, rr, w, ww, rw) -> {
          float ncc = Float.NaN;
          if (referenceMask[p] && n >= minValidPixels) {
            double varR = rr - r * r / n;
            double varW = ww - w * w / n;
            if (varR > MIN_WARPED_VARIANCE * n && varW > MIN_WARPED_VARIANCE * n) {
              double cov = rw - r * w / n;
              ncc = (float) (cov / Math.sqrt(varR * varW));
            }
          }
          nccOut[p] = ncc;
        });
  }

  /** Vertical running sums over rows y-r … y+r of the valid (masked and warped) pixels. */
  private void columnSums(float[] warped, boolean[] warpedValid) {
    int w = widthPx;
    int h = heightPx;
    int r = radiusPx;
    for (int x = 0; x < w; x++) {
      double n = 0;
      double sr = 0;
      double srr = 0;
      double sw = 0;
      double sww = 0;
      double srw = 0;
      // rows entering the window for y = 0: 0 … r-1 (r itself enters in the loop)
      for (int y = -r; y < h; y++) {
        int in = y + r;
        if (in < h) {
          int p = in * w + x;
          if (referenceMask[p] && warpedValid[p]) {
            double a = referenceGrey[p];
            double b = warped[p];
            n += 1;
            sr += a;
            srr += a * a;
            sw += b;
            sww += b * b;
            srw += a * b;
          }
        }
        int out = y - r - 1;
        if (out >= 0) {
          int p = out * w + x;
          if (referenceMask[p] && warpedValid[p]) {
            double a = referenceGrey[p];
            double b = warped[p];
            n -= 1;
            sr -= a;
            srr -= a * a;
            sw -= b;
            sww -= b * b;
            srw -= a * b;
          }
        }
        if (y >= 0) {
          int p = y * w + x;
          colN[p] = n;
          colR[p] = sr;
          colRr[p] = srr;
          colW[p] = sw;
          colWw[p] = sww;
          colRw[p] = srw;
        }
      }
    }
  }

  /** Horizontal running sums of the column sums; hands each pixel's window sums to the sink. */
  private void rowSums(WindowSink sink) {
    int w = widthPx;
    int r = radiusPx;
    for (int y = 0; y < heightPx; y++) {
      int row = y * w;
      double n = 0;
      double sr = 0;
      double srr = 0;
      double sw = 0;
      double sww = 0;
      double srw = 0;
      for (int x = -r; x < w; x++) {
        int in = x + r;
        if (in < w) {
          int p = row + in;
          n += colN[p];
          sr += colR[p];
          srr += colRr[p];
          sw += colW[p];
          sww += colWw[p];
          srw += colRw[p];
        }
        int out = x - r - 1;
        if (out >= 0) {
          int p = row + out;
          n -= colN[p];
          sr -= colR[p];
          srr -= colRr[p];
          sw -= colW[p];
          sww -= colWw[p];
          srw -= colRw[p];
        }
        if (x >= 0) {
          // counts are whole numbers; rounding removes the drift of the running sums
          sink.accept(row + x, Math.rint(n), sr, srr, sw, sww, srw);
        }
      }
    }
  }

  @FunctionalInterface
  private interface WindowSink {
    void accept(int pixel, double n, double r, double rr, double w, double ww, double rw);
  }
}
