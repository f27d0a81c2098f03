package io.headrecon.training.train;

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
import io.headrecon.training.net.Architecture;
import io.headrecon.training.net.DepthNet;
import io.headrecon.training.net.NetConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Benchmark: training images per second of the standard U-Net and VAE on random 180 x 180 batches
 * (median of timed rounds after a warm-up). Arguments: batch size (8), rounds (5), steps per round
 * (5), and optionally U-Net widths to compare, one comma-separated list per argument (e.g. {@code
 * 8,24,32,48,64,96 12,32,48,64,96,128}), measured in turn in the same JVM instead of the standard
 * pair.
 */
public final class TrainingThroughput {
  private TrainingThroughput() {}

  public static void main(String[] args) {
    int batch = args.length > 0 ? Integer.parseInt(args[0]) : 8;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    int steps = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    Engine.getInstance().setRandomSeed(1);
    List<NetConfig> configs = new ArrayList<>();
    for (int i = 3; i < args.length; i++) {
      configs.add(NetConfig.standard(Architecture.UNET).withWidths(args[i]));
    }
    if (configs.isEmpty()) {
      for (Architecture arch : Architecture.values()) {
        configs.add(NetConfig.standard(arch));
      }
    }
    for (NetConfig config : configs) {
      DepthNet net = new DepthNet(config);
      try (Model model = Model.newInstance("bench")) {
        model.setBlock(net);
        try (Trainer trainer =
            model.newTrainer(
                new DefaultTrainingConfig(new MultiTaskLoss())
                    .optOptimizer(Adam.builder().build()))) {
          trainer.initialize(new Shape(1, 3, 180, 180));
          double[] rates = new double[rounds];
          for (int r = -1; r < rounds; r++) {
            long t0 = System.nanoTime();
            for (int s = 0; s < steps; s++) {
              try (NDManager m = trainer.getManager().newSubManager()) {
                NDArray images = m.randomUniform(0, 1, new Shape(batch, 3, 180, 180));
                NDList labels =
                    new NDList(
                        m.randomUniform(-1, 1, new Shape(batch, 1, 180, 180)),
                        m.randomUniform(0, 1, new Shape(batch, 1, 180, 180))
                            .gt(0.5)
                            .toType(ai.djl.ndarray.types.DataType.FLOAT32, false),
                        m.randomUniform(0, 1, new Shape(batch, 68, 2)),
                        m.randomUniform(0, 1, new Shape(batch, 68))
                            .gt(0.5)
                            .toType(ai.djl.ndarray.types.DataType.FLOAT32, false));
                try (GradientCollector gc = trainer.newGradientCollector()) {
                  NDArray loss =
                      MultiTaskLoss.terms(labels, trainer.forward(new NDList(images))).total();
                  gc.backward(loss);
                }
                trainer.step();
              }
            }
            if (r >= 0) {
              rates[r] = steps * batch / ((System.nanoTime() - t0) / 1e9);
            }
          }
          Arrays.sort(rates);
          System.out.printf(
              Locale.ROOT,
              "%s: median %.1f training images/s (batch %d, %d rounds of %d steps)%n",
              config,
              rates[rounds / 2],
              batch,
              rounds,
              steps);
        }
      }
    }
  }
}
