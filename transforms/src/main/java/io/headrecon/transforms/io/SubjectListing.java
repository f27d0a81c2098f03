package io.headrecon.transforms.io;

import io.headrecon.proto.Contracts;
import io.headrecon.proto.FailureRecord;
import io.headrecon.transforms.records.SubjectFiles;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;

/**
 * Lists the subject folders of an input and the photos and manifest in each, bounded and without
 * following a symbolic link out of the input: plain Java, used by {@link ListSubjects} on a worker
 * and by the launcher's up-front check of {@code --input}.
 *
 * <p>The input is a literal folder unless {@code glob} is set, when it is a glob matching subject
 * folders. Local folders are read with {@code java.nio} one level at a time (never a recursive walk
 * that follows links, so a link loop cannot hang the listing); gs:// and s3:// with one Beam match.
 * Whatever cannot be read safely becomes a failure record: a subject folder or file whose symbolic
 * link leaves the input (or the subject folder), a link loop, a FIFO, device or socket, a directory
 * named like a photo, an empty or unsafe view id.
 */
public final class SubjectListing {
  /** Most subject folders (local: entries of the input folder) one run lists. */
  public static final int MAX_SUBJECTS = 100_000;

  /** Most entries in one subject folder; a folder with more fails as a whole. */
  public static final int MAX_ENTRIES_PER_SUBJECT = 1_000;

  /** Most files one remote match, or folders one local glob walk, may visit. */
  public static final int MAX_LISTED_FILES = 10_000_000;

  /** Deepest a local glob with {@code **} is followed below its fixed part. */
  public static final int MAX_GLOB_DEPTH = 8;

  static final String MANIFEST = "manifest.json";

  private static final LinkOption[] NO_FOLLOW = {LinkOption.NOFOLLOW_LINKS};

  private SubjectListing() {}

  /** Receives what the listing finds. */
  public interface Sink {
    /**
     * A subject folder ({@code uri} ends in '/') or a readable photo or manifest in it ({@code uri}
     * is the file).
     */
    void entry(String subjectId, String uri);

    /** Something that cannot be read safely. */
    void failure(FailureRecord failure);
  }

  /**
   * Lists {@code input}.
   *
   * @throws IOException when the input itself cannot be listed or is over the bounds
   */
  public static void list(String input, boolean glob, Sink sink) throws IOException {
    if (BeamFiles.isLocal(input)) {
      for (Candidate c : localSubjectFolders(input, glob)) {
        listLocalSubject(c, sink);
      }
    } else {
      listRemote(input, glob, sink);
    }
  }

  /**
   * Checks, before any work, that {@code input} exists and holds at least one subject folder.
   *
   * @throws IllegalArgumentException with a message naming the input otherwise
   */
  public static void checkInput(String input, boolean glob) {
    try {
      if (BeamFiles.isLocal(input)) {
        if (!glob) {
          Path root = BeamFiles.localPath(input);
          if (!Files.exists(root)) {
            throw new IllegalArgumentException("--input " + input + " does not exist");
          }
          if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("--input " + input + " is not a folder");
          }
        }
        List<Candidate> folders = localSubjectFolders(input, glob);
        if (folders.isEmpty()) {
          throw new IllegalArgumentException(
              "--input "
                  + input
                  + (glob
                      ? " matches no folder"
                      : " holds no subject folder (it should hold <subjectId>/<viewId>.png)"));
        }
      } else {
        if (remoteMatch(input, glob).isEmpty()) {
          throw new IllegalArgumentException(
              "--input " + input + " holds no file in any subject folder");
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("--input " + input + ": cannot list it: " + e, e);
    }
  }

  /** A would-be subject folder, its URI (ending in '/') and the folder it must stay inside. */
  private record Candidate(Path path, String folderUri, Path containingReal) {}

  private static List<Candidate> localSubjectFolders(String input, boolean glob)
      throws IOException {
    List<Candidate> out = new ArrayList<>();
    if (!glob) {
      Path root = BeamFiles.localPath(input).toAbsolutePath().normalize();
      Path rootReal = root.toRealPath();
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
        for (Path entry : entries) {
          if (out.size() >= MAX_SUBJECTS) {
            throw new IOException(
                input + ": more than " + MAX_SUBJECTS + " entries, the most one run lists");
          }
          if (!Files.isRegularFile(entry, NO_FOLLOW)) {
            out.add(new Candidate(entry, entry + "/", rootReal));
          }
        }
      }
    } else {
      Path pattern = BeamFiles.localPath(input).toAbsolutePath().normalize();
      Path base = pattern.getRoot();
      int fixed = 0;
      for (Path segment : pattern) {
        if (BeamFiles.hasGlobChars(segment.toString())) {
          break;
        }
        base = base.resolve(segment);
        fixed++;
      }
      int depth =
          pattern.toString().contains("**") ? MAX_GLOB_DEPTH : pattern.getNameCount() - fixed;
      if (depth == 0 || !Files.isDirectory(base)) {
        return out;
      }
      Path baseReal = base.toRealPath();
      PathMatcher matcher =
          java.nio.file.FileSystems.getDefault().getPathMatcher("glob:" + pattern);
      Path start = base;
      int[] visited = {0};
      Files.walkFileTree(
          base,
          EnumSet.noneOf(FileVisitOption.class), // never follows links
          depth,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
                throws IOException {
              visit(dir, attrs);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              visit(file, attrs);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              return FileVisitResult.CONTINUE;
            }

            private void visit(Path p, BasicFileAttributes attrs) throws IOException {
              if (++visited[0] > MAX_LISTED_FILES || out.size() >= MAX_SUBJECTS) {
                throw new IOException(
                    input + ": the glob reaches more than the listing bounds allow");
              }
              if (!p.equals(start) && !attrs.isRegularFile() && matcher.matches(p)) {
                out.add(new Candidate(p, p + "/", baseReal));
              }
            }
          });
    }
    out.sort((a, b) -> a.folderUri().compareTo(b.folderUri()));
    return out;
  }

  private static void listLocalSubject(Candidate c, Sink sink) throws IOException {
    String subjectId = c.path().getFileName().toString();
    String folderUri = c.folderUri();
    Path real;
    try {
      real = c.path().toRealPath();
    } catch (NoSuchFileException e) {
      sink.failure(subjectFailure(subjectId, folderUri, "dangling symbolic link"));
      return;
    } catch (FileSystemException e) {
      sink.failure(
          subjectFailure(subjectId, folderUri, "symbolic link loop (" + e.getReason() + ")"));
      return;
    }
    if (!real.startsWith(c.containingReal()) || real.equals(c.containingReal())) {
      sink.failure(
          subjectFailure(
              subjectId,
              folderUri,
              "symbolic link to "
                  + real
                  + ", outside the input folder "
                  + c.containingReal()
                  + " (or the input folder itself)"));
      return;
    }
    BasicFileAttributes attrs = Files.readAttributes(real, BasicFileAttributes.class);
    if (!attrs.isDirectory()) {
      if (!attrs.isRegularFile()) {
        sink.failure(
            subjectFailure(
                subjectId, folderUri, "not a folder, a file or a link (a FIFO, device or socket)"));
      }
      return; // a loose file beside the subject folders is not a subject
    }
    List<Path> entries = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(c.path())) {
      for (Path entry : stream) {
        if (entries.size() >= MAX_ENTRIES_PER_SUBJECT) {
          sink.failure(
              subjectFailure(
                  subjectId,
                  folderUri,
                  "subject folder has more than "
                      + MAX_ENTRIES_PER_SUBJECT
                      + " entries, the most one subject may have"));
          return;
        }
        entries.add(entry);
      }
    }
    entries.sort(null);
    List<String> files = new ArrayList<>();
    for (Path entry : entries) {
      String name = entry.getFileName().toString();
      String uri = entry.toString();
      Kind kind = kindOf(name);
      if (kind == Kind.OTHER) {
        continue;
      }
      String problem = localProblem(entry, real);
      if (problem == null && kind == Kind.PHOTO) {
        problem = viewIdProblem(name);
      }
      if (problem == null) {
        files.add(uri);
      } else if (kind == Kind.MANIFEST) {
        sink.failure(subjectFailure(subjectId, uri, uri + ": " + problem));
        return; // the subject cannot be read without its manifest
      } else {
        sink.failure(viewFailure(subjectId, name, uri, problem));
      }
    }
    sink.entry(subjectId, folderUri);
    for (String file : files) {
      sink.entry(subjectId, file);
    }
  }

  /** Why a photo or manifest entry cannot be read safely, or null when it can. */
  private static String localProblem(Path entry, Path folderReal) throws IOException {
    BasicFileAttributes attrs = Files.readAttributes(entry, BasicFileAttributes.class, NO_FOLLOW);
    if (attrs.isSymbolicLink()) {
      Path real;
      try {
        real = entry.toRealPath();
      } catch (NoSuchFileException e) {
        return "dangling symbolic link (its target does not exist)";
      } catch (FileSystemException e) {
        return "symbolic link loop (" + e.getReason() + ")";
      }
      if (!real.startsWith(folderReal)) {
        return "symbolic link to " + real + ", outside the subject folder";
      }
      attrs = Files.readAttributes(real, BasicFileAttributes.class);
    }
    if (attrs.isDirectory()) {
      return "a directory, not a file";
    }
    if (!attrs.isRegularFile()) {
      return "not a regular file (a FIFO, device or socket)";
    }
    return null;
  }

  private static void listRemote(String input, boolean glob, Sink sink) throws IOException {
    Set<String> folders = new LinkedHashSet<>();
    for (MatchResult.Metadata file : remoteMatch(input, glob)) {
      if (file.resourceId().isDirectory()) {
        continue;
      }
      String uri = file.resourceId().toString();
      String folderUri = uri.substring(0, uri.lastIndexOf('/') + 1);
      String trimmed = folderUri.substring(0, folderUri.length() - 1);
      String subjectId = trimmed.substring(trimmed.lastIndexOf('/') + 1);
      if (folders.add(folderUri)) {
        sink.entry(subjectId, folderUri);
      }
      String name = uri.substring(uri.lastIndexOf('/') + 1);
      Kind kind = kindOf(name);
      String problem = kind == Kind.PHOTO ? viewIdProblem(name) : null;
      if (kind == Kind.OTHER) {
        continue;
      }
      if (problem != null) {
        sink.failure(viewFailure(subjectId, name, uri, problem));
      } else {
        sink.entry(subjectId, uri);
      }
    }
  }

  private static List<MatchResult.Metadata> remoteMatch(String input, boolean glob)
      throws IOException {
    String base = input.endsWith("/") ? input.substring(0, input.length() - 1) : input;
    if (!glob && BeamFiles.hasGlobChars(base)) {
      throw new IllegalArgumentException(
          "--input "
              + input
              + " holds glob characters: pass --inputIsGlob to match folders with it (a remote"
              + " literal input cannot hold them)");
    }
    String pattern = glob ? base + "/*" : base + "/*/*";
    List<MatchResult.Metadata> files =
        FileSystems.match(List.of(pattern), EmptyMatchTreatment.ALLOW).get(0).metadata();
    if (files.size() > MAX_LISTED_FILES) {
      throw new IOException(
          input + ": more than " + MAX_LISTED_FILES + " files, the most one run lists");
    }
    return files;
  }

  enum Kind {
    PHOTO,
    MANIFEST,
    OTHER
  }

  static Kind kindOf(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.equals(MANIFEST)) {
      return Kind.MANIFEST;
    }
    return lower.endsWith(".png")
            || lower.endsWith(".jpg")
            || lower.endsWith(".jpeg")
            || lower.endsWith(".tif")
            || lower.endsWith(".tiff")
        ? Kind.PHOTO
        : Kind.OTHER;
  }

  /** Why a photo's file name gives no usable view id, or null. */
  private static String viewIdProblem(String name) {
    String viewId = SubjectFiles.viewIdOf(name);
    if (viewId.isEmpty()) {
      return "file name '" + name + "' gives an empty view id";
    }
    if (!Contracts.isSafeId(viewId)) {
      return "view id '" + viewId + "' is not a safe id (letters, digits, '-', '_', '.'; not '..')";
    }
    return null;
  }

  private static FailureRecord subjectFailure(String subjectId, String uri, String reason) {
    return Failures.of(subjectId, "", "list", uri, reason);
  }

  /** A view failure; the view is named by the file name when its view id is empty. */
  private static FailureRecord viewFailure(
      String subjectId, String name, String uri, String problem) {
    String viewId = SubjectFiles.viewIdOf(name);
    return Failures.of(
        subjectId, viewId.isEmpty() ? name : viewId, "list", uri, uri + ": " + problem);
  }
}
