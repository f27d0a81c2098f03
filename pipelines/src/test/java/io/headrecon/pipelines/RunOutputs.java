package io.headrecon.pipelines;

import io.headrecon.proto.FailureRecord;
import io.headrecon.proto.ProtoJson;
import io.headrecon.proto.SubjectMetrics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads what a ReconstructHeads run wrote under its output folder. */
record RunOutputs(Map<String, String> statusBySubject, List<FailureRecord> failures, Path output) {

  static RunOutputs read(Path output) throws IOException {
    List<String> lines = Files.readAllLines(output.resolve("summary.csv"), StandardCharsets.UTF_8);
    Map<String, String> status = new LinkedHashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",", -1);
      if (status.put(cells[0], cells[1]) != null) {
        throw new AssertionError("subject " + cells[0] + " appears twice in summary.csv");
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

  SubjectMetrics metrics(String subjectId) throws IOException {
    return ProtoJson.fromJson(
        Files.readString(output.resolve(subjectId).resolve("metrics.json")),
        SubjectMetrics.newBuilder(),
        subjectId + "/metrics.json");
  }
}
