package io.headrecon.pipelines;

import io.headrecon.geometry.RigidTransform;
import io.headrecon.synth.dataset.DatasetSpec;
import io.headrecon.synth.dataset.SubjectGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * The held-out multi-view evaluation: generates a set framed and drawn unlike the training set
 * (camera 560-640 mm from the head with a shorter lens, wider identities, mostly mixed expressions,
 * side and back key lights, the world origin 1.2 m below the head), runs {@link ReconstructHeads}
 * on it in each input mode (poses unknown; calibrated with the origin below the head; ground-truth
 * depth; calibrated with the origin at the head) and compares every subject's output with the
 * ground truth with its own code ({@link MultiViewMeasurement}). Prints the markdown table and
 * writes {@code <work>/evaluation.md} and {@code <work>/evaluation.json}.
 */
public final class EvaluateMultiView {
  private EvaluateMultiView() {}

  /** The generation settings stored beside the data, to reuse it only when they match. */
  static final String GENERATION_FILE = "generation.txt";

  public static void main(String[] args) {
    PipelineOptionsFactory.register(EvaluateMultiViewOptions.class);
    try {
      EvaluateMultiViewOptions options =
          PipelineOptionsFactory.fromArgs(args).withValidation().as(EvaluateMultiViewOptions.class);
      EvaluationTable table = run(options);
      System.out.println();
      System.out.print(table.markdown());
      System.out.println("\nWritten to " + Paths.get(options.getWork()).resolve("evaluation.md"));
    } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
      System.err.println("EvaluateMultiView: " + e.getMessage());
      e.printStackTrace(System.err);
      System.exit(1);
    }
  }

  /**
   * Generates (or reuses) the held-out set, runs every mode and measures it.
   *
   * @throws IllegalArgumentException naming a bad option
   * @throws IllegalStateException when a pipeline run does not finish
   * @throws UncheckedIOException when files cannot be read or written
   */
  public static EvaluationTable run(EvaluateMultiViewOptions options) {
    List<EvaluationMode> modes = new ArrayList<>();
    for (String name : options.getModes()) {
      modes.add(EvaluationMode.parse(name));
    }
    if (modes.isEmpty() || options.getHeldOutNumSubjects() < 1) {
      throw new IllegalArgumentException("need at least one mode and one subject");
    }
    Path work = Paths.get(options.getWork()).toAbsolutePath().normalize();
    Path data = work.resolve("data");
    List<String> subjectIds = new ArrayList<>();
    for (int i = 0; i < options.getHeldOutNumSubjects(); i++) {
      subjectIds.add(DatasetSpec.subjectId(options.getHeldOutFirstSubject() + i));
    }
    double below = options.getWorldOriginBelowHeadMm();
    // Data frame: x_data = x_head + (0, below, 0); the head frame is the model's.
    RigidTransform dataToHead = RigidTransform.translation(0, -below, 0);
    try {
      generate(options, data, subjectIds);
      Map<EvaluationMode, Double> seconds = new LinkedHashMap<>();
      for (EvaluationMode mode : modes) {
        Path input = work.resolve("inputs").resolve(mode.optionName());
        if (mode == EvaluationMode.POSES_UNKNOWN) {
          EvaluationInputs.withoutPoses(data, input, subjectIds);
        } else if (mode == EvaluationMode.CALIBRATED_AT_HEAD) {
          EvaluationInputs.inWorldFrame(data, input, subjectIds, dataToHead);
        } else {
          EvaluationInputs.inWorldFrame(data, input, subjectIds, RigidTransform.identity());
        }
        Path output = work.resolve("runs").resolve(mode.optionName());
        EvaluationInputs.recreate(output);
        seconds.put(mode, reconstruct(options, mode, input, output));
      }
      long measuring = System.nanoTime();
      List<MultiViewMeasurement.Truth> truths = new ArrayList<>();
      for (String id : subjectIds) {
        truths.add(MultiViewMeasurement.truth(data.resolve(id), options.getGtSamplesPerMm2()));
      }
      System.out.printf(
          Locale.ROOT,
          "EvaluateMultiView: ground truth of %d subjects sampled in %.1f s%n",
          truths.size(),
          (System.nanoTime() - measuring) / 1e9);
      List<EvaluationTable.ModeResult> results = new ArrayList<>();
      for (EvaluationMode mode : modes) {
        RigidTransform outputToData =
            switch (mode) {
              case POSES_UNKNOWN -> null;
              case CALIBRATED_AT_HEAD -> dataToHead.inverse();
              default -> RigidTransform.identity();
            };
        List<MultiViewMeasurement.Score> scores = new ArrayList<>();
        for (MultiViewMeasurement.Truth truth : truths) {
          Path dir = work.resolve("runs").resolve(mode.optionName()).resolve(truth.subjectId());
          scores.add(MultiViewMeasurement.measure(truth, dir, outputToData));
        }
        results.add(new EvaluationTable.ModeResult(mode, seconds.get(mode), scores));
        System.out.printf(
            Locale.ROOT,
            "EvaluateMultiView: %s measured (%.1f s since sampling began)%n",
            mode.optionName(),
            (System.nanoTime() - measuring) / 1e9);
      }
      EvaluationTable table = new EvaluationTable(results, describe(options, subjectIds));
      StringBuilder crops = new StringBuilder();
      for (EvaluationMode mode : modes) {
        crops.append(
            CropAccuracy.markdown(
                mode.optionName(),
                CropAccuracy.measure(
                    data, work.resolve("runs").resolve(mode.optionName()), subjectIds)));
      }
      System.out.print(crops);
      Files.writeString(work.resolve("evaluation.md"), table.markdown(), StandardCharsets.UTF_8);
      Files.writeString(work.resolve("head-crop.md"), crops.toString(), StandardCharsets.UTF_8);
      Files.writeString(work.resolve("evaluation.json"), table.json(), StandardCharsets.UTF_8);
      return table;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The GenerateDataset arguments of the held-out set. */
  static List<String> generationArgs(EvaluateMultiViewOptions o, Path data) {
    List<String> args = new ArrayList<>();
    args.add("--output=" + data);
    args.add("--faceModel=" + o.getFaceModel());
    args.add("--numSubjects=" + o.getHeldOutNumSubjects());
    args.add("--firstSubject=" + o.getHeldOutFirstSubject());
    args.add("--seed=" + o.getHeldOutSeed());
    args.add(
        "--yawsDeg="
            + o.getHeldOutYawsDeg().stream().map(String::valueOf).collect(Collectors.joining(",")));
    args.add("--widthPx=" + o.getHeldOutSizePx());
    args.add("--heightPx=" + o.getHeldOutSizePx());
    args.add("--principalOffsetFraction=" + o.getHeldOutPrincipalOffsetFraction());
    args.add("--focalLength35mm=" + o.getHeldOutMinFocalLength35mm());
    args.add("--maxFocalLength35mm=" + o.getHeldOutMaxFocalLength35mm());
    args.add("--minCameraDistanceMm=" + o.getHeldOutMinCameraDistanceMm());
    args.add("--maxCameraDistanceMm=" + o.getHeldOutMaxCameraDistanceMm());
    args.add("--identityScale=" + o.getHeldOutIdentityScale());
    args.add("--mixProbability=" + o.getHeldOutMixProbability());
    args.add("--keyLightAzimuthMaxDeg=" + o.getHeldOutKeyLightAzimuthMaxDeg());
    args.add("--worldOriginMm=0," + (-o.getWorldOriginBelowHeadMm()) + ",0");
    args.add("--look=" + o.getHeldOutLook());
    return args;
  }

  private static void generate(EvaluateMultiViewOptions options, Path data, List<String> ids)
      throws IOException {
    List<String> args = generationArgs(options, data);
    String settings = String.join("\n", args) + "\n";
    Path marker = data.resolve(GENERATION_FILE);
    boolean present =
        Files.isRegularFile(marker)
            && Files.readString(marker, StandardCharsets.UTF_8).equals(settings)
            && ids.stream()
                .allMatch(id -> Files.isRegularFile(data.resolve(id).resolve("manifest.json")));
    if (present && !options.getRegenerate()) {
      System.out.println("EvaluateMultiView: reusing the held-out set in " + data);
      return;
    }
    EvaluationInputs.recreate(data);
    long start = System.nanoTime();
    GenerateDatasetOptions generation =
        PipelineOptionsFactory.fromArgs(args.toArray(new String[0]))
            .as(GenerateDatasetOptions.class);
    generation.setRunner(options.getRunner());
    PipelineResult.State state = GenerateDataset.run(generation).waitUntilFinish();
    for (String id : ids) {
      if (state != PipelineResult.State.DONE
          || !Files.isRegularFile(data.resolve(id).resolve(SubjectGenerator.MANIFEST))) {
        throw new IllegalStateException(
            "generating the held-out set into " + data + " ended " + state + " without " + id);
      }
    }
    Files.writeString(marker, settings, StandardCharsets.UTF_8);
    System.out.printf(
        Locale.ROOT,
        "EvaluateMultiView: generated %d subjects into %s in %.1f s%n",
        ids.size(),
        data,
        (System.nanoTime() - start) / 1e9);
  }

  /** Runs ReconstructHeads in-process on one mode's input; returns its wall time, seconds. */
  private static double reconstruct(
      EvaluateMultiViewOptions options, EvaluationMode mode, Path input, Path output) {
    List<String> args = new ArrayList<>();
    args.add("--input=" + input);
    args.add("--output=" + output);
    args.add("--writeViewOutputs=true");
    args.add("--overwrite=true");
    args.add("--depthSource=" + (mode.groundTruthDepth() ? "groundtruth" : "model"));
    if (!options.getDepthModel().isEmpty()) {
      args.add("--model=" + options.getDepthModel());
    }
    ReconstructHeadsOptions reconstruct =
        ReconstructHeads.parseOptions(args.toArray(new String[0]));
    reconstruct.setRunner(options.getRunner());
    long start = System.nanoTime();
    PipelineResult.State state = ReconstructHeads.run(reconstruct).waitUntilFinish();
    double seconds = (System.nanoTime() - start) / 1e9;
    if (state != PipelineResult.State.DONE) {
      throw new IllegalStateException("ReconstructHeads on " + input + " ended " + state);
    }
    System.out.printf(
        Locale.ROOT, "EvaluateMultiView: %s reconstructed in %.1f s%n", mode.optionName(), seconds);
    return seconds;
  }

  private static String describe(EvaluateMultiViewOptions o, List<String> ids) {
    return String.format(
        Locale.ROOT,
        "Held-out set: %d subjects (%s..%s, seed %d, %s look) x %d views, %dx%d px, principal point"
            + " within +-%.2f of the half image; camera %.0f-%.0f mm"
            + " from the head, %.0f-%.0f mm lens (35 mm equivalent); identity scale %.2f,"
            + " expression mix probability %.2f, key light within +-%.0f deg; calibrated world"
            + " origin %.0f mm below the head.",
        ids.size(),
        ids.get(0),
        ids.get(ids.size() - 1),
        o.getHeldOutSeed(),
        o.getHeldOutLook(),
        o.getHeldOutYawsDeg().size(),
        o.getHeldOutSizePx(),
        o.getHeldOutSizePx(),
        o.getHeldOutPrincipalOffsetFraction(),
        o.getHeldOutMinCameraDistanceMm(),
        o.getHeldOutMaxCameraDistanceMm(),
        o.getHeldOutMinFocalLength35mm(),
        o.getHeldOutMaxFocalLength35mm(),
        o.getHeldOutIdentityScale(),
        o.getHeldOutMixProbability(),
        o.getHeldOutKeyLightAzimuthMaxDeg(),
        o.getWorldOriginBelowHeadMm());
  }
}
