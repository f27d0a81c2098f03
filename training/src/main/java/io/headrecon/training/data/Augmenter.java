package io.headrecon.training.data;

import io.headrecon.model.DepthNetContract;
import io.headrecon.model.DepthNetOutputDecoder;
import java.util.Random;

/**
 * Turns a {@link ViewSample} into a {@link TrainingExample}, optionally augmented.
 *
 * <p>Geometric augmentation is a zoom by {@code s} about the image centre and a shift by {@code
 * (tx, ty)} pixels: {@code p' = s (p - c) + c + t}. It is the same photo taken with focal lengths
 * times {@code s} and a moved principal point, so depth values stay as they are and only move with
 * their pixels: the image is resampled bilinearly (edges clamped), depth and mask by nearest
 * neighbour, landmarks are mapped by the same formula and become invisible when they leave the
 * image. Photometric augmentation (image only): brightness, contrast, saturation, per-channel gain,
 * a Gaussian blur and Gaussian noise.
 */
public final class Augmenter {
  private final double maxScaleChange;
  private final double maxShiftPx;

  /**
   * @param maxScaleChange zoom drawn from {@code [1 - m, 1 + m]}
   * @param maxShiftPx shift per axis drawn from {@code [-m, m]} pixels
   */
  public Augmenter(double maxScaleChange, double maxShiftPx) {
    this.maxScaleChange = maxScaleChange;
    this.maxShiftPx = maxShiftPx;
  }

  /** The default augmentation: zoom within ±10 %, shifts within ±8 px. */
  public static Augmenter standard() {
    return new Augmenter(0.10, 8);
  }

  /** The example without augmentation. */
  public static TrainingExample plain(ViewSample v) {
    return warp(v, 1, 0, 0);
  }

  /** An augmented example; all randomness comes from {@code random}. */
  public TrainingExample augment(ViewSample v, Random random) {
    double scale = 1 + maxScaleChange * (2 * random.nextDouble() - 1);
    double tx = maxShiftPx * (2 * random.nextDouble() - 1);
    double ty = maxShiftPx * (2 * random.nextDouble() - 1);
    TrainingExample e = warp(v, scale, tx, ty);
    photometric(e.image(), v.sizePx(), random);
    return e;
  }

  /** Applies the zoom {@code scale} about the centre and the shift (tx, ty) pixels. */
  static TrainingExample warp(ViewSample v, double scale, double tx, double ty) {
    int n = v.sizePx();
    int plane = n * n;
    double c = (n - 1) / 2.0;
    float[] image = new float[3 * plane];
    float[] depth = new float[plane];
    float[] mask = new float[plane];
    boolean identity = scale == 1 && tx == 0 && ty == 0;
    for (int y = 0; y < n; y++) {
      double sy = identity ? y : (y - c - ty) / scale + c;
      for (int x = 0; x < n; x++) {
        double sx = identity ? x : (x - c - tx) / scale + c;
        int o = y * n + x;
        bilinear(v.rgb(), n, sx, sy, image, o, plane);
        int nx = (int) Math.round(sx);
        int ny = (int) Math.round(sy);
        if (nx >= 0 && ny >= 0 && nx < n && ny < n) {
          int i = ny * n + nx;
          if (v.mask()[i] && v.depthMm()[i] > 0) {
            mask[o] = 1;
            depth[o] = DepthNetOutputDecoder.encodeDepth(v.depthMm()[i], v.referenceDepthMm());
          }
        }
      }
    }
    int k = DepthNetContract.LANDMARK_COUNT;
    float[] landmarks = new float[2 * k];
    float[] visible = new float[k];
    for (int i = 0; i < k; i++) {
      double x = scale * (v.landmarksPx()[2 * i] - c) + c + tx;
      double y = scale * (v.landmarksPx()[2 * i + 1] - c) + c + ty;
      landmarks[2 * i] = (float) (x / n);
      landmarks[2 * i + 1] = (float) (y / n);
      boolean inside = x >= -0.5 && y >= -0.5 && x < n - 0.5 && y < n - 0.5;
      visible[i] = v.landmarkVisible()[i] && inside ? 1 : 0;
    }
    return new TrainingExample(image, depth, mask, landmarks, visible);
  }

  private static void bilinear(
      byte[] rgb, int n, double sx, double sy, float[] out, int o, int plane) {
    double cx = Math.max(0, Math.min(n - 1, sx));
    double cy = Math.max(0, Math.min(n - 1, sy));
    int x0 = (int) Math.floor(cx);
    int y0 = (int) Math.floor(cy);
    int x1 = Math.min(n - 1, x0 + 1);
    int y1 = Math.min(n - 1, y0 + 1);
    double fx = cx - x0;
    double fy = cy - y0;
    for (int ch = 0; ch < 3; ch++) {
      double v00 = rgb[3 * (y0 * n + x0) + ch] & 0xff;
      double v01 = rgb[3 * (y0 * n + x1) + ch] & 0xff;
      double v10 = rgb[3 * (y1 * n + x0) + ch] & 0xff;
      double v11 = rgb[3 * (y1 * n + x1) + ch] & 0xff;
      double top = v00 + fx * (v01 - v00);
      double bottom = v10 + fx * (v11 - v10);
      out[ch * plane + o] = (float) ((top + fy * (bottom - top)) / 255.0);
    }
  }

  private static void photometric(float[] image, int n, Random random) {
    int plane = n * n;
    double brightness = 0.08 * (2 * random.nextDouble() - 1);
    double contrast = 1 + 0.2 * (2 * random.nextDouble() - 1);
    double saturation = 1 + 0.2 * (2 * random.nextDouble() - 1);
    double[] gain = new double[3];
    for (int ch = 0; ch < 3; ch++) {
      gain[ch] = 1 + 0.05 * (2 * random.nextDouble() - 1);
    }
    double mean = 0;
    for (float v : image) {
      mean += v;
    }
    mean /= image.length;
    for (int i = 0; i < plane; i++) {
      double gray = (image[i] + image[plane + i] + image[2 * plane + i]) / 3.0;
      for (int ch = 0; ch < 3; ch++) {
        double v = image[ch * plane + i];
        v = gray + saturation * (v - gray);
        v = mean + contrast * (v - mean) + brightness;
        image[ch * plane + i] = (float) (v * gain[ch]);
      }
    }
    if (random.nextDouble() < 0.3) {
      blur3x3(image, n, 0.5 + 0.7 * random.nextDouble());
    }
    double noise = 0.02 * random.nextDouble();
    for (int i = 0; i < image.length; i++) {
      double v = image[i] + noise * random.nextGaussian();
      image[i] = (float) Math.max(0, Math.min(1, v));
    }
  }

  /** Separable 3-tap Gaussian blur with standard deviation {@code sigmaPx}, edges clamped. */
  static void blur3x3(float[] image, int n, double sigmaPx) {
    double side = Math.exp(-1 / (2 * sigmaPx * sigmaPx));
    float w1 = (float) (side / (1 + 2 * side));
    float w0 = 1 - 2 * w1;
    float[] tmp = new float[n * n];
    for (int ch = 0; ch < 3; ch++) {
      int base = ch * n * n;
      for (int y = 0; y < n; y++) {
        for (int x = 0; x < n; x++) {
          int xl = Math.max(0, x - 1);
          int xr = Math.min(n - 1, x + 1);
          tmp[y * n + x] =
              w1 * image[base + y * n + xl]
                  + w0 * image[base + y * n + x]
                  + w1 * image[base + y * n + xr];
        }
      }
      for (int y = 0; y < n; y++) {
        int yu = Math.max(0, y - 1);
        int yd = Math.min(n - 1, y + 1);
        for (int x = 0; x < n; x++) {
          image[base + y * n + x] =
              w1 * tmp[yu * n + x] + w0 * tmp[y * n + x] + w1 * tmp[yd * n + x];
        }
      }
    }
  }
}
