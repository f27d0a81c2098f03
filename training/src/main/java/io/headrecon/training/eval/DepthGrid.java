package io.headrecon.training.eval;

import static io.headrecon.model.DepthNetContract.DEPTH_SCALE_MM;
import static io.headrecon.model.DepthNetContract.MASK_THRESHOLD;

import io.headrecon.training.data.ViewSample;
import java.awt.image.BufferedImage;

/**
 * An image grid, one row per view: input | ground-truth depth | predicted depth | absolute error.
 * Depth is gray (near = bright) scaled to the row's ground-truth range inside the mask; predicted
 * depth is drawn where the predicted mask is on; the error, on ground-truth head pixels, goes from
 * black (0 mm) through red to yellow ({@value #ERROR_FULL_SCALE_MM} mm and more).
 */
public final class DepthGrid {
  /** Error shown at full brightness, millimetres. */
  public static final double ERROR_FULL_SCALE_MM = 10;

  private final BufferedImage image;
  private final int size;
  private int rows;

  public DepthGrid(int viewCount, int sizePx) {
    this.size = sizePx;
    this.image = new BufferedImage(4 * sizePx, viewCount * sizePx, BufferedImage.TYPE_INT_RGB);
  }

  /**
   * Adds a row for batch item {@code index} of the contract outputs {@code depth}, {@code mask}.
   */
  public void add(ViewSample gt, float[] depth, float[] mask, int index) {
    int plane = size * size;
    int top = rows * size;
    double near = Double.POSITIVE_INFINITY;
    double far = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < plane; i++) {
      if (gt.mask()[i] && gt.depthMm()[i] > 0) {
        near = Math.min(near, gt.depthMm()[i]);
        far = Math.max(far, gt.depthMm()[i]);
      }
    }
    double range = Math.max(1, far - near);
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        int i = y * size + x;
        int j = 3 * i;
        image.setRGB(
            x,
            top + y,
            ((gt.rgb()[j] & 0xff) << 16)
                | ((gt.rgb()[j + 1] & 0xff) << 8)
                | (gt.rgb()[j + 2] & 0xff));
        double predMm = gt.referenceDepthMm() + DEPTH_SCALE_MM * depth[index * plane + i];
        boolean gtOn = gt.mask()[i] && gt.depthMm()[i] > 0;
        image.setRGB(size + x, top + y, gtOn ? gray(1 - (gt.depthMm()[i] - near) / range) : 0);
        boolean predOn = mask[index * plane + i] >= MASK_THRESHOLD;
        image.setRGB(2 * size + x, top + y, predOn ? gray(1 - (predMm - near) / range) : 0);
        image.setRGB(
            3 * size + x,
            top + y,
            gtOn ? heat(Math.abs(predMm - gt.depthMm()[i]) / ERROR_FULL_SCALE_MM) : 0);
      }
    }
    rows++;
  }

  public BufferedImage image() {
    return image;
  }

  private static int gray(double t) {
    int v = (int) Math.round(40 + 215 * Math.max(0, Math.min(1, t)));
    return (v << 16) | (v << 8) | v;
  }

  private static int heat(double t) {
    double c = Math.max(0, Math.min(1, t));
    int r = (int) Math.round(255 * Math.min(1, 2 * c));
    int g = (int) Math.round(255 * Math.max(0, 2 * c - 1));
    return (r << 16) | (g << 8);
  }
}
