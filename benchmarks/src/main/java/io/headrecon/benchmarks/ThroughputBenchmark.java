package io.headrecon.benchmarks;

import io.headrecon.model.DepthModelRunner;
import io.headrecon.model.DepthNetContract;
import io.headrecon.model.ExecutionProvider;
import io.headrecon.pipelines.ReconstructHeads;
import io.headrecon.pipelines.ReconstructHeadsOptions;
import io.headrecon.proto.Camera;
import io.headrecon.proto.View;
import io.headrecon.transforms.depth.DepthModelFiles;
import io.headrecon.transforms.depth.EstimateDepth;
import io.headrecon.transforms.depth.ModelDepthFn;
import io.headrecon.transforms.image.ImageDecoding;
import io.headrecon.transforms.image.RgbImage;
import io.headrecon.transforms.records.ViewImage;
import io.headrecon.transforms.records.ViewImageCoder;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Benchmark of the reconstruction pipeline (a command, not a test). On the sample photos it
 * measures, side by side in one JVM:
 *
 * <ol>
 *   <li>inference images/s of a bare loop over {@link DepthModelRunner} (batches of {@code batch}
 *       views);
 *   <li>inference images/s inside {@link ModelDepthFn} on the DirectRunner, same model and batch
 *       size, and the share of process CPU time spent inside ONNX Runtime there;
 *   <li>end-to-end subjects/minute of {@link ReconstructHeads} on the same input, and the share of
 *       its process CPU time that ONNX Runtime accounts for.
 * </ol>
 *
 * <p>Usage: {@code benchmarks/pipeline.sh [input] [model] [batch] [repeats]}. Medians over the
 * repeats are printed; the machine is shared, so compare ratios, not absolute times.
 */
public final class PipelineBenchmark {
  private static final int SIZE = DepthNetContract.INPUT_SIZE_PX;

  /** Passes over the sample views in the DoFn benchmark (and in the bare loop). */
  static final int DOFN_PASSES = 10;

  private PipelineBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path input = Paths.get(args.length > 0 ? args[0] : "testdata/synthetic");
    String model = args.length > 1 && !args[1].equals("-") ? args[1] : "";
    int batch = args.length > 2 ? Integer.parseInt(args[2]) : 16;
    int repeats = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    List<KV<String, ViewImage>> views = loadViews(input);
    DepthModelRunner runner = DepthModelFiles.runner(model, ExecutionProvider.cpu);
    System.out.printf(
        Locale.ROOT,
        "views: %d from %s; model: %s; batch %d; %d repeats; cores %d%n",
        views.size(),
        input,
        runner.model(),
        batch,
        repeats,
        Runtime.getRuntime().availableProcessors());
    double[] bare = new double[repeats];
    double[] bareCpuPerImage = new double[repeats];
    double[] inDoFn = new double[repeats];
    double[] doFnOrtShare = new double[repeats];
    double[] meanBatch = new double[repeats];
    bareLoop(runner, views, batch); // warm-up
    doFnPipeline(views, model, batch); // warm-up
    for (int r = 0; r < repeats; r++) {
      long cpu0 = processCpuNanos();
      bare[r] = bareLoop(runner, views, batch);
      bareCpuPerImage[r] = (processCpuNanos() - cpu0) / (double) (views.size() * DOFN_PASSES);
      double[] doFn = doFnPipeline(views, model, batch);
      inDoFn[r] = doFn[0];
      doFnOrtShare[r] = doFn[1];
      meanBatch[r] = doFn[2];
    }
    double bareMedian = median(bare);
    double doFnMedian = median(inDoFn);
    System.out.printf(
        Locale.ROOT,
        "bare ONNX Runtime loop:   %.2f images/s (median of %s)%n",
        bareMedian,
        Arrays.toString(round(bare)));
    System.out.printf(
        Locale.ROOT,
        "inside ModelDepthFn:      %.2f images/s (median of %s)%n",
        doFnMedian,
        Arrays.toString(round(inDoFn)));
    System.out.printf(
        Locale.ROOT, "DoFn / bare ratio:        %.1f %%%n", 100 * doFnMedian / bareMedian);
    System.out.printf(Locale.ROOT, "mean batch in the DoFn:   %.1f views%n", median(meanBatch));
    System.out.printf(
        Locale.ROOT,
        "ORT share of CPU in the inference step: %.1f %%%n",
        100 * median(doFnOrtShare));

    double[] subjectsPerMinute = new double[repeats];
    double[] ortShare = new double[repeats];
    for (int r = 0; r < repeats; r++) {
      Path out = Files.createTempDirectory("headrecon-bench");
      long cpu0 = processCpuNanos();
      long t0 = System.nanoTime();
      ReconstructHeadsOptions options =
          ReconstructHeads.parseOptions(
              "--input=" + input,
              "--output=" + out,
              "--model=" + model,
              "--executionProvider=cpu",
              "--inferenceBatchSize=" + batch);
      ReconstructHeads.run(options).waitUntilFinish();
      double seconds = (System.nanoTime() - t0) / 1e9;
      double cpu = processCpuNanos() - cpu0;
      long subjects;
      try (Stream<String> lines = Files.lines(out.resolve("summary.csv"))) {
        subjects = lines.skip(1).count();
      }
      subjectsPerMinute[r] = subjects / seconds * 60;
      ortShare[r] = median(bareCpuPerImage) * views.size() / cpu;
    }
    System.out.printf(
        Locale.ROOT,
        "end to end:               %.2f subjects/min (median of %s)%n",
        median(subjectsPerMinute),
        Arrays.toString(round(subjectsPerMinute)));
    System.out.printf(
        Locale.ROOT,
        "ORT share of end-to-end CPU: %.1f %% (ORT CPU per image from the bare loop x images /"
            + " process CPU of the run)%n",
        100 * median(ortShare));
  }

  /** Decodes every {@code <input>/<subject>/<view>.png}, resized to the network input size. */
  static List<KV<String, ViewImage>> loadViews(Path input) throws Exception {
    List<KV<String, ViewImage>> views = new ArrayList<>();
    try (Stream<Path> files = Files.walk(input, 2)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".png")).sorted().toList()) {
        RgbImage image =
            ImageDecoding.decodeRgb(Files.readAllBytes(f), f.toString(), Long.MAX_VALUE)
                .resized(SIZE, SIZE);
        String subject = f.getParent().getFileName().toString();
        View view =
            View.newBuilder()
                .setSubjectId(subject)
                .setViewId(f.getFileName().toString().replace(".png", ""))
                .setImageUri(f.toString())
                .setCamera(Camera.newBuilder().setIntrinsics(ReconstructHeads.DEFAULT_INTRINSICS))
                .build();
        views.add(KV.of(subject, new ViewImage(view, image)));
      }
    }
    return views;
  }

  /** Images/s of a plain loop: fill the input, run, read every output. */
  static double bareLoop(DepthModelRunner runner, List<KV<String, ViewImage>> views, int batch)
      throws Exception {
    int per = DepthModelRunner.FLOATS_PER_VIEW;
    int images = views.size() * DOFN_PASSES;
    long t0 = System.nanoTime();
    for (int from = 0; from < images; from += batch) {
      int n = Math.min(batch, images - from);
      float[] input = new float[n * per];
      for (int b = 0; b < n; b++) {
        DepthModelRunner.fillInput(
            views.get((from + b) % views.size()).getValue().image().packedRgb(), input, b * per);
      }
      runner.run(input, n);
    }
    return images / ((System.nanoTime() - t0) / 1e9);
  }

  /** The views the DoFn benchmark serves by index (same JVM: the DirectRunner). */
  private static List<KV<String, ViewImage>> benchViews = List.of();

  /** Emits the benchmark view with the element's index (modulo their count). */
  static class ViewByIndexFn extends DoFn<Integer, KV<String, ViewImage>> {
    @ProcessElement
    public void process(@Element Integer index, OutputReceiver<KV<String, ViewImage>> out) {
      out.output(benchViews.get(index % benchViews.size()));
    }
  }

  /**
   * Images/s of ModelDepthFn alone on the DirectRunner ({@code copies} passes over the views, so
   * that pipeline start-up is a small part), ORT's share of the CPU time, and the mean batch.
   */
  static double[] doFnPipeline(List<KV<String, ViewImage>> views, String model, int batch) {
    benchViews = views;
    int images = views.size() * DOFN_PASSES;
    List<Integer> indices = new ArrayList<>();
    for (int i = 0; i < images; i++) {
      indices.add(i);
    }
    DirectOptions options = PipelineOptionsFactory.create().as(DirectOptions.class);
    options.setEnforceImmutability(false);
    options.setEnforceEncodability(false);
    options.setTargetParallelism(1);
    Pipeline pipeline = Pipeline.create(options);
    pipeline
        .apply("Indices", Create.of(indices))
        .apply("Views", ParDo.of(new ViewByIndexFn()))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), ViewImageCoder.of()))
        .apply(
            "ModelDepth",
            ParDo.of(new ModelDepthFn(model, ExecutionProvider.cpu, batch, 1L << 30, 1000))
                .withOutputTags(EstimateDepth.DEPTHS, TupleTagList.of(EstimateDepth.FAILURES)))
        .get(EstimateDepth.DEPTHS)
        .apply("CountViews", Count.globally());
    long cpu0 = processCpuNanos();
    long t0 = System.nanoTime();
    PipelineResult result = pipeline.run();
    result.waitUntilFinish();
    double seconds = (System.nanoTime() - t0) / 1e9;
    double cpuMicros = (processCpuNanos() - cpu0) / 1e3;
    long ortCpuMicros = counter(result, "onnxRuntimeCpuMicros");
    long batches = counter(result, "batches");
    long failed = counter(result, "viewsFailed");
    System.out.printf(
        Locale.ROOT,
        "  DoFn run: %d images in %.2f s, %d inferred, %d batches%n",
        images,
        seconds,
        counter(result, "viewsInferred"),
        batches);
    if (failed > 0) {
      throw new IllegalStateException(failed + " of " + images + " views failed in ModelDepthFn");
    }
    return new double[] {images / seconds, ortCpuMicros / cpuMicros, (double) images / batches};
  }

  private static long counter(PipelineResult result, String name) {
    long sum = 0;
    for (var c :
        result
            .metrics()
            .queryMetrics(
                MetricsFilter.builder()
                    .addNameFilter(MetricNameFilter.named(ModelDepthFn.class, name))
                    .build())
            .getCounters()) {
      sum += c.getAttempted();
    }
    return sum;
  }

  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static String[] round(double[] values) {
    return Arrays.stream(values)
        .mapToObj(v -> String.format(Locale.ROOT, "%.2f", v))
        .toArray(String[]::new);
  }
}
