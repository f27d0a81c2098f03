package io.headrecon.transforms.fusion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.headrecon.geometry.PointCloud;
import org.junit.jupiter.api.Test;

/** Every pixel with depth becomes a coloured camera-frame point; visible landmarks are lifted. */
class ViewBackProjectionTest {
  @Test
  void backProjectionPutsEveryPixelOnThePlaneWithItsColourAndLiftsVisibleLandmarks() {
    ViewBackProjection.Projected p =
        ViewBackProjection.of(SubjectFusionTest.plane("a", 500f, false, 0));
    PointCloud cloud = p.input().cloudInCamera();
    assertThat(cloud.size()).isEqualTo(SubjectFusionTest.SIZE_PX * SubjectFusionTest.SIZE_PX);
    for (int i = 0; i < cloud.size(); i++) {
      assertThat(cloud.z(i)).isEqualTo(500f, within(1e-3f));
    }
    // pixel (0, 0) lies (0 - 19.5) / 50 * 500 = -195 mm left of and above the axis
    assertThat(cloud.x(0)).isEqualTo(-195f, within(1e-3f));
    assertThat(cloud.colorsRgb()[0] & 0xff).isEqualTo(0x33);
    assertThat(p.input().landmarksInCamera().visibleCount()).isEqualTo(34);
    assertThat(p.input().viewId()).isEqualTo("a");
  }
}
