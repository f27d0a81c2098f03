package io.headrecon.benchmarks;

import io.headrecon.model.DatasetFraming;
import io.headrecon.pipelines.ReconstructHeads;
import io.headrecon.pipelines.ReconstructHeadsOptions;
import io.headrecon.transforms.depth.EstimateDepth;
import io.headrecon.transforms.io.ListSubjects;
import io.headrecon.transforms.io.ReadViews;
import io.headrecon.transforms.records.SubjectInput;
import io.headrecon.transforms.records.ViewDepth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollectionTuple;

/**
 * The records the pipeline hands to fusion, captured in-process: {@link ListSubjects}, {@link
 * ReadViews} and {@link EstimateDepth} run on the DirectRunner exactly as in {@link
 * ReconstructHeads}, and each subject's manifest and views with depth are kept in memory (same
 * JVM), so that the later stages can be timed alone and repeatedly.
 */
final class CapturedSubjects {
  private CapturedSubjects() {}

  /** One subject as fusion receives it: its manifest and its views sorted by view id. */
  record Subject(SubjectInput input, List<ViewDepth> views) {
    String subjectId() {
      return input.subjectId();
    }
  }

  private static final Map<String, SubjectInput> INPUTS = new ConcurrentHashMap<>();
  private static final Map<String, List<ViewDepth>> VIEWS = new ConcurrentHashMap<>();

  /**
   * Runs the steps up to depth on {@code input} with the pipeline's options ({@code extraArgs},
   * e.g. {@code --depthSource=groundtruth}) and returns every subject, sorted by id.
   */
  static synchronized List<Subject> capture(String input, String... extraArgs) {
    INPUTS.clear();
    VIEWS.clear();
    List<String> args = new ArrayList<>(List.of("--input=" + input, "--output=unused"));
    args.addAll(List.of(extraArgs));
    ReconstructHeadsOptions options = ReconstructHeads.parseOptions(args.toArray(String[]::new));
    options.as(DirectOptions.class).setEnforceImmutability(false);
    Pipeline pipeline = Pipeline.create(options);
    PCollectionTuple listed = pipeline.apply("ListSubjects", ListSubjects.from(input));
    PCollectionTuple views =
        listed.get(ListSubjects.SUBJECTS).apply("ReadViews", ReconstructHeads.readViews(options));
    views.get(ReadViews.SUBJECTS).apply("KeepSubjects", ParDo.of(new KeepSubjectFn()));
    views
        .get(ReadViews.VIEWS)
        .apply("EstimateDepth", EstimateDepth.from(options, DatasetFraming.HEAD_DISTANCE_MM))
        .get(EstimateDepth.DEPTHS)
        .apply("KeepViews", ParDo.of(new KeepViewFn()));
    pipeline.run().waitUntilFinish();
    List<Subject> subjects = new ArrayList<>();
    for (Map.Entry<String, SubjectInput> e : new TreeMap<>(INPUTS).entrySet()) {
      List<ViewDepth> v = new ArrayList<>(VIEWS.getOrDefault(e.getKey(), List.of()));
      v.sort(Comparator.comparing(ViewDepth::viewId));
      subjects.add(new Subject(e.getValue(), List.copyOf(v)));
    }
    return subjects;
  }

  /** Keeps each subject's input (manifest). */
  static class KeepSubjectFn extends DoFn<SubjectInput, Void> {
    @ProcessElement
    public void process(@Element SubjectInput subject) {
      INPUTS.put(subject.subjectId(), subject);
    }
  }

  /** Keeps each view with depth under its subject. */
  static class KeepViewFn extends DoFn<KV<String, ViewDepth>, Void> {
    @ProcessElement
    public void process(@Element KV<String, ViewDepth> view) {
      VIEWS
          .computeIfAbsent(
              view.getKey(), k -> java.util.Collections.synchronizedList(new ArrayList<>()))
          .add(view.getValue());
    }
  }
}
