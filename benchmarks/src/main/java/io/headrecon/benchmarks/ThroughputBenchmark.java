package io.headrecon.benchmarks;

import io.headrecon.geometry.io.Ply;
import io.headrecon.model.DepthModelRunner;
import io.headrecon.model.DepthNetContract;
import io.headrecon.model.ExecutionProvider;
import io.headrecon.pipelines.EvaluationInputs;
import io.headrecon.pipelines.ReconstructHeads;
import io.headrecon.pipelines.ReconstructHeadsOptions;
import io.headrecon.proto.Camera;
import io.headrecon.proto.View;
import io.headrecon.transforms.depth.DepthModelFiles;
import io.headrecon.transforms.depth.EstimateDepth;
import io.headrecon.transforms.depth.ModelDepthFn;
import io.headrecon.transforms.fusion.FuseSubjects;
import io.headrecon.transforms.fusion.MeasureAgainstGroundTruth;
import io.headrecon.transforms.fusion.SubjectFusion;
import io.headrecon.transforms.image.ImageDecoding;
import io.headrecon.transforms.image.RgbImage;
import io.headrecon.transforms.io.MetricsJson;
import io.headrecon.transforms.io.OutputFiles;
import io.headrecon.transforms.records.SubjectResult;
import io.headrecon.transforms.records.SubjectResultCoder;
import io.headrecon.transforms.records.ViewDepth;
import io.headrecon.transforms.records.ViewDepthCoder;
import io.headrecon.transforms.records.ViewImage;
import io.headrecon.transforms.records.ViewImageCoder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.Coder;
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
 * Throughput of the reconstruction pipeline (a command, not a test), side by side in one JVM,
 * medians of repeated runs:
 *
 * <ol>
 *   <li><b>end to end</b>: {@link ReconstructHeads} on the DirectRunner over testdata-like subjects
 *       (each sample subject copied {@code copies} times, without its ground-truth mesh, as a
 *       studio's subjects come; after a warm-up run, and without the DirectRunner's immutability
 *       and encodability checks, which no production runner makes): process CPU per subject and
 *       subjects per CPU-hour, wall time, and fusion's Beam counters per subject (kd-trees, ICP
 *       iterations, nearest-neighbour queries, CPU time of each fusion stage);
 *   <li><b>the stages one by one</b> on the sample subjects, CPU time of the thread doing them:
 *       decode (the photos at the network's 180×180), inference (ONNX Runtime CPU per image in a
 *       bare loop × views), metric scale and back-projection, fusion, refinement, meshing, writing
 *       (fused.ply, mesh.ply, metrics.json through {@link OutputFiles}), shuffle (encoding and
 *       decoding each subject's grouped records with their coders: 19 {@link ViewDepth}s, one
 *       {@link SubjectResult}); their share of the end-to-end CPU per subject, with the QC report's
 *       subject page (its Beam counter in the end-to-end run) and the rest (runner, JIT, GC); and
 *       the metrics against ground truth, which run only when a subject has a mesh (not in the
 *       end-to-end run);
 *   <li><b>inference</b>: images/s of a bare {@link DepthModelRunner} loop against {@link
 *       ModelDepthFn} on the DirectRunner (same model and batch), and their ratio.
 * </ol>
 *
 * <p>Also the bytes per element of the records between steps, with their coders. Usage: {@code
 * benchmarks/throughput.sh [input] [model] [batch] [repeats] [copies]}. The machine is shared:
 * compare ratios and CPU times, and read the load average printed with them.
 */
public final class ThroughputBenchmark {
  private static final int SIZE = DepthNetContract.INPUT_SIZE_PX;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /** Passes over the sample views in the DoFn benchmark (and in the bare loop). */
  static final int DOFN_PASSES = 10;

  private ThroughputBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path input = Paths.get(args.length > 0 ? args[0] : "testdata/synthetic");
    String model = args.length > 1 && !args[1].equals("-") ? args[1] : "";
    int batch = args.length > 2 ? Integer.parseInt(args[2]) : 16;
    int repeats = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    int copies = args.length > 4 ? Integer.parseInt(args[4]) : 4;
    List<KV<String, ViewImage>> networkInputs = loadViews(input);
    DepthModelRunner runner = DepthModelFiles.runner(model, ExecutionProvider.cpu);
    System.out.printf(
        Locale.ROOT,
        "input %s: %d views; model %s; batch %d; %d repeats; %d copies per subject end to end;"
            + " %d cores; load average %s%n",
        input,
        networkInputs.size(),
        runner.model(),
        batch,
        repeats,
        copies,
        Runtime.getRuntime().availableProcessors(),
        loadAverage());

    // the sample subjects as fusion receives them, and the copies for the end-to-end runs
    List<CapturedSubjects.Subject> subjects =
        CapturedSubjects.capture(input.toString(), "--executionProvider=cpu");
    Path work = Files.createTempDirectory("headrecon-throughput");
    Path copiesDir = work.resolve("input");
    EvaluationInputs.recreate(copiesDir);
    Path warmDir = work.resolve("warm-up");
    EvaluationInputs.recreate(warmDir);
    EvaluationInputs.copyWithoutMesh(
        input, subjects.get(0).subjectId(), warmDir, subjects.get(0).subjectId() + "-warm-up");
    int e2eSubjects = 0;
    for (CapturedSubjects.Subject s : subjects) {
      for (int c = 0; c < copies; c++) {
        EvaluationInputs.copyWithoutMesh(
            input, s.subjectId(), copiesDir, s.subjectId() + "-copy" + c);
        e2eSubjects++;
      }
    }

    bareLoop(runner, networkInputs, batch); // warm-up
    doFnPipeline(networkInputs, model, batch);
    stageCpu(subjects, input, runner, work); // warm-up (JIT)
    endToEnd(warmDir, work.resolve("out-warm-up"), model, batch, 1, new Table(), new Table());

    Table stages = new Table();
    Table endToEnd = new Table();
    Table counters = new Table();
    Table inference = new Table();
    for (int r = 0; r < repeats; r++) {
      long cpu0 = processCpuNanos();
      double bare = bareLoop(runner, networkInputs, batch);
      double bareCpuPerImage =
          (processCpuNanos() - cpu0) / 1e9 / (networkInputs.size() * DOFN_PASSES);
      double[] doFn = doFnPipeline(networkInputs, model, batch);
      inference.add("bare ONNX Runtime loop, images/s", bare);
      inference.add("inside ModelDepthFn, images/s", doFn[0]);
      inference.add("ModelDepthFn / bare, %", 100 * doFn[0] / bare);
      inference.add("mean batch in the DoFn, views", doFn[2]);

      Map<String, Double> perSubject = stageCpu(subjects, input, runner, work);
      perSubject.put("inference", bareCpuPerImage * subjects.get(0).views().size());
      double e2e =
          endToEnd(
              copiesDir, work.resolve("out" + r), model, batch, e2eSubjects, endToEnd, counters);
      double report = counters.last("subjectPageCpuMicros (QC report)") / 1e6;
      double sum = 0;
      for (String stage : STAGES) {
        stages.add(stage, perSubject.get(stage));
        sum += perSubject.get(stage);
      }
      stages.add("QC report page (in the pipeline: its Beam counter)", report);
      stages.add("runner, JIT, GC, other (end to end - the above)", e2e - sum - report);
      stages.add("end to end (process CPU per subject)", e2e);
      stages.add(
          "ground-truth metrics (only with a mesh; not end to end)",
          perSubject.get("ground-truth metrics"));
    }
    System.out.println();
    System.out.println("== end to end: " + e2eSubjects + " subjects per run ==");
    endToEnd.print("%.2f", null);
    System.out.println();
    System.out.println("== fusion's Beam counters per subject, end to end ==");
    counters.print("%.0f", null);
    System.out.println();
    System.out.println(
        "== CPU seconds per subject, each stage alone (share: of the end-to-end median) ==");
    stages.print("%.3f", "end to end (process CPU per subject)");
    System.out.println();
    System.out.println("== inference ==");
    inference.print("%.2f", null);
    System.out.println();
    System.out.println("== bytes per element with the pipeline's coders (sample subjects) ==");
    recordSizes(networkInputs, subjects);
    System.out.printf(
        Locale.ROOT,
        "output per subject (fused.ply, mesh.ply, metrics.json; QC report): %.1f MB; %.1f MB%n",
        folderBytes(work.resolve("out0"), false) / 1e6 / e2eSubjects,
        folderBytes(work.resolve("out0").resolve("report"), true) / 1e6 / e2eSubjects);
    System.out.printf(Locale.ROOT, "load average at the end: %s%n", loadAverage());
    EvaluationInputs.recreate(work);
    Files.delete(work);
  }

  /** Bytes of the files under {@code dir}: the subjects' folders only, or everything. */
  private static long folderBytes(Path dir, boolean everything) throws Exception {
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(Files::isRegularFile)
          .filter(
              f ->
                  everything
                      || (f.getParent().getFileName().toString().contains("-copy")
                          && !f.toString().contains("/report/")))
          .mapToLong(f -> f.toFile().length())
          .sum();
    }
  }

  /** The stages measured alone, in pipeline order. */
  static final List<String> STAGES =
      List.of(
          "decode",
          "inference",
          "metric scale + back-projection",
          "fusion (registration + merge)",
          "refinement",
          "meshing (TSDF + marching cubes)",
          "writing",
          "shuffle (encode + decode)");

  /**
   * Median over the sample subjects of each stage's CPU seconds per subject (inference is added by
   * the caller from the bare loop), and of the metrics against ground truth.
   */
  static Map<String, Double> stageCpu(
      List<CapturedSubjects.Subject> subjects, Path input, DepthModelRunner runner, Path work)
      throws Exception {
    SubjectFusion.Settings settings = SubjectFusion.Settings.of(1.0, false, "model", true, 1.0);
    Map<String, double[]> values = new LinkedHashMap<>();
    int n = subjects.size();
    for (int i = 0; i < n; i++) {
      CapturedSubjects.Subject s = subjects.get(i);
      long t = threadCpu();
      for (ViewDepth v : s.views()) {
        byte[] bytes = Files.readAllBytes(Paths.get(v.view().getImageUri()));
        try (ImageDecoding.Photo photo =
            ImageDecoding.open(bytes, v.view().getImageUri(), Long.MAX_VALUE)) {
          photo.decode(SIZE, SIZE);
        }
      }
      put(values, "decode", i, n, threadCpu() - t);
      SubjectFusion.Measured m =
          SubjectFusion.fuseMeasured(s.subjectId(), s.views(), 0, s.input().manifest(), settings);
      Map<String, Long> cpu = m.cpuNanos();
      put(
          values,
          "metric scale + back-projection",
          i,
          n,
          cpu.getOrDefault("metricScale", 0L) + cpu.getOrDefault("backProjection", 0L));
      put(values, "fusion (registration + merge)", i, n, cpu.getOrDefault("fusion", 0L));
      put(values, "refinement", i, n, cpu.getOrDefault("refinement", 0L));
      put(values, "meshing (TSDF + marching cubes)", i, n, cpu.getOrDefault("mesh", 0L));
      SubjectResult result = m.result();
      t = threadCpu();
      SubjectResult measured =
          MeasureAgainstGroundTruth.hasGroundTruth(result)
              ? MeasureAgainstGroundTruth.measure(result)
              : result;
      put(values, "ground-truth metrics", i, n, threadCpu() - t);
      t = threadCpu();
      write(measured, work.resolve("written"));
      put(values, "writing", i, n, threadCpu() - t);
      t = threadCpu();
      Coder<KV<String, ViewDepth>> depthCoder =
          KvCoder.of(StringUtf8Coder.of(), ViewDepthCoder.of());
      for (ViewDepth v : s.views()) {
        roundTrip(depthCoder, KV.of(s.subjectId(), v));
      }
      roundTrip(SubjectResultCoder.of(), measured);
      put(values, "shuffle (encode + decode)", i, n, threadCpu() - t);
    }
    Map<String, Double> medians = new LinkedHashMap<>();
    for (Map.Entry<String, double[]> e : values.entrySet()) {
      medians.put(e.getKey(), median(e.getValue()));
    }
    return medians;
  }

  private static void put(Map<String, double[]> values, String stage, int i, int n, long nanos) {
    values.computeIfAbsent(stage, k -> new double[n])[i] = nanos / 1e9;
  }

  /** Writes what WriteResults writes for a subject without per-view outputs. */
  private static void write(SubjectResult result, Path output) throws Exception {
    String frame = "world (manifest camera poses), millimetres";
    byte[] json =
        MetricsJson.toJson(MetricsJson.rounded(result.metrics())).getBytes(StandardCharsets.UTF_8);
    List<OutputFiles.OutputFile> files = new ArrayList<>();
    files.add(
        new OutputFiles.OutputFile(
            "fused.ply",
            "application/octet-stream",
            out -> Ply.writeCloud(result.fusedInReference(), frame, out)));
    if (result.meshInReference() != null) {
      files.add(
          new OutputFiles.OutputFile(
              "mesh.ply",
              "application/octet-stream",
              out -> Ply.writeMesh(result.meshInReference(), frame, out)));
    }
    files.add(
        new OutputFiles.OutputFile("metrics.json", "application/json", out -> out.write(json)));
    OutputFiles.commitSubject(output.toString(), result.subjectId(), files);
  }

  private static <T> T roundTrip(Coder<T> coder, T value) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    coder.encode(value, out);
    return coder.decode(new ByteArrayInputStream(out.toByteArray()));
  }

  private static <T> int encodedBytes(Coder<T> coder, T value) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    coder.encode(value, out);
    return out.size();
  }

  /**
   * One end-to-end run: adds its figures to {@code table} and fusion's counters per subject to
   * {@code counters}; returns the process CPU seconds per subject.
   */
  static double endToEnd(
      Path input, Path output, String model, int batch, int subjects, Table table, Table counters) {
    long cpu0 = processCpuNanos();
    long t0 = System.nanoTime();
    ReconstructHeadsOptions options =
        ReconstructHeads.parseOptions(
            "--input=" + input,
            "--output=" + output,
            "--model=" + model,
            "--executionProvider=cpu",
            "--inferenceBatchSize=" + batch,
            // the DirectRunner's own checks (encoding every element, often several times) are
            // no cost of a production runner
            "--enforceImmutability=false",
            "--enforceEncodability=false");
    PipelineResult result = ReconstructHeads.run(options);
    result.waitUntilFinish();
    double seconds = (System.nanoTime() - t0) / 1e9;
    double cpuSeconds = (processCpuNanos() - cpu0) / 1e9;
    long fused = counter(result, FuseSubjects.class, "subjectsFused");
    if (fused != subjects) {
      throw new IllegalStateException(fused + " of " + subjects + " subjects fused; see " + output);
    }
    double perSubject = cpuSeconds / subjects;
    table.add("process CPU s per subject", perSubject);
    table.add("subjects per CPU-hour", 3600 / perSubject);
    table.add("wall s per subject", seconds / subjects);
    for (String name :
        List.of(
            "kdTreeBuilds",
            "kdTreePoints",
            "icpIterations",
            "nearestNeighbourQueries",
            "fusionCpuMicros",
            "refinementCpuMicros",
            "meshCpuMicros")) {
      counters.add(name, counter(result, FuseSubjects.class, name) / (double) subjects);
    }
    counters.add(
        "writeCpuMicros (WriteResults)",
        counter(result, io.headrecon.transforms.io.WriteResults.class, "writeCpuMicros")
            / (double) subjects);
    counters.add(
        "subjectPageCpuMicros (QC report)",
        counter(result, io.headrecon.transforms.report.WriteReport.class, "subjectPageCpuMicros")
            / (double) subjects);
    counters.add(
        "onnxRuntimeCpuMicros (process CPU during ORT calls)",
        counter(result, ModelDepthFn.class, "onnxRuntimeCpuMicros") / (double) subjects);
    return perSubject;
  }

  /** Bytes per element of the records between steps, with their coders. */
  static void recordSizes(
      List<KV<String, ViewImage>> networkInputs, List<CapturedSubjects.Subject> subjects)
      throws Exception {
    SubjectFusion.Settings settings = SubjectFusion.Settings.of(1.0, false, "model", true, 1.0);
    double[] image = new double[networkInputs.size()];
    for (int i = 0; i < image.length; i++) {
      image[i] = encodedBytes(ViewImageCoder.of(), networkInputs.get(i).getValue());
    }
    List<Double> depth = new ArrayList<>();
    double[] result = new double[subjects.size()];
    double[] perSubject = new double[subjects.size()];
    for (int i = 0; i < subjects.size(); i++) {
      CapturedSubjects.Subject s = subjects.get(i);
      double sum = 0;
      for (ViewDepth v : s.views()) {
        int b = encodedBytes(ViewDepthCoder.of(), v);
        depth.add((double) b);
        sum += b;
      }
      SubjectResult r =
          SubjectFusion.fuse(s.subjectId(), s.views(), 0, s.input().manifest(), settings);
      result[i] = encodedBytes(SubjectResultCoder.of(), r);
      perSubject[i] = sum + result[i];
    }
    double[] depthArray = depth.stream().mapToDouble(Double::doubleValue).toArray();
    System.out.printf(
        Locale.ROOT,
        "ViewImage (180x180 photo and view): %.0f bytes (median)%n"
            + "ViewDepth (photo, depth map, landmarks): %.0f bytes (median)%n"
            + "SubjectResult (fused cloud, mesh, metrics, manifest): %.0f bytes (median)%n"
            + "shuffled per subject (its ViewDepths and SubjectResult): %.0f bytes (median)%n",
        median(image),
        median(depthArray),
        median(result),
        median(perSubject));
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
    long ortCpuMicros = counter(result, ModelDepthFn.class, "onnxRuntimeCpuMicros");
    long batches = counter(result, ModelDepthFn.class, "batches");
    long failed = counter(result, ModelDepthFn.class, "viewsFailed");
    if (failed > 0) {
      throw new IllegalStateException(failed + " of " + images + " views failed in ModelDepthFn");
    }
    return new double[] {images / seconds, ortCpuMicros / cpuMicros, (double) images / batches};
  }

  private static long counter(PipelineResult result, Class<?> namespace, String name) {
    long sum = 0;
    for (var c :
        result
            .metrics()
            .queryMetrics(
                MetricsFilter.builder()
                    .addNameFilter(MetricNameFilter.named(namespace, name))
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

  private static long threadCpu() {
    return THREADS.getCurrentThreadCpuTime();
  }

  private static String loadAverage() {
    try {
      String[] f = Files.readString(Paths.get("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (Exception e) {
      return String.format(
          Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** Rows of figures, one value per run, printed side by side with their median. */
  static final class Table {
    private final Map<String, List<Double>> rows = new LinkedHashMap<>();

    void add(String row, double value) {
      rows.computeIfAbsent(row, k -> new ArrayList<>()).add(value);
    }

    /** The last value added to {@code row}. */
    double last(String row) {
      List<Double> values = rows.get(row);
      return values.get(values.size() - 1);
    }

    double median(String row) {
      return ThroughputBenchmark.median(
          rows.get(row).stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** Prints each row's runs and median, and its share of {@code totalRow}'s median if given. */
    void print(String format, String totalRow) {
      double total = totalRow == null ? Double.NaN : median(totalRow);
      for (Map.Entry<String, List<Double>> e : rows.entrySet()) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-58s", e.getKey()));
        for (double v : e.getValue()) {
          line.append(String.format(Locale.ROOT, " " + format, v));
        }
        double m = median(e.getKey());
        line.append(String.format(Locale.ROOT, "   median " + format, m));
        if (totalRow != null && !e.getKey().startsWith("ground-truth")) {
          line.append(String.format(Locale.ROOT, "   %5.1f %%", 100 * m / total));
        }
        System.out.println(line);
      }
    }
  }
}
