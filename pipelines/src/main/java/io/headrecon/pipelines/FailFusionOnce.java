package io.headrecon.pipelines;

import io.headrecon.transforms.records.SubjectResult;
import io.headrecon.transforms.records.SubjectResultCoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;

/**
 * Test hook, applied only with {@code --failFusionOnceForSubject}: fails the bundle that carries
 * one subject's fusion result the first time it is seen, so that the runner must retry it.
 *
 * <p>The first attempt creates a local marker file and throws (outside the per-subject failure
 * handling, so the failure reaches the runner rather than {@code failures.jsonl}); every later
 * attempt finds the marker and passes the result on unchanged.
 */
final class FailFusionOnce
    extends PTransform<PCollection<SubjectResult>, PCollection<SubjectResult>> {
  private final String subjectId;
  private final String markerPath;

  private FailFusionOnce(String subjectId, String markerPath) {
    this.subjectId = subjectId;
    this.markerPath = markerPath;
  }

  /**
   * @param subjectId the subject whose fusion fails once
   * @param markerPath local file created by the failing attempt; must not exist before the run
   */
  static FailFusionOnce of(String subjectId, String markerPath) {
    if (markerPath == null || markerPath.isEmpty()) {
      throw new IllegalArgumentException(
          "--failFusionOnceForSubject needs --failFusionOnceMarker (a local file path)");
    }
    return new FailFusionOnce(subjectId, markerPath);
  }

  @Override
  public PCollection<SubjectResult> expand(PCollection<SubjectResult> results) {
    return results
        .apply("FailOnce", ParDo.of(new FailOnceFn(subjectId, markerPath)))
        .setCoder(SubjectResultCoder.of());
  }

  /** Throws for the chosen subject while its marker file does not exist yet, creating it. */
  static final class FailOnceFn extends DoFn<SubjectResult, SubjectResult> {
    private final Counter injected = Metrics.counter(FailFusionOnce.class, "failuresInjected");
    private final Counter passed = Metrics.counter(FailFusionOnce.class, "subjectsPassed");
    private final String subjectId;
    private final String markerPath;

    FailOnceFn(String subjectId, String markerPath) {
      this.subjectId = subjectId;
      this.markerPath = markerPath;
    }

    @ProcessElement
    public void process(@Element SubjectResult result, OutputReceiver<SubjectResult> out) {
      if (result.subjectId().equals(subjectId) && createMarker()) {
        injected.inc();
        throw new IllegalStateException(
            "injected failure (test hook --failFusionOnceForSubject) in the fusion of "
                + subjectId
                + "; marker "
                + markerPath);
      }
      passed.inc();
      out.output(result);
    }

    /** True when this call created the marker, i.e. on the first attempt only. */
    private boolean createMarker() {
      Path marker = Paths.get(markerPath);
      try {
        Files.createDirectories(marker.toAbsolutePath().getParent());
        Files.createFile(marker);
        return true;
      } catch (FileAlreadyExistsException e) {
        return false;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
