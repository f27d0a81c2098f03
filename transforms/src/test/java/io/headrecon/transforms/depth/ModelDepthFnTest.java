package io.headrecon.transforms.depth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headrecon.model.DecodedView;
import io.headrecon.model.DepthModelRunner;
import io.headrecon.model.DepthNetOutputDecoder;
import io.headrecon.model.ExecutionProvider;
import io.headrecon.proto.Camera;
import io.headrecon.proto.Intrinsics;
import io.headrecon.proto.View;
import io.headrecon.transforms.image.ImageDecoding;
import io.headrecon.transforms.records.ViewDepth;
import io.headrecon.transforms.records.ViewImage;
import io.headrecon.transforms.records.ViewImageCoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TupleTagList;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The batched inference DoFn on the shipped model and real sample photos: batching (by count and by
 * bytes) changes nothing in the results, and a bad model fails with a message naming it.
 */
public class ModelDepthFnTest {
  @Rule public final transient TestPipeline pipeline = TestPipeline.create();
  @Rule public final transient TemporaryFolder temp = new TemporaryFolder();

  static Path root() {
    return Paths.get(System.getProperty("headrecon.root", "..")).toAbsolutePath().normalize();
  }

  static String shippedModel() {
    return root().resolve("models/headrecon-depth.onnx").toString();
  }

  /** Six sample photos of one subject, keyed by subject, without manifests (default camera). */
  static List<KV<String, ViewImage>> samplePhotos() throws Exception {
    Path subject = root().resolve("testdata/synthetic/subject-0001");
    List<KV<String, ViewImage>> views = new ArrayList<>();
    try (Stream<Path> files = Files.list(subject)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".png")).sorted().limit(6).toList()) {
        View view =
            View.newBuilder()
                .setSubjectId("subject-0001")
                .setViewId(f.getFileName().toString().replace(".png", ""))
                .setImageUri(f.toString())
                .setCamera(
                    Camera.newBuilder()
                        .setIntrinsics(
                            Intrinsics.newBuilder()
                                .setFxPx(425)
                                .setFyPx(425)
                                .setCxPx(89.5)
                                .setCyPx(89.5)
                                .setWidthPx(180)
                                .setHeightPx(180)))
                .build();
        views.add(
            KV.of(
                "subject-0001",
                new ViewImage(
                    view,
                    ImageDecoding.decodeRgb(Files.readAllBytes(f), f.toString(), 1_000_000))));
      }
    }
    return views;
  }

  static PCollection<KV<String, ViewDepth>> infer(
      TestPipeline p, String name, List<KV<String, ViewImage>> views, int batch, long bytes) {
    return p.apply(
            name + "Views",
            Create.of(views).withCoder(KvCoder.of(StringUtf8Coder.of(), ViewImageCoder.of())))
        .apply(
            name,
            ParDo.of(new ModelDepthFn(shippedModel(), ExecutionProvider.cpu, batch, bytes, 1000))
                .withOutputTags(EstimateDepth.DEPTHS, TupleTagList.of(EstimateDepth.FAILURES)))
        .get(EstimateDepth.DEPTHS);
  }

  /** Depth of each view from the runner on that view alone (batch of one). */
  static Map<String, float[]> referenceDepths(List<KV<String, ViewImage>> views) throws Exception {
    DepthModelRunner runner = DepthModelFiles.runner(shippedModel(), ExecutionProvider.cpu);
    Map<String, float[]> depths = new HashMap<>();
    for (KV<String, ViewImage> kv : views) {
      float[] input = new float[DepthModelRunner.FLOATS_PER_VIEW];
      DepthModelRunner.fillInput(kv.getValue().image().packedRgb(), input, 0);
      DepthModelRunner.Outputs out = runner.run(input, 1);
      DecodedView decoded =
          DepthNetOutputDecoder.decode(
              out.depth(), out.mask(), out.landmarks(), out.visibility(), 0, 1000);
      depths.put(kv.getValue().viewId(), decoded.depthMm());
    }
    return depths;
  }

  @Test
  public void batchesByCountOrBytesMatchSingleViewInference() throws Exception {
    List<KV<String, ViewImage>> views = samplePhotos();
    Map<String, float[]> reference = referenceDepths(views);
    float headMaxMm = 0;
    for (float[] depth : reference.values()) {
      for (float z : depth) {
        headMaxMm = Math.max(headMaxMm, z);
      }
    }
    // the shipped network sees a head about 1 m away
    assertThat(headMaxMm).isBetween(700f, 1300f);

    long oneViewBytes = 3L * 180 * 180 * 4;
    List<PCollection<KV<String, ViewDepth>>> runs =
        List.of(
            infer(pipeline, "BatchOfOne", views, 1, 1L << 30),
            infer(pipeline, "BatchOfFour", views, 4, 1L << 30),
            infer(pipeline, "TwoByBytes", views, 16, 2 * oneViewBytes));
    for (PCollection<KV<String, ViewDepth>> run : runs) {
      PAssert.that(run)
          .satisfies(
              results -> {
                int n = 0;
                for (KV<String, ViewDepth> r : results) {
                  n++;
                  float[] expected = reference.get(r.getValue().viewId());
                  float[] actual = r.getValue().depthMm();
                  float maxDiff = 0;
                  for (int i = 0; i < expected.length; i++) {
                    maxDiff = Math.max(maxDiff, Math.abs(expected[i] - actual[i]));
                  }
                  // float rounding only; a mask pixel flipping would differ by ~1000 mm
                  assertThat(maxDiff).as(r.getValue().viewId()).isLessThan(0.05f);
                  assertThat(r.getValue().landmarksPx()).hasSize(136);
                }
                assertThat(n).isEqualTo(6);
                return null;
              });
    }
    var result = pipeline.run();
    result.waitUntilFinish();
    Map<String, Long> batches = new HashMap<>();
    for (MetricResult<Long> c :
        result
            .metrics()
            .queryMetrics(
                MetricsFilter.builder()
                    .addNameFilter(MetricNameFilter.named(ModelDepthFn.class, "batches"))
                    .build())
            .getCounters()) {
      batches.merge(c.getKey().stepName(), c.getAttempted(), Long::sum);
    }
    assertThat(batches.get("BatchOfOne")).isEqualTo(6);
    // bundles may split the input, so the others have bounds: at most 4 (or 2) views a batch
    assertThat(batches.get("BatchOfFour")).isBetween(2L, 6L);
    assertThat(batches.get("TwoByBytes")).isBetween(3L, 6L);
  }

  @Test
  public void missingModelFailsWithItsName() {
    String missing = temp.getRoot().toPath().resolve("nope/model.onnx").toString();
    assertThatThrownBy(() -> DepthModelFiles.runner(missing, ExecutionProvider.cpu))
        .isInstanceOf(DepthModelRunner.ModelLoadException.class)
        .hasMessageContaining("cannot read model " + missing);
  }

  @Test
  public void corruptModelFailsWithItsName() throws Exception {
    Path corrupt = temp.newFile("corrupt.onnx").toPath();
    byte[] head = Arrays.copyOf(Files.readAllBytes(Paths.get(shippedModel())), 4096);
    Files.write(corrupt, head); // a truncated model
    assertThatThrownBy(() -> DepthModelFiles.runner(corrupt.toString(), ExecutionProvider.cpu))
        .isInstanceOf(DepthModelRunner.ModelLoadException.class)
        .hasMessageContaining("model " + corrupt + " is not a valid ONNX model");
  }
}
