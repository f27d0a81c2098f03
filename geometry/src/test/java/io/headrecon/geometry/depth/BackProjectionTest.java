package io.headrecon.geometry.depth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headrecon.geometry.Landmarks3d;
import io.headrecon.geometry.PinholeCamera;
import io.headrecon.geometry.PointCloud;
import io.headrecon.geometry.RigidTransform;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class BackProjectionTest {
  private static final PinholeCamera CAMERA =
      PinholeCamera.of(500, 500, 79.5, 59.5, 160, 120, RigidTransform.identity());

  /** Depth of the plane n·p = dMm along each pixel ray. */
  private static DepthMap planeDepth(double[] n, double dMm) {
    float[] z = new float[160 * 120];
    for (int y = 0; y < 120; y++) {
      for (int x = 0; x < 160; x++) {
        double rx = (x - 79.5) / 500, ry = (y - 59.5) / 500;
        z[y * 160 + x] = (float) (dMm / (n[0] * rx + n[1] * ry + n[2]));
      }
    }
    return DepthMap.of(160, 120, z);
  }

  @Test
  void normalsOfATiltedPlaneAreCorrectAndFaceTheCamera() {
    double[] n = {0.3, -0.2, 1};
    double len = Math.sqrt(0.09 + 0.04 + 1);
    PointCloud cloud =
        BackProjection.toCameraFrame(
            planeDepth(n, 600), null, null, CAMERA, BackProjectionOptions.defaults());
    assertThat(cloud.size()).isEqualTo(160 * 120); // all pixels kept, including the border
    float[] nn = cloud.normals();
    for (int i = 0; i < cloud.size(); i++) {
      // the plane's normal towards the camera (origin) is -n/|n| since n·p = 600 > 0
      double dot = -(nn[3 * i] * n[0] + nn[3 * i + 1] * n[1] + nn[3 * i + 2] * n[2]) / len;
      assertThat(Math.toDegrees(Math.acos(Math.min(1, dot)))).isLessThan(0.05);
      double onPlane = cloud.x(i) * n[0] + cloud.y(i) * n[1] + cloud.z(i) * n[2];
      assertThat(onPlane).isCloseTo(600, Offset.offset(0.01));
    }
  }

  @Test
  void depthStepLeavesNoFlyingPixels() {
    float[] z = new float[160 * 120];
    for (int y = 0; y < 120; y++) {
      for (int x = 0; x < 160; x++) {
        // foreground at 500 mm, background at 700 mm, one column of mixed pixels between
        z[y * 160 + x] = x < 80 ? 500 : x == 80 ? 600 : 700;
      }
    }
    PointCloud cloud =
        BackProjection.toCameraFrame(
            DepthMap.of(160, 120, z), null, null, CAMERA, BackProjectionOptions.defaults());
    for (int i = 0; i < cloud.size(); i++) {
      assertThat((double) cloud.z(i)).isIn(500.0, 700.0);
    }
    // only the columns touching the step (79, 80, 81) are lost
    assertThat(cloud.size()).isEqualTo(160 * 120 - 3 * 120);
  }

  @Test
  void grazingSurfacesAreDropped() {
    // a plane seen at ~84° from its normal near the image centre
    double[] n = {10, 0, 1};
    PointCloud cloud =
        BackProjection.toCameraFrame(
            planeDepth(n, 600), null, null, CAMERA, BackProjectionOptions.of(0.5, 75, 0));
    assertThat(cloud.size()).isZero();
  }

  @Test
  void colourMaskAndErosionAreApplied() {
    DepthMap depth = planeDepth(new double[] {0, 0, 1}, 500);
    int[] rgb = new int[160 * 120];
    boolean[] mask = new boolean[160 * 120];
    for (int i = 0; i < rgb.length; i++) {
      rgb[i] = 0x10A0F0;
      mask[i] = (i % 160) < 100; // left 100 columns
    }
    PointCloud cloud =
        BackProjection.toCameraFrame(
            depth, rgb, mask, CAMERA, BackProjectionOptions.of(0.02, 80, 2));
    // 2 px erosion from the image border and the mask edge: 96 columns x 116 rows
    assertThat(cloud.size()).isEqualTo(96 * 116);
    assertThat(cloud.colorsRgb()[0]).isEqualTo((byte) 0x10);
    assertThat(cloud.colorsRgb()[1]).isEqualTo((byte) 0xA0);
    assertThat(cloud.colorsRgb()[2]).isEqualTo((byte) 0xF0);
    for (int i = 0; i < cloud.size(); i++) {
      assertThat(CAMERA.fxPx() * cloud.x(i) / cloud.z(i) + CAMERA.cxPx()).isBetween(1.5, 97.5);
    }
  }

  @Test
  void worldFrameAppliesCameraToWorld() {
    PinholeCamera camera =
        CAMERA.withWorldToCamera(RigidTransform.fromAxisAngle(0, 1, 0, 30, new double[] {5, 0, 9}));
    DepthMap depth = planeDepth(new double[] {0, 0, 1}, 500);
    PointCloud inCamera =
        BackProjection.toCameraFrame(depth, null, null, camera, BackProjectionOptions.defaults());
    PointCloud inWorld =
        BackProjection.toWorldFrame(depth, null, null, camera, BackProjectionOptions.defaults());
    double[] back =
        camera.worldToCamera().apply(new double[] {inWorld.x(7), inWorld.y(7), inWorld.z(7)});
    assertThat(back[0]).isCloseTo(inCamera.x(7), Offset.offset(1e-3));
    assertThat(back[2]).isCloseTo(inCamera.z(7), Offset.offset(1e-3));
  }

  @Test
  void mismatchedSizesAreRejected() {
    assertThatThrownBy(
            () ->
                BackProjection.toCameraFrame(
                    DepthMap.of(10, 10, new float[100]),
                    null,
                    null,
                    CAMERA,
                    BackProjectionOptions.defaults()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("10x10");
  }

  @Test
  void landmarksAreLiftedWithTheMedianDepthAndHolesBecomeInvisible() {
    float[] z = new float[160 * 120];
    java.util.Arrays.fill(z, 0, 160 * 60, 400); // top half only
    DepthMap depth = DepthMap.of(160, 120, z);
    Landmarks3d lifted =
        LandmarkLifting.toCameraFrame(
            new double[] {79.5, 20, 79.5, 100, 300, 5},
            new boolean[] {true, true, true},
            depth,
            CAMERA,
            2);
    assertThat(lifted.isVisible(0)).isTrue();
    assertThat(lifted.positionMm(0)[2]).isEqualTo(400);
    assertThat(lifted.positionMm(0)[1]).isCloseTo((20 - 59.5) / 500 * 400, Offset.offset(1e-9));
    assertThat(lifted.isVisible(1)).isFalse(); // no surface there
    assertThat(lifted.isVisible(2)).isFalse(); // outside the image
  }
}
