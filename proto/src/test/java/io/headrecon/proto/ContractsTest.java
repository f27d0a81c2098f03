package io.headrecon.proto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ContractsTest {

  @Test
  void validManifestPasses() {
    assertThatCode(() -> Contracts.checkManifest(ProtoJsonTest.manifest(), "m.json"))
        .doesNotThrowAnyException();
  }

  @Test
  void manifestWithoutViewsIsRejected() {
    SubjectManifest m = ProtoJsonTest.manifest().toBuilder().clearViews().build();
    assertThatThrownBy(() -> Contracts.checkManifest(m, "m.json"))
        .hasMessageContaining("m.json")
        .hasMessageContaining("no views");
  }

  @Test
  void unsafeSubjectIdsAreRejected() {
    for (String bad : new String[] {"", "..", "a/b", "../etc", "a..b", "x y"}) {
      SubjectManifest m = ProtoJsonTest.manifest().toBuilder().setSubjectId(bad).build();
      assertThatThrownBy(() -> Contracts.checkManifest(m, "m.json"))
          .as(bad)
          .isInstanceOf(ContractViolationException.class)
          .hasMessageContaining("subjectId");
    }
    assertThat(Contracts.isSafeId("subject-0001_a.b")).isTrue();
  }

  @Test
  void duplicateViewIdsAreRejected() {
    SubjectManifest m = ProtoJsonTest.manifest();
    SubjectManifest dup = m.toBuilder().addViews(m.getViews(0)).build();
    assertThatThrownBy(() -> Contracts.checkManifest(dup, "m.json"))
        .hasMessageContaining("yaw_p000")
        .hasMessageContaining("twice");
  }

  @Test
  void wrongLandmarkCountIsRejected() {
    SubjectManifest m = ProtoJsonTest.manifest();
    View v =
        m.getViews(0).toBuilder()
            .setGroundTruth(
                m.getViews(0).getGroundTruth().toBuilder()
                    .setLandmarks(ProtoJsonTest.landmarks(67)))
            .build();
    SubjectManifest bad = m.toBuilder().setViews(0, v).build();
    assertThatThrownBy(() -> Contracts.checkManifest(bad, "m.json")).hasMessageContaining("68");
  }

  @Test
  void cameraChecksNameTheField() {
    Camera c = ProtoJsonTest.frontalCamera();
    Camera noFocal = c.toBuilder().setIntrinsics(c.getIntrinsics().toBuilder().setFxPx(0)).build();
    assertThatThrownBy(() -> Contracts.checkCamera(noFocal, "v")).hasMessageContaining("fxPx");
    Camera shortR =
        c.toBuilder()
            .setExtrinsics(
                c.getExtrinsics().toBuilder()
                    .clearRotationWorldToCamera()
                    .addAllRotationWorldToCamera(
                        c.getExtrinsics().getRotationWorldToCameraList().subList(0, 8)))
            .build();
    assertThatThrownBy(() -> Contracts.checkCamera(shortR, "v")).hasMessageContaining("9 values");
    Camera reflection =
        c.toBuilder()
            .setExtrinsics(c.getExtrinsics().toBuilder().setRotationWorldToCamera(0, -1.0))
            .build();
    assertThatThrownBy(() -> Contracts.checkCamera(reflection, "v"))
        .hasMessageContaining("reflection");
    Camera sheared =
        c.toBuilder()
            .setExtrinsics(c.getExtrinsics().toBuilder().setRotationWorldToCamera(1, 0.5))
            .build();
    assertThatThrownBy(() -> Contracts.checkCamera(sheared, "v"))
        .hasMessageContaining("orthonormal");
  }

  @Test
  void depthWithoutScaleIsRejected() {
    SubjectManifest m = ProtoJsonTest.manifest();
    View v =
        m.getViews(0).toBuilder()
            .setGroundTruth(m.getViews(0).getGroundTruth().toBuilder().setDepthScaleMmPerUnit(0))
            .build();
    assertThatThrownBy(
            () -> Contracts.checkManifest(m.toBuilder().setViews(0, v).build(), "m.json"))
        .hasMessageContaining("depthScaleMmPerUnit");
  }

  @Test
  void typicalLensDistortionsPass() {
    Camera c = ProtoJsonTest.frontalCamera(); // 180 px wide, fx 450 px: corner at radius 0.28
    for (double[] k : new double[][] {{-0.3, 0.1, 0.001, -0.002, 0.0}, {0.1, -0.05, 0, 0, 0.01}}) {
      Camera distorted = c.toBuilder().setDistortion(distortion(k)).build();
      assertThatCode(() -> Contracts.checkCamera(distorted, "v")).doesNotThrowAnyException();
      assertThat(Contracts.hasDistortion(distorted)).isTrue();
    }
    assertThat(Contracts.hasDistortion(c)).isFalse();
    // a wide-angle calibration (fx 300 px at 1000 px wide: corner at radius 2.1) with strong
    // barrel distortion that stays monotonic: k1 = -0.08, k2 = 0.004
    Camera wide =
        Camera.newBuilder()
            .setIntrinsics(
                Intrinsics.newBuilder()
                    .setFxPx(300)
                    .setFyPx(300)
                    .setCxPx(499.5)
                    .setCyPx(374.5)
                    .setWidthPx(1000)
                    .setHeightPx(750))
            .setDistortion(distortion(new double[] {-0.08, 0.004, 0, 0, 0}))
            .build();
    assertThatCode(() -> Contracts.checkCamera(wide, "v")).doesNotThrowAnyException();
  }

  @Test
  void distortionChecksNameTheField() {
    Camera c = ProtoJsonTest.frontalCamera();
    assertThatThrownBy(
            () ->
                Contracts.checkCamera(
                    c.toBuilder()
                        .setDistortion(distortion(new double[] {Double.NaN, 0, 0, 0, 0}))
                        .build(),
                    "m.json: view 'a'"))
        .isInstanceOf(ContractViolationException.class)
        .hasMessageContaining("m.json: view 'a'")
        .hasMessageContaining("distortion k1")
        .hasMessageContaining("finite");
    assertThatThrownBy(
            () ->
                Contracts.checkCamera(
                    c.toBuilder().setDistortion(distortion(new double[] {0, 0, 0, 0.5, 0})).build(),
                    "v"))
        .hasMessageContaining("distortion p2")
        .hasMessageContaining("0.5");
    // k1 = -4 at a corner radius of 0.28: 1 - 3 * 4 * 0.08 < 0, the image folds
    assertThatThrownBy(
            () ->
                Contracts.checkCamera(
                    c.toBuilder().setDistortion(distortion(new double[] {-4, 0, 0, 0, 0})).build(),
                    "v"))
        .hasMessageContaining("fold")
        .hasMessageContaining("k1, k2, k3 = -4.0");
    // k1 = 100: the corner (radius 0.28) is reached from radius 0.117, scaled by 2.4
    assertThatThrownBy(
            () ->
                Contracts.checkCamera(
                    c.toBuilder().setDistortion(distortion(new double[] {100, 0, 0, 0, 0})).build(),
                    "v"))
        .hasMessageContaining("scale radii by");
  }

  @Test
  void distortionWithGroundTruthInPixelsIsRejected() {
    SubjectManifest m = ProtoJsonTest.manifest(); // its view has depth and landmarks
    View v =
        m.getViews(0).toBuilder()
            .setCamera(
                m.getViews(0).getCamera().toBuilder()
                    .setDistortion(distortion(new double[] {-0.1, 0, 0, 0, 0})))
            .build();
    assertThatThrownBy(
            () -> Contracts.checkManifest(m.toBuilder().setViews(0, v).build(), "m.json"))
        .hasMessageContaining("m.json: view 'yaw_p000'")
        .hasMessageContaining("distortion")
        .hasMessageContaining("ground truth");
    View plain = v.toBuilder().clearGroundTruth().build();
    assertThatCode(
            () -> Contracts.checkManifest(m.toBuilder().setViews(0, plain).build(), "m.json"))
        .doesNotThrowAnyException();
  }

  /** OpenCV's order: k1, k2, p1, p2, k3. */
  static Distortion distortion(double[] k) {
    return Distortion.newBuilder()
        .setK1(k[0])
        .setK2(k[1])
        .setP1(k[2])
        .setP2(k[3])
        .setK3(k[4])
        .build();
  }
}
