package io.headrecon.transforms.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * What a subject's results depend on, as one SHA-256: the options that change results (a canonical
 * text, {@link #options}) and every file under the subject's folder, by relative name, size and
 * content. Stored in {@code metrics.json} ({@code input_digest}); a rerun skips a subject whose
 * stored digest still matches.
 */
public final class InputDigest {
  private InputDigest() {}

  /** Changes when the way results are computed from the same inputs changes. */
  static final int VERSION = 1;

  /** Most files under one subject folder taken into a digest; more is a failure. */
  static final int MAX_FILES = 10_000;

  /** Deepest folder level walked under a local subject folder. */
  static final int MAX_DEPTH = 8;

  /** Prefix of every digest. */
  static final String PREFIX = "sha256:";

  /**
   * The canonical text of the options that change results, sorted by name, e.g. {@code
   * depthSource=model;model=sha256:…;voxelSizeMm=1.0}.
   */
  public static String options(Map<String, String> resultOptions) {
    StringBuilder b = new StringBuilder("v").append(VERSION);
    for (Map.Entry<String, String> e : new TreeMap<>(resultOptions).entrySet()) {
      b.append(';').append(e.getKey()).append('=').append(e.getValue());
    }
    return b.toString();
  }

  /**
   * The digest of a subject: {@code options} and every file under {@code folderUri} (recursively).
   *
   * @param folderUri the subject folder, ending in '/'
   * @throws IOException when a file cannot be listed or read, or there are more than {@link
   *     #MAX_FILES}
   */
  public static String of(String options, String folderUri) throws IOException {
    MessageDigest digest = sha256();
    update(digest, options);
    Path local = OutputFiles.localPath(folderUri);
    if (local != null) {
      addLocalFiles(digest, local);
    } else {
      addFiles(digest, folderUri);
    }
    return PREFIX + HexFormat.of().formatHex(digest.digest());
  }

  /**
   * Local files, walked without following links: regular files by content, links by their target
   * (never read through), other special files by kind; {@link #MAX_DEPTH} levels at most.
   */
  private static void addLocalFiles(MessageDigest digest, Path folder) throws IOException {
    Map<String, Path> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(folder, MAX_DEPTH)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        files.put(folder.relativize(p).toString().replace('\\', '/'), p);
        if (files.size() > MAX_FILES) {
          throw new IOException(folder + ": more than " + MAX_FILES + " files");
        }
      }
    }
    for (Map.Entry<String, Path> f : files.entrySet()) {
      Path p = f.getValue();
      update(digest, f.getKey());
      if (Files.isSymbolicLink(p)) {
        update(digest, "link:" + Files.readSymbolicLink(p));
      } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
        update(digest, Long.toString(Files.size(p)));
        try (InputStream in = Files.newInputStream(p, LinkOption.NOFOLLOW_LINKS)) {
          update(digest, contentSha256(in));
        }
      } else {
        update(digest, "special");
      }
    }
  }

  /** Files of an object store (no links there), by content. */
  private static void addFiles(MessageDigest digest, String folderUri) throws IOException {
    MatchResult match = FileSystems.match(folderUri + "**");
    Map<String, MatchResult.Metadata> files = new TreeMap<>();
    if (match.status() == MatchResult.Status.OK) {
      for (MatchResult.Metadata m : match.metadata()) {
        if (m.resourceId().isDirectory()) {
          continue;
        }
        String uri = m.resourceId().toString();
        files.put(uri.startsWith(folderUri) ? uri.substring(folderUri.length()) : uri, m);
        if (files.size() > MAX_FILES) {
          throw new IOException(folderUri + ": more than " + MAX_FILES + " files");
        }
      }
    } else if (match.status() != MatchResult.Status.NOT_FOUND) {
      throw new IOException(folderUri + ": cannot list (" + match.status() + ")");
    }
    for (Map.Entry<String, MatchResult.Metadata> f : files.entrySet()) {
      update(digest, f.getKey());
      update(digest, Long.toString(f.getValue().sizeBytes()));
      update(digest, contentSha256(f.getValue().resourceId()));
    }
  }

  /** The SHA-256 of a file's bytes, hex. */
  public static String contentSha256(ResourceId file) throws IOException {
    try (ReadableByteChannel channel = FileSystems.open(file);
        InputStream in = Channels.newInputStream(channel)) {
      return contentSha256(in);
    }
  }

  /** The SHA-256 of a stream's bytes, hex. */
  public static String contentSha256(InputStream in) throws IOException {
    MessageDigest digest = sha256();
    byte[] buf = new byte[1 << 16];
    for (int n; (n = in.read(buf)) > 0; ) {
      digest.update(buf, 0, n);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** A length-prefixed string, so that no two lists of strings give the same bytes. */
  private static void update(MessageDigest digest, String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
    digest.update((byte) ':');
    digest.update(bytes);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
