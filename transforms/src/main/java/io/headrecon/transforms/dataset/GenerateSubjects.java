package io.headrecon.transforms.dataset;

import io.headrecon.proto.FailureRecord;
import io.headrecon.proto.SubjectManifest;
import io.headrecon.synth.dataset.DatasetSpec;
import org.apache.beam.sdk.extensions.protobuf.ProtoCoder;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/** Renders and writes one synthetic subject per input index; emits manifests and failures. */
public class GenerateSubjects extends PTransform<PCollection<Integer>, PCollectionTuple> {
  private static final long serialVersionUID = 1L;

  /** The manifests of the subjects written. */
  public static final TupleTag<SubjectManifest> MANIFESTS = new TupleTag<SubjectManifest>() {};

  /** Subjects that could not be rendered or written. */
  public static final TupleTag<FailureRecord> FAILURES = new TupleTag<FailureRecord>() {};

  private final DatasetSpec spec;

  public GenerateSubjects(DatasetSpec spec) {
    this.spec = spec;
  }

  @Override
  public PCollectionTuple expand(PCollection<Integer> subjectIndices) {
    PCollectionTuple out =
        subjectIndices.apply(
            "RenderAndWriteSubject",
            ParDo.of(new RenderSubjectFn(spec, FAILURES))
                .withOutputTags(MANIFESTS, TupleTagList.of(FAILURES)));
    out.get(MANIFESTS).setCoder(ProtoCoder.of(SubjectManifest.class));
    out.get(FAILURES).setCoder(ProtoCoder.of(FailureRecord.class));
    return out;
  }
}
