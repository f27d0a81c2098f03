package io.headrecon.synth.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class CameraRigTest {
  private static final float[] BOX = {
    -100, -150, -100, 100, 150, 120, -100, 150, 120, 100, -150, -100
  };

  @Test
  void viewIdsAreSafeAndSigned() {
    assertThat(CameraRig.viewId(-90)).isEqualTo("yaw_m090");
    assertThat(CameraRig.viewId(0)).isEqualTo("yaw_p000");
    assertThat(CameraRig.viewId(30)).isEqualTo("yaw_p030");
  }

  @Test
  void positiveYawPutsTheCameraOnTheSubjectsLeftAimedAtTheCentre() {
    CameraRig.Settings settings = new CameraRig.Settings(180, 180, 85, 0, 0, 0, 0.06);
    List<CameraRig.View> views = CameraRig.place(BOX, new int[] {0, 90}, settings, 1);
    double[] centre = CameraRig.boxCentre(BOX);
    double[] front = views.get(0).camera().cameraToWorld().translationMm();
    double[] left = views.get(1).camera().cameraToWorld().translationMm();
    assertThat(front[2]).isGreaterThan(centre[2] + 500);
    assertThat(left[0]).isGreaterThan(centre[0] + 500);
    assertThat(views.get(0).camera().fxPx()).isCloseTo(85 / 36.0 * 180, within(1e-9));
    for (CameraRig.View v : views) {
      double[] c = v.camera().projectWorld(centre);
      assertThat(c[0]).isCloseTo(89.5, within(1e-6));
      assertThat(c[1]).isCloseTo(89.5, within(1e-6));
    }
  }

  @Test
  void jitterIsSeededAndBounded() {
    CameraRig.Settings settings = new CameraRig.Settings(64, 64, 85, 10, 5, 0.2, 0.06);
    List<CameraRig.View> a = CameraRig.place(BOX, new int[] {-30, 0, 30}, settings, 9);
    List<CameraRig.View> b = CameraRig.place(BOX, new int[] {-30, 0, 30}, settings, 9);
    for (int i = 0; i < 3; i++) {
      assertThat(a.get(i).pitchDeg()).isEqualTo(b.get(i).pitchDeg()).isBetween(-10.0, 10.0);
      assertThat(a.get(i).rollDeg()).isBetween(-5.0, 5.0);
      assertThat(a.get(i).camera().worldToCamera()).isEqualTo(b.get(i).camera().worldToCamera());
    }
    assertThatThrownBy(() -> CameraRig.place(BOX, new int[] {10, 10}, settings, 9))
        .hasMessageContaining("twice");
  }
}
