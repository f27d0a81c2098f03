package io.headrecon.pipelines;

import io.headrecon.transforms.depth.DepthInferenceOptions;
import io.headrecon.transforms.image.ImageDecodingOptions;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.Validation;

/** Options of the PrepareSubjects pipeline; runner options come on top. */
public interface PrepareSubjectsOptions extends DepthInferenceOptions, ImageDecodingOptions {
  @Description(
      "Input folder of raw photos: <input>/<subjectId>/<viewId>.(png|jpg|jpeg|tif), optionally"
          + " with a manifest.json whose cameras are kept. Local path, gs:// or s3://; a literal"
          + " path unless --inputIsGlob.")
  @Validation.Required
  String getInput();

  void setInput(String value);

  @Description("Read --input as a glob matching subject folders instead of a literal folder.")
  @Default.Boolean(false)
  boolean getInputIsGlob();

  void setInputIsGlob(boolean value);

  @Description(
      "Output prefix: <output>/<subjectId>/manifest.json and review.png, <output>/prepare.csv and"
          + " <output>/failures.jsonl. May be --input itself: manifests then land next to the"
          + " photos (an existing manifest.json is never replaced).")
  @Validation.Required
  String getOutput();

  void setOutput(String value);
}
