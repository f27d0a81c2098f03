package io.headrecon.pipelines;

import io.headrecon.proto.ProtoJson;
import io.headrecon.synth.dataset.DatasetMetadata;
import io.headrecon.synth.dataset.DatasetSpec;
import io.headrecon.synth.face.FaceModelException;
import io.headrecon.synth.look.GarmentKind;
import io.headrecon.synth.look.HairStyle;
import io.headrecon.synth.render.Background;
import io.headrecon.synth.render.BackgroundPhotos;
import io.headrecon.synth.render.DebianPhotos;
import io.headrecon.transforms.dataset.GenerateSubjects;
import io.headrecon.transforms.dataset.RenderSubjectFn;
import io.headrecon.transforms.io.WriteFailures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;
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
    List<String> notes = new ArrayList<>();
    DatasetSpec spec = spec(options, notes);
    for (String note : notes) {
      System.err.println("GenerateDataset: " + note);
    }
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
    Pipeline pipeline = Pipeline.create(options); // also sets up FileSystems for the output
    if (spec.look() == DatasetSpec.Look.REALISTIC) {
      writeRecord(join(options.getOutput(), DatasetMetadata.FILE), spec, notes);
    }
    PCollectionTuple out =
        pipeline
            .apply("SubjectIndices", Create.of(indices))
            .apply("SpreadSubjects", Reshuffle.viaRandomKey())
            .apply("GenerateSubjects", new GenerateSubjects(spec));
    out.get(GenerateSubjects.FAILURES)
        .apply("WriteFailures", new WriteFailures(join(options.getOutput(), FAILURES_FILE)));
    return pipeline.run();
  }

  /** Writes the dataset's record (look, photos and their licences, notes) through FileSystems. */
  private static void writeRecord(String uri, DatasetSpec spec, List<String> notes) {
    byte[] json =
        ProtoJson.toJson(DatasetMetadata.record(spec, notes)).getBytes(StandardCharsets.UTF_8);
    ResourceId target = FileSystems.matchNewResource(uri, false);
    try (WritableByteChannel channel = FileSystems.create(target, "application/json")) {
      ByteBuffer buffer = ByteBuffer.wrap(json);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + uri, e);
    }
  }

  /**
   * The dataset settings from the options; for the realistic look the background photos are read
   * from the installed packages, and {@code notes} receives what could not be taken.
   */
  static DatasetSpec spec(GenerateDatasetOptions o, List<String> notes) {
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
                    + "', known: solid, gradient, noise, clutter, studio, photo",
                e);
          }
        }
      }
      DatasetSpec.Look look = parse(DatasetSpec.Look.class, "--look", o.getLook());
      b.look(look);
      if (look == DatasetSpec.Look.REALISTIC) {
        b.hairStyles(parseAll(HairStyle.class, "--hairStyles", o.getHairStyles()))
            .garments(parseAll(GarmentKind.class, "--garments", o.getGarments()))
            .cropJitter(o.getCropScaleJitter(), o.getCropOffsetJitterPx(), o.getCropRollJitterDeg())
            .cameraEffects(o.getCameraEffects(), o.getMinJpegQuality(), o.getMaxJpegQuality());
        List<String> packages = new ArrayList<>();
        if (o.getBackgroundPhotoPackages() != null) {
          o.getBackgroundPhotoPackages().stream()
              .map(String::trim)
              .filter(p -> !p.isEmpty())
              .forEach(packages::add);
        }
        BackgroundPhotos photos =
            DebianPhotos.load(packages, o.getBackgroundPhotoGlob(), Path.of("/"), notes::add);
        if (photos.isEmpty()) {
          notes.add(
              "no background photos"
                  + (packages.isEmpty() ? " (--backgroundPhotoPackages is empty)" : "")
                  + ": photo backgrounds are drawn as procedural ones");
        }
        b.backgroundPhotos(photos);
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

  private static <E extends Enum<E>> E parse(Class<E> type, String option, String value) {
    try {
      return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      List<String> known = new ArrayList<>();
      for (E k : type.getEnumConstants()) {
        known.add(k.name().toLowerCase(Locale.ROOT));
      }
      throw new IllegalArgumentException(
          option + ": unknown value '" + value + "', known: " + String.join(", ", known), e);
    }
  }

  private static <E extends Enum<E>> List<E> parseAll(
      Class<E> type, String option, List<String> values) {
    List<E> out = new ArrayList<>();
    if (values != null) {
      for (String v : values) {
        if (!v.isBlank()) {
          out.add(parse(type, option, v));
        }
      }
    }
    return out;
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
