package io.headrecon.synth.render;

import io.headrecon.geometry.PinholeCamera;

/**
 * A shadow map of a directional light: the scene's depth seen from the light, rasterized once per
 * subject (lights are fixed in the world) by the same {@link Rasterizer}. The light "camera" is a
 * pinhole {@value #LIGHT_DISTANCE_MM} mm away with a long focal length, so its projection is
 * orthographic to within 0.1 %. A point is lit by the fraction of a disc of taps (percentage-closer
 * filtering over the light's penumbra) at which nothing lies nearer the light than it, less a bias.
 */
public final class ShadowMap {
  /** Distance of the light camera from the scene's centre along the light direction, mm. */
  public static final double LIGHT_DISTANCE_MM = 50_000;

  /** Taps of the percentage-closer filter: a centre and two rings, unit radius. */
  private static final double[][] TAPS;

  static {
    TAPS = new double[13][];
    TAPS[0] = new double[] {0, 0};
    for (int i = 0; i < 6; i++) {
      double a = i * Math.PI / 3;
      TAPS[1 + i] = new double[] {0.5 * Math.cos(a), 0.5 * Math.sin(a)};
      double b = a + Math.PI / 6;
      TAPS[7 + i] = new double[] {Math.cos(b), Math.sin(b)};
    }
  }

  private final PinholeCamera light;
  private final Fragments depth;
  private final double mmPerTexel;
  private final double penumbraTexels;
  private final double biasMm;

  private ShadowMap(
      PinholeCamera light, Fragments depth, double mmPerTexel, double penumbraMm, double biasMm) {
    this.light = light;
    this.depth = depth;
    this.mmPerTexel = mmPerTexel;
    this.penumbraTexels = penumbraMm / mmPerTexel;
    this.biasMm = biasMm;
  }

  /**
   * Rasterizes the scene from a directional light.
   *
   * @param towardsLight unit direction from the scene towards the light, world frame
   * @param centreMm centre of the region that receives shadows, world frame, millimetres
   * @param radiusMm radius of that region, millimetres
   * @param sizePx width and height of the map, texels
   * @param penumbraMm radius of the soft shadow edge, millimetres (the light's apparent size)
   * @param biasMm a point counts as lit when at most this much behind the nearest surface, mm
   */
  public static ShadowMap of(
      float[] verticesMm,
      int[] triangles,
      double[] towardsLight,
      double[] centreMm,
      double radiusMm,
      int sizePx,
      double penumbraMm,
      double biasMm) {
    double[] eye = {
      centreMm[0] + LIGHT_DISTANCE_MM * towardsLight[0],
      centreMm[1] + LIGHT_DISTANCE_MM * towardsLight[1],
      centreMm[2] + LIGHT_DISTANCE_MM * towardsLight[2]
    };
    double[] up = Math.abs(towardsLight[1]) > 0.9 ? new double[] {1, 0, 0} : new double[] {0, 1, 0};
    double focalPx = sizePx / 2.0 * LIGHT_DISTANCE_MM / radiusMm;
    PinholeCamera light = PinholeCamera.lookAt(focalPx, sizePx, sizePx, eye, centreMm, up);
    Fragments depth = Rasterizer.rasterize(light, verticesMm, triangles);
    return new ShadowMap(light, depth, 2 * radiusMm / sizePx, penumbraMm, biasMm);
  }

  /** Size of one texel at the scene, millimetres. */
  public double mmPerTexel() {
    return mmPerTexel;
  }

  /**
   * The fraction of the light reaching world point (x, y, z), in [0, 1]; {@code slopeBiasMm} is
   * added to the bias (surfaces at a grazing angle to the light need more).
   */
  public float lit(double x, double y, double z, double slopeBiasMm) {
    double[] p = light.worldToCamera().apply(new double[] {x, y, z});
    double u = light.fxPx() * p[0] / p[2] + light.cxPx();
    double v = light.fyPx() * p[1] / p[2] + light.cyPx();
    float limit = (float) (p[2] - biasMm - slopeBiasMm);
    int w = depth.widthPx();
    int h = depth.heightPx();
    float[] d = depth.depthMm; // +infinity where no surface
    int lit = 0;
    for (double[] tap : TAPS) {
      int tx = (int) Math.round(u + penumbraTexels * tap[0]);
      int ty = (int) Math.round(v + penumbraTexels * tap[1]);
      if (tx < 0 || ty < 0 || tx >= w || ty >= h || d[ty * w + tx] >= limit) {
        lit++;
      }
    }
    return lit / (float) TAPS.length;
  }
}
