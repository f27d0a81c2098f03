package io.headrecon.training.data;

import io.headrecon.model.DepthNetContract;
import io.headrecon.model.DepthNetOutputDecoder;
import io.headrecon.model.HeadMask;
import io.headrecon.synth.render.CameraEffects;
import java.util.Random;

/**
 * Turns a {@link ViewSample} into a {@link TrainingExample}, optionally augmented.
 *
 * <p>Geometric augmentation is a zoom by {@code s}, a roll by {@code θ} about the image centre and
 * a shift by {@code (tx, ty)} pixels: {@code p' = s R(θ) (p - c) + c + t}. It is the same photo
 * taken with focal lengths times {@code s}, the camera rolled about its optical axis and a moved
 * principal point (the head crop's own errors), so depth values stay as they are and only move with
 * their pixels: the image is resampled bilinearly (edges clamped), depth, mask and weights by
 * nearest neighbour, landmarks are mapped by the same formula and become invisible when they leave
 * the image. Photometric augmentation (image only): brightness, contrast, saturation and
 * per-channel gain always, and for a share of the examples a second pass of the generator's own
 * camera model ({@link CameraEffects}: exposure, white balance, background defocus, blur, motion
 * blur, vignetting, noise, tone curve, JPEG).
 *
 * <p>Targets follow {@link HeadMask}: depth wherever a surface is seen, the mask from the ground
 * truth, and depth weight 1 in the mask and {@link HeadMask#OUTSIDE_DEPTH_WEIGHT} on other
 * surfaces.
 */
public final class Augmenter {
  private final double maxScaleChange;
  private final double maxShiftPx;
  private final double maxRollDeg;
  private final double cameraEffectsShare;

  /**
   * @param maxScaleChange zoom drawn from {@code [1 - m, 1 + m]}
   * @param maxShiftPx shift per axis drawn from {@code [-m, m]} pixels
   * @param maxRollDeg roll drawn from {@code [-m, m]} degrees
   * @param cameraEffectsShare probability of a camera-effects pass, [0, 1]
   */
  public Augmenter(
      double maxScaleChange, double maxShiftPx, double maxRollDeg, double cameraEffectsShare) {
    this.maxScaleChange = maxScaleChange;
    this.maxShiftPx = maxShiftPx;
    this.maxRollDeg = maxRollDeg;
    this.cameraEffectsShare = cameraEffectsShare;
  }

  /**
   * The default augmentation, matched to the generator's crop jitter and camera: zoom within ±8 %,
   * shifts within ±6 px, roll within ±5°, a camera-effects pass for half the examples.
   */
  public static Augmenter standard() {
    return new Augmenter(0.08, 6, 5, 0.5);
  }

  /** The example without augmentation. */
  public static TrainingExample plain(ViewSample v) {
    return warp(v, 1, 0, 0, 0);
  }

  /** An augmented example; all randomness comes from {@code random}. */
  public TrainingExample augment(ViewSample v, Random random) {
    double scale = 1 + maxScaleChange * (2 * random.nextDouble() - 1);
    double tx = maxShiftPx * (2 * random.nextDouble() - 1);
    double ty = maxShiftPx * (2 * random.nextDouble() - 1);
    double roll = maxRollDeg * (2 * random.nextDouble() - 1);
    TrainingExample e = warp(v, scale, tx, ty, roll);
    photometric(e.image(), v.sizePx(), random);
    if (random.nextDouble() < cameraEffectsShare) {
      int n = v.sizePx();
      CameraEffects effects = CameraEffects.sample(random, n, n, 35, 95);
      boolean[] surface = new boolean[n * n];
      for (int i = 0; i < surface.length; i++) {
        surface[i] = e.depthWeight()[i] > 0;
      }
      float[] image = effects.applyToPhoto(e.image(), surface, n, n, random);
      System.arraycopy(image, 0, e.image(), 0, image.length);
    }
    return e;
  }

  /** Applies the zoom {@code scale} about the centre and the shift (tx, ty) pixels. */
  static TrainingExample warp(ViewSample v, double scale, double tx, double ty) {
    return warp(v, scale, tx, ty, 0);
  }

  /**
   * Applies the zoom {@code scale} and the roll {@code rollDeg} (clockwise in the image, as the
   * camera rolls anticlockwise) about the centre, then the shift (tx, ty) pixels.
   */
  static TrainingExample warp(ViewSample v, double scale, double tx, double ty, double rollDeg) {
    int n = v.sizePx();
    int plane = n * n;
    double c = (n - 1) / 2.0;
    double cos = Math.cos(Math.toRadians(rollDeg));
    double sin = Math.sin(Math.toRadians(rollDeg));
    float[] image = new float[3 * plane];
    float[] depth = new float[plane];
    float[] mask = new float[plane];
    float[] weight = new float[plane];
    boolean identity = scale == 1 && tx == 0 && ty == 0 && rollDeg == 0;
    for (int y = 0; y < n; y++) {
      for (int x = 0; x < n; x++) {
        double sx = x;
        double sy = y;
        if (!identity) {
          double ux = (x - c - tx) / scale;
          double uy = (y - c - ty) / scale;
          sx = cos * ux + sin * uy + c; // R(-θ)
          sy = -sin * ux + cos * uy + c;
        }
        int o = y * n + x;
        bilinear(v.rgb(), n, sx, sy, image, o, plane);
        int nx = (int) Math.round(sx);
        int ny = (int) Math.round(sy);
        if (nx >= 0 && ny >= 0 && nx < n && ny < n) {
          int i = ny * n + nx;
          if (v.depthMm()[i] > 0) {
            depth[o] = DepthNetOutputDecoder.encodeDepth(v.depthMm()[i], v.referenceDepthMm());
            mask[o] = v.mask()[i] ? 1 : 0;
            weight[o] = v.mask()[i] ? 1 : HeadMask.OUTSIDE_DEPTH_WEIGHT;
          }
        }
      }
    }
    int k = DepthNetContract.LANDMARK_COUNT;
    float[] landmarks = new float[2 * k];
    float[] visible = new float[k];
    for (int i = 0; i < k; i++) {
      double ux = v.landmarksPx()[2 * i] - c;
      double uy = v.landmarksPx()[2 * i + 1] - c;
      double x = scale * (cos * ux - sin * uy) + c + tx;
      double y = scale * (sin * ux + cos * uy) + c + ty;
      landmarks[2 * i] = (float) (x / n);
      landmarks[2 * i + 1] = (float) (y / n);
      boolean inside = x >= -0.5 && y >= -0.5 && x < n - 0.5 && y < n - 0.5;
      visible[i] = v.landmarkVisible()[i] && inside ? 1 : 0;
    }
    return new TrainingExample(image, depth, mask, weight, landmarks, visible);
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
    double noise = 0.02 * random.nextDouble();
    for (int i = 0; i < image.length; i++) {
      double v = image[i] + noise * random.nextGaussian();
      image[i] = (float) Math.max(0, Math.min(1, v));
    }
  }
}
