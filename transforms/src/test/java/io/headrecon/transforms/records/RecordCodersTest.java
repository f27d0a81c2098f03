package io.headrecon.transforms.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headrecon.geometry.PointCloud;
import io.headrecon.geometry.TriangleMesh;
import io.headrecon.proto.Camera;
import io.headrecon.proto.Extrinsics;
import io.headrecon.proto.Intrinsics;
import io.headrecon.proto.SubjectGroundTruth;
import io.headrecon.proto.SubjectManifest;
import io.headrecon.proto.SubjectMetrics;
import io.headrecon.proto.View;
import io.headrecon.proto.ViewMetrics;
import io.headrecon.transforms.image.RgbImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.values.KV;
import org.junit.jupiter.api.Test;

/** Every pipeline record survives its coder unchanged, also nested, and is found by default. */
class RecordCodersTest {
  static final int SIZE_PX = 180;
  static final int LANDMARKS = 68;

  static RgbImage image(Random random, int w, int h) {
    int[] rgb = new int[w * h];
    for (int i = 0; i < rgb.length; i++) {
      rgb[i] = random.nextInt(1 << 24);
    }
    return new RgbImage(w, h, rgb);
  }

  static View view(String viewId) {
    return View.newBuilder()
        .setSubjectId("subject-7")
        .setViewId(viewId)
        .setYawDeg(-30)
        .setImageUri("gs://bucket/in/subject-7/" + viewId + ".png")
        .setCamera(
            Camera.newBuilder()
                .setIntrinsics(
                    Intrinsics.newBuilder()
                        .setFxPx(425)
                        .setFyPx(425)
                        .setCxPx(89.5)
                        .setCyPx(89.5)
                        .setWidthPx(SIZE_PX)
                        .setHeightPx(SIZE_PX))
                .setExtrinsics(
                    Extrinsics.newBuilder()
                        .addAllRotationWorldToCamera(
                            List.of(1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0))
                        .addAllTranslationWorldToCameraMm(List.of(0.0, 0.0, 1000.0))))
        .build();
  }

  static float[] floats(Random random, int n) {
    float[] values = new float[n];
    for (int i = 0; i < n; i++) {
      values[i] = random.nextFloat() * 1000 - 500;
    }
    values[0] = Float.NaN; // bit patterns survive, NaN included
    return values;
  }

  static ViewDepth viewDepth(Random random, String viewId) {
    boolean[] visible = new boolean[LANDMARKS];
    for (int i = 0; i < LANDMARKS; i++) {
      visible[i] = random.nextBoolean();
    }
    return new ViewDepth(
        view(viewId),
        image(random, SIZE_PX, SIZE_PX),
        floats(random, SIZE_PX * SIZE_PX),
        floats(random, 2 * LANDMARKS),
        floats(random, LANDMARKS),
        visible,
        random.nextFloat(),
        900 + 200 * random.nextDouble());
  }

  static PointCloud cloud(Random random, int n, boolean colours, boolean normals) {
    byte[] rgb = null;
    if (colours) {
      rgb = new byte[3 * n];
      random.nextBytes(rgb);
    }
    return PointCloud.of(floats(random, 3 * n), rgb, normals ? floats(random, 3 * n) : null);
  }

  static <T> T roundTrip(Coder<T> coder, T value) throws CoderException {
    return CoderUtils.decodeFromByteArray(coder, CoderUtils.encodeToByteArray(coder, value));
  }

  static void assertSameView(ViewDepth a, ViewDepth b) {
    assertThat(b.view()).isEqualTo(a.view());
    assertThat(b.image().widthPx()).isEqualTo(a.image().widthPx());
    assertThat(b.image().packedRgb()).isEqualTo(a.image().packedRgb());
    assertThat(b.depthMm()).isEqualTo(a.depthMm());
    assertThat(b.landmarksPx()).isEqualTo(a.landmarksPx());
    assertThat(b.landmarkDepthMm()).isEqualTo(a.landmarkDepthMm());
    assertThat(b.landmarkVisible()).isEqualTo(a.landmarkVisible());
    assertThat(Float.floatToRawIntBits(b.maskUncertainFraction()))
        .isEqualTo(Float.floatToRawIntBits(a.maskUncertainFraction()));
    assertThat(b.referenceDepthMm()).isEqualTo(a.referenceDepthMm());
  }

  static void assertSameCloud(PointCloud a, PointCloud b) {
    assertThat(b.positionsMm()).isEqualTo(a.positionsMm());
    assertThat(b.colorsRgb()).isEqualTo(a.colorsRgb());
    assertThat(b.normals()).isEqualTo(a.normals());
  }

  @Test
  void viewImageRoundTripsAndIsPackedRgb() throws Exception {
    Random random = new Random(1);
    ViewImage v = new ViewImage(view("yaw_m030"), image(random, SIZE_PX, 120));
    ViewImage back = roundTrip(ViewImageCoder.of(), v);
    assertThat(back.view()).isEqualTo(v.view());
    assertThat(back.image().heightPx()).isEqualTo(120);
    assertThat(back.image().packedRgb()).isEqualTo(v.image().packedRgb());
    // 3 bytes per pixel plus the view proto and a few length fields; no per-object overhead.
    int bytes = CoderUtils.encodeToByteArray(ViewImageCoder.of(), v).length;
    assertThat(bytes).isBetween(3 * SIZE_PX * 120, 3 * SIZE_PX * 120 + 400);
  }

  @Test
  void viewDepthRoundTripsNestedInAKv() throws Exception {
    Random random = new Random(2);
    ViewDepth v = viewDepth(random, "yaw_p000");
    KvCoder<String, ViewDepth> coder = KvCoder.of(StringUtf8Coder.of(), ViewDepthCoder.of());
    KV<String, ViewDepth> back = roundTrip(coder, KV.of("subject-7", v));
    assertThat(back.getKey()).isEqualTo("subject-7");
    assertSameView(v, back.getValue());
  }

  @Test
  void maskUncertaintyAndReferenceDepthAreTheLastTwelveBytesLittleEndianAndNaNSurvives()
      throws Exception {
    ViewDepth v = viewDepth(new Random(7), "yaw_p010");
    ViewDepth known =
        new ViewDepth(
            v.view(),
            v.image(),
            v.depthMm(),
            v.landmarksPx(),
            v.landmarkDepthMm(),
            v.landmarkVisible(),
            0.25f,
            612.5);
    byte[] bytes = CoderUtils.encodeToByteArray(ViewDepthCoder.of(), known);
    java.nio.ByteBuffer tail =
        java.nio.ByteBuffer.wrap(bytes, bytes.length - 12, 12)
            .order(java.nio.ByteOrder.LITTLE_ENDIAN);
    assertThat(tail.getFloat()).isEqualTo(0.25f);
    assertThat(tail.getDouble()).isEqualTo(612.5);
    ViewDepth unknown =
        new ViewDepth(
            v.view(),
            v.image(),
            v.depthMm(),
            v.landmarksPx(),
            v.landmarkDepthMm(),
            v.landmarkVisible(),
            Float.NaN,
            Double.NaN);
    ViewDepth back = roundTrip(ViewDepthCoder.of(), unknown);
    assertThat(back.maskUncertainFraction()).isNaN();
    assertThat(back.referenceDepthMm()).isNaN();
  }

  @Test
  void subjectFilesAndInputRoundTripWithAndWithoutManifest() throws Exception {
    SubjectFiles withManifest =
        new SubjectFiles(
            "s1", "/in/s1/", List.of("/in/s1/a.png", "/in/s1/b.jpg"), "/in/s1/manifest.json");
    SubjectFiles without = new SubjectFiles("s2", "/in/s2/", List.of("/in/s2/é.png"), null);
    assertThat(roundTrip(SubjectFilesCoder.of(), withManifest)).isEqualTo(withManifest);
    assertThat(roundTrip(SubjectFilesCoder.of(), without)).isEqualTo(without);
    SubjectManifest manifest =
        SubjectManifest.newBuilder()
            .setSubjectId("s1")
            .addViews(view("a"))
            .setGroundTruth(SubjectGroundTruth.newBuilder().setMeshUri("/in/s1/gt/mesh.ply"))
            .build();
    SubjectInput input = new SubjectInput(withManifest, manifest);
    assertThat(roundTrip(SubjectInputCoder.of(), input)).isEqualTo(input);
    SubjectInput bare = new SubjectInput(without, SubjectManifest.getDefaultInstance());
    assertThat(roundTrip(SubjectInputCoder.of(), bare)).isEqualTo(bare);
  }

  @Test
  void subjectResultRoundTripsWithViewOutputs() throws Exception {
    Random random = new Random(3);
    SubjectMetrics metrics =
        SubjectMetrics.newBuilder()
            .setSubjectId("s1")
            .setViewsTotal(2)
            .addViews(ViewMetrics.newBuilder().setViewId("a").setRegistered(true))
            .putStageMillis("fusion", 12.5)
            .build();
    SubjectResult result =
        new SubjectResult(
            "s1",
            cloud(random, 1000, true, true),
            true,
            metrics,
            Map.of("a", cloud(random, 10, true, false)),
            Map.of("a", viewDepth(random, "a")),
            SubjectManifest.newBuilder().setSubjectId("s1").build(),
            TriangleMesh.of(
                new float[] {0, 0, 500, 10, 0, 500, 0, 10, 500, 10, 10, 501},
                new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12},
                new float[] {0, 0, -1, 0, 0, -1, 0, 0, -1, 0, 0, -1},
                new int[] {0, 2, 1, 1, 2, 3}));
    SubjectResult back = roundTrip(SubjectResultCoder.of(), result);
    assertThat(back.meshInReference()).isEqualTo(result.meshInReference());
    assertThat(roundTrip(SubjectResultCoder.of(), result.withMetrics(metrics)).meshInReference())
        .isNotNull();
    SubjectResult noMesh =
        new SubjectResult(
            "s2",
            PointCloud.empty(),
            false,
            metrics,
            Map.of(),
            Map.of(),
            SubjectManifest.getDefaultInstance(),
            null);
    assertThat(roundTrip(SubjectResultCoder.of(), noMesh).meshInReference()).isNull();
    assertThat(back.subjectId()).isEqualTo("s1");
    assertThat(back.inWorldFrame()).isTrue();
    assertThat(back.metrics()).isEqualTo(metrics);
    assertThat(back.manifest()).isEqualTo(result.manifest());
    assertSameCloud(result.fusedInReference(), back.fusedInReference());
    assertThat(back.viewCloudsInReference()).containsOnlyKeys("a");
    assertSameCloud(result.viewCloudsInReference().get("a"), back.viewCloudsInReference().get("a"));
    assertSameView(result.viewDepthMm().get("a"), back.viewDepthMm().get("a"));
  }

  @Test
  void pointCloudsWithoutColoursOrNormalsRoundTrip() throws Exception {
    Random random = new Random(4);
    for (PointCloud c :
        List.of(
            PointCloud.empty(), cloud(random, 5, false, false), cloud(random, 5, false, true))) {
      assertSameCloud(c, roundTrip(PointCloudCoder.of(), c));
    }
    // 12 bytes of position + 3 of colour + 12 of normal per point, and 3 length fields.
    assertThat(CoderUtils.encodeToByteArray(PointCloudCoder.of(), cloud(random, 100, true, true)))
        .hasSize(27 * 100 + 12);
  }

  @Test
  void defaultCodersAreTheRecordCoders() throws Exception {
    CoderRegistry registry = CoderRegistry.createDefault();
    assertThat(registry.getCoder(ViewImage.class)).isSameAs(ViewImageCoder.of());
    assertThat(registry.getCoder(ViewDepth.class)).isSameAs(ViewDepthCoder.of());
    assertThat(registry.getCoder(SubjectFiles.class)).isSameAs(SubjectFilesCoder.of());
    assertThat(registry.getCoder(SubjectInput.class)).isSameAs(SubjectInputCoder.of());
    assertThat(registry.getCoder(SubjectResult.class)).isSameAs(SubjectResultCoder.of());
  }

  @Test
  void truncatedBytesAreACoderErrorNotAGarbageRecord() throws Exception {
    byte[] bytes = CoderUtils.encodeToByteArray(ViewDepthCoder.of(), viewDepth(new Random(5), "a"));
    byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length / 2);
    assertThatThrownBy(() -> ViewDepthCoder.of().decode(new java.io.ByteArrayInputStream(cut)))
        .isInstanceOf(IOException.class);
  }

  /**
   * The encoded size of one 180 x 180 view with depth, against Java serialization of the same
   * arrays (what the pipeline used before): printed for the record, and smaller.
   */
  @Test
  void oneViewIsSmallerThanItsJavaSerializedArrays() throws Exception {
    ViewDepth v = viewDepth(new Random(6), "yaw_p000");
    int coded = CoderUtils.encodeToByteArray(ViewDepthCoder.of(), v).length;
    ByteArrayOutputStream java = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(java)) {
      out.writeObject(v.view().toByteArray());
      out.writeObject(v.image().packedRgb());
      out.writeObject(v.depthMm());
      out.writeObject(v.landmarksPx());
      out.writeObject(v.landmarkDepthMm());
      out.writeObject(v.landmarkVisible());
    }
    System.out.printf(
        "180x180 ViewDepth: %d bytes coded, %d bytes Java-serialized arrays%n", coded, java.size());
    // 97,200 bytes RGB + 129,600 bytes depth + landmarks and the view proto.
    assertThat(coded).isBetween(3 * 32400 + 4 * 32400, 3 * 32400 + 4 * 32400 + 2000);
    assertThat(coded).isLessThan(java.size());
  }
}
