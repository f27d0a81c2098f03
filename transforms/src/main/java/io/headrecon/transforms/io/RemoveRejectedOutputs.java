package io.headrecon.transforms.io;

import io.headrecon.proto.Contracts;
import io.headrecon.proto.FailureRecord;
import java.io.IOException;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;

/**
 * Removes the outputs an earlier run wrote for subjects rejected as a whole while listing (e.g. a
 * folder whose photos are gone), so that no stale fused.ply stands beside their failed row.
 */
public class RemoveRejectedOutputs extends PTransform<PCollection<FailureRecord>, PDone> {
  private final String output;

  private RemoveRejectedOutputs(String output) {
    this.output = output;
  }

  public static RemoveRejectedOutputs in(String output) {
    return new RemoveRejectedOutputs(output);
  }

  @Override
  public PDone expand(PCollection<FailureRecord> listingFailures) {
    listingFailures.apply("RemoveSubjectOutputs", ParDo.of(new RemoveRejectedOutputsFn(output)));
    return PDone.in(listingFailures.getPipeline());
  }

  /** Removes one rejected subject's outputs; view-level failures and unsafe ids are left alone. */
  static class RemoveRejectedOutputsFn extends DoFn<FailureRecord, Void> {
    private final Counter checked =
        Metrics.counter(RemoveRejectedOutputs.class, "rejectedSubjectsChecked");
    private final String output;

    RemoveRejectedOutputsFn(String output) {
      this.output = output;
    }

    @ProcessElement
    public void process(@Element FailureRecord failure) throws IOException {
      if (!failure.getViewId().isEmpty() || !Contracts.isSafeId(failure.getSubjectId())) {
        return;
      }
      OutputFiles.removeSubject(output, failure.getSubjectId());
      checked.inc();
    }
  }
}
