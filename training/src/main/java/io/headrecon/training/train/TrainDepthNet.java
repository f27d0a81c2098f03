package io.headrecon.training.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.tracker.Tracker;
import io.headrecon.training.Args;
import io.headrecon.training.data.Augmenter;
import io.headrecon.training.data.DatasetReader;
import io.headrecon.training.data.TrainingExample;
import io.headrecon.training.data.ViewSample;
import io.headrecon.training.eval.ScoreTable;
import io.headrecon.training.eval.ViewScores;
import io.headrecon.training.net.Architecture;
import io.headrecon.training.net.DepthNet;
import io.headrecon.training.net.NetConfig;
import io.headrecon.training.onnx.OnnxExporter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;

/**
 * Trains the depth network from a dataset directory, one command:
 *
 * <pre>
 * mvn -q -pl training -am compile exec:java -Dexec.mainClass=io.headrecon.training.train.TrainDepthNet \
 *   -Dexec.args="--data=DATASET --out=runs/unet --arch=unet --epochs=20 --maxMinutes=35"
 * </pre>
 *
 * <p>Subjects whose manifest split is "train" are trained on (augmented, see {@link Augmenter}),
 * "val" subjects are scored after every epoch; the split is per subject, so no subject is in both.
 * Adam with a cosine learning-rate decay over the planned steps. Each epoch ends with {@code
 * last.*} (resume point) and, when the validation loss improved, {@code best.*} checkpoints in the
 * output directory, and a line in {@code train_log.csv}; training ends with {@code model.onnx}
 * exported from the best checkpoint. Runs on the GPU when DJL sees one, else on the CPU.
 *
 * <p>Seeding: the engine's seed (initialisation, VAE sampling) and, per epoch, the shuffle and
 * augmentation generator are derived from {@code --seed} and the epoch number, so a resumed run
 * replays the same data order. Resume ({@code --resume=true}, the default) restarts after the last
 * completed epoch with its parameters and learning-rate position; Adam's moment estimates start
 * afresh. A run stopped by {@code --maxMinutes} saves its parameters as the resume point of the
 * epoch it was in. {@code --keepEpochs=true} also keeps {@code epochN.*} after every epoch (to
 * compare models at equal training length).
 */
public final class TrainDepthNet {
  private TrainDepthNet() {}

  /** What a training run is asked to do. */
  public record Options(
      Path data,
      Path out,
      NetConfig config,
      int epochs,
      int batchSize,
      double learningRate,
      long seed,
      double maxMinutes,
      boolean resume,
      int maxTrainViews,
      boolean keepEpochs) {}

  /** What a run did. */
  public record Result(int epochsCompleted, double bestValLoss, double trainSeconds, Path model) {}

  public static void main(String[] argv) throws IOException {
    Args args =
        new Args(
            argv,
            Set.of(
                "data",
                "out",
                "arch",
                "widths",
                "epochs",
                "batch",
                "lr",
                "seed",
                "maxMinutes",
                "resume",
                "maxTrainViews",
                "keepEpochs"));
    Architecture arch = Architecture.valueOf(args.string("arch", "unet").toUpperCase(Locale.ROOT));
    NetConfig config = NetConfig.standard(arch);
    String widths = args.string("widths", "");
    if (!widths.isEmpty()) {
      config = config.withWidths(widths);
    }
    Result r =
        run(
            new Options(
                args.requiredPath("data"),
                args.requiredPath("out"),
                config,
                args.integer("epochs", 20),
                args.integer("batch", 8),
                args.number("lr", 1e-3),
                args.integer("seed", 42),
                args.number("maxMinutes", 0),
                args.flag("resume", true),
                args.integer("maxTrainViews", 0),
                args.flag("keepEpochs", false)));
    System.out.printf(
        Locale.ROOT,
        "done: %d epochs, best val loss %.4f, %.0f s training, model %s%n",
        r.epochsCompleted(),
        r.bestValLoss(),
        r.trainSeconds(),
        r.model());
  }

  /** Trains as {@code o} says and exports the best checkpoint to {@code out/model.onnx}. */
  public static Result run(Options o) throws IOException {
    List<ViewSample> train = DatasetReader.read(o.data(), Set.of("train"));
    List<ViewSample> val = DatasetReader.read(o.data(), Set.of("val"));
    if (train.isEmpty()) {
      throw new IllegalArgumentException("no subject with split \"train\" under " + o.data());
    }
    if (o.maxTrainViews() > 0 && train.size() > o.maxTrainViews()) {
      train = train.subList(0, o.maxTrainViews());
    }
    Device device = Engine.getInstance().getGpuCount() > 0 ? Device.gpu() : Device.cpu();
    NetConfig config = o.config();
    int startEpoch = 0;
    double bestValLoss = Double.POSITIVE_INFINITY;
    double trainSeconds = 0;
    boolean resuming = o.resume() && Checkpoint.exists(o.out(), "last");
    if (resuming) {
      Properties s = Checkpoint.state(o.out(), "last");
      config = NetConfig.load(s);
      startEpoch = Integer.parseInt(s.getProperty("epochsCompleted"));
      bestValLoss = Double.parseDouble(s.getProperty("bestValLoss"));
      trainSeconds = Double.parseDouble(s.getProperty("trainSeconds"));
      System.out.printf(
          Locale.ROOT, "resuming %s after epoch %d from %s%n", config, startEpoch, o.out());
    }
    int stepsPerEpoch = (train.size() + o.batchSize() - 1) / o.batchSize();
    int totalSteps = Math.max(1, stepsPerEpoch * o.epochs());
    int stepOffset = startEpoch * stepsPerEpoch;
    double base = o.learningRate();
    Tracker cosine =
        update -> {
          double progress = Math.min(1.0, (double) (update + stepOffset) / totalSteps);
          return (float) (base * (0.02 + 0.98 * 0.5 * (1 + Math.cos(Math.PI * progress))));
        };
    System.out.printf(
        Locale.ROOT,
        "training %s on %s: %d train views, %d val views, batch %d, %d epochs, seed %d%n",
        config,
        device,
        train.size(),
        val.size(),
        o.batchSize(),
        o.epochs(),
        o.seed());
    Engine.getInstance().setRandomSeed((int) o.seed());
    DepthNet net = new DepthNet(config);
    Augmenter augmenter = Augmenter.standard();
    int epoch = startEpoch;
    try (Model model = Model.newInstance("depthnet", device)) {
      model.setBlock(net);
      DefaultTrainingConfig trainingConfig =
          new DefaultTrainingConfig(new MultiTaskLoss())
              .optDevices(new Device[] {device})
              .optOptimizer(Adam.builder().optLearningRateTracker(cosine).build());
      try (Trainer trainer = model.newTrainer(trainingConfig)) {
        if (resuming) {
          // Load before trainer.initialize: the trainer's parameter store keeps the arrays it sees
          // there, so weights loaded afterwards would be saved and validated but never trained.
          net.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 3, 180, 180));
          Checkpoint.loadParameters(o.out(), "last", net, model.getNDManager());
        }
        trainer.initialize(new Shape(1, 3, 180, 180));
        long budgetNanos = o.maxMinutes() > 0 ? (long) (o.maxMinutes() * 60e9) : Long.MAX_VALUE;
        long start = System.nanoTime();
        boolean outOfTime = false;
        for (; epoch < o.epochs() && !outOfTime; epoch++) {
          Engine.getInstance().setRandomSeed((int) (o.seed() * 1009 + epoch));
          Random random = new Random(o.seed() * 1_000_003L + epoch);
          List<Integer> order = new ArrayList<>();
          for (int i = 0; i < train.size(); i++) {
            order.add(i);
          }
          Collections.shuffle(order, random);
          double[] sums = new double[6];
          int steps = 0;
          long epochStart = System.nanoTime();
          for (int b = 0; b < order.size(); b += o.batchSize()) {
            List<TrainingExample> batch = new ArrayList<>();
            for (int i = b; i < Math.min(order.size(), b + o.batchSize()); i++) {
              batch.add(augmenter.augment(train.get(order.get(i)), random));
            }
            try (NDManager m = trainer.getManager().newSubManager()) {
              NDArray images = Batches.images(m, batch);
              NDList labels = Batches.labels(m, batch);
              try (GradientCollector gc = trainer.newGradientCollector()) {
                NDList predictions = trainer.forward(new NDList(images));
                MultiTaskLoss.Terms terms = MultiTaskLoss.terms(labels, predictions);
                NDArray loss = terms.total();
                gc.backward(loss);
                sums[0] += loss.getFloat();
                sums[1] += terms.depth().getFloat();
                sums[2] += terms.mask().getFloat();
                sums[3] += terms.landmarks().getFloat();
                sums[4] += terms.visibility().getFloat();
                sums[5] += terms.gradient().getFloat();
              }
              trainer.step();
            }
            steps++;
            if (steps % 25 == 0) {
              double secs = (System.nanoTime() - epochStart) / 1e9;
              System.out.printf(
                  Locale.ROOT,
                  "epoch %d step %d/%d loss %.4f (%.1f img/s)%n",
                  epoch + 1,
                  steps,
                  stepsPerEpoch,
                  sums[0] / steps,
                  steps * o.batchSize() / secs);
            }
            if (System.nanoTime() - start > budgetNanos) {
              outOfTime = true;
              break;
            }
          }
          double elapsed = (System.nanoTime() - start) / 1e9;
          Validation v = validate(net, trainer.getManager(), val, o.batchSize());
          boolean completed = !outOfTime;
          Properties state = new Properties();
          state.setProperty("epochsCompleted", Integer.toString(completed ? epoch + 1 : epoch));
          state.setProperty("seed", Long.toString(o.seed()));
          state.setProperty("trainSeconds", Double.toString(trainSeconds + elapsed));
          double valLoss = val.isEmpty() ? sums[0] / Math.max(1, steps) : v.loss();
          if (valLoss < bestValLoss) {
            bestValLoss = valLoss;
            state.setProperty("bestValLoss", Double.toString(bestValLoss));
            Checkpoint.save(o.out(), "best", net, state);
          }
          state.setProperty("bestValLoss", Double.toString(bestValLoss));
          Checkpoint.save(o.out(), "last", net, state);
          if (o.keepEpochs() && completed) {
            Checkpoint.save(o.out(), "epoch" + (epoch + 1), net, state);
          }
          String line =
              String.format(
                  Locale.ROOT,
                  "%d,%d,%.1f,%.5f,%.5f,%.5f,%.5f,%.5f,%.5f,%.5f,%.3f,%.4f,%.4f",
                  epoch + 1,
                  steps,
                  trainSeconds + elapsed,
                  sums[0] / Math.max(1, steps),
                  sums[1] / Math.max(1, steps),
                  sums[2] / Math.max(1, steps),
                  sums[3] / Math.max(1, steps),
                  sums[4] / Math.max(1, steps),
                  sums[5] / Math.max(1, steps),
                  v.loss(),
                  v.rmseMm(),
                  v.iou(),
                  v.nme());
          appendLog(o.out(), line);
          System.out.println("epoch summary: " + line);
        }
        if (!Checkpoint.exists(o.out(), "best")) {
          throw new IllegalStateException(
              "no checkpoint in " + o.out() + ": all " + o.epochs() + " epochs were done already?");
        }
        trainSeconds =
            Double.parseDouble(Checkpoint.state(o.out(), "last").getProperty("trainSeconds"));
        Checkpoint.loadParameters(o.out(), "best", net, trainer.getManager());
        Path onnx = o.out().resolve("model.onnx");
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("train_seed", Long.toString(o.seed()));
        meta.put("train_views", Integer.toString(train.size()));
        meta.put("train_seconds", String.format(Locale.ROOT, "%.0f", trainSeconds));
        meta.put("best_val_loss", Double.toString(bestValLoss));
        OnnxExporter.export(net, meta, onnx);
        int done =
            Integer.parseInt(Checkpoint.state(o.out(), "last").getProperty("epochsCompleted"));
        return new Result(done, bestValLoss, trainSeconds, onnx);
      }
    }
  }

  /** Validation loss and scores (means over views). */
  record Validation(double loss, double rmseMm, double iou, double nme) {}

  static Validation validate(DepthNet net, NDManager parent, List<ViewSample> val, int batchSize) {
    if (val.isEmpty()) {
      return new Validation(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    double lossSum = 0;
    List<ViewScores> scores = new ArrayList<>();
    for (int b = 0; b < val.size(); b += batchSize) {
      List<ViewSample> views = val.subList(b, Math.min(val.size(), b + batchSize));
      List<TrainingExample> batch = views.stream().map(Augmenter::plain).toList();
      try (NDManager m = parent.newSubManager()) {
        NDList raw =
            net.forward(
                new ai.djl.training.ParameterStore(m, false),
                new NDList(Batches.images(m, batch)),
                false);
        lossSum +=
            MultiTaskLoss.terms(Batches.labels(m, batch), raw).total().getFloat() * views.size();
        float[] depth = raw.get(0).toFloatArray();
        float[] mask = sigmoid(raw.get(1).toFloatArray());
        float[] landmarks = raw.get(2).toFloatArray();
        float[] visibility = sigmoid(raw.get(3).toFloatArray());
        for (int i = 0; i < views.size(); i++) {
          scores.add(ViewScores.of(views.get(i), depth, mask, landmarks, visibility, i));
        }
      }
    }
    ScoreTable table = new ScoreTable(scores);
    return new Validation(
        lossSum / val.size(),
        table.mean("all", "RMSE mm"),
        table.mean("all", "mask IoU"),
        table.mean("all", "landmark NME"));
  }

  private static float[] sigmoid(float[] logits) {
    float[] p = new float[logits.length];
    for (int i = 0; i < p.length; i++) {
      p[i] = (float) (1 / (1 + Math.exp(-logits[i])));
    }
    return p;
  }

  private static void appendLog(Path out, String line) {
    Path log = out.resolve("train_log.csv");
    try {
      if (!Files.exists(log)) {
        Files.writeString(
            log,
            "epoch,steps,train_seconds,train_loss,train_depth,train_mask,train_landmarks,"
                + "train_visibility,train_gradient,val_loss,val_rmse_mm,val_iou,val_nme\n");
      }
      Files.writeString(log, line + "\n", StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to " + log, e);
    }
  }
}
