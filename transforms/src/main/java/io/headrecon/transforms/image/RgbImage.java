package io.headrecon.transforms.image;

/**
 * An immutable 8-bit RGB image, pixels packed as {@code 0xRRGGBB} in row-major order (row 0 at the
 * top).
 */
public record RgbImage(int widthPx, int heightPx, int[] packedRgb) {
  public RgbImage {
    if (widthPx <= 0 || heightPx <= 0 || packedRgb.length != widthPx * heightPx) {
      throw new IllegalArgumentException(
          "image " + widthPx + "x" + heightPx + " with " + packedRgb.length + " pixels");
    }
  }

  /** The packed 0xRRGGBB value at pixel (x, y). */
  public int rgb(int x, int y) {
    return packedRgb[y * widthPx + x];
  }

  /**
   * This image resampled to {@code w × h} pixels, pixel centres mapped onto pixel centres ({@code
   * x' = (x + 0.5) * w / width - 0.5}): averaged by area along an axis that shrinks, interpolated
   * linearly along one that grows ({@link #resampled}); the same image when the size already
   * matches.
   */
  public RgbImage resized(int w, int h) {
    if (w == widthPx && h == heightPx) {
      return this;
    }
    return resampled(w, h, (double) widthPx / w, (double) heightPx / h);
  }

  /**
   * This image resampled onto a {@code w × h} grid whose pixel {@code (x', y')} covers {@code [x' *
   * sourcePxPerPxX, (x' + 1) * sourcePxPerPxX) × [y' * sourcePxPerPxY, (y' + 1) * sourcePxPerPxY)}
   * here (pixel edges; pixel {@code x} covers {@code [x, x + 1)}), so that its centre lies at
   * {@code ((x' + 0.5) * sourcePxPerPxX - 0.5, (y' + 0.5) * sourcePxPerPxY - 0.5)} in pixel-centre
   * coordinates: {@link #resized} when the scales are {@code width / w} and {@code height / h}.
   *
   * <p>Along an axis with more than one source pixel per output pixel, each output pixel is the
   * area-weighted mean of the source pixels its footprint overlaps (a box filter, what OpenCV's
   * {@code INTER_AREA} does when shrinking), so that detail finer than the output grid averages out
   * instead of aliasing; along any other axis it is interpolated linearly between the two nearest
   * pixel centres. Outside the image the edge pixels repeat (edges are not darkened). Source rows
   * are read one at a time: besides the output, one resampled row is held.
   */
  public RgbImage resampled(int w, int h, double sourcePxPerPxX, double sourcePxPerPxY) {
    return resampled(w, h, sourcePxPerPxX, sourcePxPerPxY, 0, 0);
  }

  /**
   * As {@link #resampled(int, int, double, double)}, with the grid moved by ({@code offsetXPx},
   * {@code offsetYPx}) pixels of this image: pixel {@code (x', y')} covers {@code [x' *
   * sourcePxPerPxX + offsetXPx, (x' + 1) * sourcePxPerPxX + offsetXPx) × [...]} and its centre lies
   * at {@code ((x' + 0.5) * sourcePxPerPxX - 0.5 + offsetXPx, …)}; a crop, e.g., that may reach
   * past the image, where the edge pixels repeat.
   */
  public RgbImage resampled(
      int w,
      int h,
      double sourcePxPerPxX,
      double sourcePxPerPxY,
      double offsetXPx,
      double offsetYPx) {
    Taps xs = Taps.of(w, widthPx, sourcePxPerPxX, offsetXPx);
    Taps ys = Taps.of(h, heightPx, sourcePxPerPxY, offsetYPx);
    float[] out = new float[w * h * 3];
    float[] row = new float[w * 3];
    // Each source row is resampled along x once, then added to the output rows that use it.
    int[][] outputsOfRow = ys.bySource(heightPx);
    for (int j = 0; j < heightPx; j++) {
      int[] outputs = outputsOfRow[j];
      if (outputs.length == 0) {
        continue;
      }
      resampleRow(j, xs, row);
      for (int i : outputs) {
        float weight = ys.weightOf(i, j);
        int base = i * w * 3;
        for (int k = 0; k < w * 3; k++) {
          out[base + k] += weight * row[k];
        }
      }
    }
    int[] packed = new int[w * h];
    for (int i = 0; i < packed.length; i++) {
      packed[i] = byteOf(out[3 * i]) << 16 | byteOf(out[3 * i + 1]) << 8 | byteOf(out[3 * i + 2]);
    }
    return new RgbImage(w, h, packed);
  }

  /** Row {@code y} resampled along x into {@code row} (R, G, B floats per output pixel). */
  private void resampleRow(int y, Taps xs, float[] row) {
    int offset = y * widthPx;
    for (int x = 0; x < xs.start.length; x++) {
      float r = 0;
      float g = 0;
      float b = 0;
      float[] weights = xs.weights[x];
      int s = xs.start[x];
      for (int t = 0; t < weights.length; t++) {
        int p = packedRgb[offset + s + t];
        r += weights[t] * (p >>> 16 & 0xff);
        g += weights[t] * (p >>> 8 & 0xff);
        b += weights[t] * (p & 0xff);
      }
      row[3 * x] = r;
      row[3 * x + 1] = g;
      row[3 * x + 2] = b;
    }
  }

  private static int byteOf(float v) {
    return Math.max(0, Math.min(255, Math.round(v)));
  }

  /**
   * The source pixels and weights of each output pixel along one axis: output {@code i} is {@code
   * sum_t weights[i][t] * source[start[i] + t]}, the weights summing to 1.
   */
  private static final class Taps {
    final int[] start;
    final float[][] weights;

    private Taps(int[] start, float[][] weights) {
      this.start = start;
      this.weights = weights;
    }

    /**
     * Taps of {@code outPx} output pixels over {@code sourcePx} source pixels, {@code scale} source
     * pixels per output pixel, the grid moved by {@code offset} source pixels: area means when
     * {@code scale > 1}, else linear interpolation; outside the source its edge pixels repeat.
     */
    static Taps of(int outPx, int sourcePx, double scale, double offset) {
      if (!(scale > 0) || !Double.isFinite(scale) || !Double.isFinite(offset)) {
        throw new IllegalArgumentException(
            "resampling scale " + scale + " source px per px, offset " + offset + " px");
      }
      int[] start = new int[outPx];
      float[][] weights = new float[outPx][];
      for (int i = 0; i < outPx; i++) {
        if (scale > 1) {
          double from = i * scale + offset;
          double to = from + scale;
          // the pixels the footprint overlaps, those outside the image standing for its edge pixel
          int first = clamp((int) Math.floor(from), sourcePx);
          int last = clamp((int) Math.ceil(to) - 1, sourcePx);
          double[] w = new double[last - first + 1];
          for (int j = (int) Math.floor(from); j < to; j++) {
            double overlap = Math.min(to, j + 1) - Math.max(from, j);
            w[clamp(j, sourcePx) - first] += overlap / scale;
          }
          start[i] = first;
          weights[i] = new float[w.length];
          for (int t = 0; t < w.length; t++) {
            weights[i][t] = (float) w[t];
          }
        } else {
          double f = Math.max(0, Math.min(sourcePx - 1, (i + 0.5) * scale - 0.5 + offset));
          int j0 = (int) f;
          float t = (float) (f - j0);
          start[i] = j0;
          weights[i] = j0 + 1 < sourcePx && t > 0 ? new float[] {1 - t, t} : new float[] {1};
        }
      }
      return new Taps(start, weights);
    }

    private static int clamp(int j, int sourcePx) {
      return Math.max(0, Math.min(sourcePx - 1, j));
    }

    /** For each source pixel, the output pixels that use it (ascending). */
    int[][] bySource(int sourcePx) {
      int[] counts = new int[sourcePx];
      for (int i = 0; i < start.length; i++) {
        for (int t = 0; t < weights[i].length; t++) {
          counts[start[i] + t]++;
        }
      }
      int[][] outputs = new int[sourcePx][];
      for (int j = 0; j < sourcePx; j++) {
        outputs[j] = new int[counts[j]];
        counts[j] = 0;
      }
      for (int i = 0; i < start.length; i++) {
        for (int t = 0; t < weights[i].length; t++) {
          int j = start[i] + t;
          outputs[j][counts[j]++] = i;
        }
      }
      return outputs;
    }

    /** The weight of source pixel {@code j} in output pixel {@code i} (0 if it has none). */
    float weightOf(int i, int j) {
      int t = j - start[i];
      return t >= 0 && t < weights[i].length ? weights[i][t] : 0;
    }
  }
}
