package io.headrecon.pipelines;

import io.headrecon.transforms.depth.DepthInferenceOptions;
import io.headrecon.transforms.image.ImageDecodingOptions;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.Hidden;
import org.apache.beam.sdk.options.Validation;

/** Options of the ReconstructHeads pipeline; runner options (Dataflow, Flink) come on top. */
public interface ReconstructHeadsOptions extends DepthInferenceOptions, ImageDecodingOptions {

  @Description(
      "Input folder: <input>/<subjectId>/<viewId>.(png|jpg|jpeg|tif|tiff) with an optional "
          + "<input>/<subjectId>/manifest.json. Local path, gs:// or s3://; a literal path "
          + "unless --inputIsGlob.")
  @Validation.Required
  String getInput();

  void setInput(String value);

  @Description(
      "Read --input as a glob matching subject folders (e.g. /data/*/subject-*) instead of a "
          + "literal folder.")
  @Default.Boolean(false)
  boolean getInputIsGlob();

  void setInputIsGlob(boolean value);

  @Description("Output prefix for fused PLY files, metrics, the run summary and failures.")
  @Validation.Required
  String getOutput();

  void setOutput(String value);

  @Description("Also write per-view clouds (PLY) and 16-bit depth PNGs.")
  @Default.Boolean(false)
  boolean getWriteViewOutputs();

  void setWriteViewOutputs(boolean value);

  @Description("Voxel edge of the fused cloud, millimetres.")
  @Default.Double(1.0)
  double getVoxelSizeMm();

  void setVoxelSizeMm(double value);

  @Description(
      "Refine the network's depth of each view against its neighbours' photos (plane sweep with"
          + " normalised cross-correlation); the network depth stays where the photos carry no"
          + " texture. No effect with --depthSource=groundtruth.")
  @Default.Boolean(true)
  boolean getRefineDepth();

  void setRefineDepth(boolean value);

  @Description("Voxel edge of the TSDF surface mesh (mesh.ply), millimetres; 0 writes no mesh.")
  @Default.Double(1.0)
  double getMeshVoxelMm();

  void setMeshVoxelMm(double value);

  @Description(
      "Redo every subject. Without it a rerun into the same --output skips subjects whose outputs"
          + " are complete and were made from the same input files and options.")
  @Default.Boolean(false)
  boolean getOverwrite();

  void setOverwrite(boolean value);

  @Description(
      "Test hook, off by default: the fusion step of this subject fails on its first attempt "
          + "only (see --failFusionOnceMarker), to show that a runner retries without duplicates.")
  @Hidden
  String getFailFusionOnceForSubject();

  void setFailFusionOnceForSubject(String value);

  @Description(
      "Test hook: local marker file created by the injected failure; while it exists the "
          + "subject fuses normally. Required with --failFusionOnceForSubject.")
  @Hidden
  String getFailFusionOnceMarker();

  void setFailFusionOnceMarker(String value);
}
