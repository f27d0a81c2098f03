package io.headrecon.transforms.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;

/**
 * Writes keyed lines as one file sorted by key, then line (a stable order whatever the runner),
 * with an optional header, atomically ({@link OutputFiles#write}); an empty input gives a file with
 * the header alone. All lines meet in one place: fine for a run's thousands of rows.
 */
public class WriteSortedLines extends PTransform<PCollection<KV<String, String>>, PDone> {
  private final String uri;
  private final String header;

  /**
   * @param uri the file to write
   * @param header the first line, or null for none
   */
  public WriteSortedLines(String uri, String header) {
    this.uri = uri;
    this.header = header;
  }

  @Override
  public PDone expand(PCollection<KV<String, String>> lines) {
    lines
        .apply("GatherLines", Combine.globally(new GatherLinesFn()))
        .apply("WriteSortedFile", ParDo.of(new WriteSortedFileFn(uri, header)));
    return PDone.in(lines.getPipeline());
  }

  /** Gathers every line into one list. */
  static class GatherLinesFn
      extends Combine.CombineFn<
          KV<String, String>, List<KV<String, String>>, List<KV<String, String>>> {
    @Override
    public List<KV<String, String>> createAccumulator() {
      return new ArrayList<>();
    }

    @Override
    public List<KV<String, String>> addInput(
        List<KV<String, String>> acc, KV<String, String> line) {
      acc.add(line);
      return acc;
    }

    @Override
    public List<KV<String, String>> mergeAccumulators(Iterable<List<KV<String, String>>> accs) {
      List<KV<String, String>> all = new ArrayList<>();
      accs.forEach(all::addAll);
      return all;
    }

    @Override
    public List<KV<String, String>> extractOutput(List<KV<String, String>> acc) {
      return acc;
    }

    @Override
    public Coder<List<KV<String, String>>> getAccumulatorCoder(
        CoderRegistry registry, Coder<KV<String, String>> inputCoder) {
      return ListCoder.of(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()));
    }

    @Override
    public Coder<List<KV<String, String>>> getDefaultOutputCoder(
        CoderRegistry registry, Coder<KV<String, String>> inputCoder) {
      return ListCoder.of(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()));
    }
  }

  /** Sorts the lines and writes the file under a temporary name, then renames it into place. */
  static class WriteSortedFileFn extends DoFn<List<KV<String, String>>, Void> {
    private final String uri;
    private final String header;

    WriteSortedFileFn(String uri, String header) {
      this.uri = uri;
      this.header = header;
    }

    @ProcessElement
    public void process(@Element List<KV<String, String>> lines) throws IOException {
      List<KV<String, String>> sorted = new ArrayList<>(lines);
      sorted.sort(
          Comparator.comparing((KV<String, String> kv) -> kv.getKey()).thenComparing(KV::getValue));
      int slash = uri.lastIndexOf('/');
      OutputFiles.cleanRunLeftovers(uri.substring(0, slash + 1), uri.substring(slash + 1));
      OutputFiles.write(
          uri,
          "text/plain",
          (OutputStream out) -> {
            StringBuilder text = new StringBuilder();
            if (header != null) {
              text.append(header).append('\n');
            }
            for (KV<String, String> line : sorted) {
              text.append(line.getValue()).append('\n');
            }
            out.write(text.toString().getBytes(StandardCharsets.UTF_8));
          });
    }
  }
}
