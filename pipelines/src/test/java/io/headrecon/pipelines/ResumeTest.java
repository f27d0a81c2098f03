package io.headrecon.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import io.headrecon.proto.FailureRecord;
import io.headrecon.transforms.io.Csv;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.beam.sdk.PipelineResult;
import org.assertj.core.groups.Tuple;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Reruns into the same --output: up-to-date subjects are skipped, changed ones redone, --overwrite
 * redoes all, and subjects that now fail lose their old outputs.
 */
public class ResumeTest {
  @Rule public final TemporaryFolder temp = new TemporaryFolder();

  /**
   * Runs the pipeline without the TSDF mesh (resuming does not depend on which files a subject has;
   * ReconstructHeadsTest covers mesh.ply), to keep the six runs of these tests short.
   */
  static PipelineResult run(Path input, Path output, String... extra) {
    String[] args = java.util.Arrays.copyOf(extra, extra.length + 1);
    args[extra.length] = "--meshVoxelMm=0";
    PipelineResult result =
        ReconstructHeads.run(
            ReconstructHeadsTest.options(input.toString(), output.toString(), args));
    assertThat(result.waitUntilFinish()).isEqualTo(PipelineResult.State.DONE);
    return result;
  }

  static long skipped(PipelineResult result) {
    return RunOutputs.counter(result, RunProgress.SKIPPED_COUNTER);
  }

  static long toDo(PipelineResult result) {
    return RunOutputs.counter(result, RunProgress.TO_DO_COUNTER);
  }

  @Test
  public void rerunSkipsUpToDateSubjectsAndRedoesWhatChanged() throws Exception {
    Path input = temp.newFolder("in").toPath();
    Path output = temp.getRoot().toPath().resolve("out");
    List<String> samples = TestData.subjects();
    for (String s : List.of("a", "b")) {
      TestData.copySubjectViewsAs(
          samples.get(s.equals("a") ? 0 : 1), s, input, TestData.THREE_VIEWS);
    }

    PipelineResult first = run(input, output);
    assertThat(skipped(first)).isZero();
    assertThat(toDo(first)).isEqualTo(2);
    RunOutputs firstRun = RunOutputs.read(output);
    assertThat(firstRun.statusBySubject()).containsOnlyKeys("a", "b").containsValues("ok");
    String digestA = firstRun.metrics("a").getInputDigest();
    String digestB = firstRun.metrics("b").getInputDigest();
    assertThat(digestA).startsWith("sha256:");
    byte[] summary = Files.readAllBytes(output.resolve("summary.csv"));
    byte[] metricsB = Files.readAllBytes(output.resolve("b/metrics.json"));
    byte[] fusedB = Files.readAllBytes(output.resolve("b/fused.ply"));

    // Nothing changed: both skipped, and the summary says the same.
    PipelineResult second = run(input, output);
    assertThat(skipped(second)).isEqualTo(2);
    assertThat(toDo(second)).isZero();
    assertThat(output.resolve("summary.csv")).hasBinaryContent(summary);

    // One input file of a changes: a is redone, b skipped and untouched.
    Path manifestA = input.resolve("a/manifest.json");
    Files.writeString(manifestA, Files.readString(manifestA) + "\n");
    PipelineResult third = run(input, output);
    assertThat(skipped(third)).isEqualTo(1);
    assertThat(toDo(third)).isEqualTo(1);
    RunOutputs thirdRun = RunOutputs.read(output);
    assertThat(thirdRun.statusBySubject()).containsOnlyKeys("a", "b").containsValues("ok");
    assertThat(thirdRun.metrics("a").getInputDigest()).startsWith("sha256:").isNotEqualTo(digestA);
    assertThat(output.resolve("b/metrics.json")).hasBinaryContent(metricsB);
    assertThat(output.resolve("b/fused.ply")).hasBinaryContent(fusedB);

    // An option that changes results redoes every subject; so does --overwrite.
    PipelineResult coarser = run(input, output, "--voxelSizeMm=2");
    assertThat(skipped(coarser)).isZero();
    assertThat(toDo(coarser)).isEqualTo(2);
    assertThat(RunOutputs.read(output).metrics("b").getInputDigest())
        .startsWith("sha256:")
        .isNotEqualTo(digestB);
    PipelineResult overwritten = run(input, output, "--voxelSizeMm=2", "--overwrite");
    assertThat(skipped(overwritten)).isZero();
    assertThat(toDo(overwritten)).isEqualTo(2);
    assertThat(skipped(run(input, output, "--voxelSizeMm=2"))).isEqualTo(2);
    assertThat(RunOutputs.read(output).temporaryNames()).isEmpty();
  }

  @Test
  public void subjectsThatNowFailLoseTheirOldOutputsAndSkippedOnesKeepTheirFailures()
      throws Exception {
    Path input = temp.newFolder("in").toPath();
    Path output = temp.getRoot().toPath().resolve("out");
    List<String> samples = TestData.subjects();
    Path corrupted =
        TestData.copySubjectViewsAs(samples.get(0), "corrupted", input, TestData.THREE_VIEWS);
    Path emptied =
        TestData.copySubjectViewsAs(samples.get(1), "emptied", input, TestData.THREE_VIEWS);
    // Kept: fuses from three views, one more view is truncated (a view-level failure).
    Path kept =
        TestData.copySubjectViewsAs(
            samples.get(2), "kept", input, "yaw_m010", "yaw_p000", "yaw_p010", "yaw_p020");
    Files.write(kept.resolve("yaw_p020.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
    // An unsafe subject id: quoted in summary.csv, read back whole.
    Files.createDirectories(input.resolve("bad,\"id\""));
    Files.write(input.resolve("bad,\"id\"/a.png"), new byte[] {1});

    run(input, output, "--writeViewOutputs");
    RunOutputs first = RunOutputs.read(output);
    assertThat(first.statusBySubject())
        .containsOnlyKeys("bad,\"id\"", "corrupted", "emptied", "kept")
        .containsEntry("corrupted", "ok")
        .containsEntry("emptied", "ok")
        .containsEntry("kept", "ok")
        .containsEntry("bad,\"id\"", "failed:list");
    assertThat(List.copyOf(first.statusBySubject().keySet()))
        .as("rows sorted by subject id")
        .containsExactly("bad,\"id\"", "corrupted", "emptied", "kept");
    assertThat(output.resolve("corrupted/views")).isDirectory();
    assertThat(output.resolve("kept/failures.jsonl")).exists();

    // corrupted: every photo now garbage; emptied: its photos are gone.
    try (Stream<Path> files = Files.list(corrupted)) {
      for (Path png : files.filter(f -> f.toString().endsWith(".png")).toList()) {
        Files.write(png, "not a png".getBytes(StandardCharsets.UTF_8));
      }
    }
    try (Stream<Path> files = Files.list(emptied)) {
      for (Path png : files.filter(f -> f.toString().endsWith(".png")).toList()) {
        Files.delete(png);
      }
    }

    PipelineResult rerun = run(input, output, "--writeViewOutputs");
    assertThat(skipped(rerun)).isEqualTo(1); // kept
    RunOutputs second = RunOutputs.read(output);
    assertThat(second.statusBySubject())
        .containsOnlyKeys("bad,\"id\"", "corrupted", "emptied", "kept")
        .containsEntry("corrupted", "failed:fusion")
        .containsEntry("emptied", "failed:list")
        .containsEntry("kept", "ok");
    for (String gone : List.of("corrupted", "emptied")) {
      assertThat(output.resolve(gone)).as(gone + " outputs removed").doesNotExist();
    }
    assertThat(output.resolve("kept/fused.ply")).exists();
    // The skipped subject's view failure is still reported, and the records are sorted.
    assertThat(second.failures())
        .extracting(FailureRecord::getSubjectId, FailureRecord::getViewId, FailureRecord::getStage)
        .containsExactly(
            Tuple.tuple("bad,\"id\"", "", "list"),
            Tuple.tuple("corrupted", "", "fusion"),
            Tuple.tuple("corrupted", "yaw_m010", "decode"),
            Tuple.tuple("corrupted", "yaw_p000", "decode"),
            Tuple.tuple("corrupted", "yaw_p010", "decode"),
            Tuple.tuple("emptied", "", "list"),
            Tuple.tuple("kept", "yaw_p020", "decode"));
    List<List<String>> rows = Csv.parse(Files.readString(output.resolve("summary.csv")));
    assertThat(rows.get(0)).hasSize(10);
    assertThat(rows).allSatisfy(row -> assertThat(row).hasSize(10));
    assertThat(second.temporaryNames()).isEmpty();
  }
}
