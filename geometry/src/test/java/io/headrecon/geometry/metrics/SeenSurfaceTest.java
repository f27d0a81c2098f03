package io.headrecon.geometry.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headrecon.geometry.PinholeCamera;
import io.headrecon.geometry.PointCloud;
import io.headrecon.geometry.RigidTransform;
import io.headrecon.geometry.TriangleMesh;
import io.headrecon.geometry.depth.DepthMap;
import java.util.List;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class SeenSurfaceTest {
  /** Two 100 x 100 mm squares facing the camera, at world z = 0 (front) and z = -10 (behind). */
  private static TriangleMesh twoSquares() {
    float[] v = new float[3 * 8];
    float[][] corners = {{-50, -50}, {50, -50}, {50, 50}, {-50, 50}};
    for (int s = 0; s < 2; s++) {
      for (int c = 0; c < 4; c++) {
        v[3 * (4 * s + c)] = corners[c][0];
        v[3 * (4 * s + c) + 1] = corners[c][1];
        v[3 * (4 * s + c) + 2] = s == 0 ? 0 : -10;
      }
    }
    int[] t = {0, 1, 2, 0, 2, 3, 4, 5, 6, 4, 6, 7};
    return TriangleMesh.of(v, null, t);
  }

  /** A camera at world z = +500 looking down -z, and its exact depth of the front square. */
  private static PinholeCamera camera() {
    return PinholeCamera.lookAt(
        500, 120, 120, new double[] {0, 0, 500}, new double[] {0, 0, 0}, new double[] {0, 1, 0});
  }

  private static DepthMap frontDepth(PinholeCamera camera) {
    float[] depth = new float[120 * 120];
    for (int y = 0; y < 120; y++) {
      for (int x = 0; x < 120; x++) {
        double[] onPlane = camera.unprojectToWorld(x, y, 500);
        if (Math.abs(onPlane[0]) <= 50 && Math.abs(onPlane[1]) <= 50) {
          depth[y * 120 + x] = 500;
        }
      }
    }
    return DepthMap.of(120, 120, depth);
  }

  @Test
  void keepsTheVisibleSquareAndDropsTheOneBehindIt() {
    PinholeCamera camera = camera();
    PointCloud seen =
        SeenSurface.sample(
            twoSquares(), List.of(camera), List.of(frontDepth(camera)), 2, new Random(5), 1.5);
    // 2 per mm² over 20,000 mm²: about 20,000 samples, about half on the front square
    assertThat(seen.size()).isBetween(19_000, 21_000);
    for (int i = 0; i < seen.size(); i++) {
      assertThat(seen.z(i)).isCloseTo(0f, Offset.offset(1e-4f));
    }
  }

  @Test
  void aCameraThatSeesNothingLeavesNothing() {
    PinholeCamera camera = camera();
    PinholeCamera elsewhere =
        camera.withWorldToCamera(
            RigidTransform.translation(1000, 0, 0).after(camera.worldToCamera()));
    PointCloud seen =
        SeenSurface.sample(
            twoSquares(), List.of(elsewhere), List.of(frontDepth(camera)), 1, new Random(5), 1.5);
    assertThat(seen.size()).isZero();
  }

  @Test
  void rejectsMismatchedInputs() {
    PinholeCamera camera = camera();
    assertThatThrownBy(
            () ->
                SeenSurface.sample(twoSquares(), List.of(camera), List.of(), 1, new Random(5), 1.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("one depth map per camera");
  }
}
