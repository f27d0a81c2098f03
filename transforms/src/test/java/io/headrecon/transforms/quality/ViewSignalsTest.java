package io.headrecon.transforms.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.headrecon.proto.View;
import io.headrecon.proto.ViewMetrics;
import io.headrecon.transforms.image.RgbImage;
import io.headrecon.transforms.records.ViewDepth;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The per-view signals on small hand-made masks and depth maps. */
class ViewSignalsTest {
  private static final int W = 20;
  private static final int H = 10;

  /** A W x H view whose depth is {@code depthMm[y][x]}-like: given row-major. */
  static ViewDepth view(float[] depthMm, float maskUncertainFraction) {
    return new ViewDepth(
        View.newBuilder().setSubjectId("s").setViewId("v").build(),
        new RgbImage(W, H, new int[W * H]),
        depthMm,
        new float[0],
        new float[0],
        new boolean[0],
        maskUncertainFraction,
        Double.NaN);
  }

  @Test
  void areaComponentsAndRangeOfTwoBlobs() {
    float[] depth = new float[W * H];
    // A 5 x 4 block at 500..519 mm (20 pixels) and a separate 2 x 2 block at 600 mm (4 pixels).
    for (int y = 1; y < 5; y++) {
      for (int x = 1; x < 6; x++) {
        depth[y * W + x] = 500 + (y - 1) * 5 + (x - 1);
      }
    }
    for (int y = 7; y < 9; y++) {
      for (int x = 15; x < 17; x++) {
        depth[y * W + x] = 600;
      }
    }
    ViewMetrics m = ViewSignals.addTo(ViewMetrics.newBuilder(), view(depth, Float.NaN)).build();
    assertThat(m.getMaskAreaFraction()).isCloseTo(24.0 / (W * H), within(1e-12));
    assertThat(m.getLargestComponentFraction()).isCloseTo(20.0 / 24, within(1e-12));
    assertThat(m.hasDepthRangeMm()).isTrue();
    // 24 values: 500..519 and four 600s; the 5th and 95th percentiles span 501.15..600.
    assertThat(m.getDepthRangeMm()).isCloseTo(600 - 501.15, within(1e-3));
    assertThat(m.hasMaskUncertainFraction()).as("ground truth: no mask probability").isFalse();
  }

  @Test
  void diagonalNeighboursAreSeparateComponents() {
    boolean[] mask = new boolean[W * H];
    mask[0] = true;
    mask[W + 1] = true;
    mask[2 * W + 2] = true;
    assertThat(ViewSignals.largestComponent(mask, W, H)).isEqualTo(1);
    mask[1] = true; // now 0, 1, W+1 touch
    assertThat(ViewSignals.largestComponent(mask, W, H)).isEqualTo(3);
  }

  @Test
  void componentsDoNotWrapAroundRows() {
    boolean[] mask = new boolean[W * H];
    mask[W - 1] = true; // end of row 0
    mask[W] = true; // start of row 1: adjacent in memory, not in the image
    assertThat(ViewSignals.largestComponent(mask, W, H)).isEqualTo(1);
  }

  @Test
  void emptyMaskHasZeroAreaAndNoRange() {
    ViewMetrics m =
        ViewSignals.addTo(ViewMetrics.newBuilder(), view(new float[W * H], 0.5f)).build();
    assertThat(m.getMaskAreaFraction()).isZero();
    assertThat(m.getLargestComponentFraction()).isZero();
    assertThat(m.hasDepthRangeMm()).isFalse();
    assertThat(m.getMaskUncertainFraction()).isCloseTo(0.5, within(1e-7));
  }

  @Test
  void uncertainFractionCountsOnlyTheOpenBand() {
    float[] p = {0f, 0.1f, 0.1001f, 0.5f, 0.8999f, 0.9f, 1f, 0.3f};
    assertThat(ViewSignals.maskUncertainFraction(p)).isEqualTo(4f / 8);
    assertThat(ViewSignals.maskUncertainFraction(new float[0])).isNaN();
  }

  @Test
  void uncertainFractionMatchesACountOnRandomMaps() {
    Random random = new Random(11);
    for (int trial = 0; trial < 20; trial++) {
      float[] p = new float[1 + random.nextInt(500)];
      int expected = 0;
      for (int i = 0; i < p.length; i++) {
        p[i] = random.nextFloat();
        expected += p[i] > 0.1f && p[i] < 0.9f ? 1 : 0;
      }
      assertThat(ViewSignals.maskUncertainFraction(p)).isEqualTo((float) expected / p.length);
    }
  }
}
