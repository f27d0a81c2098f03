package io.headrecon.training.eval;

import ai.onnxruntime.OrtException;
import io.headrecon.training.Args;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Two exported depth models side by side on the same held-out splits, one command:
 *
 * <pre>
 * training/run.sh io.headrecon.training.eval.CompareDepthNets \
 *   --baseline=models/headrecon-depth.onnx --candidate=runs/unet/model.onnx \
 *   --sets=old=DATASET_A,new=DATASET_B --guard=old --out=runs/compare
 * </pre>
 *
 * Each model is scored on the {@code --split} (default test) of every named dataset with {@link
 * EvaluateDepthNet} (its reports go to {@code out/<set>/<baseline|candidate>}); {@code
 * comparison.md} holds, per set and |yaw| bucket, depth RMSE (raw and on the face), mask IoU and
 * landmark NME of both models with the candidate's change. On the {@code --guard} sets the
 * candidate may be at most {@code --maxRegression} (default 0.10) worse than the baseline on the
 * overall depth RMSE, mask IoU and landmark NME; the file ends with the verdict and the command
 * exits with status 1 when a guard fails.
 */
public final class CompareDepthNets {
  private CompareDepthNets() {}

  /** Metrics compared, with whether a larger value is better. */
  static final Map<String, Boolean> METRICS = new LinkedHashMap<>();

  /** The metrics the regression guard checks. */
  static final List<String> GUARDED = List.of("RMSE mm", "mask IoU", "landmark NME");

  static {
    METRICS.put("RMSE mm", false);
    METRICS.put("RMSE mm (face)", false);
    METRICS.put("RMSE mm (scale+shift)", false);
    METRICS.put("mask IoU", true);
    METRICS.put("landmark NME", false);
  }

  /** The outcome: the Markdown report and the guard failures (empty when all passed). */
  public record Result(String markdown, List<String> guardFailures) {}

  public static void main(String[] argv) throws IOException, OrtException {
    Args args =
        new Args(
            argv,
            Set.of("baseline", "candidate", "sets", "guard", "out", "split", "maxRegression"));
    Map<String, Path> sets = new LinkedHashMap<>();
    for (String part : args.string("sets", "").split(",")) {
      String[] kv = part.split("=", 2);
      if (kv.length != 2 || kv[0].isBlank() || kv[1].isBlank()) {
        throw new IllegalArgumentException("--sets wants name=DIR[,name=DIR...]; got " + part);
      }
      sets.put(kv[0], Path.of(kv[1]));
    }
    Set<String> guard = Set.of(args.string("guard", "").split(","));
    Result r =
        run(
            args.requiredPath("baseline"),
            args.requiredPath("candidate"),
            sets,
            guard,
            args.requiredPath("out"),
            args.string("split", "test"),
            args.number("maxRegression", 0.10));
    System.out.print(r.markdown());
    if (!r.guardFailures().isEmpty()) {
      System.exit(1);
    }
  }

  /** Scores both models on every set and writes {@code out/comparison.md}. */
  public static Result run(
      Path baseline,
      Path candidate,
      Map<String, Path> sets,
      Set<String> guard,
      Path out,
      String split,
      double maxRegression)
      throws IOException, OrtException {
    StringBuilder md = new StringBuilder();
    md.append(
        String.format(
            Locale.ROOT,
            "Baseline %s against candidate %s, split '%s'. Change = candidate / baseline - 1"
                + " (for IoU, higher is better; for the others, lower).%n%n",
            baseline,
            candidate,
            split));
    List<String> failures = new ArrayList<>();
    for (Map.Entry<String, Path> set : sets.entrySet()) {
      Path dir = out.resolve(set.getKey());
      ScoreTable a =
          EvaluateDepthNet.run(set.getValue(), baseline, dir.resolve("baseline"), split, 6, 8);
      ScoreTable b =
          EvaluateDepthNet.run(set.getValue(), candidate, dir.resolve("candidate"), split, 6, 8);
      md.append(
          String.format(
              Locale.ROOT,
              "### %s (%s, %d views)%n%n| bucket | views |",
              set.getKey(),
              set.getValue(),
              a.count("all")));
      for (String m : METRICS.keySet()) {
        md.append(' ').append(m).append(": baseline | candidate | change |");
      }
      md.append("\n|---|---|").append("---|---|---|".repeat(METRICS.size())).append('\n');
      for (String bucket : ScoreTable.BUCKETS) {
        md.append("| ").append(bucket).append(" | ").append(a.count(bucket)).append(" |");
        for (String m : METRICS.keySet()) {
          double x = a.mean(bucket, m);
          double y = b.mean(bucket, m);
          md.append(
              String.format(Locale.ROOT, " %.4f | %.4f | %+.1f %% |", x, y, 100 * (y / x - 1)));
        }
        md.append('\n');
      }
      md.append('\n');
      if (guard.contains(set.getKey())) {
        for (String m : GUARDED) {
          double x = a.mean("all", m);
          double y = b.mean("all", m);
          double regression = METRICS.get(m) ? (x - y) / x : (y - x) / x;
          if (regression > maxRegression) {
            failures.add(
                String.format(
                    Locale.ROOT,
                    "%s: %s %.4f -> %.4f (%.1f %% worse, more than %.0f %%)",
                    set.getKey(),
                    m,
                    x,
                    y,
                    100 * regression,
                    100 * maxRegression));
          }
        }
      }
    }
    md.append(
        failures.isEmpty()
            ? String.format(
                Locale.ROOT,
                "Guard (%s; depth RMSE, mask IoU, landmark NME over all views, at most %.0f %%"
                    + " worse): passed.%n",
                String.join(", ", guard),
                100 * maxRegression)
            : "Guard FAILED:\n- " + String.join("\n- ", failures) + "\n");
    Files.createDirectories(out);
    Files.writeString(out.resolve("comparison.md"), md);
    return new Result(md.toString(), failures);
  }
}
