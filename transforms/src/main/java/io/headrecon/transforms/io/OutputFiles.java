package io.headrecon.transforms.io;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MoveOptions.StandardMoveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * Atomic outputs: every file is written under a temporary name beginning with {@link #TEMP_PREFIX}
 * ({@code ".~"}, never a safe id, so never a subject or an output name) in the folder it belongs
 * to, then renamed into place; a subject's folder is complete or absent.
 *
 * <p>On local disks a subject is written whole into {@code <output>/.~staging/<id>~<random>/} and
 * that folder is renamed to {@code <output>/<id>/} in one atomic move. On object stores (gs://,
 * s3://), which have no folder rename, each file is renamed into place with {@code metrics.json}
 * last: {@code metrics.json} is the commit marker, and a folder without it is incomplete (redone
 * and cleaned by the next run). Leftovers of a killed run are removed by {@link #cleanLeftovers}.
 */
public final class OutputFiles {
  private OutputFiles() {}

  /** Start of every temporary name. */
  public static final String TEMP_PREFIX = ".~";

  /** The commit marker of a subject's folder, written last. */
  public static final String METRICS_JSON = "metrics.json";

  /** Local staging folder of whole subjects, under the output. */
  static final String STAGING = TEMP_PREFIX + "staging";

  /** Names of a subject folder's outputs besides {@link #METRICS_JSON}. */
  static final List<String> SUBJECT_FILES = List.of("fused.ply", "mesh.ply", "failures.jsonl");

  /** Folder of per-view outputs inside a subject folder. */
  static final String VIEWS = "views";

  /** Writes a file's bytes to a stream. */
  @FunctionalInterface
  public interface Body {
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * One output file of a subject.
   *
   * @param relativePath path inside the subject folder, e.g. {@code fused.ply} or {@code
   *     views/yaw_p000.ply}
   */
  public record OutputFile(String relativePath, String mimeType, Body body) {}

  /** Writes {@code uri} atomically: to a temporary name in its folder, then renamed into place. */
  public static void write(String uri, String mimeType, Body body) throws IOException {
    Path local = localPath(uri);
    if (local != null) {
      Files.createDirectories(local.getParent());
      Path temp = local.resolveSibling(tempName(local.getFileName().toString()));
      try {
        try (OutputStream out = Files.newOutputStream(temp)) {
          body.writeTo(out);
        }
        Files.move(temp, local, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(temp);
      }
      return;
    }
    int slash = uri.lastIndexOf('/');
    String temp = uri.substring(0, slash + 1) + tempName(uri.substring(slash + 1));
    ResourceId tempId = FileSystems.matchNewResource(temp, false);
    try {
      try (OutputStream out = BeamFiles.create(temp, mimeType)) {
        body.writeTo(out);
      }
      FileSystems.rename(List.of(tempId), List.of(FileSystems.matchNewResource(uri, false)));
    } finally {
      FileSystems.delete(List.of(tempId), StandardMoveOptions.IGNORE_MISSING_FILES);
    }
  }

  /**
   * Replaces {@code <output>/<subjectId>/} with exactly {@code files}, complete or not at all.
   *
   * @param files the subject's outputs, {@link #METRICS_JSON} among them (written last)
   */
  public static void commitSubject(String output, String subjectId, List<OutputFile> files)
      throws IOException {
    List<OutputFile> ordered = new ArrayList<>(files);
    ordered.sort(Comparator.comparing(f -> f.relativePath().equals(METRICS_JSON)));
    if (!ordered.get(ordered.size() - 1).relativePath().equals(METRICS_JSON)) {
      throw new IllegalArgumentException("a subject's outputs must include " + METRICS_JSON);
    }
    Path root = localPath(output);
    if (root == null) {
      removeSubject(output, subjectId);
      String folder = BeamFiles.join(output, subjectId + "/");
      for (OutputFile f : ordered) {
        write(folder + f.relativePath(), f.mimeType(), f.body());
      }
      return;
    }
    Path staging = root.resolve(STAGING).resolve(stagingName(subjectId));
    try {
      for (OutputFile f : ordered) {
        Path p = staging.resolve(f.relativePath());
        Files.createDirectories(p.getParent());
        try (OutputStream out = Files.newOutputStream(p)) {
          f.body().writeTo(out);
        }
      }
      Path folder = root.resolve(subjectId);
      removeSubject(output, subjectId);
      if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
        Files.move(staging, folder, StandardCopyOption.ATOMIC_MOVE);
      } else {
        // The folder holds files that are not ours: move ours in one by one, the marker last.
        for (OutputFile f : ordered) {
          Path to = folder.resolve(f.relativePath());
          Files.createDirectories(to.getParent());
          Files.move(staging.resolve(f.relativePath()), to, StandardCopyOption.ATOMIC_MOVE);
        }
      }
    } finally {
      deleteTree(staging);
    }
  }

  /**
   * Removes a subject's outputs ({@link #METRICS_JSON} first, so the folder is never taken for
   * complete), its per-view outputs and temporary names, then the folder when empty; other files
   * are left alone. Does nothing when there is no such folder.
   */
  public static void removeSubject(String output, String subjectId) throws IOException {
    Path root = localPath(output);
    if (root != null) {
      Path folder = root.resolve(subjectId);
      if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
        return;
      }
      Files.deleteIfExists(folder.resolve(METRICS_JSON));
      for (String name : SUBJECT_FILES) {
        Files.deleteIfExists(folder.resolve(name));
      }
      Path views = folder.resolve(VIEWS);
      if (Files.isDirectory(views, LinkOption.NOFOLLOW_LINKS)) {
        deleteMatching(views, "*.{ply,png}");
        deleteIfEmpty(views);
      }
      deleteMatching(folder, TEMP_PREFIX + "*");
      deleteIfEmpty(folder);
      return;
    }
    String folder = BeamFiles.join(output, subjectId + "/");
    delete(List.of(folder + METRICS_JSON));
    List<String> others = new ArrayList<>();
    for (String name : SUBJECT_FILES) {
      others.add(folder + name);
    }
    others.addAll(matching(folder + VIEWS + "/*"));
    others.addAll(matching(folder + TEMP_PREFIX + "*"));
    delete(others);
  }

  /**
   * Removes what a killed run may have left of a subject: its local staging folders and temporary
   * names in its folder.
   */
  public static void cleanLeftovers(String output, String subjectId) throws IOException {
    Path root = localPath(output);
    if (root != null) {
      Path staging = root.resolve(STAGING);
      if (Files.isDirectory(staging)) {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(staging, subjectId + "~*")) {
          for (Path d : dirs) {
            deleteTree(d);
          }
        }
      }
      Path folder = root.resolve(subjectId);
      if (Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
        deleteMatching(folder, TEMP_PREFIX + "*");
        Path views = folder.resolve(VIEWS);
        if (Files.isDirectory(views, LinkOption.NOFOLLOW_LINKS)) {
          deleteMatching(views, TEMP_PREFIX + "*");
        }
      }
      return;
    }
    String folder = BeamFiles.join(output, subjectId + "/");
    List<String> temps = new ArrayList<>(matching(folder + TEMP_PREFIX + "*"));
    temps.addAll(matching(folder + VIEWS + "/" + TEMP_PREFIX + "*"));
    delete(temps);
  }

  /**
   * Removes run-level leftovers: temporary names of {@code fileName} beside it and, on local disks,
   * the staging folder when it is empty.
   */
  public static void cleanRunLeftovers(String output, String fileName) throws IOException {
    Path root = localPath(output);
    if (root != null) {
      if (Files.isDirectory(root)) {
        deleteMatching(root, TEMP_PREFIX + fileName + "~*");
        deleteIfEmpty(root.resolve(STAGING));
      }
      return;
    }
    delete(matching(BeamFiles.join(output, TEMP_PREFIX + fileName + "~*")));
  }

  /** A fresh name of a subject's local staging folder, inside {@link #STAGING}. */
  static String stagingName(String subjectId) {
    return subjectId + "~" + UUID.randomUUID();
  }

  /** A fresh temporary name for {@code name}. */
  static String tempName(String name) {
    return TEMP_PREFIX + name + "~" + UUID.randomUUID();
  }

  /**
   * The local path of {@code uri}, or null when it is on another file system (gs://, s3://, ...).
   */
  static Path localPath(String uri) {
    int colon = uri.indexOf("://");
    if (colon > 0 && uri.substring(0, colon).matches("[A-Za-z][-A-Za-z0-9+.]*")) {
      return uri.substring(0, colon).equalsIgnoreCase("file")
          ? Paths.get(URI.create(uri)).toAbsolutePath()
          : null;
    }
    return Paths.get(uri.startsWith("file:") ? uri.substring("file:".length()) : uri)
        .toAbsolutePath();
  }

  private static List<String> matching(String glob) throws IOException {
    List<String> uris = new ArrayList<>();
    MatchResult match = FileSystems.match(glob);
    if (match.status() == MatchResult.Status.OK) {
      for (MatchResult.Metadata m : match.metadata()) {
        uris.add(m.resourceId().toString());
      }
    }
    return uris;
  }

  private static void delete(List<String> uris) throws IOException {
    List<ResourceId> ids = new ArrayList<>();
    for (String uri : uris) {
      ids.add(FileSystems.matchNewResource(uri, false));
    }
    FileSystems.delete(ids, StandardMoveOptions.IGNORE_MISSING_FILES);
  }

  private static void deleteMatching(Path dir, String glob) throws IOException {
    List<Path> found = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, glob)) {
      entries.forEach(found::add);
    }
    for (Path p : found) {
      deleteTree(p);
    }
  }

  private static void deleteIfEmpty(Path dir) throws IOException {
    try {
      Files.deleteIfExists(dir);
    } catch (DirectoryNotEmptyException e) {
      // kept: it holds other files
    }
  }

  /** Deletes a file or a folder with everything in it, without following links. */
  static void deleteTree(Path path) throws IOException {
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> all = Files.walk(path)) {
      for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
        try {
          Files.deleteIfExists(p);
        } catch (NoSuchFileException e) {
          // gone already
        }
      }
    }
  }
}
