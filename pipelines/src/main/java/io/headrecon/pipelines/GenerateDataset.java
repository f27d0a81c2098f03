package io.headrecon.pipelines;

import io.headrecon.synth.dataset.DatasetSpec;
import io.headrecon.synth.face.FaceModelException;
import io.headrecon.synth.render.Background;
import io.headrecon.transforms.dataset.GenerateSubjects;
import io.headrecon.transforms.dataset.RenderSubjectFn;
import io.headrecon.transforms.io.WriteFailures;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.PCollectionTuple;

/**
 * Generates the synthetic multi-view head dataset from the ICT face model: one element per subject,
 * each rendered from every yaw with RGB, depth, mask, landmarks, cameras and a ground-truth mesh
 * (layout in {@link io.headrecon.synth.dataset.SubjectGenerator}). Failures go to {@code
 * <output>/failures.jsonl}.
 */
public final class GenerateDataset {
  /** The failure file's name under the output prefix. */
  public static final String FAILURES_FILE = "failures.jsonl";

  private GenerateDataset() {}

  public static void main(String[] args) {
    PipelineOptionsFactory.register(GenerateDatasetOptions.class);
    GenerateDatasetOptions options;
    long start = System.nanoTime();
    try {
      options =
          PipelineOptionsFactory.fromArgs(args).withValidation().as(GenerateDatasetOptions.class);
      PipelineResult result = run(options);
      result.waitUntilFinish();
      double seconds = (System.nanoTime() - start) / 1e9;
      long written = counter(result, "subjectsWritten");
      long failed = counter(result, "subjectsFailed");
      long views = counter(result, "viewsRendered");
      System.out.printf(
          "GenerateDataset: %d subjects (%d views) written, %d failed, to %s in %.1f s:"
              + " %.2f subjects/s, %.1f views/s%n",
          written, views, failed, options.getOutput(), seconds, written / seconds, views / seconds);
      if (failed > 0) {
        System.exit(1);
      }
    } catch (IllegalArgumentException e) {
      System.err.println("GenerateDataset: " + e.getMessage());
      System.exit(2);
    }
  }

  /**
   * Builds and runs the pipeline.
   *
   * @throws IllegalArgumentException naming the option when an option is wrong or the face model is
   *     missing or unreadable
   */
  public static PipelineResult run(GenerateDatasetOptions options) {
    DatasetSpec spec = spec(options);
    try {
      RenderSubjectFn.loadModel(spec.faceModel()); // fail fast, with a clear message
    } catch (FaceModelException e) {
      throw new IllegalArgumentException(
          "--faceModel=" + spec.faceModel() + " is not a usable ICT face model: " + e.getMessage(),
          e);
    }
    if (options.getNumSubjects() < 1 || options.getFirstSubject() < 0) {
      throw new IllegalArgumentException("--numSubjects must be >= 1 and --firstSubject >= 0");
    }
    List<Integer> indices = new ArrayList<>();
    for (int i = 0; i < options.getNumSubjects(); i++) {
      indices.add(options.getFirstSubject() + i);
    }
    Pipeline pipeline = Pipeline.create(options);
    PCollectionTuple out =
        pipeline
            .apply("SubjectIndices", Create.of(indices))
            .apply("SpreadSubjects", Reshuffle.viaRandomKey())
            .apply("GenerateSubjects", new GenerateSubjects(spec));
    out.get(GenerateSubjects.FAILURES)
        .apply("WriteFailures", new WriteFailures(join(options.getOutput(), FAILURES_FILE)));
    return pipeline.run();
  }

  /** The dataset settings from the options. */
  static DatasetSpec spec(GenerateDatasetOptions o) {
    try {
      DatasetSpec.Builder b =
          DatasetSpec.builder()
              .output(o.getOutput())
              .faceModel(o.getFaceModel())
              .seed(o.getSeed())
              .yawsDeg(o.getYawsDeg().stream().mapToInt(Integer::intValue).toArray())
              .sizePx(o.getWidthPx(), o.getHeightPx())
              .focalLength35mm(o.getFocalLength35mm());
      if (o.getMaxFocalLength35mm() != 0) {
        b.focalLength35mmRange(o.getFocalLength35mm(), o.getMaxFocalLength35mm());
      }
      List<Double> origin = o.getWorldOriginMm();
      if (origin != null && !origin.isEmpty()) {
        if (origin.size() != 3) {
          throw new IllegalArgumentException(
              "--worldOriginMm needs x,y,z (3 values), got " + origin);
        }
        b.worldOriginMm(origin.get(0), origin.get(1), origin.get(2));
      }
      List<Background.Kind> kinds = new ArrayList<>();
      if (o.getBackgroundKinds() != null) {
        for (String name : o.getBackgroundKinds()) {
          try {
            kinds.add(Background.Kind.valueOf(name.trim().toUpperCase(Locale.ROOT)));
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                "--backgroundKinds: unknown kind '"
                    + name
                    + "', known: solid, gradient, noise, clutter",
                e);
          }
        }
      }
      return b.cameraDistanceRangeMm(o.getMinCameraDistanceMm(), o.getMaxCameraDistanceMm())
          .principalOffsetFraction(o.getPrincipalOffsetFraction())
          .backgroundKinds(kinds)
          .keyLightAzimuthMaxDeg(o.getKeyLightAzimuthMaxDeg())
          .jitter(o.getPitchJitterDeg(), o.getRollJitterDeg(), o.getDistanceJitterFraction())
          .framingMargin(o.getFramingMargin())
          .expressions(o.getExpressions())
          .mixProbability(o.getMixProbability())
          .identityScale(o.getIdentityScale())
          .supersample(o.getSupersample())
          .maxNoiseSigma(o.getMaxNoiseSigma())
          .depthScaleMmPerUnit(o.getDepthScaleMmPerUnit())
          .splitFractions(o.getValFraction(), o.getTestFraction())
          .contactSheetThumbnailPx(o.getContactSheetThumbnailPx())
          .build();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("GenerateDataset options: " + e.getMessage(), e);
    }
  }

  private static String join(String prefix, String name) {
    return prefix.endsWith("/") ? prefix + name : prefix + "/" + name;
  }

  private static long counter(PipelineResult result, String name) {
    long total = 0;
    for (MetricResult<Long> c :
        result
            .metrics()
            .queryMetrics(
                MetricsFilter.builder()
                    .addNameFilter(MetricNameFilter.named(RenderSubjectFn.class, name))
                    .build())
            .getCounters()) {
      total += c.getAttempted();
    }
    return total;
  }
}
