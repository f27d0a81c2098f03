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

  /**
   * Copies a sample subject's folder to {@code target/<newId>}, its manifest saying {@code newId}
   * (so one sample can stand for several subjects).
   */
  static Path copySubjectAs(String subjectId, String newId, Path target) throws IOException {
    Path staging = Files.createTempDirectory(target, ".copy");
    copySubject(subjectId, staging);
    Path to = target.resolve(newId);
    Files.move(staging.resolve(subjectId), to);
    Files.delete(staging);
    Path manifest = to.resolve("manifest.json");
    Files.writeString(
        manifest,
        Files.readString(manifest)
            .replace("\"subjectId\": \"" + subjectId + "\"", "\"subjectId\": \"" + newId + "\""));
    return to;
  }

  /** Deletes every photo of a copied subject but {@code keepViewIds} (the manifest stays). */
  static void keepViews(Path subjectDir, String... keepViewIds) throws IOException {
    List<String> keep = List.of(keepViewIds);
    try (Stream<Path> files = Files.list(subjectDir)) {
      for (Path f : files.filter(f -> f.toString().endsWith(".png")).toList()) {
        String viewId = f.getFileName().toString().replace(".png", "");
        if (!keep.contains(viewId)) {
          Files.delete(f);
        }
      }
    }
  }

  /** Three neighbouring views of a sample: enough to fuse, quick to run. */
  static final String[] THREE_VIEWS = {"yaw_m010", "yaw_p000", "yaw_p010"};
}
