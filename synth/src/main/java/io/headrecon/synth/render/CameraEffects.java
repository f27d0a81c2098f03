package io.headrecon.synth.render;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * What a camera and its processing do to the light that reaches it, drawn per view: exposure and
 * white balance errors, a shallow depth of field (the background out of focus, the head slightly
 * soft), motion blur, vignetting, signal-dependent sensor noise, a tone curve, 8-bit sRGB
 * quantisation, and JPEG compression at a random quality. The geometry is untouched (depth, mask
 * and landmarks stay exact): only colours change.
 *
 * @param meteringTarget the mean linear luminance auto exposure aims at, weighing the surfaces 60 %
 *     and the whole frame 40 % (gain clamped to [0.5, 2.5]); 0 = no auto exposure
 * @param exposure factor on the linear image after auto exposure (2^EV: the camera's error)
 * @param whiteBalanceRgb per-channel gains of a mis-set white balance, green 1
 * @param backgroundBlurPx Gaussian sigma of the out-of-focus background, pixels
 * @param blurPx Gaussian sigma of the whole image (focus, lens softness), pixels
 * @param motionBlurPx length of a linear motion blur, pixels (0 = none)
 * @param motionAngleRad direction of the motion blur, radians from +x
 * @param vignetting fraction of light lost at the corners of the original photo
 * @param vignetteCentrePx where the optical centre lies in this image (a crop), x and y, pixels
 * @param shotNoise variance of the noise per unit of linear signal (photon noise)
 * @param readNoise standard deviation of the signal-independent noise, linear units
 * @param contrast strength of the S-shaped tone curve (0 = plain sRGB)
 * @param jpegQuality JPEG quality 1-100, or 0 for no compression
 */
public record CameraEffects(
    double meteringTarget,
    double exposure,
    double[] whiteBalanceRgb,
    double backgroundBlurPx,
    double blurPx,
    double motionBlurPx,
    double motionAngleRad,
    double vignetting,
    double[] vignetteCentrePx,
    double shotNoise,
    double readNoise,
    double contrast,
    int jpegQuality) {

  /** What auto exposure aims at: mid grey, a little brighter (linear luminance). */
  static final double METERING_TARGET = 0.2;

  /** No effect: the rendered colours, encoded as sRGB. */
  public static CameraEffects none(int widthPx, int heightPx) {
    return new CameraEffects(
        0,
        1,
        new double[] {1, 1, 1},
        0,
        0,
        0,
        0,
        0,
        new double[] {(widthPx - 1) / 2.0, (heightPx - 1) / 2.0},
        0,
        0,
        0,
        0);
  }

  /**
   * Random effects of a portrait camera for an image of the given size (blur lengths scale with the
   * width; given here for 180 pixels).
   *
   * @param minJpegQuality lowest JPEG quality drawn (of 1-100); {@code maxJpegQuality} the highest
   */
  public static CameraEffects sample(
      Random random, int widthPx, int heightPx, int minJpegQuality, int maxJpegQuality) {
    double px = widthPx / 180.0;
    double ev = -0.6 + 1.2 * random.nextDouble();
    double temperature = 0.09 * (2 * random.nextDouble() - 1); // + = too warm
    double tintShift = 0.03 * (2 * random.nextDouble() - 1);
    double[] wb = {1 + temperature, 1 + tintShift, 1 - temperature};
    double backgroundBlur = random.nextDouble() < 0.7 ? px * 3.5 * random.nextDouble() : 0;
    double blur = random.nextDouble() < 0.5 ? px * 0.9 * random.nextDouble() : 0;
    boolean motion = random.nextDouble() < 0.2;
    double motionLength = motion ? px * (1 + 3 * random.nextDouble()) : 0;
    double motionAngle = Math.PI * random.nextDouble();
    double vignetting = 0.45 * random.nextDouble();
    double[] centre = {
      widthPx * (0.5 + 0.3 * (2 * random.nextDouble() - 1)),
      heightPx * (0.5 + 0.3 * (2 * random.nextDouble() - 1))
    };
    double iso = Math.pow(random.nextDouble(), 2);
    double shot = 0.0002 + 0.004 * iso;
    double read = 0.0005 + 0.004 * iso * random.nextDouble();
    double contrast = 0.35 * random.nextDouble();
    int quality =
        random.nextDouble() < 0.85
            ? minJpegQuality + random.nextInt(maxJpegQuality - minJpegQuality + 1)
            : 0;
    return new CameraEffects(
        METERING_TARGET,
        Math.pow(2, ev),
        wb,
        backgroundBlur,
        blur,
        motionLength,
        motionAngle,
        vignetting,
        centre,
        shot,
        read,
        contrast,
        quality);
  }

  /**
   * Develops a rendered view into the photo.
   *
   * @param surfaceLinear linear RGB of the surfaces, interleaved, already multiplied by their
   *     coverage (the fraction of the pixel's samples that hit a surface)
   * @param coverage per pixel, the fraction of samples that hit a surface, in [0, 1]
   * @param backgroundLinear linear RGB of the background at every pixel, interleaved
   * @param noise source of the sensor noise
   */
  public BufferedImage develop(
      float[] surfaceLinear,
      float[] coverage,
      float[] backgroundLinear,
      int widthPx,
      int heightPx,
      Random noise) {
    int n = widthPx * heightPx;
    float[] background = backgroundLinear;
    if (backgroundBlurPx > 0.05) {
      background = backgroundLinear.clone();
      gaussianBlur(background, widthPx, heightPx, backgroundBlurPx);
    }
    float[] img = new float[3 * n];
    for (int i = 0; i < n; i++) {
      float rest = 1 - coverage[i];
      for (int k = 0; k < 3; k++) {
        img[3 * i + k] = surfaceLinear[3 * i + k] + rest * background[3 * i + k];
      }
    }
    return finish(img, coverage, widthPx, heightPx, noise);
  }

  /**
   * Applies these effects to a photo already developed (training augmentation): its sRGB values are
   * taken back to linear light, the background (pixels that are not {@code surface}) is defocused,
   * and the rest is done as for a render.
   *
   * @param planarSrgb R, G and B planes of the photo, values in [0, 1]
   * @param surface per pixel, whether it shows a surface (null: nothing is defocused apart)
   * @return the new photo, the same layout
   */
  public float[] applyToPhoto(
      float[] planarSrgb, boolean[] surface, int widthPx, int heightPx, Random noise) {
    int n = widthPx * heightPx;
    float[] img = new float[3 * n];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < 3; k++) {
        double c = Math.max(0, Math.min(1, planarSrgb[k * n + i]));
        img[3 * i + k] = (float) (c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4));
      }
    }
    if (surface != null && backgroundBlurPx > 0.05) {
      float[] blurred = img.clone();
      gaussianBlur(blurred, widthPx, heightPx, backgroundBlurPx);
      for (int i = 0; i < n; i++) {
        if (!surface[i]) {
          System.arraycopy(blurred, 3 * i, img, 3 * i, 3);
        }
      }
    }
    BufferedImage photo = finish(img, null, widthPx, heightPx, noise);
    float[] out = new float[3 * n];
    for (int i = 0; i < n; i++) {
      int rgb = photo.getRGB(i % widthPx, i / widthPx);
      out[i] = ((rgb >> 16) & 0xff) / 255f;
      out[n + i] = ((rgb >> 8) & 0xff) / 255f;
      out[2 * n + i] = (rgb & 0xff) / 255f;
    }
    return out;
  }

  /**
   * Blur, auto exposure (metered on {@code coverage}; none without it), motion, exposure, white
   * balance, vignetting, noise, tone, sRGB and JPEG.
   */
  private BufferedImage finish(
      float[] img, float[] coverage, int widthPx, int heightPx, Random noise) {
    if (blurPx > 0.05) {
      gaussianBlur(img, widthPx, heightPx, blurPx);
    }
    if (meteringTarget > 0) {
      float gain = (float) autoExposure(img, coverage);
      for (int i = 0; i < img.length; i++) {
        img[i] *= gain;
      }
    }
    if (motionBlurPx > 0.5) {
      motionBlur(img, widthPx, heightPx, motionBlurPx, motionAngleRad);
    }
    double diagonal = Math.hypot(widthPx, heightPx) / 2;
    BufferedImage out = new BufferedImage(widthPx, heightPx, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < heightPx; y++) {
      for (int x = 0; x < widthPx; x++) {
        int i = y * widthPx + x;
        double r2 =
            (Math.pow(x - vignetteCentrePx[0], 2) + Math.pow(y - vignetteCentrePx[1], 2))
                / (diagonal * diagonal);
        double light = exposure * (1 - vignetting * Math.min(1.5, r2));
        int packed = 0;
        for (int k = 0; k < 3; k++) {
          double v = img[3 * i + k] * light * whiteBalanceRgb[k];
          if (shotNoise > 0 || readNoise > 0) {
            double sigma = Math.sqrt(shotNoise * Math.max(0, v) + readNoise * readNoise);
            v += sigma * noise.nextGaussian();
          }
          double s = srgb(Math.max(0, Math.min(1, v)));
          if (contrast > 0) {
            s = s + contrast * (s - 0.5) * s * (1 - s) * 2;
          }
          int c = (int) Math.round(255 * s);
          packed = (packed << 8) | (c < 0 ? 0 : c > 255 ? 255 : c);
        }
        out.setRGB(x, y, packed);
      }
    }
    return jpegQuality > 0 ? jpeg(out, jpegQuality) : out;
  }

  /**
   * The gain that brings the metered luminance to {@link #meteringTarget}: 60 % the surfaces' mean
   * (weighted by coverage), 40 % the frame's; in [0.5, 2.5]; 1 without {@code coverage}.
   */
  double autoExposure(float[] img, float[] coverage) {
    if (coverage == null) {
      return 1;
    }
    double frame = 0;
    double surface = 0;
    double covered = 0;
    for (int i = 0; i < coverage.length; i++) {
      double y = 0.2126 * img[3 * i] + 0.7152 * img[3 * i + 1] + 0.0722 * img[3 * i + 2];
      frame += y;
      surface += y * coverage[i];
      covered += coverage[i];
    }
    frame /= coverage.length;
    double meter = covered > 0 ? 0.6 * surface / covered + 0.4 * frame : frame;
    return Math.max(0.5, Math.min(2.5, meteringTarget / Math.max(meter, 1e-6)));
  }

  /** sRGB encoding of a linear value in [0, 1]. */
  static double srgb(double linear) {
    return linear <= 0.0031308 ? 12.92 * linear : 1.055 * Math.pow(linear, 1 / 2.4) - 0.055;
  }

  /**
   * The image after a JPEG round trip at {@code quality} (1-100) through the JDK's own encoder (the
   * same bytes on every run, whatever other ImageIO plugins are installed).
   */
  public static BufferedImage jpeg(BufferedImage image, int quality) {
    ImageWriter writer = null;
    for (Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName("jpeg"); it.hasNext(); ) {
      ImageWriter w = it.next();
      if (w.getClass().getName().startsWith("com.sun.imageio")) {
        writer = w;
        break;
      }
      if (writer == null) {
        writer = w;
      }
    }
    if (writer == null) {
      throw new IllegalStateException("no JPEG writer in ImageIO");
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(stream);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(quality / 100f);
      writer.write(null, new IIOImage(image, null, null), param);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
    try {
      BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(bytes.toByteArray()));
      BufferedImage rgb =
          new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
      rgb.getGraphics().drawImage(decoded, 0, 0, null);
      return rgb;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** In-place separable Gaussian blur of interleaved RGB, edges clamped. */
  static void gaussianBlur(float[] rgb, int w, int h, double sigma) {
    int radius = Math.max(1, (int) Math.ceil(3 * sigma));
    float[] kernel = new float[2 * radius + 1];
    double sum = 0;
    for (int i = -radius; i <= radius; i++) {
      kernel[i + radius] = (float) Math.exp(-i * i / (2 * sigma * sigma));
      sum += kernel[i + radius];
    }
    for (int i = 0; i < kernel.length; i++) {
      kernel[i] /= (float) sum;
    }
    float[] tmp = new float[rgb.length];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        for (int k = 0; k < 3; k++) {
          float acc = 0;
          for (int d = -radius; d <= radius; d++) {
            int xx = Math.min(w - 1, Math.max(0, x + d));
            acc += kernel[d + radius] * rgb[3 * (y * w + xx) + k];
          }
          tmp[3 * (y * w + x) + k] = acc;
        }
      }
    }
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        for (int k = 0; k < 3; k++) {
          float acc = 0;
          for (int d = -radius; d <= radius; d++) {
            int yy = Math.min(h - 1, Math.max(0, y + d));
            acc += kernel[d + radius] * tmp[3 * (yy * w + x) + k];
          }
          rgb[3 * (y * w + x) + k] = acc;
        }
      }
    }
  }

  /** In-place linear motion blur of {@code length} pixels along {@code angle}, edges clamped. */
  static void motionBlur(float[] rgb, int w, int h, double length, double angle) {
    int taps = Math.max(2, (int) Math.ceil(length) + 1);
    double dx = Math.cos(angle);
    double dy = Math.sin(angle);
    float[] src = rgb.clone();
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        float r = 0;
        float g = 0;
        float b = 0;
        for (int t = 0; t < taps; t++) {
          double s = length * (t / (double) (taps - 1) - 0.5);
          int xx = Math.min(w - 1, Math.max(0, (int) Math.round(x + s * dx)));
          int yy = Math.min(h - 1, Math.max(0, (int) Math.round(y + s * dy)));
          int o = 3 * (yy * w + xx);
          r += src[o];
          g += src[o + 1];
          b += src[o + 2];
        }
        int o = 3 * (y * w + x);
        rgb[o] = r / taps;
        rgb[o + 1] = g / taps;
        rgb[o + 2] = b / taps;
      }
    }
  }
}
