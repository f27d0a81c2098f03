package io.headrecon.training.onnx;

import static io.headrecon.model.DepthNetContract.DEPTH_OUTPUT;
import static io.headrecon.model.DepthNetContract.INPUT_NAME;
import static io.headrecon.model.DepthNetContract.INPUT_SIZE_PX;
import static io.headrecon.model.DepthNetContract.LANDMARKS_OUTPUT;
import static io.headrecon.model.DepthNetContract.MASK_OUTPUT;
import static io.headrecon.model.DepthNetContract.VISIBILITY_OUTPUT;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Map;

/** The exported depth network in ONNX Runtime (CPU), for evaluation and parity checks. */
public final class OnnxDepthModel implements AutoCloseable {
  private final OrtEnvironment env = OrtEnvironment.getEnvironment();
  private final OrtSession session;

  /** Raw outputs of one batch, flat row-major as in {@code DepthNetContract}. */
  public record Outputs(float[] depth, float[] mask, float[] landmarks, float[] visibility) {}

  /** Loads a model from its serialised bytes. */
  public OnnxDepthModel(byte[] model) throws OrtException {
    OrtSession.SessionOptions options = new OrtSession.SessionOptions();
    options.setIntraOpNumThreads(Math.max(1, Runtime.getRuntime().availableProcessors()));
    session = env.createSession(model, options);
  }

  /**
   * Runs a batch.
   *
   * @param images {@code n * 3 * 180 * 180} floats, NCHW, RGB in [0, 1]
   */
  public Outputs run(float[] images, int n) throws OrtException {
    long[] shape = {n, 3, INPUT_SIZE_PX, INPUT_SIZE_PX};
    try (OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(images), shape);
        OrtSession.Result result = session.run(Map.of(INPUT_NAME, input))) {
      return new Outputs(
          read(result, DEPTH_OUTPUT),
          read(result, MASK_OUTPUT),
          read(result, LANDMARKS_OUTPUT),
          read(result, VISIBILITY_OUTPUT));
    }
  }

  private static float[] read(OrtSession.Result result, String name) {
    OnnxTensor tensor =
        (OnnxTensor)
            result
                .get(name)
                .orElseThrow(() -> new IllegalStateException("model has no output '" + name + "'"));
    FloatBuffer buffer = tensor.getFloatBuffer();
    float[] values = new float[buffer.remaining()];
    buffer.get(values);
    return values;
  }

  @Override
  public void close() throws OrtException {
    session.close();
  }
}
