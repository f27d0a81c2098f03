package io.headrecon.transforms.io;

import io.headrecon.proto.FailureRecord;
import io.headrecon.proto.ProtoJson;
import io.headrecon.proto.SubjectMetrics;
import io.headrecon.transforms.records.SubjectFiles;
import io.headrecon.transforms.records.SubjectFilesCoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.extensions.protobuf.ProtoCoder;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Resumes a run: skips subjects whose outputs under {@code --output} are complete and were made
 * from the same inputs and options ({@link InputDigest}), before anything is decoded; removes the
 * outputs of the others (they are redone) and what a killed run left of them.
 */
public class SkipCompleteSubjects extends PTransform<PCollection<SubjectFiles>, PCollectionTuple> {
  /** Subjects to reconstruct. */
  public static final TupleTag<SubjectFiles> TO_RECONSTRUCT = new TupleTag<>() {};

  /** The input digest of every subject to reconstruct (empty when it could not be computed). */
  public static final TupleTag<KV<String, String>> DIGESTS = new TupleTag<>() {};

  /** Summary rows of skipped subjects, from their stored {@code metrics.json}. */
  public static final TupleTag<String> SKIPPED_ROWS = new TupleTag<>() {};

  /** The stored view-level failures of skipped subjects ({@code <subjectId>/failures.jsonl}). */
  public static final TupleTag<FailureRecord> SKIPPED_FAILURES = new TupleTag<>() {};

  /** Largest stored metrics.json or per-subject failures.jsonl read, bytes. */
  static final long MAX_STORED_BYTES = 64L << 20;

  private final String output;
  private final String options;
  private final boolean overwrite;

  private SkipCompleteSubjects(String output, String options, boolean overwrite) {
    this.output = output;
    this.options = options;
    this.overwrite = overwrite;
  }

  /**
   * @param output the run's output prefix
   * @param options the canonical text of the options that change results ({@link
   *     InputDigest#options})
   * @param overwrite redo every subject, whatever is stored
   */
  public static SkipCompleteSubjects in(String output, String options, boolean overwrite) {
    return new SkipCompleteSubjects(output, options, overwrite);
  }

  @Override
  public PCollectionTuple expand(PCollection<SubjectFiles> subjects) {
    PCollectionTuple result =
        subjects.apply(
            "CompareWithStoredOutputs",
            ParDo.of(new SkipCompleteSubjectFn(output, options, overwrite))
                .withOutputTags(
                    TO_RECONSTRUCT,
                    TupleTagList.of(DIGESTS).and(SKIPPED_ROWS).and(SKIPPED_FAILURES)));
    result.get(TO_RECONSTRUCT).setCoder(SubjectFilesCoder.of());
    result.get(DIGESTS).setCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()));
    result.get(SKIPPED_ROWS).setCoder(StringUtf8Coder.of());
    result.get(SKIPPED_FAILURES).setCoder(ProtoCoder.of(FailureRecord.class));
    return result;
  }

  /**
   * The stored outputs of a complete subject: its metrics and view-level failures, or null when its
   * folder has no readable commit marker, another digest, or no fused cloud.
   */
  static StoredSubject readStored(String output, String subjectId, String digest) {
    String folder = BeamFiles.join(output, subjectId + "/");
    try {
      if (!exists(folder + OutputFiles.METRICS_JSON)) {
        return null;
      }
      SubjectMetrics metrics =
          ProtoJson.fromJson(
              new String(
                  BeamFiles.read(folder + OutputFiles.METRICS_JSON, MAX_STORED_BYTES),
                  StandardCharsets.UTF_8),
              SubjectMetrics.newBuilder(),
              folder + OutputFiles.METRICS_JSON);
      if (!metrics.getSubjectId().equals(subjectId)
          || !metrics.getInputDigest().equals(digest)
          || !exists(folder + "fused.ply")) {
        return null;
      }
      List<FailureRecord> failures = new ArrayList<>();
      if (exists(folder + WriteResults.SUBJECT_FAILURES)) {
        String text =
            new String(
                BeamFiles.read(folder + WriteResults.SUBJECT_FAILURES, MAX_STORED_BYTES),
                StandardCharsets.UTF_8);
        for (String line : text.split("\n")) {
          if (!line.isBlank()) {
            failures.add(ProtoJson.fromJson(line, FailureRecord.newBuilder(), folder));
          }
        }
      }
      return new StoredSubject(metrics, failures);
    } catch (IOException | RuntimeException e) {
      return null; // unreadable: redone
    }
  }

  private static boolean exists(String uri) throws IOException {
    MatchResult match = FileSystems.match(uri);
    return match.status() == MatchResult.Status.OK && !match.metadata().isEmpty();
  }

  /** A complete subject's stored metrics and view-level failures. */
  record StoredSubject(SubjectMetrics metrics, List<FailureRecord> failures) {}

  /** Skips one subject when its stored outputs match, else clears them and passes it on. */
  static class SkipCompleteSubjectFn extends DoFn<SubjectFiles, SubjectFiles> {
    private final Counter skipped =
        Metrics.counter(SkipCompleteSubjects.class, "subjectsSkippedUpToDate");
    private final Counter toDo = Metrics.counter(SkipCompleteSubjects.class, "subjectsToDo");
    private final Counter undigested =
        Metrics.counter(SkipCompleteSubjects.class, "subjectsWithoutDigest");
    private final String output;
    private final String options;
    private final boolean overwrite;

    SkipCompleteSubjectFn(String output, String options, boolean overwrite) {
      this.output = output;
      this.options = options;
      this.overwrite = overwrite;
    }

    @ProcessElement
    public void process(@Element SubjectFiles subject, MultiOutputReceiver out) throws IOException {
      String id = subject.subjectId();
      OutputFiles.cleanLeftovers(output, id);
      String digest;
      try {
        digest = InputDigest.of(options, subject.folderUri());
      } catch (IOException | RuntimeException e) {
        // Redone without a digest (never skipped); reading its files will say what is wrong.
        undigested.inc();
        digest = "";
      }
      if (!overwrite && !digest.isEmpty()) {
        StoredSubject stored = readStored(output, id, digest);
        if (stored != null) {
          skipped.inc();
          out.get(SKIPPED_ROWS).output(WriteResults.summaryRow(stored.metrics()));
          stored.failures().forEach(out.get(SKIPPED_FAILURES)::output);
          return;
        }
      }
      OutputFiles.removeSubject(output, id);
      toDo.inc();
      out.get(DIGESTS).output(KV.of(id, digest));
      out.get(TO_RECONSTRUCT).output(subject);
    }
  }
}
