package io.headrecon.pipelines;

import io.headrecon.transforms.depth.DepthInferenceOptions;
import io.headrecon.transforms.image.ImageDecodingOptions;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.Validation;

/** Options of the ReconstructHeads pipeline; runner options (Dataflow, Flink) come on top. */
public interface ReconstructHeadsOptions extends DepthInferenceOptions, ImageDecodingOptions {

  @Description(
      "Input prefix or glob: <prefix>/<subjectId>/<viewId>.(png|jpg|jpeg) with an optional "
          + "<prefix>/<subjectId>/manifest.json. Local path, gs:// or s3://.")
  @Validation.Required
  String getInput();

  void setInput(String value);

  @Description("Output prefix for fused PLY files, metrics, the run summary and failures.")
  @Validation.Required
  String getOutput();

  void setOutput(String value);

  @Description("Also write per-view clouds (PLY) and 16-bit depth PNGs.")
  @Default.Boolean(false)
  boolean getWriteViewOutputs();

  void setWriteViewOutputs(boolean value);

  @Description("Largest image accepted, in pixels (width x height), checked before decoding.")
  @Default.Long(50_000_000L)
  long getMaxImagePixels();

  void setMaxImagePixels(long value);

  @Description("Voxel edge of the fused cloud, millimetres.")
  @Default.Double(1.0)
  double getVoxelSizeMm();

  void setVoxelSizeMm(double value);
}
