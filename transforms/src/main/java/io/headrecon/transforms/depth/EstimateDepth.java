package io.headrecon.transforms.depth;

import io.headrecon.proto.FailureRecord;
import io.headrecon.transforms.crop.CropHeads;
import io.headrecon.transforms.depth.DepthInferenceOptions.DepthSource;
import io.headrecon.transforms.records.ViewDepth;
import io.headrecon.transforms.records.ViewDepthCoder;
import io.headrecon.transforms.records.ViewImage;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.extensions.protobuf.ProtoCoder;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/** Gives every view a depth map and landmarks, from the network or from the ground truth. */
public class EstimateDepth
    extends PTransform<PCollection<KV<String, ViewImage>>, PCollectionTuple> {
  public static final TupleTag<KV<String, ViewDepth>> DEPTHS = new TupleTag<>() {};
  public static final TupleTag<FailureRecord> FAILURES = new TupleTag<>() {};

  private final DepthInferenceOptions.DepthSource source;
  private final ModelDepthFn modelFn;

  private EstimateDepth(DepthInferenceOptions.DepthSource source, ModelDepthFn modelFn) {
    this.source = source;
    this.modelFn = modelFn;
  }

  /**
   * Depth from the source the options name.
   *
   * @param defaultHeadDistanceMm Z of the head origin assumed for photos without a camera pose,
   *     millimetres (the model needs it to turn relative depth into metric depth)
   */
  public static EstimateDepth from(DepthInferenceOptions options, double defaultHeadDistanceMm) {
    return new EstimateDepth(
        options.getDepthSource(),
        new ModelDepthFn(
            options.getModel(),
            options.getExecutionProvider(),
            options.getInferenceBatchSize(),
            options.getInferenceBatchMaxBytes(),
            defaultHeadDistanceMm));
  }

  /** Crops the head from each photo, then runs the network on the crops. */
  private PCollectionTuple fromModel(PCollection<KV<String, ViewImage>> views) {
    PCollectionTuple crops =
        views.apply("CropHeads", CropHeads.with(modelFn.model(), modelFn.provider()));
    PCollectionTuple depths =
        crops
            .get(CropHeads.CROPPED)
            .apply(
                "ModelDepth", ParDo.of(modelFn).withOutputTags(DEPTHS, TupleTagList.of(FAILURES)));
    depths.get(FAILURES).setCoder(ProtoCoder.of(FailureRecord.class));
    PCollection<FailureRecord> failures =
        PCollectionList.of(crops.get(CropHeads.FAILURES))
            .and(depths.get(FAILURES))
            .apply("FlattenDepthFailures", Flatten.pCollections());
    return PCollectionTuple.of(DEPTHS, depths.get(DEPTHS)).and(FAILURES, failures);
  }

  @Override
  public PCollectionTuple expand(PCollection<KV<String, ViewImage>> views) {
    PCollectionTuple result =
        source == DepthSource.groundtruth
            ? views.apply(
                "GroundTruthDepth",
                ParDo.of(new GroundTruthDepthFn())
                    .withOutputTags(DEPTHS, TupleTagList.of(FAILURES)))
            : fromModel(views);
    result.get(DEPTHS).setCoder(KvCoder.of(StringUtf8Coder.of(), ViewDepthCoder.of()));
    result.get(FAILURES).setCoder(ProtoCoder.of(FailureRecord.class));
    return result;
  }
}
