package io.headrecon.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import io.headrecon.geometry.PinholeCamera;
import io.headrecon.geometry.RigidTransform;
import io.headrecon.proto.Extrinsics;
import org.junit.jupiter.api.Test;

class DepthNetOutputDecoderTest {

  @Test
  void referenceDepthIsTheHeadOriginZInTheCameraFrame() {
    Extrinsics e =
        Extrinsics.newBuilder()
            .addAllRotationWorldToCamera(
                java.util.List.of(1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0))
            .addAllTranslationWorldToCameraMm(java.util.List.of(3.0, -2.0, 612.5))
            .build();
    assertThat(DepthNetOutputDecoder.referenceDepthMm(e)).isEqualTo(612.5);
    Extrinsics behind = e.toBuilder().setTranslationWorldToCameraMm(2, -5).build();
    assertThatThrownBy(() -> DepthNetOutputDecoder.referenceDepthMm(behind))
        .hasMessageContaining("in front of the camera");
  }

  @Test
  void decodesBatchItemToMillimetresPixelsAndCameraPoints() {
    int plane = 180 * 180;
    float[] depth = new float[2 * plane];
    float[] mask = new float[2 * plane];
    float[] landmarks = new float[2 * 68 * 2];
    float[] visibility = new float[2 * 68];
    // Item 1: one head pixel at (x=100, y=40), 30 mm nearer than the 600 mm reference.
    int pixel = 40 * 180 + 100;
    depth[plane + pixel] = DepthNetOutputDecoder.encodeDepth(570, 600);
    mask[plane + pixel] = 0.9f;
    mask[plane + pixel + 1] = 0.2f; // below the threshold: no surface
    landmarks[(68 + 5) * 2] = 0.5f;
    landmarks[(68 + 5) * 2 + 1] = 0.25f;
    visibility[68 + 5] = 0.7f;

    DecodedView view = DepthNetOutputDecoder.decode(depth, mask, landmarks, visibility, 1, 600);
    assertThat(view.depthMm()[pixel]).isCloseTo(570f, offset(1e-3f));
    assertThat(view.depthMm()[pixel + 1]).isZero();
    assertThat(view.landmarkXPx()[5]).isEqualTo(90f);
    assertThat(view.landmarkYPx()[5]).isEqualTo(45f);
    assertThat(view.landmarkVisible(5)).isTrue();
    assertThat(view.landmarkVisible(6)).isFalse();
  }

  @Test
  void inputCameraScalesIntrinsicsOfALargerPhoto() {
    PinholeCamera photo =
        PinholeCamera.of(1080, 1080, 359.5, 359.5, 720, 720, RigidTransform.identity());
    PinholeCamera input = DepthNetOutputDecoder.inputCamera(photo);
    assertThat(input.fxPx()).isEqualTo(270);
    assertThat(input.cxPx()).isCloseTo(89.5, offset(1e-9));
    assertThat(input.widthPx()).isEqualTo(180);
  }

  @Test
  void rejectsOutputsTooShortForTheItem() {
    assertThatThrownBy(
            () ->
                DepthNetOutputDecoder.decode(
                    new float[180 * 180],
                    new float[180 * 180],
                    new float[136],
                    new float[68],
                    1,
                    600))
        .hasMessageContaining("'depth'");
  }
}
