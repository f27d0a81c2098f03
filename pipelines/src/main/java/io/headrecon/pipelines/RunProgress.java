package io.headrecon.pipelines;

import io.headrecon.transforms.io.BeamFiles;
import io.headrecon.transforms.io.Csv;
import io.headrecon.transforms.io.WriteResults;
import io.headrecon.transforms.report.WriteReport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.DistributionResult;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.joda.time.Duration;

/**
 * What the operator of a local run reads on the console: one progress line per finished subject
 * (count and ETA, from the runner's counters) and a final block that says where the report, summary
 * and failures are, how many subjects are ok / low_quality / failed, and the slowest stage. Beam's
 * own counters stay in the runner's metrics.
 */
final class RunProgress {
  /** The counter of subjects skipped by a rerun (SkipCompleteSubjects). */
  static final String SKIPPED_COUNTER = "subjectsSkippedUpToDate";

  /** The counter of subjects passed on to be reconstructed (SkipCompleteSubjects). */
  static final String TO_DO_COUNTER = "subjectsToDo";

  /** Counters of subjects found by the listing (valid and rejected): the run's total. */
  static final List<String> FOUND_COUNTERS = List.of("subjectsFound", "subjectsRejected");

  /** Counters whose sum is the number of subjects finished, one way or another. */
  static final List<String> FINISHED_COUNTERS =
      List.of(
          "subjectsRejected", // ListSubjects
          SKIPPED_COUNTER,
          "subjectsWritten", // WriteResults
          "subjectsWriteFailed",
          "subjectsFailed"); // FuseSubjects, MeasureAgainstGroundTruth

  /** Counters of views with a depth map (ground truth or the network). */
  static final List<String> DEPTH_COUNTERS = List.of("viewsWithDepth", "viewsInferred");

  /** Seconds between looks at the runner's counters. */
  static final int POLL_SECONDS = 1;

  private final PrintStream out;
  private final long startNanos;
  private long finishedSeen;
  private long viewsSeen;
  private long lastViewsLineNanos;

  RunProgress(PrintStream out, long startNanos) {
    this.out = out;
    this.startNanos = startNanos;
  }

  /** Waits for the run to end, printing progress; returns its final state. */
  PipelineResult.State follow(PipelineResult result) {
    while (true) {
      PipelineResult.State state = result.waitUntilFinish(Duration.standardSeconds(POLL_SECONDS));
      try {
        look(result.metrics().queryMetrics(MetricsFilter.builder().build()));
      } catch (RuntimeException e) {
        // some runners cannot report metrics while running: the final block still comes
      }
      if (state != null && state.isTerminal()) {
        return state;
      }
      if (state == null && result.getState().isTerminal()) {
        return result.getState();
      }
    }
  }

  /**
   * Prints a line per subject finished since the last look, and now and then the views' progress.
   */
  void look(MetricQueryResults metrics) {
    long total = sum(metrics, FOUND_COUNTERS);
    long finished = sum(metrics, FINISHED_COUNTERS);
    long views = sum(metrics, DEPTH_COUNTERS);
    long now = System.nanoTime();
    double elapsed = (now - startNanos) / 1e9;
    for (long n = finishedSeen + 1; n <= finished; n++) {
      String eta = n >= total ? "done" : "ETA " + clock(elapsed / n * (total - n));
      out.printf(
          Locale.ROOT,
          "headrecon: %d/%d subjects finished, %s elapsed, %s%n",
          n,
          total,
          clock(elapsed),
          eta);
    }
    finishedSeen = Math.max(finishedSeen, finished);
    if (views > viewsSeen && finished == 0 && now - lastViewsLineNanos > 10_000_000_000L) {
      out.printf(
          Locale.ROOT,
          "headrecon: depth estimated for %d views of %d subjects, %s elapsed%n",
          views,
          total,
          clock(elapsed));
      viewsSeen = views;
      lastViewsLineNanos = now;
    }
  }

  /**
   * The final block: state and duration, verdict counts (read from the written summary), the
   * slowest stage (from the per-stage time distributions and the network's run time), and the paths
   * of the failures, the summary and, last, the report.
   */
  void printFinal(PipelineResult result, PipelineResult.State state, String output) {
    double elapsed = (System.nanoTime() - startNanos) / 1e9;
    out.printf(Locale.ROOT, "headrecon: run %s in %s%n", state, clock(elapsed));
    MetricQueryResults metrics = null;
    try {
      metrics = result.metrics().queryMetrics(MetricsFilter.builder().build());
    } catch (RuntimeException e) {
      // no metrics on this runner
    }
    String summary = BeamFiles.join(output, ReconstructHeads.SUMMARY_CSV);
    try {
      List<List<String>> rows =
          Csv.parse(new String(BeamFiles.read(summary, 1L << 30), StandardCharsets.UTF_8));
      Map<String, Integer> verdicts = new TreeMap<>();
      for (List<String> row : rows.subList(Math.min(1, rows.size()), rows.size())) {
        String status = row.size() > 1 ? row.get(1) : "";
        verdicts.merge(
            status.contains(":") ? status.substring(0, status.indexOf(':')) : status,
            1,
            Integer::sum);
      }
      long skipped = metrics == null ? 0 : sum(metrics, List.of(SKIPPED_COUNTER));
      out.printf(
          Locale.ROOT,
          "  subjects:      %d: %d ok, %d low_quality, %d failed%s%n",
          rows.size() - 1,
          verdicts.getOrDefault("ok", 0),
          verdicts.getOrDefault("low_quality", 0),
          verdicts.getOrDefault("failed", 0),
          skipped > 0 ? " (" + skipped + " kept from an earlier run, up to date)" : "");
    } catch (IOException | RuntimeException e) {
      out.println("  subjects:      summary not readable: " + e.getMessage());
    }
    if (metrics != null) {
      String slowest = slowestStage(metrics);
      if (slowest != null) {
        out.println("  slowest stage: " + slowest);
      }
    }
    out.println("  failures:      " + BeamFiles.join(output, ReconstructHeads.FAILURES_JSONL));
    out.println("  summary:       " + summary);
    out.println("  report:        " + BeamFiles.join(output, WriteReport.INDEX));
  }

  /** The stage with the most time over the run's subjects, with its total; null when unknown. */
  static String slowestStage(MetricQueryResults metrics) {
    Map<String, Double> millis = new TreeMap<>();
    for (MetricResult<DistributionResult> d : metrics.getDistributions()) {
      String name = d.getName().getName();
      if (name.startsWith(WriteResults.STAGE_MILLIS_PREFIX)) {
        millis.merge(
            name.substring(WriteResults.STAGE_MILLIS_PREFIX.length()),
            (double) d.getAttempted().getSum(),
            Double::sum);
      }
    }
    double inferenceMicros = sum(metrics, List.of("onnxRuntimeMicros"));
    if (inferenceMicros > 0) {
      millis.put("depth inference", inferenceMicros / 1000);
    }
    double all = millis.values().stream().mapToDouble(Double::doubleValue).sum();
    return millis.entrySet().stream()
        .max(Map.Entry.comparingByValue())
        .map(
            e ->
                String.format(
                    Locale.ROOT,
                    "%s, %.1f s over all subjects (%.0f%% of the stage time measured)",
                    e.getKey(),
                    e.getValue() / 1000,
                    100 * e.getValue() / all))
        .orElse(null);
  }

  static long sum(MetricQueryResults metrics, List<String> names) {
    long total = 0;
    for (MetricResult<Long> counter : metrics.getCounters()) {
      if (names.contains(counter.getName().getName())) {
        total += counter.getAttempted();
      }
    }
    return total;
  }

  /** Seconds as m:ss or h:mm:ss. */
  static String clock(double seconds) {
    long s = Math.max(0, Math.round(seconds));
    return s >= 3600
        ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }
}
