package io.headrecon.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.beam.sdk.PipelineResult;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The pipeline on a real Flink session cluster: a JobManager and a TaskManager in their own JVMs on
 * loopback ports ({@link FlinkSessionCluster}), the job submitted with {@code --runner=FlinkRunner
 * --flinkMaster=localhost:PORT --parallelism=2}; its outputs must equal the Direct runner's, also
 * when one subject's fusion fails on its first attempt and is retried.
 */
public class FlinkClusterTest {
  @ClassRule public static final TemporaryFolder TEMP = new TemporaryFolder();

  private static final java.time.Duration CLUSTER_START = java.time.Duration.ofSeconds(120);
  private static final org.joda.time.Duration JOB_LIMIT = org.joda.time.Duration.standardMinutes(5);

  private static FlinkSessionCluster cluster;
  private static Path input;
  private static Path direct;
  private static List<String> subjects;

  @BeforeClass
  public static void startClusterAndRunDirect() throws Exception {
    input = TEMP.newFolder("in").toPath();
    subjects = TestData.subjects().subList(0, 2);
    for (String subject : subjects) {
      TestData.copySubjectViews(subject, input, TestData.FEW_VIEWS);
    }
    direct = TEMP.getRoot().toPath().resolve("direct");
    PipelineResult result =
        ReconstructHeads.run(ReconstructHeadsTest.options(input.toString(), direct.toString()));
    assertThat(result.waitUntilFinish(JOB_LIMIT)).isEqualTo(PipelineResult.State.DONE);
    cluster = FlinkSessionCluster.start(TEMP.newFolder("flink").toPath(), 2, CLUSTER_START);
  }

  @AfterClass
  public static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  /**
   * One job (a job costs about a minute here, most of it staging the classpath): the second
   * subject's fusion fails on its first attempt, Flink restarts the job, and the outputs still
   * equal the Direct runner's, every subject written once and nothing partial left.
   */
  @Test
  public void sessionClusterRetriesAFailureAndWritesWhatTheDirectRunnerWrites() throws Exception {
    Path output = TEMP.getRoot().toPath().resolve("flink-out");
    Path marker = TEMP.getRoot().toPath().resolve("fail-once.marker");
    String failing = subjects.get(1);
    runOnCluster(
        output, "--failFusionOnceForSubject=" + failing, "--failFusionOnceMarker=" + marker);

    assertThat(marker).as("the injected failure ran").exists();
    assertThat(injectedFailuresSeenByFlink())
        .as("the JobManager's exception history holds the injected failure")
        .isGreaterThanOrEqualTo(1);
    assertSameOutputs(output);
    assertThat(RunOutputs.read(output).failures()).isEmpty();
  }

  private static void runOnCluster(Path output, String... extra) throws Exception {
    List<String> args = new ArrayList<>();
    args.add("--runner=FlinkRunner");
    args.add("--flinkMaster=" + cluster.master());
    args.add("--parallelism=2");
    args.add("--filesToStage=" + String.join(",", filesToStage()));
    args.addAll(List.of(extra));
    ReconstructHeadsOptions options =
        ReconstructHeadsTest.options(
            input.toString(), output.toString(), args.toArray(String[]::new));
    PipelineResult result = ReconstructHeads.run(options);
    PipelineResult.State state = result.waitUntilFinish(JOB_LIMIT);
    assertThat(state)
        .as("job state; taskmanager log:\n%s", cluster.logTail("taskmanager"))
        .isEqualTo(PipelineResult.State.DONE);
  }

  /**
   * The test classpath without what the cluster already has (Flink and its dependencies): the jars
   * and class folders the job needs; Beam zips the folders before staging.
   */
  private static List<String> filesToStage() throws IOException {
    Set<String> onCluster = new HashSet<>();
    for (String entry : FlinkSessionCluster.clusterClasspath()) {
      onCluster.add(Paths.get(entry).toAbsolutePath().normalize().toString());
    }
    List<String> files = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path path = Paths.get(entry).toAbsolutePath().normalize();
      if (Files.exists(path) && !onCluster.contains(path.toString())) {
        files.add(path.toString());
      }
    }
    return files;
  }

  /** How many failures in the exception histories of the cluster's jobs were injected ones. */
  private static int injectedFailuresSeenByFlink() throws Exception {
    Matcher jobs =
        Pattern.compile("\"jid\":\"([0-9a-f]+)\"").matcher(cluster.rest("/jobs/overview"));
    int injected = 0;
    while (jobs.find()) {
      String exceptions = cluster.rest("/jobs/" + jobs.group(1) + "/exceptions");
      injected += FlinkSessionCluster.countOccurrences(exceptions, "injected failure (test hook");
    }
    return injected;
  }

  /**
   * The same files as the Direct run (nothing partial or extra), byte-identical fused clouds, and
   * the same summary rows but for the timing column.
   */
  private static void assertSameOutputs(Path output) throws IOException {
    assertThat(relativeFiles(output)).isEqualTo(relativeFiles(direct));
    for (String subject : subjects) {
      assertThat(Files.readAllBytes(output.resolve(subject).resolve("fused.ply")))
          .as("%s/fused.ply", subject)
          .isEqualTo(Files.readAllBytes(direct.resolve(subject).resolve("fused.ply")));
    }
    assertThat(summaryWithoutTimings(output))
        .isEqualTo(summaryWithoutTimings(direct))
        .hasSize(subjects.size() + 1);
    assertThat(RunOutputs.read(output).statusBySubject())
        .containsOnlyKeys(subjects)
        .allSatisfy((subject, status) -> assertThat(status).isEqualTo("ok"));
  }

  private static Set<String> relativeFiles(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(Files::isRegularFile)
          .map(f -> root.relativize(f).toString())
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  /** summary.csv's lines, sorted, without the {@code total_ms} column. */
  private static List<String> summaryWithoutTimings(Path output) throws IOException {
    List<String> lines = Files.readAllLines(output.resolve("summary.csv"));
    int timing = List.of(lines.get(0).split(",", -1)).indexOf("total_ms");
    assertThat(timing).isNotNegative();
    return lines.stream()
        .map(
            line -> {
              List<String> cells = new ArrayList<>(List.of(line.split(",", -1)));
              cells.remove(timing);
              return String.join(",", cells);
            })
        .sorted()
        .toList();
  }
}
