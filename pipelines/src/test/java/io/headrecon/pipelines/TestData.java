package io.headrecon.pipelines;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;

/** The committed sample subjects in testdata/, copied where a test needs them. */
final class TestData {
  private TestData() {}

  /** The repository root (surefire passes it as {@code headrecon.root}). */
  static Path root() {
    return Paths.get(System.getProperty("headrecon.root", "..")).toAbsolutePath().normalize();
  }

  static Path testdata() {
    return root().resolve("testdata").resolve("synthetic");
  }

  /** The sample subject ids, sorted. */
  static List<String> subjects() {
    try (Stream<Path> dirs = Files.list(testdata())) {
      return dirs.filter(d -> Files.exists(d.resolve("manifest.json")))
          .map(d -> d.getFileName().toString())
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Copies a sample subject's folder (with gt/) to {@code target/<subjectId>}. */
  static void copySubject(String subjectId, Path target) throws IOException {
    Path from = testdata().resolve(subjectId);
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Path to = target.resolve(subjectId).resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(to);
        } else {
          Files.copy(f, to);
        }
      }
    }
  }
}
