package io.headrecon.transforms.image;

import io.headrecon.proto.Distortion;
import io.headrecon.proto.Intrinsics;

/**
 * OpenCV's lens distortion model written out from its formula (the one in headrecon.proto), for
 * tests: it makes distorted photos without OpenCV, so that the undistortion is checked against
 * something it does not share.
 */
public final class LensModel {
  private LensModel() {}

  /** A 320x240 camera, fx = fy = 300 px: the corners are at normalised radius 0.67. */
  public static final Intrinsics K_320X240 =
      Intrinsics.newBuilder()
          .setFxPx(300)
          .setFyPx(300)
          .setCxPx(159.5)
          .setCyPx(119.5)
          .setWidthPx(320)
          .setHeightPx(240)
          .build();

  /** Barrel distortion with a little decentring, as a compact camera's calibration gives. */
  public static final Distortion BARREL =
      Distortion.newBuilder().setK1(-0.2).setK2(0.05).setP1(0.001).setP2(-0.0015).build();

  /** Where the lens puts the ideal normalised point {@code (x, y)}: {@code {x_d, y_d}}. */
  static double[] distort(double x, double y, Distortion d) {
    double r2 = x * x + y * y;
    double radial = 1 + r2 * (d.getK1() + r2 * (d.getK2() + r2 * d.getK3()));
    return new double[] {
      x * radial + 2 * d.getP1() * x * y + d.getP2() * (r2 + 2 * x * x),
      y * radial + d.getP1() * (r2 + 2 * y * y) + 2 * d.getP2() * x * y
    };
  }

  /**
   * The ideal normalised point that the lens puts at {@code (xd, yd)}, by fixed-point iteration to
   * 1e-12.
   *
   * @throws IllegalStateException when the iteration does not converge
   */
  static double[] undistort(double xd, double yd, Distortion d) {
    double x = xd;
    double y = yd;
    for (int i = 0; i < 200; i++) {
      double[] seen = distort(x, y, d);
      double ex = seen[0] - xd;
      double ey = seen[1] - yd;
      if (Math.hypot(ex, ey) < 1e-12) {
        return new double[] {x, y};
      }
      x -= ex;
      y -= ey;
    }
    throw new IllegalStateException("no convergence at " + xd + ", " + yd);
  }

  /**
   * The photo that a camera {@code k} with lens distortion {@code d} takes of the scene whose ideal
   * pinhole image (same {@code k}, no distortion) is {@code ideal}: each pixel samples {@code
   * ideal} bilinearly where its ray meets it; black where that falls outside.
   */
  static RgbImage distortImage(RgbImage ideal, Intrinsics k, Distortion d) {
    int w = ideal.widthPx();
    int h = ideal.heightPx();
    int[] out = new int[w * h];
    for (int v = 0; v < h; v++) {
      for (int u = 0; u < w; u++) {
        double[] p = undistort((u - k.getCxPx()) / k.getFxPx(), (v - k.getCyPx()) / k.getFyPx(), d);
        double x = p[0] * k.getFxPx() + k.getCxPx();
        double y = p[1] * k.getFyPx() + k.getCyPx();
        out[v * w + u] = bilinear(ideal, x, y);
      }
    }
    return new RgbImage(w, h, out);
  }

  /** {@code image} at pixel-centre coordinates {@code (x, y)}, bilinear; black outside. */
  static int bilinear(RgbImage image, double x, double y) {
    if (x < 0 || y < 0 || x > image.widthPx() - 1 || y > image.heightPx() - 1) {
      return 0;
    }
    int x0 = Math.min((int) x, image.widthPx() - 2);
    int y0 = Math.min((int) y, image.heightPx() - 2);
    double tx = x - x0;
    double ty = y - y0;
    int rgb = 0;
    for (int shift = 16; shift >= 0; shift -= 8) {
      double top =
          (1 - tx) * channel(image, x0, y0, shift) + tx * channel(image, x0 + 1, y0, shift);
      double bottom =
          (1 - tx) * channel(image, x0, y0 + 1, shift) + tx * channel(image, x0 + 1, y0 + 1, shift);
      rgb |= (int) Math.round((1 - ty) * top + ty * bottom) << shift;
    }
    return rgb;
  }

  private static int channel(RgbImage image, int x, int y, int shift) {
    return image.rgb(x, y) >>> shift & 0xff;
  }
}
