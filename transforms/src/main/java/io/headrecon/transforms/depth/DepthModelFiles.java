package io.headrecon.transforms.depth;

import io.headrecon.model.DepthModelRunner;
import io.headrecon.model.ExecutionProvider;
import io.headrecon.transforms.io.BeamFiles;
import io.headrecon.transforms.io.InputDigest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.beam.sdk.io.FileSystems;

/**
 * The pipeline's {@code --model}: a local path, gs:// or s3:// URI read through {@link BeamFiles},
 * or empty for the model shipped on the classpath; handed to the JVM's shared {@link
 * DepthModelRunner}.
 */
public final class DepthModelFiles {
  /** Largest model file read, bytes. */
  static final long MAX_MODEL_BYTES = 512L << 20;

  private DepthModelFiles() {}

  /**
   * The shared runner of {@code model} on {@code provider}, created on first use.
   *
   * @param model a local path, gs:// or s3:// URI, or empty for the shipped model
   * @throws DepthModelRunner.ModelLoadException when the model cannot be read, is not a valid ONNX
   *     model, or CUDA was requested and is not available; the message names the model
   */
  public static DepthModelRunner runner(String model, ExecutionProvider provider) {
    if (model.isEmpty()) {
      return DepthModelRunner.shipped(provider);
    }
    return DepthModelRunner.shared(model, provider, () -> BeamFiles.read(model, MAX_MODEL_BYTES));
  }

  /**
   * The SHA-256 of the model's bytes, hex: its identity in input digests ({@link InputDigest}).
   *
   * @param model a local path, gs:// or s3:// URI, or empty for the shipped model
   */
  public static String sha256(String model) throws IOException {
    if (model.isEmpty()) {
      try (InputStream in = new ByteArrayInputStream(DepthModelRunner.shippedModelBytes())) {
        return InputDigest.contentSha256(in);
      }
    }
    return InputDigest.contentSha256(FileSystems.matchSingleFileSpec(model).resourceId());
  }
}
