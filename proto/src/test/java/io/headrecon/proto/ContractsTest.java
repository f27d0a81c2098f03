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
}
