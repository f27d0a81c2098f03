package io.headrecon.transforms.depth;

import io.headrecon.model.ExecutionProvider;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** Options of the depth-inference step. */
public interface DepthInferenceOptions extends PipelineOptions {

  /** Where per-view depth comes from. */
  enum DepthSource {
    /** The ONNX depth network. */
    model,
    /** Ground-truth depth PNGs named in the subject manifest (to measure fusion alone). */
    groundtruth
  }

  @Description(
      "ONNX depth model: a local path, gs:// or s3:// URI. Empty means the model shipped in "
          + "models/ and on the classpath.")
  @Default.String("")
  String getModel();

  void setModel(String value);

  @Description(
      "ONNX Runtime execution provider of the workers: auto (CUDA where usable, else CPU), cpu or"
          + " cuda. The launcher checks the model on the CPU whatever this says.")
  @Default.Enum("auto")
  ExecutionProvider getExecutionProvider();

  void setExecutionProvider(ExecutionProvider value);

  @Description("Depth source: model (the network) or groundtruth (depth PNGs from the manifest).")
  @Default.Enum("model")
  DepthSource getDepthSource();

  void setDepthSource(DepthSource value);

  @Description("Most views run together in one inference batch.")
  @Default.Integer(16)
  int getInferenceBatchSize();

  void setInferenceBatchSize(int value);

  @Description("Most bytes of decoded input tensors in one inference batch.")
  @Default.Long(64L << 20)
  long getInferenceBatchMaxBytes();

  void setInferenceBatchMaxBytes(long value);
}
