package io.headrecon.pipelines;

import io.headrecon.model.DatasetFraming;
import io.headrecon.model.DepthModelRunner;
import io.headrecon.model.ExecutionProvider;
import io.headrecon.proto.FailureRecord;
import io.headrecon.proto.Intrinsics;
import io.headrecon.transforms.depth.DepthInferenceOptions;
import io.headrecon.transforms.depth.DepthInferenceOptions.DepthSource;
import io.headrecon.transforms.depth.DepthModelFiles;
import io.headrecon.transforms.depth.EstimateDepth;
import io.headrecon.transforms.fusion.FuseSubjects;
import io.headrecon.transforms.fusion.MeasureAgainstGroundTruth;
import io.headrecon.transforms.fusion.SubjectFusion;
import io.headrecon.transforms.io.BeamFiles;
import io.headrecon.transforms.io.ListSubjects;
import io.headrecon.transforms.io.ReadViews;
import io.headrecon.transforms.io.WriteFailures;
import io.headrecon.transforms.io.WriteResults;
import io.headrecon.transforms.quality.JudgeQuality;
import io.headrecon.transforms.records.SubjectResult;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.io.aws2.options.S3Options;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PDone;

/**
 * The product: reads per-subject photo sets, estimates depth per view, aligns and fuses each
 * subject's views into one coloured head, and writes {@code <output>/<subjectId>/fused.ply}, {@code
 * metrics.json} (with a quality verdict), {@code <output>/summary.csv} (one row per subject: {@code
 * ok}, {@code low_quality:<reasons>} or {@code failed:<stage>}) and {@code <output>/failures.jsonl}
 * (one record per failed subject or view).
 */
public final class ReconstructHeads {
  private ReconstructHeads() {}

  /**
   * Intrinsics assumed for photos without a manifest: the framing of the generated dataset and of
   * the shipped model (180×180 pixels; scaled to other sizes).
   */
  public static final Intrinsics DEFAULT_INTRINSICS =
      Intrinsics.newBuilder()
          .setFxPx(DatasetFraming.FOCAL_PX)
          .setFyPx(DatasetFraming.FOCAL_PX)
          .setCxPx((DatasetFraming.SIZE_PX - 1) / 2.0)
          .setCyPx((DatasetFraming.SIZE_PX - 1) / 2.0)
          .setWidthPx(DatasetFraming.SIZE_PX)
          .setHeightPx(DatasetFraming.SIZE_PX)
          .build();

  public static void main(String[] args) {
    ReconstructHeadsOptions options = parseOptions(args);
    PipelineResult result = run(options);
    result.waitUntilFinish();
    RunProgress.printCounters(result, System.out);
  }

  /**
   * Parses command-line arguments; besides ours, runner options and S3 options ({@code
   * --awsRegion}, {@code --endpoint}, {@code --s3ClientFactoryClass}, …) are accepted.
   */
  public static ReconstructHeadsOptions parseOptions(String... args) {
    PipelineOptionsFactory.register(ReconstructHeadsOptions.class);
    PipelineOptionsFactory.register(S3Options.class);
    return PipelineOptionsFactory.fromArgs(args).withValidation().as(ReconstructHeadsOptions.class);
  }

  /**
   * Builds and starts the pipeline; callers wait on the result. With {@code --depthSource=model}
   * the model is first checked here ({@link #validateModel}), so a missing or corrupt model fails
   * at once with a message naming it ({@link DepthModelRunner.ModelLoadException}).
   */
  public static PipelineResult run(ReconstructHeadsOptions options) {
    if (options.getDepthSource() == DepthSource.model) {
      validateModel(options);
    }
    Pipeline pipeline = Pipeline.create(options);
    build(pipeline, options);
    return pipeline.run();
  }

  /**
   * Loads the {@code --model} and creates its session on the CPU, whatever {@code
   * --executionProvider} says: the launcher need not have the workers' GPU, and the workers create
   * their own sessions with the requested provider.
   *
   * @throws DepthModelRunner.ModelLoadException when the model cannot be read or is not a valid
   *     ONNX model; the message names it
   */
  static DepthModelRunner validateModel(DepthInferenceOptions options) {
    return DepthModelFiles.runner(options.getModel(), ExecutionProvider.cpu);
  }

  /** Adds the reconstruction steps to {@code pipeline}. */
  static void build(Pipeline pipeline, ReconstructHeadsOptions options) {
    PCollectionTuple listed = pipeline.apply("ListSubjects", ListSubjects.from(options.getInput()));
    PCollectionTuple views =
        listed
            .get(ListSubjects.SUBJECTS)
            .apply("ReadViews", ReadViews.of(options.getMaxImagePixels(), DEFAULT_INTRINSICS));
    PCollectionTuple depths =
        views
            .get(ReadViews.VIEWS)
            .apply("EstimateDepth", EstimateDepth.from(options, DatasetFraming.HEAD_DISTANCE_MM));
    PCollection<FailureRecord> earlierFailures =
        PCollectionList.of(listed.get(ListSubjects.FAILURES))
            .and(views.get(ReadViews.FAILURES))
            .and(depths.get(EstimateDepth.FAILURES))
            .apply("FlattenEarlierFailures", Flatten.pCollections());
    PCollectionTuple fused =
        PCollectionTuple.of(FuseSubjects.SUBJECTS, views.get(ReadViews.SUBJECTS))
            .and(FuseSubjects.DEPTHS, depths.get(EstimateDepth.DEPTHS))
            .and(FuseSubjects.EARLIER_FAILURES, earlierFailures)
            .apply(
                "FuseSubjects",
                FuseSubjects.with(
                    SubjectFusion.Settings.of(
                        options.getVoxelSizeMm(),
                        options.getWriteViewOutputs(),
                        options.getDepthSource().name())));
    PCollectionTuple measured =
        fused
            .get(FuseSubjects.RESULTS)
            .apply("MeasureAgainstGroundTruth", MeasureAgainstGroundTruth.create());
    PCollection<SubjectResult> judged =
        measured
            .get(MeasureAgainstGroundTruth.RESULTS)
            .apply("JudgeQuality", JudgeQuality.create());
    PCollectionTuple written =
        judged.apply(
            "WriteResults", WriteResults.to(options.getOutput(), options.getWriteViewOutputs()));

    PCollectionList.of(written.get(WriteResults.SUMMARY_ROWS))
        .and(fused.get(FuseSubjects.FAILED_ROWS))
        .and(measured.get(MeasureAgainstGroundTruth.FAILED_ROWS))
        .apply("FlattenSummaryRows", Flatten.pCollections())
        .apply(
            "WriteSummary",
            new WriteCsv(
                BeamFiles.join(options.getOutput(), "summary"), WriteResults.SUMMARY_HEADER));
    PCollectionList.of(earlierFailures)
        .and(fused.get(FuseSubjects.FAILURES))
        .and(measured.get(MeasureAgainstGroundTruth.FAILURES))
        .and(written.get(WriteResults.FAILURES))
        .apply("FlattenFailures", Flatten.pCollections())
        .apply(
            "WriteFailures",
            new WriteFailures(BeamFiles.join(options.getOutput(), "failures.jsonl")));
  }

  /** Writes rows as one CSV file {@code <prefix>.csv} with a header. */
  static class WriteCsv extends PTransform<PCollection<String>, PDone> {
    private final String prefix;
    private final String header;

    WriteCsv(String prefix, String header) {
      this.prefix = prefix;
      this.header = header;
    }

    @Override
    public PDone expand(PCollection<String> rows) {
      return rows.apply(
          "WriteCsvFile",
          TextIO.write().to(prefix).withSuffix(".csv").withoutSharding().withHeader(header));
    }
  }
}
