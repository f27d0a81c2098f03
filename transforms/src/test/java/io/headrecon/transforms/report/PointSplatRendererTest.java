package io.headrecon.transforms.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.headrecon.geometry.PointCloud;
import java.awt.image.BufferedImage;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PointSplatRendererTest {
  /** A red disc of radius 50 mm in the plane z = 0 and a green disc 10 mm behind it, radius 80. */
  static PointCloud discs() {
    Random random = new Random(11);
    int n = 20_000;
    float[] p = new float[3 * n];
    byte[] c = new byte[3 * n];
    for (int i = 0; i < n; i++) {
      boolean front = i % 2 == 0;
      double r = (front ? 50 : 80) * Math.sqrt(random.nextDouble());
      double a = random.nextDouble() * 2 * Math.PI;
      p[3 * i] = (float) (r * Math.cos(a));
      p[3 * i + 1] = (float) (r * Math.sin(a));
      p[3 * i + 2] = front ? 0 : 10;
      c[3 * i + (front ? 0 : 1)] = (byte) 255;
    }
    return PointCloud.of(p, c, null);
  }

  @Test
  void nearerPointsHideFartherOnesAndTheCloudFillsTheImage() {
    BufferedImage front = PointSplatRenderer.render(discs(), SubjectFigures.IDENTITY, 100);
    assertThat(front.getRGB(50, 50) & 0xffffff)
        .as("centre: the nearer red disc")
        .isEqualTo(0xff0000);
    assertThat(front.getRGB(50, 8) & 0xffffff).as("rim: the green disc").isEqualTo(0x00ff00);
    assertThat(front.getRGB(1, 1) & 0xff)
        .as("corner: background")
        .isEqualTo(PointSplatRenderer.BACKGROUND);
    // Seen from behind (turned 180 degrees about y), green covers the centre.
    double[] behind = {-1, 0, 0, 0, 1, 0, 0, 0, -1};
    BufferedImage back = PointSplatRenderer.render(discs(), behind, 100);
    assertThat(back.getRGB(50, 50) & 0xffffff).isEqualTo(0x00ff00);
  }

  @Test
  void sideAndTopAreRotationsOfTheFront() {
    double[] front = SubjectFigures.IDENTITY;
    // Seen from the side, the discs are lines along the image's vertical axis.
    double[] side = SubjectFigures.side(front);
    double[] x = {1, 0, 0};
    assertThat(side[6] * x[0]).as("front x becomes the side view's depth").isEqualTo(1.0);
    double[] top = SubjectFigures.top(front);
    assertThat(top[7]).as("front y (down) becomes the top view's depth").isEqualTo(1.0);
    BufferedImage sideImage = PointSplatRenderer.render(discs(), side, 100);
    int painted = 0;
    for (int y = 0; y < 100; y++) {
      for (int xx = 0; xx < 100; xx++) {
        painted += (sideImage.getRGB(xx, y) & 0xff) == PointSplatRenderer.BACKGROUND ? 0 : 1;
      }
    }
    assertThat(painted).as("two thin lines, not discs").isLessThan(100 * 100 / 4);
  }
}
