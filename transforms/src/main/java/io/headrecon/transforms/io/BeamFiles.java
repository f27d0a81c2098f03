package io.headrecon.transforms.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.UUID;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * Whole-file reads and writes through Beam {@link FileSystems}, so local paths, gs:// and s3:// all
 * work. URIs are literal: a local path is never read as a glob, and a remote URI with glob
 * characters is refused.
 */
public final class BeamFiles {
  private BeamFiles() {}

  /** Characters that Beam's file systems read as a glob. */
  private static final String GLOB_CHARS = "*?[]{}";

  /**
   * Reads a whole file, refusing files larger than {@code maxBytes} and, for local files, anything
   * that is not a regular file (a directory, FIFO, device or socket), so a read never blocks.
   */
  public static byte[] read(String uri, long maxBytes) throws IOException {
    ResourceId id;
    if (isLocal(uri)) {
      Path path = localPath(uri);
      BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class);
      if (!attrs.isRegularFile()) {
        throw new IOException(
            uri
                + ": not a regular file ("
                + (attrs.isDirectory() ? "a directory" : "a FIFO, device or socket")
                + ")");
      }
      id = FileSystems.matchNewResource(path.toString(), false);
    } else {
      if (hasGlobChars(uri)) {
        throw new IOException(uri + ": glob characters (" + GLOB_CHARS + ") in a remote URI");
      }
      id = FileSystems.matchSingleFileSpec(uri).resourceId();
    }
    try (ReadableByteChannel channel = FileSystems.open(id);
        InputStream in = Channels.newInputStream(channel)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[1 << 16];
      long total = 0;
      for (int n; (n = in.read(buf)) > 0; ) {
        total += n;
        if (total > maxBytes) {
          throw new IOException(uri + ": file is larger than " + maxBytes + " bytes");
        }
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    }
  }

  /** Opens a file for writing (parent folders are created as needed by local file systems). */
  public static OutputStream create(String uri, String mimeType) throws IOException {
    ResourceId id = FileSystems.matchNewResource(uri, false);
    WritableByteChannel channel = FileSystems.create(id, mimeType);
    return Channels.newOutputStream(channel);
  }

  /** Writes bytes to a file. */
  public static void write(String uri, byte[] bytes, String mimeType) throws IOException {
    try (OutputStream out = create(uri, mimeType)) {
      out.write(bytes);
    }
  }

  /**
   * Checks that files can be created under {@code prefix} by writing and deleting a small marker
   * (an object on gs:// and s3://).
   *
   * @throws IOException naming the prefix when the marker cannot be written or deleted
   */
  public static void checkWritable(String prefix) throws IOException {
    String marker = join(prefix, ".headrecon-write-check-" + UUID.randomUUID());
    try {
      write(marker, "headrecon".getBytes(StandardCharsets.UTF_8), "text/plain");
      FileSystems.delete(List.of(FileSystems.matchNewResource(marker, false)));
    } catch (IOException | RuntimeException e) {
      throw new IOException(prefix + ": cannot write there (" + e + ")", e);
    }
  }

  /**
   * Checks that {@code uri} lies inside {@code folderUri} once '..' and, for local files, symbolic
   * links are resolved. A local file that does not exist yet passes (reading it fails later).
   *
   * @throws IOException naming the file and where it leads when it leaves the folder
   */
  public static void checkInside(String uri, String folderUri) throws IOException {
    if (!isLocal(uri) || !isLocal(folderUri)) {
      // No symbolic links on object stores; manifest URIs have no '..' (ManifestUris).
      if (!uri.startsWith(folderUri) || uri.contains("/../")) {
        throw new IOException(uri + ": outside the subject folder " + folderUri);
      }
      return;
    }
    Path folder = localPath(folderUri).toRealPath();
    Path path = localPath(uri).toAbsolutePath().normalize();
    Path real;
    try {
      real = path.toRealPath();
    } catch (NoSuchFileException e) {
      if (Files.isSymbolicLink(path)) {
        throw new IOException(uri + ": dangling symbolic link (its target does not exist)", e);
      }
      if (!path.startsWith(localPath(folderUri).toAbsolutePath().normalize())) {
        throw new IOException(uri + ": outside the subject folder " + folderUri);
      }
      return;
    } catch (FileSystemException e) {
      throw new IOException(uri + ": symbolic link loop (" + e.getReason() + ")", e);
    }
    if (!real.startsWith(folder)) {
      throw new IOException(
          uri + ": resolves to " + real + ", outside the subject folder " + folderUri);
    }
  }

  /** Whether {@code uri} is a local path ({@code file:} URIs included) rather than gs://, s3://… */
  public static boolean isLocal(String uri) {
    return uri.startsWith("file:") || !uri.matches("^[A-Za-z][A-Za-z0-9+.-]*://.*");
  }

  /** The local path of a local URI: a plain path or a {@code file:} URI. */
  public static Path localPath(String uri) {
    return uri.startsWith("file:") ? Paths.get(URI.create(uri)) : Paths.get(uri);
  }

  /** Whether {@code s} holds characters that Beam's file systems read as a glob. */
  public static boolean hasGlobChars(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (GLOB_CHARS.indexOf(s.charAt(i)) >= 0) {
        return true;
      }
    }
    return false;
  }

  /** Whether the file {@code uri} exists (local path, gs:// or s3://; read literally). */
  public static boolean exists(String uri) throws IOException {
    if (isLocal(uri)) {
      return Files.exists(localPath(uri));
    }
    MatchResult match = FileSystems.match(List.of(uri), EmptyMatchTreatment.ALLOW).get(0);
    return match.status() == MatchResult.Status.OK && !match.metadata().isEmpty();
  }

  /** Joins a prefix and a relative path with exactly one '/'. */
  public static String join(String prefix, String relative) {
    return prefix.endsWith("/") ? prefix + relative : prefix + "/" + relative;
  }
}
