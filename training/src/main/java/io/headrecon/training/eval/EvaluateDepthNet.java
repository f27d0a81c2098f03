package io.headrecon.training.eval;

import ai.onnxruntime.OrtException;
import io.headrecon.model.DepthModelRunner;
import io.headrecon.model.ExecutionProvider;
import io.headrecon.training.Args;
import io.headrecon.training.data.Augmenter;
import io.headrecon.training.data.DatasetReader;
import io.headrecon.training.data.TrainingExample;
import io.headrecon.training.data.ViewSample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;

/**
 * Evaluates an exported ONNX depth model (in ONNX Runtime, as the pipeline runs it) on the held-out
 * subjects of a dataset directory:
 *
 * <pre>
 * training/run.sh io.headrecon.training.eval.EvaluateDepthNet \
 *   --data=DATASET --model=models/headrecon-depthnet-unet.onnx --out=runs/eval [--split=test]
 * </pre>
 *
 * Writes {@code metrics.md} and {@code metrics.json} ({@link ScoreTable}: depth AbsRel, RMSE and
 * δ<1.25 raw and median-aligned, mask IoU, landmark NME, visibility accuracy; overall and per |yaw|
 * bucket), {@code views.csv} (every view's scores) and {@code grid.png} ({@link DepthGrid}) for
 * {@code --gridViews} test views spread over the yaw range.
 */
public final class EvaluateDepthNet {
  private EvaluateDepthNet() {}

  public static void main(String[] argv) throws IOException, OrtException {
    Args args = new Args(argv, Set.of("data", "model", "out", "split", "gridViews", "batch"));
    ScoreTable table =
        run(
            args.requiredPath("data"),
            args.requiredPath("model"),
            args.requiredPath("out"),
            args.string("split", "test"),
            args.integer("gridViews", 6),
            args.integer("batch", 8));
    System.out.print(table.toMarkdown());
  }

  /** Scores every view of the {@code split} subjects; writes the reports into {@code out}. */
  public static ScoreTable run(
      Path data, Path modelPath, Path out, String split, int gridViews, int batchSize)
      throws IOException, OrtException {
    List<ViewSample> views = DatasetReader.read(data, Set.of(split));
    if (views.isEmpty()) {
      throw new IllegalArgumentException("no subject with split \"" + split + "\" under " + data);
    }
    Set<ViewSample> gridSet = gridViews(views, gridViews);
    List<ViewScores> scores = new ArrayList<>();
    DepthGrid grid = new DepthGrid(gridSet.size(), views.get(0).sizePx());
    long start = System.nanoTime();
    DepthModelRunner model =
        DepthModelRunner.shared(
            modelPath.toString(), ExecutionProvider.cpu, () -> Files.readAllBytes(modelPath));
    for (int b = 0; b < views.size(); b += batchSize) {
      List<ViewSample> batch = views.subList(b, Math.min(views.size(), b + batchSize));
      int plane = 3 * batch.get(0).sizePx() * batch.get(0).sizePx();
      float[] images = new float[batch.size() * plane];
      for (int i = 0; i < batch.size(); i++) {
        TrainingExample e = Augmenter.plain(batch.get(i));
        System.arraycopy(e.image(), 0, images, i * plane, plane);
      }
      DepthModelRunner.Outputs o = model.run(images, batch.size());
      for (int i = 0; i < batch.size(); i++) {
        scores.add(
            ViewScores.of(batch.get(i), o.depth(), o.mask(), o.landmarks(), o.visibility(), i));
        if (gridSet.contains(batch.get(i))) {
          grid.add(batch.get(i), o.depth(), o.mask(), i);
        }
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    ScoreTable table = new ScoreTable(scores);
    Files.createDirectories(out);
    String header =
        String.format(
            Locale.ROOT,
            "Model %s on split '%s' of %s: %d views, %.1f s in ONNX Runtime (CPU).%n%n",
            modelPath.getFileName(),
            split,
            data,
            views.size(),
            seconds);
    Files.writeString(out.resolve("metrics.md"), header + table.toMarkdown());
    Files.writeString(out.resolve("metrics.json"), table.toJson());
    StringBuilder csv =
        new StringBuilder(
            "subject,view,yaw_deg,absrel,rmse_mm,delta125,absrel_aligned,rmse_aligned_mm,"
                + "delta125_aligned,iou,nme,visibility_acc,rmse_face_mm,rmse_scale_shift_mm\n");
    for (ViewScores s : scores) {
      csv.append(
          String.format(
              Locale.ROOT,
              "%s,%s,%.1f,%.5f,%.3f,%.5f,%.5f,%.3f,%.5f,%.5f,%.5f,%.5f,%.3f,%.3f%n",
              s.subjectId(),
              s.viewId(),
              s.yawDeg(),
              s.absRel(),
              s.rmseMm(),
              s.delta125(),
              s.absRelAligned(),
              s.rmseAlignedMm(),
              s.delta125Aligned(),
              s.iou(),
              s.nme(),
              s.visibilityAccuracy(),
              s.rmseFaceMm(),
              s.rmseScaleShiftMm()));
    }
    Files.writeString(out.resolve("views.csv"), csv);
    ImageIO.write(grid.image(), "png", out.resolve("grid.png").toFile());
    return table;
  }

  /** Up to {@code n} views spread evenly over the views sorted by |yaw|. */
  private static Set<ViewSample> gridViews(List<ViewSample> views, int n) {
    List<ViewSample> sorted =
        views.stream().sorted(Comparator.comparingDouble(v -> Math.abs(v.yawDeg()))).toList();
    Set<ViewSample> chosen = new java.util.LinkedHashSet<>();
    for (int i = 0; i < Math.min(n, sorted.size()); i++) {
      chosen.add(sorted.get((int) ((long) i * (sorted.size() - 1) / Math.max(1, n - 1))));
    }
    return chosen;
  }
}
