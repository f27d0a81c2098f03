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
import io.headrecon.transforms.image.DecodedSize;
import io.headrecon.transforms.image.ImageDecodingOptions;
import io.headrecon.transforms.io.BeamFiles;
import io.headrecon.transforms.io.InputDigest;
import io.headrecon.transforms.io.ListSubjects;
import io.headrecon.transforms.io.ReadViews;
import io.headrecon.transforms.io.RemoveRejectedOutputs;
import io.headrecon.transforms.io.SkipCompleteSubjects;
import io.headrecon.transforms.io.SubjectListing;
import io.headrecon.transforms.io.WriteFailures;
import io.headrecon.transforms.io.WriteResults;
import io.headrecon.transforms.io.WriteSummary;
import io.headrecon.transforms.quality.JudgeQuality;
import io.headrecon.transforms.quality.QualityVerdict;
import io.headrecon.transforms.records.SubjectResult;
import io.headrecon.transforms.report.WriteReport;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.aws2.options.S3Options;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The product: reads per-subject photo sets, estimates depth per view, aligns and fuses each
 * subject's views into one coloured head, and writes {@code <output>/<subjectId>/fused.ply}, {@code
 * metrics.json} (with a quality verdict), {@code <output>/summary.csv} (one row per subject: {@code
 * ok}, {@code low_quality:<reasons>} or {@code failed:<stage>}) and {@code <output>/failures.jsonl}
 * (one record per failed subject or view).
 */
public final class ReconstructHeads {
  private static final Logger LOG = LoggerFactory.getLogger(ReconstructHeads.class);

  private ReconstructHeads() {}

  /** The run summary's file name under {@code --output}. */
  public static final String SUMMARY_CSV = "summary.csv";

  /** The failure records' file name under {@code --output}. */
  public static final String FAILURES_JSONL = "failures.jsonl";

  /**
   * Intrinsics assumed for photos without a manifest: the framing of the generated dataset and of
   * the shipped model (180×180 pixels; scaled to other sizes).
   */
  public static final Intrinsics DEFAULT_INTRINSICS = DatasetFraming.INTRINSICS;

  /**
   * Runs the pipeline; exits non-zero when the options, the input or the output are unusable or the
   * run fails.
   */
  public static void main(String[] args) {
    PipelineResult.State state;
    try {
      ReconstructHeadsOptions options = parseOptions(args);
      // The DirectRunner returns at once so that progress can be printed while it works.
      options.as(DirectOptions.class).setBlockOnRun(false);
      RunProgress progress = new RunProgress(System.out, System.nanoTime());
      PipelineResult result = run(options);
      state = progress.follow(result);
      progress.printFinal(result, state, options.getOutput());
    } catch (RuntimeException e) {
      System.err.println("headrecon: run FAILED: " + e.getMessage());
      e.printStackTrace(System.err);
      System.exit(1);
      return;
    }
    if (state != PipelineResult.State.DONE) {
      System.err.println("headrecon: run ended " + state);
      System.exit(1);
    }
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
   * Builds and starts the pipeline; callers wait on the result. Before any work, {@link
   * #checkInputAndOutput} fails at once when the input is missing or empty or the output cannot be
   * written, and with {@code --depthSource=model} the model is checked ({@link #validateModel}), so
   * a missing or corrupt model fails with a message naming it ({@link
   * DepthModelRunner.ModelLoadException}).
   */
  public static PipelineResult run(ReconstructHeadsOptions options) {
    checkInputAndOutput(options);
    LOG.info(
        "{} -> {} on {}", options.getInput(), options.getOutput(), options.getRunner().getName());
    if (options.getDepthSource() == DepthSource.model) {
      validateModel(options);
    }
    Pipeline pipeline = Pipeline.create(options);
    build(pipeline, options);
    return pipeline.run();
  }

  /**
   * Checks that {@code --input} exists and holds at least one subject folder (or, with {@code
   * --inputIsGlob}, matches one), that a local {@code --output} does not lie inside a local input,
   * and that files can be created under {@code --output} (a marker is written and deleted).
   *
   * @throws IllegalArgumentException naming the option and the path otherwise
   */
  static void checkInputAndOutput(ReconstructHeadsOptions options) {
    FileSystems.setDefaultPipelineOptions(options); // gs:// and s3:// with the run's options
    String input = options.getInput();
    String output = options.getOutput();
    SubjectListing.checkInput(input, options.getInputIsGlob());
    if (!options.getInputIsGlob() && BeamFiles.isLocal(input) && BeamFiles.isLocal(output)) {
      Path in = BeamFiles.localPath(input).toAbsolutePath().normalize();
      Path out = BeamFiles.localPath(output).toAbsolutePath().normalize();
      if (out.startsWith(in)) {
        throw new IllegalArgumentException(
            "--output " + output + " lies inside --input " + input + ": choose another folder");
      }
    }
    try {
      BeamFiles.checkWritable(output);
    } catch (IOException e) {
      throw new IllegalArgumentException("--output " + e.getMessage(), e);
    }
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

  /**
   * The options that change a subject's results, as the canonical text stored in input digests
   * ({@link InputDigest}): depth source, the model's SHA-256 (with {@code --depthSource=model}),
   * voxel size, the image size and decoded-pixel limits, whether per-view outputs are written, and
   * the quality verdict's thresholds. Batch sizes and the execution provider are left out.
   */
  static String resultOptions(ReconstructHeadsOptions options) {
    Map<String, String> values = new TreeMap<>();
    values.put("depthSource", options.getDepthSource().name());
    if (options.getDepthSource() == DepthSource.model) {
      try {
        values.put("modelSha256", DepthModelFiles.sha256(options.getModel()));
      } catch (IOException e) {
        throw new DepthModelRunner.ModelLoadException(
            "cannot read the model " + options.getModel() + ": " + e.getMessage(), e);
      }
    }
    values.put("voxelSizeMm", Double.toString(options.getVoxelSizeMm()));
    values.put("refineDepth", Boolean.toString(options.getRefineDepth()));
    values.put("meshVoxelMm", Double.toString(options.getMeshVoxelMm()));
    values.put("maxImagePixels", Long.toString(options.getMaxImagePixels()));
    values.put("maxSubjectDecodedPixels", Long.toString(options.getMaxSubjectDecodedPixels()));
    values.put("writeViewOutputs", Boolean.toString(options.getWriteViewOutputs()));
    values.put("qualityRules", QualityVerdict.rules());
    return InputDigest.options(values);
  }

  /** Adds the reconstruction steps to {@code pipeline}. */
  static void build(Pipeline pipeline, ReconstructHeadsOptions options) {
    String output = options.getOutput();
    PCollectionTuple listed =
        pipeline.apply(
            "ListSubjects",
            options.getInputIsGlob()
                ? ListSubjects.fromGlob(options.getInput())
                : ListSubjects.from(options.getInput()));
    listed
        .get(ListSubjects.FAILURES)
        .apply("RemoveRejectedOutputs", RemoveRejectedOutputs.in(output));
    PCollectionTuple resumed =
        listed
            .get(ListSubjects.SUBJECTS)
            .apply(
                "SkipCompleteSubjects",
                SkipCompleteSubjects.in(output, resultOptions(options), options.getOverwrite()));
    PCollectionTuple views =
        resumed.get(SkipCompleteSubjects.TO_RECONSTRUCT).apply("ReadViews", readViews(options));
    PCollectionTuple depths =
        views
            .get(ReadViews.VIEWS)
            .apply("EstimateDepth", EstimateDepth.from(options, DatasetFraming.HEAD_DISTANCE_MM));
    PCollection<FailureRecord> viewFailures =
        PCollectionList.of(views.get(ReadViews.FAILURES))
            .and(depths.get(EstimateDepth.FAILURES))
            .apply("FlattenViewFailures", Flatten.pCollections());
    PCollection<FailureRecord> earlierFailures =
        PCollectionList.of(listed.get(ListSubjects.FAILURES))
            .and(viewFailures)
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
                        options.getDepthSource().name(),
                        options.getRefineDepth(),
                        options.getMeshVoxelMm())));
    PCollection<SubjectResult> fusedResults = fused.get(FuseSubjects.RESULTS);
    if (options.getFailFusionOnceForSubject() != null) {
      fusedResults =
          fusedResults.apply(
              "FailFusionOnce",
              FailFusionOnce.of(
                  options.getFailFusionOnceForSubject(), options.getFailFusionOnceMarker()));
    }
    PCollectionTuple measured =
        fusedResults.apply("MeasureAgainstGroundTruth", MeasureAgainstGroundTruth.create());
    PCollection<SubjectResult> judged =
        measured
            .get(MeasureAgainstGroundTruth.RESULTS)
            .apply("JudgeQuality", JudgeQuality.create());
    PCollectionTuple written =
        PCollectionTuple.of(WriteResults.RESULTS, judged)
            .and(WriteResults.DIGESTS, resumed.get(SkipCompleteSubjects.DIGESTS))
            .and(WriteResults.VIEW_FAILURES, viewFailures)
            .apply("WriteResults", WriteResults.to(output, options.getWriteViewOutputs()));

    PCollection<String> summaryRows =
        PCollectionList.of(written.get(WriteResults.SUMMARY_ROWS))
            .and(resumed.get(SkipCompleteSubjects.SKIPPED_ROWS))
            .and(fused.get(FuseSubjects.FAILED_ROWS))
            .and(measured.get(MeasureAgainstGroundTruth.FAILED_ROWS))
            .apply("FlattenSummaryRows", Flatten.pCollections());
    summaryRows.apply(
        "WriteSummary",
        new WriteSummary(BeamFiles.join(output, SUMMARY_CSV), WriteResults.SUMMARY_HEADER));
    PCollection<FailureRecord> allFailures =
        PCollectionList.of(earlierFailures)
            .and(resumed.get(SkipCompleteSubjects.SKIPPED_FAILURES))
            .and(fused.get(FuseSubjects.FAILURES))
            .and(measured.get(MeasureAgainstGroundTruth.FAILURES))
            .and(written.get(WriteResults.FAILURES))
            .apply("FlattenFailures", Flatten.pCollections());
    allFailures.apply("WriteFailures", new WriteFailures(BeamFiles.join(output, FAILURES_JSONL)));
    PCollectionTuple.of(WriteReport.ROWS, summaryRows)
        .and(WriteReport.SUBJECTS, listed.get(ListSubjects.SUBJECTS))
        .and(WriteReport.FAILURES, allFailures)
        .apply("WriteReport", WriteReport.to(output, runInfo(options)));
  }

  /**
   * The QC report's header: input, output, the options that change results, the model (file and
   * SHA-256), the runner and the start time.
   */
  static Map<String, String> runInfo(ReconstructHeadsOptions options) {
    Map<String, String> info = new LinkedHashMap<>();
    info.put("input", options.getInput() + (options.getInputIsGlob() ? " (glob)" : ""));
    info.put("output", options.getOutput());
    info.put("runner", options.getRunner().getSimpleName());
    info.put("depth source", options.getDepthSource().name());
    if (options.getDepthSource() == DepthSource.model) {
      info.put("model", options.getModel());
      try {
        info.put("model SHA-256", DepthModelFiles.sha256(options.getModel()));
      } catch (IOException e) {
        info.put("model SHA-256", "unreadable: " + e.getMessage());
      }
      info.put("execution provider", String.valueOf(options.getExecutionProvider()));
    } else {
      info.put("model", "not used (ground-truth depth from the manifests)");
    }
    info.put("voxel size", options.getVoxelSizeMm() + " mm");
    info.put("per-view outputs", Boolean.toString(options.getWriteViewOutputs()));
    info.put("overwrite", Boolean.toString(options.getOverwrite()));
    info.put("quality rules", QualityVerdict.rules());
    info.put("started", Instant.now().toString());
    return info;
  }

  /**
   * Reads and decodes photos no larger than the pipeline uses them: with a long side of at most
   * {@value ImageDecodingOptions#MAX_COLOUR_LONG_SIDE_PX} px (the head crop finds the head in them
   * and cuts the network's input), except, with ground-truth depth, views that have a depth map, at
   * full size (the map must match the photo pixel for pixel); at most {@code
   * --maxSubjectDecodedPixels} per subject.
   */
  public static <T extends DepthInferenceOptions & ImageDecodingOptions> ReadViews readViews(
      T options) {
    boolean model = options.getDepthSource() == DepthSource.model;
    DecodedSize size = DecodedSize.longSideAtMost(ImageDecodingOptions.MAX_COLOUR_LONG_SIDE_PX);
    return ReadViews.of(options.getMaxImagePixels(), DEFAULT_INTRINSICS)
        .withDecodedSize(size, !model)
        .withSubjectPixelBudget(options.getMaxSubjectDecodedPixels());
  }
}
