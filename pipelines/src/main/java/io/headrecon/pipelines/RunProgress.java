package io.headrecon.pipelines;

import java.io.PrintStream;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;

/** Prints a finished run's Beam counters, one line each, for people watching a local run. */
final class RunProgress {
  private RunProgress() {}

  /** The counter of subjects skipped by a rerun (SkipCompleteSubjects). */
  static final String SKIPPED_COUNTER = "subjectsSkippedUpToDate";

  /** The counter of subjects passed on to be reconstructed (SkipCompleteSubjects). */
  static final String TO_DO_COUNTER = "subjectsToDo";

  static void printCounters(PipelineResult result, PrintStream out) {
    MetricQueryResults metrics = result.metrics().queryMetrics(MetricsFilter.builder().build());
    out.println("headrecon: run " + result.getState());
    long skipped = 0;
    long toDo = 0;
    for (MetricResult<Long> counter : metrics.getCounters()) {
      String name = counter.getName().getName();
      if (name.equals(SKIPPED_COUNTER)) {
        skipped += counter.getAttempted();
      } else if (name.equals(TO_DO_COUNTER)) {
        toDo += counter.getAttempted();
      }
    }
    out.printf(
        "headrecon: %d subjects skipped (outputs complete and up to date), %d reconstructed or"
            + " tried%n",
        skipped, toDo);
    for (MetricResult<Long> counter : metrics.getCounters()) {
      out.printf(
          "  %-22s %-28s %d%n",
          counter.getName().getNamespace().replaceAll(".*\\.", ""),
          counter.getName().getName(),
          counter.getAttempted());
    }
  }
}
