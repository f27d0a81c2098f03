package io.headrecon.transforms.io;

import io.headrecon.proto.FailureRecord;
import io.headrecon.proto.ProtoJson;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;

/** Writes failure records as one JSON object per line to a single file (empty when none). */
public class WriteFailures extends PTransform<PCollection<FailureRecord>, PDone> {
  private static final long serialVersionUID = 1L;

  private final String path;

  /**
   * @param path the file to write, e.g. {@code <output>/failures.jsonl}
   */
  public WriteFailures(String path) {
    this.path = path;
  }

  @Override
  public PDone expand(PCollection<FailureRecord> failures) {
    return failures
        .apply("FailureToJsonLine", ParDo.of(new FailureToJsonLineFn()))
        .apply("WriteJsonLines", TextIO.write().to(path).withoutSharding());
  }

  /** A failure record as one line of JSON. */
  static class FailureToJsonLineFn extends DoFn<FailureRecord, String> {
    private static final long serialVersionUID = 1L;

    @ProcessElement
    public void processElement(@Element FailureRecord failure, OutputReceiver<String> out) {
      out.output(ProtoJson.toJsonLine(failure));
    }
  }
}
