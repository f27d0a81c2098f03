package io.headrecon.geometry.registration;

import static org.assertj.core.api.Assertions.assertThat;

import io.headrecon.geometry.Landmarks3d;
import io.headrecon.geometry.RandomTransforms;
import io.headrecon.geometry.RigidTransform;
import io.headrecon.geometry.SimilarityTransform;
import java.util.Arrays;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class UmeyamaRansacTest {

  private static double[] facePoints(Random random, int n) {
    double[] p = new double[3 * n];
    for (int i = 0; i < n; i++) {
      p[3 * i] = random.nextGaussian() * 40;
      p[3 * i + 1] = random.nextGaussian() * 50;
      p[3 * i + 2] = 500 + random.nextGaussian() * 15;
    }
    return p;
  }

  private static double[] apply(SimilarityTransform t, double[] p) {
    double[] out = new double[p.length];
    double[] q = new double[3];
    for (int i = 0; i < p.length / 3; i++) {
      t.apply(p[3 * i], p[3 * i + 1], p[3 * i + 2], q);
      System.arraycopy(q, 0, out, 3 * i, 3);
    }
    return out;
  }

  @Test
  void umeyamaIsExactOnNoiselessDataWithScale() {
    Random random = new Random(3);
    for (int trial = 0; trial < 20; trial++) {
      double[] src = facePoints(random, 68);
      SimilarityTransform truth =
          SimilarityTransform.of(
              RandomTransforms.of(random, random.nextDouble() * 180, 100),
              0.5 + random.nextDouble() * 1.5);
      SimilarityTransform est = Umeyama.estimate(src, apply(truth, src), null, true);
      assertThat(est.scale()).isCloseTo(truth.scale(), Offset.offset(1e-9));
      assertThat(est.rigidPart().rotationDistanceDeg(truth.rigidPart())).isLessThan(1e-5);
      assertThat(est.rigidPart().translationDistanceMm(truth.rigidPart())).isLessThan(1e-7);
    }
  }

  @Test
  void umeyamaWithoutScaleRecoversARigidMotionAndHandlesReflectionFreeSolution() {
    Random random = new Random(4);
    double[] src = facePoints(random, 10);
    RigidTransform truth = RandomTransforms.of(random, 170, 30);
    SimilarityTransform est =
        Umeyama.estimate(src, apply(SimilarityTransform.of(truth, 1), src), null, false);
    assertThat(est.scale()).isEqualTo(1);
    assertThat(est.rigidPart().rotationDistanceDeg(truth)).isLessThan(1e-5);
    // a proper rotation (determinant +1)
    double[] r = est.rigidPart().rotation();
    double det =
        r[0] * (r[4] * r[8] - r[5] * r[7])
            - r[1] * (r[3] * r[8] - r[5] * r[6])
            + r[2] * (r[3] * r[7] - r[4] * r[6]);
    assertThat(det).isCloseTo(1, Offset.offset(1e-9));
  }

  @Test
  void ransacCopesWithThirtyPercentWrongLandmarks() {
    Random random = new Random(5);
    for (boolean withScale : new boolean[] {false, true}) {
      for (int trial = 0; trial < 10; trial++) {
        int n = 68;
        double[] src = facePoints(random, n);
        SimilarityTransform truth =
            SimilarityTransform.of(
                RandomTransforms.of(random, random.nextDouble() * 90, 50),
                withScale ? 0.8 + random.nextDouble() * 0.4 : 1);
        double[] dst = apply(truth, src);
        boolean[] visible = new boolean[n];
        Arrays.fill(visible, true);
        visible[7] = false; // invisible landmarks are ignored even if wildly wrong
        dst[3 * 7] = 1e6;
        int wrong = (int) Math.round(0.3 * n);
        boolean[] isWrong = new boolean[n];
        for (int k = 0; k < wrong; ) {
          int i = random.nextInt(n);
          if (!isWrong[i] && i != 7) {
            isWrong[i] = true;
            k++;
            for (int a = 0; a < 3; a++) {
              dst[3 * i + a] += (random.nextBoolean() ? 1 : -1) * (20 + random.nextDouble() * 60);
            }
          }
        }
        for (int i = 0; i < dst.length; i++) {
          dst[i] += random.nextGaussian() * 1.0; // 1 mm detector noise on all
        }
        LandmarkAlignment a =
            new RansacLandmarkAligner(300, 5, 6, withScale, 11)
                .align(Landmarks3d.of(src, visible), Landmarks3d.of(dst, visible))
                .orElseThrow();
        assertThat(a.commonVisible()).isEqualTo(n - 1);
        assertThat(a.sourceToTarget().rigidPart().rotationDistanceDeg(truth.rigidPart()))
            .isLessThan(1.0);
        assertThat(a.sourceToTarget().scale()).isCloseTo(truth.scale(), Offset.offset(0.01));
        double[] c = truth.apply(new double[] {0, 0, 500});
        double[] e = a.sourceToTarget().apply(new double[] {0, 0, 500});
        assertThat(Math.sqrt(sq(c[0] - e[0]) + sq(c[1] - e[1]) + sq(c[2] - e[2]))).isLessThan(1.5);
        for (int i : a.inlierLandmarks()) {
          assertThat(isWrong[i]).as("landmark %d counted as inlier", i).isFalse();
        }
        assertThat(a.inlierCount()).isGreaterThan(n - 1 - wrong - 5);
        assertThat(a.inlierRmsMm()).isLessThan(3);
      }
    }
  }

  @Test
  void tooFewCommonLandmarksGiveNoAlignment() {
    double[] p = facePoints(new Random(1), 5);
    boolean[] vis = {true, true, true, false, false};
    assertThat(
            RansacLandmarkAligner.rigidDefaults()
                .align(Landmarks3d.of(p, vis), Landmarks3d.of(p, vis)))
        .isEmpty();
  }

  private static double sq(double v) {
    return v * v;
  }
}
