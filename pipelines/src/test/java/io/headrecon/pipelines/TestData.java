package io.headrecon.pipelines;

import io.headrecon.proto.ManifestUris;
import io.headrecon.proto.ProtoJson;
import io.headrecon.proto.SubjectManifest;
import io.headrecon.proto.View;
import io.headrecon.proto.ViewGroundTruth;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
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

  /**
   * A few views of a sample subject, enough for multi-view alignment and fusion and quick to fuse:
   * for {@link #copySubjectViews}.
   */
  static final String[] FEW_VIEWS = {"yaw_m030", "yaw_p000", "yaw_p030"};

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
   * Copies a sample subject trimmed to some of its views to {@code target/<subjectId>}: those
   * views' photos, their ground-truth depth and mask, the ground-truth mesh, and a {@code
   * manifest.json} that describes only those views (a few views fuse in seconds where all 19 take
   * much longer).
   *
   * @param viewIds view ids of the manifest, e.g. {@code "yaw_p000"}
   */
  static void copySubjectViews(String subjectId, Path target, String... viewIds)
      throws IOException {
    copySubjectViewsAs(subjectId, subjectId, target, viewIds);
  }

  /**
   * {@link #copySubjectViews} under another subject id: the copy is {@code target/<newId>} and its
   * manifest says {@code newId} (so one sample can stand for several subjects).
   *
   * @return the copied subject's folder
   */
  static Path copySubjectViewsAs(String subjectId, String newId, Path target, String... viewIds)
      throws IOException {
    Path from = testdata().resolve(subjectId);
    Path to = target.resolve(newId);
    Path manifestPath = from.resolve("manifest.json");
    SubjectManifest manifest =
        ProtoJson.parseManifest(Files.readString(manifestPath), manifestPath.toString());
    List<View> kept = new ArrayList<>();
    for (String viewId : viewIds) {
      View view =
          manifest.getViewsList().stream()
              .filter(v -> v.getViewId().equals(viewId))
              .findFirst()
              .orElseThrow(
                  () -> new IllegalArgumentException(subjectId + " has no view " + viewId));
      kept.add(view.toBuilder().setSubjectId(newId).build());
      copyRelative(from, to, view.getImageUri());
      ViewGroundTruth gt = view.getGroundTruth();
      for (String uri : List.of(gt.getDepthUri(), gt.getMaskUri())) {
        if (!uri.isEmpty()) {
          copyRelative(from, to, uri);
        }
      }
    }
    if (!manifest.getGroundTruth().getMeshUri().isEmpty()) {
      copyRelative(from, to, manifest.getGroundTruth().getMeshUri());
    }
    SubjectManifest trimmed =
        manifest.toBuilder().setSubjectId(newId).clearViews().addAllViews(kept).build();
    Files.writeString(to.resolve("manifest.json"), ProtoJson.toJson(trimmed));
    return to;
  }

  /** Copies the file a manifest names by {@code uri}, relative to its subject folder. */
  private static void copyRelative(Path from, Path to, String uri) throws IOException {
    if (ManifestUris.isAbsolute(uri)) {
      throw new IllegalArgumentException("expected a URI relative to the manifest, got " + uri);
    }
    Path copy = to.resolve(uri);
    Files.createDirectories(copy.getParent());
    Files.copy(from.resolve(uri), copy);
  }

  /** Three neighbouring views of a sample: enough to fuse, quick to run. */
  static final String[] THREE_VIEWS = {"yaw_m010", "yaw_p000", "yaw_p010"};
}
