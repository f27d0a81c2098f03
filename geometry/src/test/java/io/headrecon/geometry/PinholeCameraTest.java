package io.headrecon.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PinholeCameraTest {

  @Test
  void projectThenUnprojectReturnsThePoint() {
    Random random = new Random(7);
    PinholeCamera camera =
        PinholeCamera.lookAt(
            520,
            180,
            180,
            new double[] {300, 50, 550},
            new double[] {0, 20, 0},
            new double[] {0, 1, 0});
    for (int i = 0; i < 1000; i++) {
      double[] p = {
        random.nextGaussian() * 80, random.nextGaussian() * 80, random.nextGaussian() * 80
      };
      double[] pixel = camera.projectWorld(p);
      assertThat(pixel[2]).isPositive();
      double[] back = camera.unprojectToWorld(pixel[0], pixel[1], pixel[2]);
      assertThat(back[0]).isCloseTo(p[0], within(1e-9));
      assertThat(back[1]).isCloseTo(p[1], within(1e-9));
      assertThat(back[2]).isCloseTo(p[2], within(1e-9));
    }
  }

  @Test
  void lookAtPutsTheTargetAtThePrincipalPointWithUpUp() {
    double[] eye = {0, 0, 600};
    PinholeCamera camera =
        PinholeCamera.lookAt(500, 180, 120, eye, new double[] {0, 0, 0}, new double[] {0, 1, 0});
    double[] centre = camera.projectWorld(new double[] {0, 0, 0});
    assertThat(centre[0]).isCloseTo(89.5, within(1e-9));
    assertThat(centre[1]).isCloseTo(59.5, within(1e-9));
    assertThat(centre[2]).isCloseTo(600, within(1e-9));
    // world +y (up) appears higher in the image, i.e. at smaller pixel y
    assertThat(camera.projectWorld(new double[] {0, 10, 0})[1]).isLessThan(centre[1]);
    // camera centre in world coordinates
    assertThat(camera.cameraToWorld().translationMm())
        .containsExactly(new double[] {0, 0, 600}, within(1e-9));
    assertThat(camera.contains(-0.6, 10)).isFalse();
    assertThat(camera.contains(179.4, 119.4)).isTrue();
  }

  @Test
  void rigidTransformComposesAndInverts() {
    RigidTransform a = RigidTransform.fromAxisAngle(1, 2, 3, 25, new double[] {10, -5, 3});
    RigidTransform b = RigidTransform.fromAxisAngle(-1, 0, 1, 40, new double[] {0, 7, 1});
    double[] p = {12, -4, 9};
    double[] viaCompose = b.after(a).apply(p);
    double[] stepwise = b.apply(a.apply(p));
    assertThat(viaCompose).containsExactly(stepwise, within(1e-9));
    assertThat(a.inverse().apply(a.apply(p))).containsExactly(p, within(1e-9));
    assertThat(a.rotationAngleDeg()).isCloseTo(25, within(1e-9));
    assertThat(a.rotationDistanceDeg(a)).isCloseTo(0, within(1e-6));
    assertThat(RigidTransform.identity().rotationDistanceDeg(b)).isCloseTo(40, within(1e-9));
  }
}
