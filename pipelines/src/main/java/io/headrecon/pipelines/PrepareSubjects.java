package io.headrecon.pipelines;

import io.headrecon.proto.FailureRecord;
import io.headrecon.transforms.crop.PrepareViews;
import io.headrecon.transforms.io.BeamFiles;
import io.headrecon.transforms.io.ListSubjects;
import io.headrecon.transforms.io.ReadViews;
import io.headrecon.transforms.io.WriteFailures;
import io.headrecon.transforms.io.WritePreparedSubjects;
import io.headrecon.transforms.io.WriteSortedLines;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;

/**
 * Turns a folder of raw photos per subject into manifests for review before a night's run: for
 * every photo the camera it will be reconstructed with (the manifest's, else EXIF, else the
 * default) and the head box the crop finds, plus a review sheet of thumbnails with their boxes per
 * subject and a CSV of all views ({@code prepare.csv}); photos in which no head is found are in
 * {@code failures.jsonl} and marked red on the sheet.
 */
public final class PrepareSubjects {
  /** The run's summary, one row per view. */
  public static final String PREPARE_CSV = "prepare.csv";

  private PrepareSubjects() {}

  public static void main(String[] args) {
    PipelineOptionsFactory.register(PrepareSubjectsOptions.class);
    PrepareSubjectsOptions options =
        PipelineOptionsFactory.fromArgs(args).withValidation().as(PrepareSubjectsOptions.class);
    run(options).waitUntilFinish();
  }

  /** Builds and starts the pipeline. */
  public static PipelineResult run(PrepareSubjectsOptions options) {
    Pipeline pipeline = Pipeline.create(options);
    String output = options.getOutput();
    PCollectionTuple listed =
        pipeline.apply(
            "ListSubjects",
            options.getInputIsGlob()
                ? ListSubjects.fromGlob(options.getInput())
                : ListSubjects.from(options.getInput()));
    PCollectionTuple views =
        listed.get(ListSubjects.SUBJECTS).apply("ReadViews", ReconstructHeads.readViews(options));
    PCollectionTuple prepared =
        views
            .get(ReadViews.VIEWS)
            .apply(
                "PrepareViews",
                PrepareViews.with(
                    options.getModel(),
                    options.getExecutionProvider(),
                    options.getMaxImagePixels()));
    PCollectionTuple written =
        prepared
            .get(PrepareViews.PREPARED)
            .apply("WritePreparedSubjects", WritePreparedSubjects.to(output));
    written
        .get(WritePreparedSubjects.SUMMARY_LINES)
        .apply(
            "WritePrepareCsv",
            new WriteSortedLines(
                BeamFiles.join(output, PREPARE_CSV), WritePreparedSubjects.SUMMARY_HEADER));
    PCollection<FailureRecord> failures =
        PCollectionList.of(listed.get(ListSubjects.FAILURES))
            .and(views.get(ReadViews.FAILURES))
            .and(prepared.get(PrepareViews.FAILURES))
            .and(written.get(WritePreparedSubjects.FAILURES))
            .apply("FlattenFailures", Flatten.pCollections());
    failures.apply(
        "WriteFailures",
        new WriteFailures(BeamFiles.join(output, ReconstructHeads.FAILURES_JSONL)));
    return pipeline.run();
  }
}
