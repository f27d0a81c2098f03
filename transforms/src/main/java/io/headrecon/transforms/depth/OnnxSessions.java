package io.headrecon.transforms.depth;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.headrecon.transforms.depth.DepthInferenceOptions.ExecutionProvider;
import io.headrecon.transforms.io.BeamFiles;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ONNX Runtime session per JVM and model: every DoFn instance and bundle on a worker shares it
 * (sessions are thread-safe for {@code run}). The model is a local path, gs:// or s3:// URI, or
 * empty for the model shipped on the classpath at {@link #SHIPPED_MODEL_RESOURCE}.
 */
public final class OnnxSessions {
  private static final Logger LOG = LoggerFactory.getLogger(OnnxSessions.class);

  /** Classpath location of the shipped default model. */
  public static final String SHIPPED_MODEL_RESOURCE = "/models/headrecon-depth.onnx";

  /** Largest model file read, bytes. */
  static final long MAX_MODEL_BYTES = 512L << 20;

  private static final Map<String, OrtSession> SESSIONS = new ConcurrentHashMap<>();

  private OnnxSessions() {}

  /** Thrown when the model cannot be loaded; the message names the model and the cause. */
  public static final class ModelLoadException extends RuntimeException {
    public ModelLoadException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The shared session for {@code model} on {@code provider}, created on first use. */
  public static OrtSession get(String model, ExecutionProvider provider) {
    return SESSIONS.computeIfAbsent(model + "|" + provider, k -> create(model, provider));
  }

  /** A human-readable name of the model: its URI, or the shipped resource. */
  public static String describe(String model) {
    return model.isEmpty() ? "classpath:" + SHIPPED_MODEL_RESOURCE : model;
  }

  static byte[] readModel(String model) throws IOException {
    if (model.isEmpty()) {
      try (InputStream in = OnnxSessions.class.getResourceAsStream(SHIPPED_MODEL_RESOURCE)) {
        if (in == null) {
          throw new IOException(
              "the shipped model " + SHIPPED_MODEL_RESOURCE + " is not on the classpath");
        }
        return in.readAllBytes();
      }
    }
    return BeamFiles.read(model, MAX_MODEL_BYTES);
  }

  private static OrtSession create(String model, ExecutionProvider provider) {
    String name = describe(model);
    byte[] bytes;
    try {
      bytes = readModel(model);
    } catch (IOException | RuntimeException e) {
      throw new ModelLoadException(
          "cannot read model " + name + " (--model): " + e.getMessage(), e);
    }
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try {
      OrtSession.SessionOptions options = new OrtSession.SessionOptions();
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      if (provider != ExecutionProvider.cpu) {
        try {
          options.addCUDA(0);
          LOG.info("ONNX Runtime: CUDA execution provider for {}", name);
        } catch (OrtException | RuntimeException | UnsatisfiedLinkError e) {
          if (provider == ExecutionProvider.cuda) {
            throw new ModelLoadException(
                "--executionProvider=cuda but CUDA is not available ("
                    + e.getMessage()
                    + "); build with -Pgpu on a machine with a GPU, or use auto/cpu",
                e);
          }
          LOG.info("ONNX Runtime: CUDA not available ({}), using the CPU", e.getMessage());
        }
      }
      return env.createSession(bytes, options);
    } catch (OrtException e) {
      throw new ModelLoadException(
          "model " + name + " (--model) is not a valid ONNX model: " + e.getMessage(), e);
    }
  }
}
