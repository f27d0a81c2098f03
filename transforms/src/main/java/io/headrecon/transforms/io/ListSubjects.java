package io.headrecon.transforms.io;

import io.headrecon.proto.Contracts;
import io.headrecon.proto.FailureRecord;
import io.headrecon.transforms.records.SubjectFiles;
import io.headrecon.transforms.records.SubjectFilesCoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.extensions.protobuf.ProtoCoder;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Finds the subjects under an input prefix or glob: one {@link SubjectFiles} per subject folder.
 */
public class ListSubjects extends PTransform<PBegin, PCollectionTuple> {
  public static final TupleTag<SubjectFiles> SUBJECTS = new TupleTag<>() {};
  public static final TupleTag<FailureRecord> FAILURES = new TupleTag<>() {};

  static final String MANIFEST = "manifest.json";

  private final String input;

  private ListSubjects(String input) {
    this.input = input;
  }

  /**
   * Lists {@code <input>/<subjectId>/<viewId>.(png|jpg|jpeg)} and {@code manifest.json}; {@code
   * input} is a prefix (local path, gs:// or s3://) or a glob matching subject folders.
   */
  public static ListSubjects from(String input) {
    return new ListSubjects(input);
  }

  /** The file pattern that matches every file directly inside each subject folder. */
  static String filePattern(String input) {
    String base = input.endsWith("/") ? input.substring(0, input.length() - 1) : input;
    return base.contains("*") ? base + "/*" : base + "/*/*";
  }

  @Override
  public PCollectionTuple expand(PBegin begin) {
    PCollectionTuple result =
        begin
            .apply(
                "MatchFiles",
                FileIO.match()
                    .filepattern(filePattern(input))
                    .withEmptyMatchTreatment(EmptyMatchTreatment.ALLOW))
            .apply("KeyBySubjectFolder", ParDo.of(new KeyBySubjectFolderFn()))
            .apply("GroupBySubjectFolder", GroupByKey.create())
            .apply(
                "AssembleSubjects",
                ParDo.of(new AssembleSubjectFn())
                    .withOutputTags(SUBJECTS, TupleTagList.of(FAILURES)));
    result.get(SUBJECTS).setCoder(SubjectFilesCoder.of());
    result.get(FAILURES).setCoder(ProtoCoder.of(FailureRecord.class));
    return result;
  }

  /** Keys each matched file by the URI of the folder it sits in. */
  static class KeyBySubjectFolderFn extends DoFn<MatchResult.Metadata, KV<String, String>> {
    @ProcessElement
    public void process(
        @Element MatchResult.Metadata file, OutputReceiver<KV<String, String>> out) {
      if (file.resourceId().isDirectory()) {
        return;
      }
      String uri = file.resourceId().toString();
      int slash = uri.lastIndexOf('/');
      out.output(KV.of(uri.substring(0, slash + 1), uri));
    }
  }

  /** Turns a folder's files into a {@link SubjectFiles}, or a failure when it cannot be one. */
  static class AssembleSubjectFn extends DoFn<KV<String, Iterable<String>>, SubjectFiles> {
    private final Counter subjects = Metrics.counter(ListSubjects.class, "subjectsFound");
    private final Counter failed = Metrics.counter(ListSubjects.class, "subjectsRejected");
    private final Counter duplicates = Metrics.counter(ListSubjects.class, "duplicateViews");

    @ProcessElement
    public void process(@Element KV<String, Iterable<String>> folder, MultiOutputReceiver out) {
      String folderUri = folder.getKey();
      String trimmed = folderUri.substring(0, folderUri.length() - 1);
      String subjectId = trimmed.substring(trimmed.lastIndexOf('/') + 1);
      if (!Contracts.isSafeId(subjectId)) {
        failed.inc();
        out.get(FAILURES)
            .output(
                Failures.of(
                    subjectId,
                    "",
                    "list",
                    folderUri,
                    "subject id '"
                        + subjectId
                        + "' is not a safe id (letters, digits, '-', '_',"
                        + " '.'; not '..')"));
        return;
      }
      String manifest = null;
      Map<String, List<String>> imagesByView = new TreeMap<>();
      for (String uri : folder.getValue()) {
        String name = uri.substring(uri.lastIndexOf('/') + 1);
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals(MANIFEST)) {
          manifest = uri;
        } else if (lower.endsWith(".png") || lower.endsWith(".jpg") || lower.endsWith(".jpeg")) {
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
                    "subject folder has no .png/.jpg/.jpeg images"));
        return;
      }
      subjects.inc();
      out.get(SUBJECTS).output(new SubjectFiles(subjectId, folderUri, images, manifest));
    }
  }
}
