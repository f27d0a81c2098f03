package io.headrecon.transforms.dataset;

import io.headrecon.proto.FailureRecord;
import io.headrecon.proto.SubjectManifest;
import io.headrecon.synth.dataset.DatasetSpec;
import io.headrecon.synth.dataset.SubjectGenerator;
import io.headrecon.synth.face.IctFaceModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Distribution;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Renders one subject (by index) and writes its files through Beam FileSystems under {@code
 * <output>/<subjectId>/}, the manifest last; outputs the manifest, or a {@link FailureRecord} on
 * {@link GenerateSubjects#FAILURES}.
 */
public class RenderSubjectFn extends DoFn<Integer, SubjectManifest> {
  private static final long serialVersionUID = 1L;

  /** One loaded model per JVM and location: it is 50 MB and immutable. */
  private static final Map<String, IctFaceModel> MODELS = new ConcurrentHashMap<>();

  private final Counter subjectsWritten = Metrics.counter(RenderSubjectFn.class, "subjectsWritten");
  private final Counter subjectsFailed = Metrics.counter(RenderSubjectFn.class, "subjectsFailed");
  private final Counter viewsRendered = Metrics.counter(RenderSubjectFn.class, "viewsRendered");
  private final Distribution subjectMillis =
      Metrics.distribution(RenderSubjectFn.class, "subjectMillis");

  private final DatasetSpec spec;
  private final TupleTag<FailureRecord> failures;
  private transient SubjectGenerator generator;

  RenderSubjectFn(DatasetSpec spec, TupleTag<FailureRecord> failures) {
    this.spec = spec;
    this.failures = failures;
  }

  /**
   * The model at {@code location} (local path, gs:// or s3://), loaded once per JVM.
   *
   * @throws io.headrecon.synth.face.FaceModelException naming the missing or bad file
   */
  public static IctFaceModel loadModel(String location) {
    return MODELS.computeIfAbsent(location, l -> IctFaceModel.load(new BeamFaceModelFiles(l)));
  }

  @Setup
  public void setup() {
    generator = new SubjectGenerator(loadModel(spec.faceModel()), spec);
  }

  @ProcessElement
  public void processElement(@Element Integer index, MultiOutputReceiver out) {
    String subjectId = DatasetSpec.subjectId(index);
    long start = System.nanoTime();
    String stage = "render";
    try {
      SubjectGenerator.Subject subject = generator.generate(index);
      stage = "write";
      ResourceId dir =
          FileSystems.matchNewResource(spec.output(), true)
              .resolve(subjectId, StandardResolveOptions.RESOLVE_DIRECTORY);
      for (SubjectGenerator.OutputFile file : subject.files()) {
        write(dir, file);
      }
      out.get(GenerateSubjects.MANIFESTS).output(subject.manifest());
      subjectsWritten.inc();
      viewsRendered.inc(subject.views().size());
      subjectMillis.update((System.nanoTime() - start) / 1_000_000);
    } catch (RuntimeException | IOException e) {
      subjectsFailed.inc();
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      out.get(failures)
          .output(
              FailureRecord.newBuilder()
                  .setSubjectId(subjectId)
                  .setStage(stage)
                  .setReason(subjectId + ": " + stage + " failed: " + e)
                  .setInputUri(spec.faceModel())
                  .setStackTrace(trace.toString())
                  .build());
    }
  }

  private static void write(ResourceId dir, SubjectGenerator.OutputFile file) throws IOException {
    ResourceId target = dir;
    String[] segments = file.relativePath().split("/");
    for (int i = 0; i < segments.length - 1; i++) {
      target = target.resolve(segments[i], StandardResolveOptions.RESOLVE_DIRECTORY);
    }
    target = target.resolve(segments[segments.length - 1], StandardResolveOptions.RESOLVE_FILE);
    try (WritableByteChannel channel = FileSystems.create(target, file.mimeType())) {
      ByteBuffer buffer = ByteBuffer.wrap(file.bytes());
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
    }
  }
}
