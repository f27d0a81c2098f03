package io.headrecon.proto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProtoJsonTest {

  static Camera frontalCamera() {
    return Camera.newBuilder()
        .setIntrinsics(
            Intrinsics.newBuilder()
                .setFxPx(450)
                .setFyPx(450)
                .setCxPx(90)
                .setCyPx(90)
                .setWidthPx(180)
                .setHeightPx(180))
        .setExtrinsics(
            Extrinsics.newBuilder()
                .addAllRotationWorldToCamera(
                    java.util.List.of(1.0, 0.0, 0.0, 0.0, -1.0, 0.0, 0.0, 0.0, -1.0))
                .addAllTranslationWorldToCameraMm(java.util.List.of(0.0, 10.0, 600.0)))
        .build();
  }

  static Landmarks landmarks(int n) {
    Landmarks.Builder b = Landmarks.newBuilder();
    for (int i = 0; i < n; i++) {
      b.addPoints(
          Landmark.newBuilder().setXPx(i).setYPx(2 * i).setDepthMm(600 + i).setVisible(i % 2 == 0));
    }
    return b.build();
  }

  static SubjectManifest manifest() {
    return SubjectManifest.newBuilder()
        .setSubjectId("subject-0001")
        .setSplit("test")
        .addViews(
            View.newBuilder()
                .setSubjectId("subject-0001")
                .setViewId("yaw_p000")
                .setYawDeg(0)
                .setImageUri("testdata/subject-0001/yaw_p000.png")
                .setCamera(frontalCamera())
                .setGroundTruth(
                    ViewGroundTruth.newBuilder()
                        .setDepthUri("testdata/subject-0001/yaw_p000_depth.png")
                        .setDepthScaleMmPerUnit(0.05)
                        .setLandmarks(landmarks(68))))
        .setGroundTruth(
            SubjectGroundTruth.newBuilder()
                .setMeshUri("testdata/subject-0001/mesh.ply")
                .addIdentityWeights(0.25)
                .setExpressionName("smile")
                .putExpressionWeights("mouthSmile_L", 0.7))
        .build();
  }

  @Test
  void manifestRoundTripsThroughJson() {
    SubjectManifest original = manifest();
    String json = ProtoJson.toJson(original);
    assertThat(json).contains("\"subjectId\": \"subject-0001\"").contains("\"fxPx\": 450.0");
    SubjectManifest parsed = ProtoJson.parseManifest(json, "memory");
    assertThat(parsed).isEqualTo(original);
  }

  @Test
  void metricsAndFailuresRoundTripThroughJson() {
    SubjectMetrics metrics =
        SubjectMetrics.newBuilder()
            .setSubjectId("s1")
            .setViewsTotal(19)
            .setViewsRegistered(18)
            .setChamferMeanMm(0.8)
            .putStageMillis("fusion", 1234.0)
            .addViews(
                ViewMetrics.newBuilder().setViewId("v").setRegistered(true).setIcpFitness(0.9))
            .build();
    SubjectMetrics parsedMetrics =
        ProtoJson.fromJson(ProtoJson.toJson(metrics), SubjectMetrics.newBuilder(), "memory");
    assertThat(parsedMetrics).isEqualTo(metrics);
    assertThat(parsedMetrics.hasChamferMeanMm()).isTrue();
    assertThat(parsedMetrics.hasFscore1Mm()).isFalse();

    FailureRecord failure =
        FailureRecord.newBuilder()
            .setSubjectId("s1")
            .setViewId("v3")
            .setStage("decode")
            .setReason("truncated PNG")
            .setInputUri("s3://bucket/s1/v3.png")
            .build();
    assertThat(
            ProtoJson.<FailureRecord>fromJson(
                ProtoJson.toJson(failure), FailureRecord.newBuilder(), "m"))
        .isEqualTo(failure);
  }

  @Test
  void malformedJsonNamesTheSource() {
    assertThatThrownBy(
            () ->
                ProtoJson.parseManifest(
                    "{\"subjectId\": 3, \"nope\": 1}", "gs://b/s/manifest.json"))
        .isInstanceOf(ContractViolationException.class)
        .hasMessageContaining("gs://b/s/manifest.json")
        .hasMessageContaining("SubjectManifest");
  }
}
