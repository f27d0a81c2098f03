package io.headrecon.transforms.crop;

import io.headrecon.model.ExecutionProvider;
import io.headrecon.proto.FailureRecord;
import io.headrecon.proto.PreparedView;
import io.headrecon.transforms.records.ViewImage;
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

/** Finds the head in every photo for review: full-size camera, head box and a thumbnail. */
public class PrepareViews extends PTransform<PCollection<KV<String, ViewImage>>, PCollectionTuple> {
  public static final TupleTag<KV<String, PreparedView>> PREPARED = new TupleTag<>() {};
  public static final TupleTag<FailureRecord> FAILURES = new TupleTag<>() {};

  private final String model;
  private final ExecutionProvider provider;
  private final long maxImagePixels;

  private PrepareViews(String model, ExecutionProvider provider, long maxImagePixels) {
    this.model = model;
    this.provider = provider;
    this.maxImagePixels = maxImagePixels;
  }

  /**
   * @param model the network ({@code --model}; empty = shipped)
   * @param provider where it runs
   * @param maxImagePixels the pipeline's {@code --maxImagePixels}
   */
  public static PrepareViews with(String model, ExecutionProvider provider, long maxImagePixels) {
    return new PrepareViews(model, provider, maxImagePixels);
  }

  @Override
  public PCollectionTuple expand(PCollection<KV<String, ViewImage>> photos) {
    PCollectionTuple result =
        photos.apply(
            "LocateForReview",
            ParDo.of(new PrepareViewsFn(model, provider, maxImagePixels))
                .withOutputTags(PREPARED, TupleTagList.of(FAILURES)));
    result
        .get(PREPARED)
        .setCoder(KvCoder.of(StringUtf8Coder.of(), ProtoCoder.of(PreparedView.class)));
    result.get(FAILURES).setCoder(ProtoCoder.of(FailureRecord.class));
    return result;
  }
}
