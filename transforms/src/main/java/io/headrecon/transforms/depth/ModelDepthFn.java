package io.headrecon.transforms.depth;

import ai.onnxruntime.OrtException;
import io.headrecon.model.DatasetFraming;
import io.headrecon.model.DecodedView;
import io.headrecon.model.DepthModelRunner;
import io.headrecon.model.DepthNetContract;
import io.headrecon.model.DepthNetOutputDecoder;
import io.headrecon.model.ExecutionProvider;
import io.headrecon.model.ProtoGeometry;
import io.headrecon.proto.Camera;
import io.headrecon.proto.FailureRecord;
import io.headrecon.proto.Intrinsics;
import io.headrecon.proto.View;
import io.headrecon.transforms.image.RgbImage;
import io.headrecon.transforms.io.Failures;
import io.headrecon.transforms.quality.ViewSignals;
import io.headrecon.transforms.records.ViewDepth;
import io.headrecon.transforms.records.ViewImage;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Distribution;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.KV;
import org.joda.time.Instant;

/**
 * Runs the depth network on views in batches (bounded by count and by input bytes) on the JVM's
 * shared {@link DepthModelRunner}, and decodes its outputs into metric depth maps, masks and
 * landmarks in the 180×180 network-input image, with the mask's uncertainty ({@link
 * ViewSignals#maskUncertainFraction}) for the quality verdict.
 */
public class ModelDepthFn extends DoFn<KV<String, ViewImage>, KV<String, ViewDepth>> {
  private static final int SIZE = DepthNetContract.INPUT_SIZE_PX;
  private static final int FLOATS_PER_VIEW = DepthModelRunner.FLOATS_PER_VIEW;
  private static final com.sun.management.OperatingSystemMXBean PROCESS =
      (com.sun.management.OperatingSystemMXBean)
          java.lang.management.ManagementFactory.getOperatingSystemMXBean();

  private final Counter inferred = Metrics.counter(ModelDepthFn.class, "viewsInferred");
  private final Counter failed = Metrics.counter(ModelDepthFn.class, "viewsFailed");
  private final Counter batches = Metrics.counter(ModelDepthFn.class, "batches");

  /** Wall time inside ONNX Runtime's run, microseconds. */
  private final Counter onnxMicros = Metrics.counter(ModelDepthFn.class, "onnxRuntimeMicros");

  /**
   * Process CPU time that passed while ONNX Runtime ran, microseconds: all of the process's
   * threads, so it is ORT's own CPU time only where nothing else runs meanwhile (the benchmark runs
   * one bundle at a time).
   */
  private final Counter onnxCpuMicros = Metrics.counter(ModelDepthFn.class, "onnxRuntimeCpuMicros");

  private final Distribution batchSizes = Metrics.distribution(ModelDepthFn.class, "batchSize");

  private final String model;
  private final ExecutionProvider provider;
  private final int maxBatchViews;
  private final long maxBatchBytes;
  private final double defaultReferenceDepthMm;

  private transient DepthModelRunner runner;
  private transient List<Pending> pending;
  private transient long pendingBytes;

  private record Pending(
      String key, ViewImage view, RgbImage input, Instant timestamp, BoundedWindow window) {}

  /**
   * @param defaultReferenceDepthMm the head-origin depth the network's relief is first decoded
   *     around, millimetres, for a camera with the dataset's focal length (the dataset's camera
   *     distance); it is scaled by each view's focal length (a head that fills the frame as in
   *     training is nearer to a wider lens). A provisional anchor: fusion replaces it with one
   *     found from the views ({@link io.headrecon.transforms.fusion.MetricScale}), never from the
   *     world origin.
   */
  public ModelDepthFn(
      String model,
      ExecutionProvider provider,
      int maxBatchViews,
      long maxBatchBytes,
      double defaultReferenceDepthMm) {
    if (maxBatchViews < 1 || maxBatchBytes < FLOATS_PER_VIEW * 4L) {
      throw new IllegalArgumentException(
          "--inferenceBatchSize must be >= 1 and --inferenceBatchMaxBytes >= one view ("
              + FLOATS_PER_VIEW * 4L
              + " bytes)");
    }
    this.model = model;
    this.provider = provider;
    this.maxBatchViews = maxBatchViews;
    this.maxBatchBytes = maxBatchBytes;
    this.defaultReferenceDepthMm = defaultReferenceDepthMm;
  }

  /** The network's {@code --model}. */
  public String model() {
    return model;
  }

  /** Where the network runs. */
  public ExecutionProvider provider() {
    return provider;
  }

  @Setup
  public void setup() {
    runner = DepthModelFiles.runner(model, provider);
  }

  @StartBundle
  public void startBundle() {
    pending = new ArrayList<>();
    pendingBytes = 0;
  }

  @ProcessElement
  public void process(
      @Element KV<String, ViewImage> element,
      @Timestamp Instant timestamp,
      BoundedWindow window,
      MultiOutputReceiver out) {
    ViewImage view = element.getValue();
    pending.add(
        new Pending(element.getKey(), view, view.image().resized(SIZE, SIZE), timestamp, window));
    pendingBytes += FLOATS_PER_VIEW * 4L;
    if (pending.size() >= maxBatchViews || pendingBytes + FLOATS_PER_VIEW * 4L > maxBatchBytes) {
      for (Outcome o : flush()) {
        if (o.depth() != null) {
          out.get(EstimateDepth.DEPTHS).output(o.depth());
        } else {
          out.get(EstimateDepth.FAILURES).output(o.failure());
        }
      }
    }
  }

  @FinishBundle
  public void finishBundle(FinishBundleContext context) {
    for (Outcome o : flush()) {
      Pending p = o.source();
      if (o.depth() != null) {
        context.output(EstimateDepth.DEPTHS, o.depth(), p.timestamp(), p.window());
      } else {
        context.output(EstimateDepth.FAILURES, o.failure(), p.timestamp(), p.window());
      }
    }
  }

  /** What became of one view of a batch: its depth, or its failure. */
  private record Outcome(Pending source, KV<String, ViewDepth> depth, FailureRecord failure) {}

  /** Runs the pending views as one batch. */
  private List<Outcome> flush() {
    List<Outcome> outcomes = new ArrayList<>();
    if (pending.isEmpty()) {
      return outcomes;
    }
    List<Pending> batch = pending;
    pending = new ArrayList<>();
    pendingBytes = 0;
    int n = batch.size();
    float[] input = new float[n * FLOATS_PER_VIEW];
    for (int b = 0; b < n; b++) {
      DepthModelRunner.fillInput(batch.get(b).input().packedRgb(), input, b * FLOATS_PER_VIEW);
    }
    DepthModelRunner.Outputs outputs;
    try {
      outputs = run(input, n);
    } catch (OrtException | RuntimeException e) {
      for (Pending p : batch) {
        failed.inc();
        outcomes.add(new Outcome(p, null, failure(p, e)));
      }
      return outcomes;
    }
    batches.inc();
    batchSizes.update(n);
    for (int b = 0; b < n; b++) {
      Pending p = batch.get(b);
      try {
        outcomes.add(new Outcome(p, KV.of(p.key(), toViewDepth(p, outputs, b)), null));
        inferred.inc();
      } catch (RuntimeException e) {
        failed.inc();
        outcomes.add(new Outcome(p, null, failure(p, e)));
      }
    }
    return outcomes;
  }

  private static FailureRecord failure(Pending p, Exception e) {
    return Failures.of(
        p.view().subjectId(), p.view().viewId(), "inference", p.view().view().getImageUri(), e);
  }

  /** Runs the network on {@code n} views, timing ONNX Runtime for the metrics. */
  private DepthModelRunner.Outputs run(float[] input, int n) throws OrtException {
    long start = System.nanoTime();
    long cpuStart = PROCESS.getProcessCpuTime();
    DepthModelRunner.Outputs outputs = runner.run(input, n);
    onnxMicros.inc((System.nanoTime() - start) / 1000);
    onnxCpuMicros.inc((PROCESS.getProcessCpuTime() - cpuStart) / 1000);
    return outputs;
  }

  private ViewDepth toViewDepth(Pending p, DepthModelRunner.Outputs outputs, int b) {
    View view = p.view().view();
    Camera camera = view.getCamera();
    Intrinsics inputIntrinsics = ProtoGeometry.resized(camera.getIntrinsics(), SIZE, SIZE);
    double referenceDepthMm =
        defaultReferenceDepthMm * inputIntrinsics.getFxPx() / DatasetFraming.FOCAL_PX;
    DecodedView decoded =
        DepthNetOutputDecoder.decode(
            outputs.depth(),
            outputs.mask(),
            outputs.landmarks(),
            outputs.visibility(),
            b,
            referenceDepthMm);
    Camera.Builder inputCameraProto = camera.toBuilder().setIntrinsics(inputIntrinsics);
    int landmarks = DepthNetContract.LANDMARK_COUNT;
    float[] px = new float[2 * landmarks];
    float[] z = new float[landmarks];
    boolean[] visible = new boolean[landmarks];
    for (int k = 0; k < landmarks; k++) {
      float x = decoded.landmarkXPx()[k];
      float y = decoded.landmarkYPx()[k];
      px[2 * k] = x;
      px[2 * k + 1] = y;
      int xi = Math.round(x);
      int yi = Math.round(y);
      boolean inside = xi >= 0 && yi >= 0 && xi < SIZE && yi < SIZE;
      z[k] = inside ? decoded.depthMm()[yi * SIZE + xi] : 0f;
      visible[k] = decoded.landmarkVisible(k) && z[k] > 0;
    }
    View inputView = view.toBuilder().setCamera(inputCameraProto).build();
    return new ViewDepth(
        inputView,
        p.input(),
        decoded.depthMm(),
        px,
        z,
        visible,
        ViewSignals.maskUncertainFraction(decoded.maskProbability()),
        referenceDepthMm);
  }
}
