package io.headrecon.transforms.io;

import io.headrecon.proto.FailureRecord;
import io.headrecon.proto.ProtoJson;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;

/**
 * Writes failure records as one JSON object per line to a single file (empty when none), sorted by
 * subject id, view id, stage, reason and input URI, atomically.
 */
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
        .setCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()))
        .apply("WriteSortedJsonLines", new WriteSortedLines(path, null));
  }

  /** The order of failure records in the file: subject, view, stage, reason, input URI. */
  public static String sortKey(FailureRecord f) {
    return String.join(
        "\u0000", f.getSubjectId(), f.getViewId(), f.getStage(), f.getReason(), f.getInputUri());
  }

  /** A failure record as one line of JSON, keyed by {@link #sortKey}. */
  static class FailureToJsonLineFn extends DoFn<FailureRecord, KV<String, String>> {
    private static final long serialVersionUID = 1L;

    @ProcessElement
    public void processElement(
        @Element FailureRecord failure, OutputReceiver<KV<String, String>> out) {
      out.output(KV.of(sortKey(failure), ProtoJson.toJsonLine(failure)));
    }
  }
}
