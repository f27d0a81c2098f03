package io.headrecon.training.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.tracker.Tracker;
import io.headrecon.model.DepthModelRunner;
import io.headrecon.model.ExecutionProvider;
import io.headrecon.training.data.Augmenter;
import io.headrecon.training.data.DatasetReader;
import io.headrecon.training.data.SyntheticDataset;
import io.headrecon.training.data.TrainingExample;
import io.headrecon.training.net.Architecture;
import io.headrecon.training.net.DepthNet;
import io.headrecon.training.net.NetConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TrainDepthNetTest {
  @TempDir static Path dataset;

  @BeforeAll
  static void writeFixture() throws Exception {
    SyntheticDataset.write(
        dataset, new String[] {"train", "train", "val", "test"}, new int[] {0, 50}, 5);
  }

  @ParameterizedTest
  @EnumSource(Architecture.class)
  void lossFallsWhenFittingTwoViews(Architecture architecture) {
    List<TrainingExample> examples =
        DatasetReader.read(dataset, Set.of("train")).stream()
            .limit(2)
            .map(Augmenter::plain)
            .toList();
    Engine.getInstance().setRandomSeed(1);
    DepthNet net = new DepthNet(NetConfig.tiny(architecture));
    try (Model model = Model.newInstance("t");
        Trainer trainer = newTrainer(model, net)) {
      float first = 0;
      float last = 0;
      for (int step = 0; step < 40; step++) {
        try (NDManager m = trainer.getManager().newSubManager()) {
          NDArray images = Batches.images(m, examples);
          NDList labels = Batches.labels(m, examples);
          try (GradientCollector gc = trainer.newGradientCollector()) {
            NDArray loss = MultiTaskLoss.terms(labels, trainer.forward(new NDList(images))).total();
            gc.backward(loss);
            last = loss.getFloat();
            first = step == 0 ? last : first;
          }
          trainer.step();
        }
      }
      assertThat(last).isLessThan(0.5f * first);
    }
  }

  private static Trainer newTrainer(Model model, DepthNet net) {
    model.setBlock(net);
    Trainer trainer =
        model.newTrainer(
            new DefaultTrainingConfig(new MultiTaskLoss())
                .optOptimizer(Adam.builder().optLearningRateTracker(Tracker.fixed(3e-3f)).build()));
    trainer.initialize(new Shape(1, 3, 180, 180));
    return trainer;
  }

  @Test
  void trainsResumesAndExportsARunnableModel(@TempDir Path out) throws Exception {
    NetConfig tiny = NetConfig.tiny(Architecture.UNET);
    TrainDepthNet.Options once =
        new TrainDepthNet.Options(dataset, out, tiny, 1, 2, 1e-3, 9, 0, true, 0, false);
    TrainDepthNet.Result first = TrainDepthNet.run(once);
    assertThat(first.epochsCompleted()).isEqualTo(1);
    byte[] checkpointed = Files.readAllBytes(out.resolve("last.params"));

    TrainDepthNet.Options twice =
        new TrainDepthNet.Options(dataset, out, tiny, 2, 2, 1e-3, 9, 0, true, 0, false);
    TrainDepthNet.Result second = TrainDepthNet.run(twice);
    assertThat(second.epochsCompleted()).isEqualTo(2);
    // The resumed epoch trained the loaded weights: had the trainer kept training its own freshly
    // initialised copies, the saved parameters would still be the loaded ones, byte for byte.
    assertThat(Files.readAllBytes(out.resolve("last.params"))).isNotEqualTo(checkpointed);
    List<String> log = Files.readAllLines(out.resolve("train_log.csv"));
    assertThat(log).hasSize(3); // header + epoch 1 (first run) + epoch 2 (resumed run)
    assertThat(log.get(1)).startsWith("1,");
    assertThat(log.get(2)).startsWith("2,");
    assertThat(second.bestValLoss()).isFinite();

    byte[] onnx = Files.readAllBytes(second.model());
    DepthModelRunner model = DepthModelRunner.inMemory(onnx, ExecutionProvider.cpu);
    float[] images = new float[2 * 3 * 180 * 180];
    DepthModelRunner.Outputs o = model.run(images, 2);
    assertThat(o.depth()).hasSize(2 * 180 * 180);
    assertThat(o.landmarks()).hasSize(2 * 68 * 2);
    assertThat(o.visibility()).hasSize(2 * 68);
    for (float p : o.mask()) {
      assertThat(p).isBetween(0f, 1f);
    }
  }
}
