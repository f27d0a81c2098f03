package io.headrecon.transforms.recon;

import io.headrecon.proto.FailureRecord;
import io.headrecon.transforms.inference.DepthInferenceOptions;
import io.headrecon.transforms.inference.DepthInferenceOptions.DepthSource;
import io.headrecon.transforms.io.ValueCoder;
import io.headrecon.transforms.io.ViewImage;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.extensions.protobuf.ProtoCoder;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/** Gives every view a depth map and landmarks, from the network or from the ground truth. */
public class EstimateDepth
    extends PTransform<PCollection<KV<String, ViewImage>>, PCollectionTuple> {
  public static final TupleTag<KV<String, ViewDepth>> DEPTHS = new TupleTag<>() {};
  public static final TupleTag<FailureRecord> FAILURES = new TupleTag<>() {};

  private final DepthSource source;

  private EstimateDepth(DepthSource source) {
    this.source = source;
  }

  /** Depth from the source the options name. */
  public static EstimateDepth from(DepthInferenceOptions options) {
    return new EstimateDepth(options.getDepthSource());
  }

  @Override
  public PCollectionTuple expand(PCollection<KV<String, ViewImage>> views) {
    if (source != DepthSource.groundtruth) {
      throw new UnsupportedOperationException(
          "--depthSource=" + source + " is not available yet; use --depthSource=groundtruth");
    }
    PCollectionTuple result =
        views.apply(
            "GroundTruthDepth",
            ParDo.of(new GroundTruthDepthFn()).withOutputTags(DEPTHS, TupleTagList.of(FAILURES)));
    result.get(DEPTHS).setCoder(KvCoder.of(StringUtf8Coder.of(), ValueCoder.of(ViewDepth.class)));
    result.get(FAILURES).setCoder(ProtoCoder.of(FailureRecord.class));
    return result;
  }
}
