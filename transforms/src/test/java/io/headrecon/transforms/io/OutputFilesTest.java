package io.headrecon.transforms.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Outputs appear whole under their names or not at all, and leftovers are cleaned. */
class OutputFilesTest {
  @TempDir Path temp;

  static OutputFiles.OutputFile text(String name, String content) {
    return new OutputFiles.OutputFile(
        name, "text/plain", out -> out.write(content.getBytes(StandardCharsets.UTF_8)));
  }

  static List<String> tree(Path root) throws IOException {
    try (Stream<Path> all = Files.walk(root)) {
      return all.filter(Files::isRegularFile)
          .map(p -> root.relativize(p).toString())
          .sorted()
          .toList();
    }
  }

  @Test
  void aFailedWriteLeavesTheOldFileAndNoTemporaryName() throws IOException {
    Path file = temp.resolve("summary.csv");
    OutputFiles.write(file.toString(), "text/plain", out -> out.write("old\n".getBytes()));
    assertThatThrownBy(
            () ->
                OutputFiles.write(
                    file.toString(),
                    "text/plain",
                    out -> {
                      out.write("half".getBytes());
                      throw new IOException("disk full");
                    }))
        .hasMessage("disk full");
    assertThat(file).hasContent("old");
    assertThat(tree(temp)).containsExactly("summary.csv");
  }

  @Test
  void aSubjectIsReplacedWholeAndItsOldFilesGo() throws IOException {
    String output = temp.toString();
    OutputFiles.commitSubject(
        output,
        "s1",
        List.of(
            text("fused.ply", "v1"),
            text("views/a.ply", "view"),
            text(OutputFiles.METRICS_JSON, "{}")));
    assertThat(tree(temp)).containsExactly("s1/fused.ply", "s1/metrics.json", "s1/views/a.ply");
    OutputFiles.commitSubject(
        output, "s1", List.of(text(OutputFiles.METRICS_JSON, "{2}"), text("fused.ply", "v2")));
    assertThat(tree(temp)).containsExactly("s1/fused.ply", "s1/metrics.json");
    assertThat(temp.resolve("s1/fused.ply")).hasContent("v2");
    assertThat(temp.resolve("s1/metrics.json")).hasContent("{2}");
  }

  @Test
  void aFailedCommitLeavesNoPartOfTheSubject() throws IOException {
    String output = temp.toString();
    assertThatThrownBy(
            () ->
                OutputFiles.commitSubject(
                    output,
                    "s1",
                    List.of(
                        text("fused.ply", "v1"),
                        new OutputFiles.OutputFile(
                            OutputFiles.METRICS_JSON,
                            "application/json",
                            out -> {
                              throw new IOException("cannot serialise");
                            }))))
        .hasMessage("cannot serialise");
    assertThat(tree(temp)).isEmpty();
    assertThat(temp.resolve("s1")).doesNotExist();
  }

  @Test
  void commitWithoutMetricsIsRefused() {
    assertThatThrownBy(
            () -> OutputFiles.commitSubject(temp.toString(), "s1", List.of(text("fused.ply", "x"))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void removingASubjectKeepsFilesThatAreNotOurs() throws IOException {
    String output = temp.toString();
    OutputFiles.commitSubject(
        output, "s1", List.of(text("fused.ply", "v1"), text(OutputFiles.METRICS_JSON, "{}")));
    Files.writeString(temp.resolve("s1/notes.txt"), "mine");
    OutputFiles.commitSubject(
        output, "s1", List.of(text("fused.ply", "v2"), text(OutputFiles.METRICS_JSON, "{2}")));
    assertThat(tree(temp)).containsExactly("s1/fused.ply", "s1/metrics.json", "s1/notes.txt");
    OutputFiles.removeSubject(output, "s1");
    assertThat(tree(temp)).containsExactly("s1/notes.txt");
    OutputFiles.removeSubject(output, "absent"); // nothing to do
    Files.writeString(temp.resolve("summary.csv"), "a file, not a subject folder");
    OutputFiles.removeSubject(output, "summary.csv");
    assertThat(temp.resolve("summary.csv")).exists();
  }

  @Test
  void leftoversOfAKilledRunAreCleaned() throws IOException {
    String output = temp.toString();
    Path staging = temp.resolve(OutputFiles.STAGING).resolve(OutputFiles.stagingName("s1"));
    Files.createDirectories(staging);
    Files.writeString(staging.resolve("fused.ply"), "partial");
    Path otherStaging = temp.resolve(OutputFiles.STAGING).resolve(OutputFiles.stagingName("s10"));
    Files.createDirectories(otherStaging);
    Files.createDirectories(temp.resolve("s1/views"));
    Files.writeString(temp.resolve("s1").resolve(OutputFiles.tempName("fused.ply")), "partial");
    Files.writeString(temp.resolve("s1/views").resolve(OutputFiles.tempName("a.ply")), "partial");
    Files.writeString(temp.resolve(OutputFiles.tempName("summary.csv")), "partial");

    OutputFiles.cleanLeftovers(output, "s1");
    assertThat(staging).doesNotExist();
    assertThat(otherStaging).exists(); // another subject's
    assertThat(tree(temp.resolve("s1"))).isEmpty();

    OutputFiles.cleanLeftovers(output, "s10");
    OutputFiles.cleanRunLeftovers(output, "summary.csv");
    assertThat(tree(temp)).isEmpty();
    assertThat(temp.resolve(OutputFiles.STAGING)).doesNotExist();
  }
}
