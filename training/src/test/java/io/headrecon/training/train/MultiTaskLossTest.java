package io.headrecon.training.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.headrecon.model.HeadMask;
import org.junit.jupiter.api.Test;

class MultiTaskLossTest {
  private static final int N = 8;

  /** A 1 x 1 x 8 x 8 relief: a ramp across x (0.01 per pixel), the whole map in the mask. */
  private static float[] ramp(float offset, float slope) {
    float[] d = new float[N * N];
    for (int y = 0; y < N; y++) {
      for (int x = 0; x < N; x++) {
        d[y * N + x] = offset + slope * x;
      }
    }
    return d;
  }

  private static NDList labels(NDManager m, float[] depth, float[] mask, float[] weight) {
    Shape map = new Shape(1, 1, N, N);
    return new NDList(
        m.create(depth, map),
        m.create(mask, map),
        m.zeros(new Shape(1, 68, 2)),
        m.zeros(new Shape(1, 68)),
        m.create(weight, map));
  }

  private static NDList predictions(NDManager m, float[] depth) {
    return new NDList(
        m.create(depth, new Shape(1, 1, N, N)),
        m.zeros(new Shape(1, 1, N, N)),
        m.zeros(new Shape(1, 68, 2)),
        m.zeros(new Shape(1, 68)));
  }

  private static float[] filled(float v) {
    float[] a = new float[N * N];
    java.util.Arrays.fill(a, v);
    return a;
  }

  @Test
  void theGradientTermSeesReliefNotDistance() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDList gt = labels(m, ramp(0, 0.01f), filled(1), filled(1));
      MultiTaskLoss.Terms shifted = MultiTaskLoss.terms(gt, predictions(m, ramp(0.05f, 0.01f)));
      assertThat(shifted.depth().getFloat()).isCloseTo(0.05f, within(1e-6f));
      assertThat(shifted.gradient().getFloat()).isCloseTo(0f, within(1e-6f));
      MultiTaskLoss.Terms flat = MultiTaskLoss.terms(gt, predictions(m, ramp(0.035f, 0)));
      // x differences all wrong by 0.01, y differences right: mean of the two terms
      assertThat(flat.gradient().getFloat()).isCloseTo(0.01f, within(1e-6f));
    }
  }

  @Test
  void depthOutsideTheMaskCountsLittleAndOccludingEdgesAreNotGradients() {
    try (NDManager m = NDManager.newBaseManager()) {
      float[] mask = filled(1);
      float[] weight = filled(1);
      float[] depth = ramp(0, 0.01f);
      for (int x = 0; x < N; x++) {
        int i = (N - 1) * N + x; // the last row: a garment 1 m away in the target
        mask[i] = 0;
        weight[i] = HeadMask.OUTSIDE_DEPTH_WEIGHT;
        depth[i] = 10;
      }
      float[] predicted = ramp(0, 0.01f);
      NDList gt = labels(m, depth, mask, weight);
      MultiTaskLoss.Terms t = MultiTaskLoss.terms(gt, predictions(m, predicted));
      // only the garment row is wrong (by ~10), weighted 0.1 against 56 mask pixels of weight 1
      double expected = 0;
      for (int x = 0; x < N; x++) {
        expected += 0.1 * Math.abs(10 - 0.01 * x);
      }
      expected /= 56 + 0.1 * 8;
      assertThat((double) t.depth().getFloat()).isCloseTo(expected, within(1e-4));
      assertThat(t.gradient().getFloat()).isCloseTo(0f, within(1e-6f)); // no pair with the garment

      // an occluding edge in the mask (hair 30 mm in front of the forehead) is no gradient target
      float[] step = ramp(0, 0.01f);
      for (int i = 0; i < N * N / 2; i++) {
        step[i] -= 0.3f;
      }
      NDArray total =
          MultiTaskLoss.terms(labels(m, step, filled(1), filled(1)), predictions(m, ramp(0, 0.01f)))
              .gradient();
      assertThat(total.getFloat()).isCloseTo(0f, within(1e-6f));
    }
  }
}
