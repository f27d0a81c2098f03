package io.headrecon.model;

import static io.headrecon.model.DepthNetContract.DEPTH_OUTPUT;
import static io.headrecon.model.DepthNetContract.INPUT_NAME;
import static io.headrecon.model.DepthNetContract.INPUT_SIZE_PX;
import static io.headrecon.model.DepthNetContract.LANDMARKS_OUTPUT;
import static io.headrecon.model.DepthNetContract.LANDMARK_COUNT;
import static io.headrecon.model.DepthNetContract.MASK_OUTPUT;
import static io.headrecon.model.DepthNetContract.VISIBILITY_OUTPUT;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one ONNX Runtime runner of the depth network: the pipeline, training's evaluation, the
 * benchmarks and the tests all run the model through it.
 *
 * <p>There is one runner, and so one ONNX Runtime session, per JVM, model and requested {@link
 * ExecutionProvider}, shared by every caller (sessions are thread-safe for {@code run}) and kept
 * for the life of the JVM. The caller supplies the model's bytes (read from a file, a cloud URI, or
 * exported in memory); the shipped model comes from the classpath ({@link #shipped}).
 */
public final class DepthModelRunner {
  private static final Logger LOG = LoggerFactory.getLogger(DepthModelRunner.class);

  /** Classpath location of the shipped model. */
  public static final String SHIPPED_MODEL_RESOURCE = "/models/headrecon-depth.onnx";

  /** The shipped model's name in messages and in {@link #model()}. */
  public static final String SHIPPED_MODEL = "classpath:" + SHIPPED_MODEL_RESOURCE;

  private static final int SIZE = INPUT_SIZE_PX;
  private static final int PLANE = SIZE * SIZE;

  /** Input floats of one view: 3 × 180 × 180. */
  public static final int FLOATS_PER_VIEW = 3 * PLANE;

  /** The shared runners by model and requested provider; guarded by the class's lock. */
  private static final Map<String, DepthModelRunner> SHARED = new HashMap<>();

  private final String model;
  private final ExecutionProvider provider;
  private final OrtSession session;

  private DepthModelRunner(String model, ExecutionProvider provider, OrtSession session) {
    this.model = model;
    this.provider = provider;
    this.session = session;
  }

  /** Reads the serialised ONNX model. */
  @FunctionalInterface
  public interface ModelBytes {
    byte[] read() throws IOException;
  }

  /**
   * Raw outputs of a batch of {@code n} views, flat row-major as {@link DepthNetContract} describes
   * them.
   *
   * @param depth {@code n × 1 × 180 × 180} relative depth (see {@link DepthNetOutputDecoder})
   * @param mask {@code n × 1 × 180 × 180} head probabilities in [0, 1]
   * @param landmarks {@code n × 68 × 2} landmark positions, network-input pixels / 180
   * @param visibility {@code n × 68} landmark visibility probabilities in [0, 1]
   */
  public record Outputs(float[] depth, float[] mask, float[] landmarks, float[] visibility) {}

  /** Thrown when a model cannot be loaded; the message names the model and the cause. */
  public static final class ModelLoadException extends RuntimeException {
    public ModelLoadException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * The shared runner of {@code model} on {@code requested}, created on first use from {@code
   * bytes}.
   *
   * <p>{@link ExecutionProvider#auto} runs on CUDA where it works, else on the CPU, sharing the CPU
   * runner of the model and saying so in one INFO log line. {@link ExecutionProvider#cuda} fails
   * where CUDA does not work.
   *
   * @param model the model's name: its path or URI; the key of the shared session and what error
   *     messages name, so one name must always mean the same bytes
   * @throws ModelLoadException when the bytes cannot be read, are not a valid ONNX model, or CUDA
   *     was requested and is not available
   */
  public static synchronized DepthModelRunner shared(
      String model, ExecutionProvider requested, ModelBytes bytes) {
    String key = model + "|" + requested;
    DepthModelRunner runner = SHARED.get(key);
    if (runner == null) {
      runner = create(model, requested, bytes);
      SHARED.put(key, runner);
    }
    return runner;
  }

  /** The shared runner of the shipped model ({@link #SHIPPED_MODEL}). */
  public static DepthModelRunner shipped(ExecutionProvider requested) {
    return shared(SHIPPED_MODEL, requested, DepthModelRunner::shippedModelBytes);
  }

  /**
   * The shared runner of a model held in memory (an exported network), named by the SHA-256 of its
   * bytes.
   */
  public static DepthModelRunner inMemory(byte[] model, ExecutionProvider requested) {
    return shared("in-memory sha256:" + sha256(model), requested, () -> model);
  }

  /** The shipped model's serialised bytes. */
  public static byte[] shippedModelBytes() throws IOException {
    try (InputStream in = DepthModelRunner.class.getResourceAsStream(SHIPPED_MODEL_RESOURCE)) {
      if (in == null) {
        throw new IOException(
            "the shipped model " + SHIPPED_MODEL_RESOURCE + " is not on the classpath");
      }
      return in.readAllBytes();
    }
  }

  /** The model's name (path, URI, {@link #SHIPPED_MODEL} or in-memory digest). */
  public String model() {
    return model;
  }

  /** The provider that runs the model: {@code cpu} or {@code cuda}, never {@code auto}. */
  public ExecutionProvider provider() {
    return provider;
  }

  /**
   * Runs the network on a batch.
   *
   * @param nchwImages {@code n × 3 × 180 × 180} floats, NCHW, RGB in [0, 1] (see {@link
   *     #fillInput})
   * @param n the number of views in the batch, at least 1
   * @throws IllegalArgumentException when the input does not hold {@code n} views
   * @throws IllegalStateException when the model lacks an output of {@link DepthNetContract} or
   *     gives it in another size
   */
  public Outputs run(float[] nchwImages, int n) throws OrtException {
    if (n < 1 || nchwImages.length != (long) n * FLOATS_PER_VIEW) {
      throw new IllegalArgumentException(
          "a batch of "
              + n
              + " views needs n × 3 × 180 × 180 = "
              + (long) n * FLOATS_PER_VIEW
              + " input floats, got "
              + nchwImages.length);
    }
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    long[] shape = {n, 3, SIZE, SIZE};
    try (OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(nchwImages), shape);
        OrtSession.Result result = session.run(Map.of(INPUT_NAME, input))) {
      return new Outputs(
          output(result, DEPTH_OUTPUT, n * PLANE),
          output(result, MASK_OUTPUT, n * PLANE),
          output(result, LANDMARKS_OUTPUT, n * LANDMARK_COUNT * 2),
          output(result, VISIBILITY_OUTPUT, n * LANDMARK_COUNT));
    }
  }

  /**
   * Writes one network-input image, {@code 180 × 180} packed {@code 0xRRGGBB} pixels in row-major
   * order, into {@code nchwImages} at {@code offset} as planar R, G, B values / 255.
   */
  public static void fillInput(int[] packedRgb, float[] nchwImages, int offset) {
    if (packedRgb.length != PLANE) {
      throw new IllegalArgumentException(
          "a network input image has 180 × 180 = " + PLANE + " pixels, got " + packedRgb.length);
    }
    for (int i = 0; i < PLANE; i++) {
      int c = packedRgb[i];
      nchwImages[offset + i] = ((c >>> 16) & 0xff) / 255f;
      nchwImages[offset + PLANE + i] = ((c >>> 8) & 0xff) / 255f;
      nchwImages[offset + 2 * PLANE + i] = (c & 0xff) / 255f;
    }
  }

  private float[] output(OrtSession.Result result, String name, int expectedValues) {
    OnnxValue value =
        result
            .get(name)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "model " + model + " has no output '" + name + "' (see DepthNetContract)"));
    if (!(value instanceof OnnxTensor tensor) || tensor.getInfo().type != OnnxJavaType.FLOAT) {
      throw new IllegalStateException(
          "output '" + name + "' of model " + model + " is not a float32 tensor");
    }
    FloatBuffer buffer = tensor.getFloatBuffer();
    if (buffer.remaining() != expectedValues) {
      throw new IllegalStateException(
          "output '"
              + name
              + "' of model "
              + model
              + " has "
              + buffer.remaining()
              + " values, expected "
              + expectedValues
              + " for this batch");
    }
    float[] values = new float[expectedValues];
    buffer.get(values);
    return values;
  }

  /** Creates the runner of {@code model} on {@code requested}; called under the class's lock. */
  private static DepthModelRunner create(
      String model, ExecutionProvider requested, ModelBytes bytes) {
    boolean cudaInBuild = OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA);
    if (requested == ExecutionProvider.auto && !cudaInBuild) {
      LOG.info(
          "ONNX Runtime: this build has no CUDA execution provider; running {} on the CPU", model);
      return shared(model, ExecutionProvider.cpu, bytes);
    }
    if (requested == ExecutionProvider.cuda && !cudaInBuild) {
      throw new ModelLoadException(
          cudaNotAvailable(model, "this ONNX Runtime build has no CUDA execution provider"), null);
    }
    byte[] data = read(model, bytes);
    if (requested == ExecutionProvider.cpu) {
      try {
        return new DepthModelRunner(model, ExecutionProvider.cpu, session(data, false));
      } catch (OrtException e) {
        throw new ModelLoadException(
            "model " + model + " is not a valid ONNX model: " + e.getMessage(), e);
      }
    }
    try {
      DepthModelRunner runner =
          new DepthModelRunner(model, ExecutionProvider.cuda, session(data, true));
      LOG.info("ONNX Runtime: running {} on CUDA", model);
      return runner;
    } catch (OrtException | RuntimeException | UnsatisfiedLinkError cudaFailure) {
      // A model that loads on the CPU is valid, so CUDA was what failed; one that does not load
      // on the CPU fails here as not a valid ONNX model.
      DepthModelRunner onCpu = shared(model, ExecutionProvider.cpu, () -> data);
      if (requested == ExecutionProvider.cuda) {
        throw new ModelLoadException(
            cudaNotAvailable(model, cudaFailure.getMessage()), cudaFailure);
      }
      LOG.info("ONNX Runtime: CUDA is not usable on this machine; running {} on the CPU", model);
      LOG.debug("ONNX Runtime: the CUDA failure for {}", model, cudaFailure);
      return onCpu;
    }
  }

  private static String cudaNotAvailable(String model, String why) {
    return "execution provider cuda was requested for model "
        + model
        + " but CUDA is not available ("
        + why
        + "); run the GPU build (mvn -Pgpu) on a machine with a GPU, or use the provider auto or"
        + " cpu";
  }

  private static byte[] read(String model, ModelBytes bytes) {
    byte[] data;
    try {
      data = bytes.read();
    } catch (IOException | RuntimeException e) {
      throw new ModelLoadException("cannot read model " + model + ": " + e.getMessage(), e);
    }
    if (data == null || data.length == 0) {
      throw new ModelLoadException(
          "model " + model + " is not a valid ONNX model: it has no bytes", null);
    }
    return data;
  }

  private static OrtSession session(byte[] model, boolean cuda) throws OrtException {
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      if (cuda) {
        options.addCUDA(0);
      }
      return OrtEnvironment.getEnvironment().createSession(model, options);
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
