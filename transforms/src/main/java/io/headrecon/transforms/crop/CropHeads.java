package io.headrecon.transforms.crop;

import io.headrecon.model.ExecutionProvider;
import io.headrecon.proto.FailureRecord;
import io.headrecon.transforms.records.ViewImage;
import io.headrecon.transforms.records.ViewImageCoder;
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

/** Finds the head in every photo and cuts the network's input from it, framed as in training. */
public class CropHeads extends PTransform<PCollection<KV<String, ViewImage>>, PCollectionTuple> {
  public static final TupleTag<KV<String, ViewImage>> CROPPED = new TupleTag<>() {};
  public static final TupleTag<FailureRecord> FAILURES = new TupleTag<>() {};

  private final String model;
  private final ExecutionProvider provider;

  private CropHeads(String model, ExecutionProvider provider) {
    this.model = model;
    this.provider = provider;
  }

  /** With the network {@code model} (the pipeline's {@code --model}) on {@code provider}. */
  public static CropHeads with(String model, ExecutionProvider provider) {
    return new CropHeads(model, provider);
  }

  @Override
  public PCollectionTuple expand(PCollection<KV<String, ViewImage>> photos) {
    PCollectionTuple result =
        photos.apply(
            "LocateAndCrop",
            ParDo.of(new CropHeadsFn(model, provider))
                .withOutputTags(CROPPED, TupleTagList.of(FAILURES)));
    result.get(CROPPED).setCoder(KvCoder.of(StringUtf8Coder.of(), ViewImageCoder.of()));
    result.get(FAILURES).setCoder(ProtoCoder.of(FailureRecord.class));
    return result;
  }
}
