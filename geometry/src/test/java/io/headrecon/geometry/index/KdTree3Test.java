package io.headrecon.geometry.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KdTree3Test {

  private static float[] randomPoints(int n, Random random) {
    float[] p = new float[3 * n];
    for (int i = 0; i < n; i++) {
      // clustered and uniform mix, with duplicates, to stress ties and empty regions
      double s = i % 5 == 0 ? 5 : 100;
      p[3 * i] = (float) (random.nextGaussian() * s);
      p[3 * i + 1] = (float) (random.nextDouble() * s);
      p[3 * i + 2] = (float) (random.nextGaussian() * s * 0.3);
    }
    System.arraycopy(p, 0, p, 3 * (n - 50), 150); // 50 exact duplicates
    return p;
  }

  private static double d2(float[] p, int i, double x, double y, double z) {
    double dx = p[3 * i] - x, dy = p[3 * i + 1] - y, dz = p[3 * i + 2] - z;
    return dx * dx + dy * dy + dz * dz;
  }

  @Test
  void nearestKnnAndRadiusAgreeWithBruteForce() {
    Random random = new Random(42);
    float[] p = randomPoints(5000, random);
    int n = p.length / 3;
    KdTree3 tree = KdTree3.of(p);
    Query q = tree.newQuery();
    int[] idx = new int[12];
    float[] dist = new float[12];
    for (int trial = 0; trial < 300; trial++) {
      double x = random.nextGaussian() * 80, y = random.nextDouble() * 100;
      double z = random.nextGaussian() * 20;
      double[] all = new double[n];
      for (int i = 0; i < n; i++) {
        all[i] = d2(p, i, (float) x, (float) y, (float) z);
      }
      double[] sorted = all.clone();
      Arrays.sort(sorted);

      int nn = q.nearest(x, y, z, Double.POSITIVE_INFINITY);
      assertThat(all[nn]).isCloseTo(sorted[0], org.assertj.core.data.Offset.offset(1e-3));
      int hinted = q.nearestWithHint(x, y, z, 1e9, random.nextInt(n));
      assertThat(all[hinted]).isCloseTo(sorted[0], org.assertj.core.data.Offset.offset(1e-3));

      int k = 1 + random.nextInt(12);
      int got = q.knn(x, y, z, k, Double.POSITIVE_INFINITY, idx, dist);
      assertThat(got).isEqualTo(k);
      for (int j = 0; j < k; j++) {
        assertThat((double) dist[j])
            .isCloseTo(sorted[j], org.assertj.core.data.Offset.offset(1e-2));
        assertThat(all[idx[j]]).isCloseTo(sorted[j], org.assertj.core.data.Offset.offset(1e-2));
      }

      double r = 2 + random.nextDouble() * 15;
      int count = q.radius(x, y, z, r);
      int[] foundIdx = new int[count];
      for (int j = 0; j < count; j++) {
        foundIdx[j] = q.radiusIndex(j);
      }
      Arrays.sort(foundIdx);
      int[] expected =
          java.util.stream.IntStream.range(0, n)
              .filter(i -> d2(p, i, (float) x, (float) y, (float) z) <= (float) (r * r))
              .toArray();
      assertThat(foundIdx).containsExactly(expected);

      // bounded nearest: -1 exactly when nothing is within the bound
      double bound = Math.sqrt(sorted[0]) * (random.nextBoolean() ? 0.9 : 1.1);
      int bounded = q.nearest(x, y, z, bound);
      assertThat(bounded >= 0).isEqualTo(sorted[0] < bound * bound);
    }
  }

  @Test
  void nearestWithOtherLabelSkipsOwnLabel() {
    Random random = new Random(7);
    float[] p = randomPoints(3000, random);
    int n = p.length / 3;
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = random.nextInt(4);
    }
    Query q = KdTree3.of(p, labels).newQuery();
    for (int trial = 0; trial < 200; trial++) {
      int self = random.nextInt(n);
      int found =
          q.nearestWithOtherLabel(p[3 * self], p[3 * self + 1], p[3 * self + 2], 1e9, labels[self]);
      double best = Double.POSITIVE_INFINITY;
      for (int i = 0; i < n; i++) {
        if (labels[i] != labels[self]) {
          best = Math.min(best, d2(p, i, p[3 * self], p[3 * self + 1], p[3 * self + 2]));
        }
      }
      assertThat(labels[found]).isNotEqualTo(labels[self]);
      assertThat(d2(p, found, p[3 * self], p[3 * self + 1], p[3 * self + 2]))
          .isCloseTo(best, org.assertj.core.data.Offset.offset(1e-3));
      // a hint (any point, of any label) does not change the answer
      int hinted =
          q.nearestWithOtherLabel(
              p[3 * self], p[3 * self + 1], p[3 * self + 2], 1e9, labels[self], random.nextInt(n));
      assertThat(d2(p, hinted, p[3 * self], p[3 * self + 1], p[3 * self + 2]))
          .isCloseTo(best, org.assertj.core.data.Offset.offset(1e-3));
      assertThat(labels[hinted]).isNotEqualTo(labels[self]);
    }
  }

  @Test
  void labelsInSpatialBlocksAreSkippedWholeAndAnswersStayExact() {
    // labels by region (as views' clouds in one index), so that whole subtrees carry one label
    Random random = new Random(11);
    float[] p = randomPoints(8000, random);
    int n = p.length / 3;
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = p[3 * i] < -20 ? 0 : p[3 * i] < 20 ? 1 + random.nextInt(2) : 3;
    }
    Query q = KdTree3.of(p, labels).newQuery();
    for (int trial = 0; trial < 200; trial++) {
      int self = random.nextInt(n);
      double x = p[3 * self], y = p[3 * self + 1], z = p[3 * self + 2];
      double max = trial % 2 == 0 ? 1e9 : 5;
      int found = q.nearestWithOtherLabel(x, y, z, max, labels[self]);
      double best = Double.POSITIVE_INFINITY;
      for (int i = 0; i < n; i++) {
        if (labels[i] != labels[self]) {
          best = Math.min(best, d2(p, i, x, y, z));
        }
      }
      if (best >= max * max) {
        assertThat(found).isEqualTo(-1);
      } else {
        assertThat(labels[found]).isNotEqualTo(labels[self]);
        assertThat(d2(p, found, x, y, z))
            .isCloseTo(best, org.assertj.core.data.Offset.offset(1e-3));
      }
    }
  }

  @Test
  void manyEqualCoordinatesStillGiveExactAnswers() {
    // large nodes are split near a sampled median; equal coordinates must not break that
    Random random = new Random(5);
    int n = 20_000;
    float[] p = new float[3 * n];
    for (int i = 0; i < n; i++) {
      p[3 * i] = random.nextInt(3);
      p[3 * i + 1] = i % 7 == 0 ? 1 : random.nextInt(1000) / 10f;
      p[3 * i + 2] = 0;
    }
    Query q = KdTree3.of(p).newQuery();
    for (int trial = 0; trial < 200; trial++) {
      double x = random.nextDouble() * 3, y = random.nextDouble() * 100, z = random.nextDouble();
      int found = q.nearest(x, y, z, 1e9);
      double best = Double.POSITIVE_INFINITY;
      for (int i = 0; i < n; i++) {
        best = Math.min(best, d2(p, i, x, y, z));
      }
      assertThat(d2(p, found, x, y, z)).isCloseTo(best, org.assertj.core.data.Offset.offset(1e-4));
    }
  }

  @Test
  void emptyTreeFindsNothing() {
    Query q = KdTree3.of(new float[0]).newQuery();
    assertThat(q.nearest(0, 0, 0, 1e9)).isEqualTo(-1);
    assertThat(q.knn(0, 0, 0, 3, 1e9, new int[3], null)).isZero();
    assertThat(q.radius(0, 0, 0, 10)).isZero();
  }
}
