package io.headrecon.transforms.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * Whole-file reads and writes through Beam {@link FileSystems}, so local paths, gs:// and s3:// all
 * work.
 */
public final class BeamFiles {
  private BeamFiles() {}

  /** Reads a whole file, refusing files larger than {@code maxBytes}. */
  public static byte[] read(String uri, long maxBytes) throws IOException {
    ResourceId id = FileSystems.matchSingleFileSpec(uri).resourceId();
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

  /** Joins a prefix and a relative path with exactly one '/'. */
  public static String join(String prefix, String relative) {
    return prefix.endsWith("/") ? prefix + relative : prefix + "/" + relative;
  }
}
