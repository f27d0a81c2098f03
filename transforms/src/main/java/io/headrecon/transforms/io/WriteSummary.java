package io.headrecon.transforms.io;

import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;

/** Writes the run summary: one CSV file, header first, rows sorted by subject id, atomically. */
public class WriteSummary extends PTransform<PCollection<String>, PDone> {
  private final String uri;
  private final String header;

  /**
   * @param uri the file to write, e.g. {@code <output>/summary.csv}
   * @param header the CSV header line
   */
  public WriteSummary(String uri, String header) {
    this.uri = uri;
    this.header = header;
  }

  @Override
  public PDone expand(PCollection<String> rows) {
    return rows.apply("KeyBySubjectId", ParDo.of(new KeyBySubjectIdFn()))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()))
        .apply("WriteSortedRows", new WriteSortedLines(uri, header));
  }

  /** Keys a CSV row by its first field, the subject id. */
  static class KeyBySubjectIdFn extends DoFn<String, KV<String, String>> {
    @ProcessElement
    public void process(@Element String row, OutputReceiver<KV<String, String>> out) {
      List<List<String>> parsed = Csv.parse(row);
      out.output(KV.of(parsed.isEmpty() ? "" : parsed.get(0).get(0), row));
    }
  }
}
