package io.headrecon.pipelines;

import io.headrecon.proto.FailureRecord;
import io.headrecon.proto.ProtoJson;
import io.headrecon.proto.SubjectMetrics;
import io.headrecon.transforms.io.Csv;
import io.headrecon.transforms.io.OutputFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;

/** Reads what a ReconstructHeads run wrote under its output folder. */
record RunOutputs(Map<String, String> statusBySubject, List<FailureRecord> failures, Path output) {

  static RunOutputs read(Path output) throws IOException {
    List<List<String>> rows =
        Csv.parse(Files.readString(output.resolve("summary.csv"), StandardCharsets.UTF_8));
    Map<String, String> status = new LinkedHashMap<>();
    for (List<String> cells : rows.subList(1, rows.size())) {
      if (cells.size() != rows.get(0).size()) {
        throw new AssertionError("summary.csv row " + cells + " does not match the header");
      }
      if (status.put(cells.get(0), cells.get(1)) != null) {
        throw new AssertionError("subject " + cells.get(0) + " appears twice in summary.csv");
      }
    }
    List<FailureRecord> failures = new ArrayList<>();
    for (String line : Files.readAllLines(output.resolve("failures.jsonl"))) {
      if (!line.isBlank()) {
        failures.add(ProtoJson.fromJson(line, FailureRecord.newBuilder(), "failures.jsonl"));
      }
    }
    return new RunOutputs(status, failures, output);
  }

  /**
   * Parses CSV as RFC 4180 says: fields separated by ',', rows by CRLF or LF, a field in double
   * quotes may hold ',', line breaks and '""' (one quote).
   */
  static List<List<String>> parseCsv(String text) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (quoted) {
        if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (ch == '"') {
          quoted = false;
        } else {
          field.append(ch);
        }
      } else if (ch == '"') {
        quoted = true;
      } else if (ch == ',') {
        row.add(field.toString());
        field.setLength(0);
      } else if (ch == '\n' || ch == '\r') {
        if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        row.add(field.toString());
        field.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
      } else {
        field.append(ch);
      }
    }
    if (quoted) {
      throw new AssertionError("CSV ends inside a quoted field");
    }
    if (field.length() > 0 || !row.isEmpty()) {
      row.add(field.toString());
      rows.add(row);
    }
    return rows;
  }

  SubjectMetrics metrics(String subjectId) throws IOException {
    return ProtoJson.fromJson(
        Files.readString(output.resolve(subjectId).resolve("metrics.json")),
        SubjectMetrics.newBuilder(),
        subjectId + "/metrics.json");
  }

  /** The attempted value of the counter named {@code name} (summed over namespaces). */
  static long counter(PipelineResult result, String name) {
    long total = 0;
    for (MetricResult<Long> c :
        result.metrics().queryMetrics(MetricsFilter.builder().build()).getCounters()) {
      if (c.getName().getName().equals(name)) {
        total += c.getAttempted();
      }
    }
    return total;
  }

  /** Every path under the output whose name is temporary ({@link OutputFiles#TEMP_PREFIX}). */
  List<Path> temporaryNames() throws IOException {
    try (Stream<Path> all = Files.walk(output)) {
      return all.filter(p -> p.getFileName().toString().startsWith(OutputFiles.TEMP_PREFIX))
          .toList();
    }
  }
}
