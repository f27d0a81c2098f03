package io.headrecon.pipelines;

import java.io.PrintStream;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;

/** Prints a finished run's Beam counters, one line each, for people watching a local run. */
final class RunProgress {
  private RunProgress() {}

  static void printCounters(PipelineResult result, PrintStream out) {
    MetricQueryResults metrics = result.metrics().queryMetrics(MetricsFilter.builder().build());
    out.println("headrecon: run " + result.getState());
    for (MetricResult<Long> counter : metrics.getCounters()) {
      out.printf(
          "  %-22s %-28s %d%n",
          counter.getName().getNamespace().replaceAll(".*\\.", ""),
          counter.getName().getName(),
          counter.getAttempted());
    }
  }
}
