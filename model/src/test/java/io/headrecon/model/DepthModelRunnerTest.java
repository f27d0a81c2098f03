package io.headrecon.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The shared ONNX Runtime runner on the shipped model and sample photos. */
class DepthModelRunnerTest {
  private static final int PLANE = 180 * 180;

  static Path root() {
    return Paths.get(System.getProperty("headrecon.root", "..")).toAbsolutePath().normalize();
  }

  /** The first {@code count} 180 × 180 sample photos of a subject as network input, NCHW. */
  static float[] samplePhotos(int count) throws IOException {
    List<Path> files;
    try (Stream<Path> list = Files.list(root().resolve("testdata/synthetic/subject-0001"))) {
      files = list.filter(p -> p.toString().endsWith(".png")).sorted().limit(count).toList();
    }
    assertThat(files).hasSize(count);
    float[] input = new float[count * DepthModelRunner.FLOATS_PER_VIEW];
    for (int b = 0; b < count; b++) {
      BufferedImage image = ImageIO.read(files.get(b).toFile());
      int[] packed = image.getRGB(0, 0, 180, 180, null, 0, 180);
      DepthModelRunner.fillInput(packed, input, b * DepthModelRunner.FLOATS_PER_VIEW);
    }
    return input;
  }

  @Test
  void outputsDoNotDependOnTheBatchSize() throws Exception {
    int n = 4;
    float[] input = samplePhotos(n);
    DepthModelRunner runner = DepthModelRunner.shipped(ExecutionProvider.cpu);
    DepthModelRunner.Outputs together = runner.run(input, n);
    assertThat(together.depth()).hasSize(n * PLANE);
    assertThat(together.mask()).hasSize(n * PLANE);
    assertThat(together.landmarks()).hasSize(n * 68 * 2);
    assertThat(together.visibility()).hasSize(n * 68);

    List<DepthModelRunner.Outputs> pairs = new ArrayList<>();
    for (int from = 0; from < n; from += 2) {
      int per = DepthModelRunner.FLOATS_PER_VIEW;
      pairs.add(runner.run(Arrays.copyOfRange(input, from * per, (from + 2) * per), 2));
    }
    for (int b = 0; b < n; b++) {
      DepthModelRunner.Outputs pair = pairs.get(b / 2);
      int i = b % 2;
      assertClose(together.depth(), b, pair.depth(), i, PLANE, "depth of view " + b);
      assertClose(together.mask(), b, pair.mask(), i, PLANE, "mask of view " + b);
      assertClose(together.landmarks(), b, pair.landmarks(), i, 136, "landmarks of view " + b);
      assertClose(together.visibility(), b, pair.visibility(), i, 68, "visibility of view " + b);
    }
    // a head fills a good part of each photo
    int head = 0;
    for (int p = 0; p < PLANE; p++) {
      head += together.mask()[p] >= DepthNetContract.MASK_THRESHOLD ? 1 : 0;
    }
    assertThat(head).isBetween(PLANE / 20, PLANE * 9 / 10);
  }

  private static void assertClose(
      float[] a, int itemA, float[] b, int itemB, int per, String what) {
    float maxDiff = 0;
    for (int k = 0; k < per; k++) {
      maxDiff = Math.max(maxDiff, Math.abs(a[itemA * per + k] - b[itemB * per + k]));
    }
    assertThat(maxDiff).as(what).isLessThan(1e-4f);
  }

  @Test
  void fillInputWritesPlanarRgbOver255() {
    int[] packed = new int[PLANE];
    packed[5] = 0xFF8001;
    float[] input = new float[2 * DepthModelRunner.FLOATS_PER_VIEW];
    Arrays.fill(input, -1f);
    int offset = DepthModelRunner.FLOATS_PER_VIEW;
    DepthModelRunner.fillInput(packed, input, offset);
    assertThat(input[offset + 5]).isEqualTo(1f);
    assertThat(input[offset + PLANE + 5]).isEqualTo(128 / 255f);
    assertThat(input[offset + 2 * PLANE + 5]).isEqualTo(1 / 255f);
    assertThat(input[offset + 4]).isZero();
    assertThat(input[offset - 1]).as("the view before is untouched").isEqualTo(-1f);
    assertThatThrownBy(() -> DepthModelRunner.fillInput(new int[100], input, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32400 pixels, got 100");
  }

  @Test
  void runRejectsAnInputThatDoesNotHoldTheBatch() {
    DepthModelRunner runner = DepthModelRunner.shipped(ExecutionProvider.cpu);
    assertThatThrownBy(() -> runner.run(new float[DepthModelRunner.FLOATS_PER_VIEW], 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a batch of 2 views needs")
        .hasMessageContaining("got 97200");
  }

  @Test
  void oneRunnerPerModelAndProviderAndAutoRunsOnTheCpuWithoutCuda() {
    assumeFalse(OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA));
    DepthModelRunner cpu = DepthModelRunner.shipped(ExecutionProvider.cpu);
    assertThat(DepthModelRunner.shipped(ExecutionProvider.cpu)).isSameAs(cpu);
    assertThat(cpu.provider()).isEqualTo(ExecutionProvider.cpu);
    assertThat(cpu.model()).isEqualTo("classpath:/models/headrecon-depth.onnx");
    // auto without CUDA shares the CPU session rather than creating a second one
    assertThat(DepthModelRunner.shipped(ExecutionProvider.auto)).isSameAs(cpu);
  }

  @Test
  void cudaWithoutCudaIsAClearError() {
    assumeFalse(OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA));
    assertThatThrownBy(() -> DepthModelRunner.shipped(ExecutionProvider.cuda))
        .isInstanceOf(DepthModelRunner.ModelLoadException.class)
        .hasMessageContaining("cuda was requested for model " + DepthModelRunner.SHIPPED_MODEL)
        .hasMessageContaining("CUDA is not available");
  }

  @Test
  void unreadableOrInvalidModelsAreNamed() throws Exception {
    assertThatThrownBy(
            () ->
                DepthModelRunner.shared(
                    "gs://bucket/missing.onnx",
                    ExecutionProvider.cpu,
                    () -> {
                      throw new IOException("no such object");
                    }))
        .isInstanceOf(DepthModelRunner.ModelLoadException.class)
        .hasMessage("cannot read model gs://bucket/missing.onnx: no such object");

    byte[] truncated = Arrays.copyOf(DepthModelRunner.shippedModelBytes(), 4096);
    assertThatThrownBy(() -> DepthModelRunner.inMemory(truncated, ExecutionProvider.cpu))
        .isInstanceOf(DepthModelRunner.ModelLoadException.class)
        .hasMessageStartingWith("model in-memory sha256:")
        .hasMessageContaining("is not a valid ONNX model");
  }

  @Test
  void aModelWithoutTheContractsOutputsIsAClearError() throws Exception {
    DepthModelRunner copy =
        DepthModelRunner.inMemory(identityModel("image_copy"), ExecutionProvider.cpu);
    assertThatThrownBy(() -> copy.run(new float[DepthModelRunner.FLOATS_PER_VIEW], 1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("has no output 'depth'");

    DepthModelRunner wrongSize =
        DepthModelRunner.inMemory(identityModel("depth"), ExecutionProvider.cpu);
    assertThatThrownBy(() -> wrongSize.run(new float[DepthModelRunner.FLOATS_PER_VIEW], 1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("output 'depth' of model in-memory sha256:")
        .hasMessageContaining("has 97200 values, expected 32400");
  }

  /**
   * An ONNX model (protobuf wire format written by hand) whose one output {@code output} is a copy
   * of the {@code [N, 3, 180, 180]} input {@code image}.
   */
  static byte[] identityModel(String output) {
    byte[] tensorType =
        concat(
            varint(1, 1), // elem_type FLOAT
            message(
                2,
                concat(
                    message(1, string(2, "N")),
                    message(1, varint(1, 3)),
                    message(1, varint(1, 180)),
                    message(1, varint(1, 180)))));
    byte[] type = message(1, tensorType);
    byte[] node = concat(string(1, "image"), string(2, output), string(4, "Identity"));
    byte[] graph =
        concat(
            message(1, node),
            string(2, "identity"),
            message(11, concat(string(1, "image"), message(2, type))),
            message(12, concat(string(1, output), message(2, type))));
    return concat(varint(1, 8), message(7, graph), message(8, varint(2, 17)));
  }

  private static byte[] varint(int field, long value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writeVarint(out, (long) field << 3);
    writeVarint(out, value);
    return out.toByteArray();
  }

  private static byte[] string(int field, String value) {
    return message(field, value.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] message(int field, byte[] value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writeVarint(out, ((long) field << 3) | 2);
    writeVarint(out, value.length);
    out.writeBytes(value);
    return out.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  private static void writeVarint(ByteArrayOutputStream out, long value) {
    while ((value & ~0x7FL) != 0) {
      out.write((int) ((value & 0x7F) | 0x80));
      value >>>= 7;
    }
    out.write((int) value);
  }
}
