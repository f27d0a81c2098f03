package io.headrecon.training.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/** Finds the committed dataset sample under the repository's testdata/ folder, if there is one. */
public final class TestDatasets {
  private TestDatasets() {}

  /**
   * The first folder under {@code <repo>/testdata} (three levels deep at most) that holds {@code
   * <subject>/manifest.json} files, or empty when the repository has no dataset sample.
   */
  public static Optional<Path> committedSample() {
    Path testdata = Path.of(System.getProperty("headrecon.root", "..")).resolve("testdata");
    if (!Files.isDirectory(testdata)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.walk(testdata, 4)) {
      return files
          .filter(p -> p.getFileName().toString().equals("manifest.json"))
          .map(p -> p.getParent().getParent())
          .sorted()
          .findFirst();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot search " + testdata, e);
    }
  }
}
