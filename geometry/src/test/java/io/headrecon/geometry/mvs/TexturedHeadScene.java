package io.headrecon.geometry.mvs;

import io.headrecon.geometry.PinholeCamera;
import io.headrecon.geometry.RigidTransform;
import io.headrecon.geometry.depth.DepthMap;
import io.headrecon.geometry.synthetic.SyntheticHead;
import java.util.Random;

/**
 * The analytic {@link SyntheticHead} (head frame = world frame) painted with a solid procedural
 * texture (a sum of random 3-D sinusoids, wavelengths 6 … 18 mm) and seen from a ring of cameras at
 * 650 mm: per view the grey photo (pixel-centre samples plus seeded sensor noise) and the exact
 * ray-cast depth.
 */
final class TexturedHeadScene {
  static final int SIZE_PX = 180;
  static final double FOCAL_PX = 425; // 85 mm lens on 36 mm over 180 px
  static final double DISTANCE_MM = 650;

  /** One rendered view: camera, grey levels 0 … 255, true depth (mm, 0 = background). */
  record Shot(PinholeCamera camera, float[] grey, float[] depthMm) {}

  private final double[][] waves; // kx, ky, kz (rad/mm), phase, amplitude
  private final double contrast;

  /**
   * @param contrast texture amplitude scale (0 = a uniform grey head)
   */
  TexturedHeadScene(long seed, double contrast) {
    Random random = new Random(seed);
    waves = new double[16][];
    for (int i = 0; i < waves.length; i++) {
      double x = random.nextGaussian();
      double y = random.nextGaussian();
      double z = random.nextGaussian();
      double n = Math.sqrt(x * x + y * y + z * z);
      double k = 2 * Math.PI / (6 + 12 * random.nextDouble());
      waves[i] =
          new double[] {
            k * x / n,
            k * y / n,
            k * z / n,
            2 * Math.PI * random.nextDouble(),
            8 + 6 * random.nextDouble()
          };
    }
    this.contrast = contrast;
  }

  static PinholeCamera camera(double yawDeg) {
    double a = Math.toRadians(yawDeg);
    return PinholeCamera.lookAt(
        FOCAL_PX,
        SIZE_PX,
        SIZE_PX,
        new double[] {DISTANCE_MM * Math.sin(a), 10, DISTANCE_MM * Math.cos(a)},
        new double[] {0, 0, 0},
        new double[] {0, 1, 0});
  }

  /** Grey level of the surface at a world point (mm). */
  double albedo(double[] p) {
    double s = 0;
    for (double[] wv : waves) {
      s += wv[4] * Math.sin(wv[0] * p[0] + wv[1] * p[1] + wv[2] * p[2] + wv[3]);
    }
    return 128 + contrast * s;
  }

  Shot shoot(PinholeCamera camera, long noiseSeed, double noiseSigma) {
    DepthMap depth = SyntheticHead.renderDepth(camera, RigidTransform.identity());
    Random noise = new Random(noiseSeed);
    int w = camera.widthPx();
    int h = camera.heightPx();
    float[] grey = new float[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int p = y * w + x;
        double g = 60; // background
        if (depth.hasSurface(x, y)) {
          g = albedo(camera.unprojectToWorld(x, y, depth.depthMm(x, y)));
        }
        g += noiseSigma * noise.nextGaussian();
        grey[p] = (float) Math.max(0, Math.min(255, Math.round(g)));
      }
    }
    return new Shot(camera, grey, depth.valuesMm());
  }

  /**
   * The true depth plus a smooth error: {@code offsetMm} plus two low-frequency waves across the
   * image of amplitude {@code amplitudeMm} each; 0 stays 0.
   */
  static float[] perturbed(float[] depthMm, int w, double offsetMm, double amplitudeMm, long seed) {
    Random r = new Random(seed);
    double p1 = 2 * Math.PI * r.nextDouble();
    double p2 = 2 * Math.PI * r.nextDouble();
    float[] out = new float[depthMm.length];
    for (int i = 0; i < out.length; i++) {
      if (depthMm[i] > 0) {
        double x = (i % w) / (double) w;
        double y = (i / w) / (double) w;
        double e =
            offsetMm
                + amplitudeMm * Math.sin(2 * Math.PI * 0.8 * x + p1)
                + amplitudeMm * Math.cos(2 * Math.PI * 0.6 * y + 1.3 * x + p2);
        out[i] = (float) (depthMm[i] + e);
      }
    }
    return out;
  }
}
