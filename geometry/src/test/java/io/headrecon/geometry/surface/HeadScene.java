package io.headrecon.geometry.surface;

import io.headrecon.geometry.PinholeCamera;
import io.headrecon.geometry.RigidTransform;
import io.headrecon.geometry.depth.DepthMap;
import io.headrecon.geometry.synthetic.SyntheticHead;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A head-sized scene: {@link SyntheticHead} (about 156 × 200 × 190 mm) at the world origin seen by
 * 19 cameras of 180 × 180 pixels, focal 400 px, from 600 mm (a ring of 10 at eye level, 5 at 40°
 * above, 4 at 40° below), with exact ray-cast depth and the same plus Gaussian noise of 0.5 mm
 * (seed 19). Rendered once per JVM.
 */
final class HeadScene {
  static final int SIZE_PX = 180;
  static final double NOISE_MM = 0.5;
  private static List<PinholeCamera> cameras;
  private static List<DepthMap> exact;
  private static List<DepthMap> noisy;

  private HeadScene() {}

  static synchronized List<PinholeCamera> cameras() {
    render();
    return cameras;
  }

  static synchronized List<DepthMap> exactDepths() {
    render();
    return exact;
  }

  static synchronized List<DepthMap> noisyDepths() {
    render();
    return noisy;
  }

  /** A volume with {@code depths} of the 19 cameras integrated in order, without confidences. */
  static TsdfVolume fuse(List<DepthMap> depths, TsdfOptions options) {
    TsdfVolume volume = TsdfVolume.create(options);
    List<PinholeCamera> all = cameras();
    for (int c = 0; c < all.size(); c++) {
      volume.integrate(depths.get(c), all.get(c), null, null);
    }
    return volume;
  }

  private static void render() {
    if (cameras != null) {
      return;
    }
    List<PinholeCamera> c = new ArrayList<>();
    List<DepthMap> e = new ArrayList<>();
    List<DepthMap> n = new ArrayList<>();
    double[][] rings = {{0, 10}, {40, 5}, {-40, 4}}; // elevation degrees, camera count
    Random random = new Random(19);
    for (double[] ring : rings) {
      for (int i = 0; i < ring[1]; i++) {
        double yaw = Math.toRadians(360.0 * i / ring[1] + 15 * ring[0] / 40);
        double el = Math.toRadians(ring[0]);
        double[] eye = {
          600 * Math.cos(el) * Math.sin(yaw), 600 * Math.sin(el), 600 * Math.cos(el) * Math.cos(yaw)
        };
        PinholeCamera camera =
            PinholeCamera.lookAt(
                400, SIZE_PX, SIZE_PX, eye, new double[] {0, 0, 0}, new double[] {0, 1, 0});
        DepthMap depth = SyntheticHead.renderDepth(camera, RigidTransform.identity());
        float[] withNoise = depth.valuesMm().clone();
        for (int p = 0; p < withNoise.length; p++) {
          if (withNoise[p] > 0) {
            withNoise[p] += (float) (NOISE_MM * random.nextGaussian());
          }
        }
        c.add(camera);
        e.add(depth);
        n.add(DepthMap.of(SIZE_PX, SIZE_PX, withNoise));
      }
    }
    cameras = List.copyOf(c);
    exact = List.copyOf(e);
    noisy = List.copyOf(n);
  }
}
