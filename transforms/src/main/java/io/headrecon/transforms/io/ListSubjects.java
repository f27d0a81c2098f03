package io.headrecon.transforms.io;

import io.headrecon.proto.Contracts;
import io.headrecon.proto.FailureRecord;
import io.headrecon.transforms.records.SubjectFiles;
import io.headrecon.transforms.records.SubjectFilesCoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.extensions.protobuf.ProtoCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Finds the subjects under an input folder (or glob): one {@link SubjectFiles} per subject id, or
 * one failure record saying why it cannot be one.
 */
public class ListSubjects extends PTransform<PBegin, PCollectionTuple> {
  public static final TupleTag<SubjectFiles> SUBJECTS = new TupleTag<>() {};
  public static final TupleTag<FailureRecord> FAILURES = new TupleTag<>() {};

  static final TupleTag<KV<String, String>> ENTRIES = new TupleTag<>() {};
  static final TupleTag<FailureRecord> LIST_FAILURES = new TupleTag<>() {};

  /**
   * Names the run writes directly under {@code --output}; a subject folder of such a name would
   * collide with them (compared ignoring case). Beam's temporary folders start with {@code
   * .temp-beam}.
   */
  public static final List<String> RUN_OUTPUT_NAMES =
      List.of("summary.csv", "failures.jsonl", "report", "report.html");

  private final String input;
  private final boolean glob;

  private ListSubjects(String input, boolean glob) {
    this.input = input;
    this.glob = glob;
  }

  /**
   * Lists {@code <input>/<subjectId>/<viewId>.(png|jpg|jpeg|tif|tiff)} and {@code manifest.json};
   * {@code input} is a literal folder (local path, gs:// or s3://).
   */
  public static ListSubjects from(String input) {
    return new ListSubjects(input, false);
  }

  /** Lists the subject folders that the glob {@code pattern} matches. */
  public static ListSubjects fromGlob(String pattern) {
    return new ListSubjects(pattern, true);
  }

  /** Whether a subject id collides with a file the run writes under {@code --output}. */
  public static boolean isRunOutputName(String subjectId) {
    String lower = subjectId.toLowerCase(Locale.ROOT);
    return RUN_OUTPUT_NAMES.contains(lower) || lower.startsWith(".temp-beam");
  }

  @Override
  public PCollectionTuple expand(PBegin begin) {
    PCollectionTuple listed =
        begin
            .apply("Input", Create.of(input))
            .apply(
                "ListSubjectFolders",
                ParDo.of(new ListSubjectFoldersFn(glob))
                    .withOutputTags(ENTRIES, TupleTagList.of(LIST_FAILURES)));
    listed.get(ENTRIES).setCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()));
    listed.get(LIST_FAILURES).setCoder(ProtoCoder.of(FailureRecord.class));
    PCollectionTuple assembled =
        listed
            .get(ENTRIES)
            .apply("GroupBySubjectId", GroupByKey.create())
            .apply(
                "AssembleSubjects",
                ParDo.of(new AssembleSubjectFn())
                    .withOutputTags(SUBJECTS, TupleTagList.of(FAILURES)));
    assembled.get(SUBJECTS).setCoder(SubjectFilesCoder.of());
    assembled.get(FAILURES).setCoder(ProtoCoder.of(FailureRecord.class));
    PCollection<FailureRecord> failures =
        PCollectionList.of(listed.get(LIST_FAILURES))
            .and(assembled.get(FAILURES))
            .apply("FlattenListFailures", Flatten.pCollections());
    return PCollectionTuple.of(SUBJECTS, assembled.get(SUBJECTS)).and(FAILURES, failures);
  }

  /**
   * Lists the input ({@link SubjectListing}): each subject folder and its photos and manifest keyed
   * by subject id; unreadable entries become failures.
   */
  static class ListSubjectFoldersFn extends DoFn<String, KV<String, String>> {
    private final Counter entries = Metrics.counter(ListSubjects.class, "entriesListed");
    private final Counter rejected = Metrics.counter(ListSubjects.class, "entriesRejected");
    private final boolean glob;

    ListSubjectFoldersFn(boolean glob) {
      this.glob = glob;
    }

    @ProcessElement
    public void process(@Element String input, MultiOutputReceiver out) {
      try {
        SubjectListing.list(
            input,
            glob,
            new SubjectListing.Sink() {
              @Override
              public void entry(String subjectId, String uri) {
                entries.inc();
                out.get(ENTRIES).output(KV.of(subjectId, uri));
              }

              @Override
              public void failure(FailureRecord failure) {
                rejected.inc();
                out.get(LIST_FAILURES).output(failure);
              }
            });
      } catch (IOException e) {
        // The input as a whole cannot be listed: the run fails (the launcher checked it first).
        throw new UncheckedIOException("cannot list --input " + input, e);
      }
    }
  }

  /** Turns one subject id's folder and files into a {@link SubjectFiles}, or a failure. */
  static class AssembleSubjectFn extends DoFn<KV<String, Iterable<String>>, SubjectFiles> {
    private final Counter subjects = Metrics.counter(ListSubjects.class, "subjectsFound");
    private final Counter failed = Metrics.counter(ListSubjects.class, "subjectsRejected");
    private final Counter duplicates = Metrics.counter(ListSubjects.class, "duplicateViews");

    @ProcessElement
    public void process(@Element KV<String, Iterable<String>> subject, MultiOutputReceiver out) {
      String subjectId = subject.getKey();
      TreeSet<String> folders = new TreeSet<>();
      List<String> files = new ArrayList<>();
      for (String uri : subject.getValue()) {
        (uri.endsWith("/") ? folders : files).add(uri);
      }
      if (folders.isEmpty()) {
        return; // cannot happen: the listing names the folder before its files
      }
      String folderUri = folders.first();
      String rejection = null;
      if (folders.size() > 1) {
        rejection =
            "subject id '"
                + subjectId
                + "' found in "
                + folders.size()
                + " folders: "
                + String.join(", ", folders)
                + " (subject ids must be unique across the input)";
      } else if (!Contracts.isSafeId(subjectId)) {
        rejection =
            "subject id '"
                + subjectId
                + "' is not a safe id (letters, digits, '-', '_', '.'; not '..')";
      } else if (isRunOutputName(subjectId)) {
        rejection =
            "subject id '"
                + subjectId
                + "' collides with a run-level output name ("
                + String.join(", ", RUN_OUTPUT_NAMES)
                + ")";
      }
      if (rejection != null) {
        failed.inc();
        out.get(FAILURES).output(Failures.of(subjectId, "", "list", folderUri, rejection));
        return;
      }
      String manifest = null;
      Map<String, List<String>> imagesByView = new TreeMap<>();
      for (String uri : files) {
        if (SubjectListing.kindOf(uri.substring(uri.lastIndexOf('/') + 1))
            == SubjectListing.Kind.MANIFEST) {
          manifest = uri;
        } else {
          imagesByView.computeIfAbsent(SubjectFiles.viewIdOf(uri), k -> new ArrayList<>()).add(uri);
        }
      }
      List<String> images = new ArrayList<>();
      for (Map.Entry<String, List<String>> view : imagesByView.entrySet()) {
        List<String> uris = view.getValue();
        uris.sort(null);
        images.add(uris.get(0));
        for (String extra : uris.subList(1, uris.size())) {
          duplicates.inc();
          out.get(FAILURES)
              .output(
                  Failures.of(
                      subjectId,
                      view.getKey(),
                      "list",
                      extra,
                      "duplicate view id '"
                          + view.getKey()
                          + "': also "
                          + uris.get(0)
                          + " (kept)"));
        }
      }
      if (images.isEmpty()) {
        failed.inc();
        out.get(FAILURES)
            .output(
                Failures.of(
                    subjectId,
                    "",
                    "list",
                    folderUri,
                    "subject folder has no .png/.jpg/.jpeg images (nor .tif/.tiff)"));
        return;
      }
      if (images.size() > Contracts.MAX_VIEWS) {
        failed.inc();
        out.get(FAILURES)
            .output(
                Failures.of(
                    subjectId,
                    "",
                    "list",
                    folderUri,
                    "subject folder has "
                        + images.size()
                        + " photos, more than the "
                        + Contracts.MAX_VIEWS
                        + " views one subject may have"));
        return;
      }
      subjects.inc();
      out.get(SUBJECTS).output(new SubjectFiles(subjectId, folderUri, images, manifest));
    }
  }
}
