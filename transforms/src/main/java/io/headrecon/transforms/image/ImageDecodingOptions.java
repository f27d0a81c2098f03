package io.headrecon.transforms.image;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** How photos are decoded: the memory a subject's decoded views may take. */
public interface ImageDecodingOptions extends PipelineOptions {

  /**
   * Longest side, px, of a photo decoded for its colour only (with {@code
   * --depthSource=groundtruth}, views the manifest gives no ground-truth depth for); the network
   * path decodes to the 180×180 network input and ground-truth depth views at full size.
   */
  int MAX_COLOUR_LONG_SIDE_PX = 1024;

  @Description(
      "Most decoded pixels held for one subject (sum of width x height of its decoded views, after"
          + " decode-time downscaling: 180x180 per view with --depthSource=model, full size for"
          + " ground-truth depth views). Views beyond it, in view order, become failure records"
          + " naming this option and are not decoded. 50,000,000 pixels take about 200 MB.")
  @Default.Long(50_000_000L)
  long getMaxSubjectDecodedPixels();

  void setMaxSubjectDecodedPixels(long value);

  @Description("Largest image accepted, in pixels (width x height), checked before decoding.")
  @Default.Long(50_000_000L)
  long getMaxImagePixels();

  void setMaxImagePixels(long value);
}
