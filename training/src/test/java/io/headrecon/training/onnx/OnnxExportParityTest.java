package io.headrecon.training.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.onnx.proto.OnnxMl.ModelProto;
import io.headrecon.model.DepthModelRunner;
import io.headrecon.model.ExecutionProvider;
import io.headrecon.training.data.Augmenter;
import io.headrecon.training.data.DatasetReader;
import io.headrecon.training.data.SyntheticDataset;
import io.headrecon.training.data.TestDatasets;
import io.headrecon.training.data.TrainingExample;
import io.headrecon.training.data.ViewSample;
import io.headrecon.training.net.Architecture;
import io.headrecon.training.net.DepthNet;
import io.headrecon.training.net.DepthNetInference;
import io.headrecon.training.net.NetConfig;
import io.headrecon.training.train.Batches;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The exported ONNX graph in ONNX Runtime gives the DJL eval-mode outputs (full-size networks). */
class OnnxExportParityTest {
  @TempDir static Path dataset;
  static List<TrainingExample> examples;

  /** Three views of the committed dataset sample, or of a seeded synthetic stand-in. */
  @BeforeAll
  static void readViews() throws Exception {
    Path root = TestDatasets.committedSample().orElse(null);
    if (root == null) {
      SyntheticDataset.write(dataset, new String[] {"train", "test"}, new int[] {0, 60}, 11);
      root = dataset;
    }
    List<ViewSample> views = DatasetReader.read(root, Set.of("train", "val", "test"));
    examples = views.stream().limit(3).map(Augmenter::plain).toList();
    assertThat(examples).hasSize(3);
    System.out.println("parity views from " + root + ": " + views.get(0).key() + " ...");
  }

  @ParameterizedTest
  @EnumSource(Architecture.class)
  void onnxRuntimeMatchesDjl(Architecture architecture) throws Exception {
    Engine.getInstance().setRandomSeed(3);
    try (NDManager manager = NDManager.newBaseManager()) {
      DepthNet net = new DepthNet(NetConfig.standard(architecture));
      net.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 180, 180));
      NDArray images = Batches.images(manager, examples);
      // Training-mode passes move the batch-norm running statistics away from (0, 1).
      for (int i = 0; i < 3; i++) {
        net.forward(new ParameterStore(manager, false), new NDList(images), true);
      }
      double largestRunningMean = 0;
      for (var p : net.getParameters()) {
        if (p.getKey().endsWith("runningMean")) {
          for (float v : p.getValue().getArray().toFloatArray()) {
            largestRunningMean = Math.max(largestRunningMean, Math.abs(v));
          }
        }
      }
      assertThat(largestRunningMean).isGreaterThan(1e-3);

      NDList djl = DepthNetInference.predict(net, manager, images);
      ModelProto model = OnnxExporter.toModel(net, Map.of("test", "parity"));
      assertThat(model.getOpsetImport(0).getVersion()).isEqualTo(17);
      DepthModelRunner onnx = DepthModelRunner.inMemory(model.toByteArray(), ExecutionProvider.cpu);
      DepthModelRunner.Outputs out = onnx.run(images.toFloatArray(), examples.size());
      float[][] ort = {out.depth(), out.mask(), out.landmarks(), out.visibility()};
      for (int k = 0; k < 4; k++) {
        float[] expected = djl.get(k).toFloatArray();
        assertThat(ort[k]).hasSameSizeAs(expected);
        double maxDiff = 0;
        for (int i = 0; i < expected.length; i++) {
          maxDiff = Math.max(maxDiff, Math.abs(expected[i] - ort[k][i]));
        }
        assertThat(maxDiff).as("output %d max abs difference", k).isLessThanOrEqualTo(1e-4);
        assertThat(spread(expected)).as("output %d is not constant", k).isGreaterThan(1e-4);
      }
    }
  }

  private static double spread(float[] values) {
    float min = Float.POSITIVE_INFINITY;
    float max = Float.NEGATIVE_INFINITY;
    for (float v : values) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    return max - min;
  }
}
