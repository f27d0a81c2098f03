package io.headrecon.geometry.processing;

import static org.assertj.core.api.Assertions.assertThat;

import io.headrecon.geometry.PointCloud;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class ProcessingTest {

  @Test
  void spreadKeepsAtMostTheCountSpreadOverTheWholeCloud() {
    // a 100 x 100 grid, 1 mm apart, stored row by row
    float[] p = new float[3 * 10_000];
    for (int i = 0; i < 10_000; i++) {
      p[3 * i] = i % 100;
      p[3 * i + 1] = i / 100;
    }
    PointCloud grid = PointCloud.of(p);
    PointCloud spread = PointSampling.spread(grid, 400);
    assertThat(spread.size()).isEqualTo(400);
    // every 10 x 10 mm block of the grid keeps some of the 400 points; even steps through the
    // row-by-row storage order keep columns 0, 25, 50 and 75 only
    boolean[] block = new boolean[100];
    for (int i = 0; i < spread.size(); i++) {
      block[(int) (spread.y(i) / 10) * 10 + (int) (spread.x(i) / 10)] = true;
    }
    for (boolean b : block) {
      assertThat(b).isTrue();
    }
    PointCloud even = PointSampling.even(grid, 400);
    assertThat(even.size()).isEqualTo(400);
    assertThat(even.x(1) - even.x(0)).isEqualTo(25f); // every 25th point of a row
    // no more points than asked: the whole cloud (spread: in its tree order)
    assertThat(PointSampling.even(grid, 20_000)).isSameAs(grid);
    assertThat(PointSampling.spread(grid, 20_000).size()).isEqualTo(10_000);
  }

  @Test
  void voxelMergeAveragesPositionsColoursAndNormals() {
    PointCloud cloud =
        PointCloud.of(
            new float[] {0.1f, 0.1f, 0.1f, 0.5f, 0.3f, 0.1f, 5.2f, 0, 0},
            new byte[] {(byte) 200, 0, 10, (byte) 100, 0, 20, 1, 2, 3},
            new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
    PointCloud merged = VoxelGridMerge.merge(cloud, 1.0);
    assertThat(merged.size()).isEqualTo(2);
    assertThat(merged.x(0)).isCloseTo(0.3f, Offset.offset(1e-6f));
    assertThat(merged.y(0)).isCloseTo(0.2f, Offset.offset(1e-6f));
    assertThat(merged.colorsRgb()[0] & 0xFF).isEqualTo(150);
    assertThat(merged.colorsRgb()[2] & 0xFF).isEqualTo(15);
    assertThat(merged.normals()[0]).isCloseTo((float) Math.sqrt(0.5), Offset.offset(1e-6f));
    assertThat(merged.normals()[1]).isCloseTo((float) Math.sqrt(0.5), Offset.offset(1e-6f));
    assertThat(merged.x(1)).isEqualTo(5.2f);
  }

  @Test
  void statisticalOutlierRemovalDropsIsolatedPointsOnly() {
    Random random = new Random(8);
    int grid = 60;
    float[] p = new float[3 * (grid * grid + 20)];
    for (int i = 0; i < grid * grid; i++) {
      p[3 * i] = i % grid;
      p[3 * i + 1] = i / grid;
      p[3 * i + 2] = (float) (random.nextGaussian() * 0.05);
    }
    for (int k = 0; k < 20; k++) {
      int i = grid * grid + k;
      p[3 * i] = (float) (random.nextDouble() * 60);
      p[3 * i + 1] = (float) (random.nextDouble() * 60);
      p[3 * i + 2] = (float) (10 + random.nextDouble() * 30);
    }
    int[] kept = StatisticalOutlierRemoval.inlierIndices(PointCloud.of(p), 8, 2.0);
    assertThat(java.util.Arrays.stream(kept).max().getAsInt()).isLessThan(grid * grid);
    assertThat(kept.length).isGreaterThan((int) (0.99 * grid * grid));
  }

  @Test
  void pcaNormalsOfASphereFaceOutwards() {
    Random random = new Random(2);
    int n = 5000;
    float[] p = new float[3 * n];
    for (int i = 0; i < n; i++) {
      double x = random.nextGaussian(), y = random.nextGaussian(), z = random.nextGaussian();
      double len = Math.sqrt(x * x + y * y + z * z) / 50;
      p[3 * i] = (float) (x / len);
      p[3 * i + 1] = (float) (y / len);
      p[3 * i + 2] = (float) (z / len);
    }
    PointCloud withNormals = NormalEstimation.facingAwayFrom(PointCloud.of(p), 12, new double[3]);
    float[] nn = withNormals.normals();
    for (int i = 0; i < n; i++) {
      double cos =
          (nn[3 * i] * p[3 * i] + nn[3 * i + 1] * p[3 * i + 1] + nn[3 * i + 2] * p[3 * i + 2]) / 50;
      assertThat(cos).isGreaterThan(Math.cos(Math.toRadians(5)));
    }
  }
}
