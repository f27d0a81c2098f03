package io.headrecon.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import io.headrecon.geometry.PointCloud;
import io.headrecon.geometry.io.Ply;
import io.headrecon.proto.ProtoJson;
import io.headrecon.proto.SubjectMetrics;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.beam.sdk.PipelineResult;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A run killed midway (a separate JVM, killed once the first subject is written) leaves no partial
 * subject, and the rerun completes every subject, skipping those already done.
 */
public class KillMidwayTest {
  @Rule public final TemporaryFolder temp = new TemporaryFolder();

  /** Longest wait for the first subject's outputs before killing anyway, seconds. */
  static final long FIRST_OUTPUT_WAIT_S = 300;

  static final int SUBJECTS = 6;

  @Test
  public void killedRunLeavesNoPartialSubjectAndTheRerunCompletesIt() throws Exception {
    Path input = temp.newFolder("in").toPath();
    Path output = temp.getRoot().toPath().resolve("out");
    List<String> samples = TestData.subjects();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < SUBJECTS; i++) {
      String id = "s" + i;
      ids.add(id);
      TestData.copySubjectViewsAs(samples.get(i % samples.size()), id, input, TestData.THREE_VIEWS);
    }

    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Path log = temp.getRoot().toPath().resolve("child.log");
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g",
                "-cp",
                classpath,
                ReconstructHeads.class.getName(),
                "--input=" + input,
                "--output=" + output,
                "--depthSource=groundtruth",
                "--writeViewOutputs")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    boolean exitedByItself;
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(FIRST_OUTPUT_WAIT_S);
      while (completeSubjects(output).isEmpty()
          && child.isAlive()
          && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      exitedByItself = !child.isAlive();
    } finally {
      child.destroyForcibly();
      child.waitFor(60, TimeUnit.SECONDS);
    }
    assertThat(child.isAlive()).isFalse();

    // What the killed run left: every subject folder is complete or absent.
    List<String> done = completeSubjects(output);
    System.out.printf(
        "KillMidwayTest: %d of %d subjects complete when the run was killed%s%n",
        done.size(), SUBJECTS, exitedByItself ? " (it had exited by itself)" : "");
    for (String id : ids) {
      Path folder = output.resolve(id);
      if (!done.contains(id)) {
        assertThat(folder).as(id + " incomplete, so absent").doesNotExist();
        continue;
      }
      assertComplete(folder);
    }

    PipelineResult rerun =
        ReconstructHeads.run(
            ReconstructHeadsTest.options(
                input.toString(), output.toString(), "--writeViewOutputs"));
    assertThat(rerun.waitUntilFinish()).isEqualTo(PipelineResult.State.DONE);
    assertThat(RunOutputs.counter(rerun, RunProgress.SKIPPED_COUNTER)).isEqualTo(done.size());
    assertThat(RunOutputs.counter(rerun, RunProgress.TO_DO_COUNTER))
        .isEqualTo(SUBJECTS - done.size());
    RunOutputs run = RunOutputs.read(output);
    assertThat(run.statusBySubject()).containsOnlyKeys(ids).containsValues("ok");
    assertThat(List.copyOf(run.statusBySubject().values())).containsOnly("ok");
    for (String id : ids) {
      assertComplete(output.resolve(id));
    }
    assertThat(run.temporaryNames()).isEmpty();
  }

  /** Subjects whose folder holds a metrics.json, the commit marker. */
  static List<String> completeSubjects(Path output) throws IOException {
    if (!Files.isDirectory(output)) {
      return List.of();
    }
    try (Stream<Path> dirs = Files.list(output)) {
      return dirs.filter(d -> Files.exists(d.resolve("metrics.json")))
          .map(d -> d.getFileName().toString())
          .filter(name -> !name.startsWith("."))
          .sorted()
          .toList();
    }
  }

  /** A subject folder with parseable metrics, a whole fused cloud and its per-view outputs. */
  static void assertComplete(Path folder) throws IOException {
    String id = folder.getFileName().toString();
    SubjectMetrics metrics =
        ProtoJson.fromJson(
            Files.readString(folder.resolve("metrics.json")),
            SubjectMetrics.newBuilder(),
            id + "/metrics.json");
    assertThat(metrics.getSubjectId()).isEqualTo(id);
    assertThat(metrics.getInputDigest()).startsWith("sha256:");
    PointCloud fused;
    try (InputStream in = Files.newInputStream(folder.resolve("fused.ply"))) {
      fused = Ply.readCloud(in, id + "/fused.ply");
    }
    assertThat(fused.size()).isEqualTo(metrics.getFusedPointCount()).isPositive();
    File[] views = folder.resolve("views").toFile().listFiles();
    assertThat(views).as(id + "/views").isNotNull().hasSizeGreaterThanOrEqualTo(2);
  }
}
