package io.headrecon.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.beam.sdk.PipelineResult;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The same end-to-end pipeline on the embedded Flink runner with parallelism 2. */
public class FlinkRunnerTest {
  @Rule public final TemporaryFolder temp = new TemporaryFolder();

  @Test
  public void reconstructsOnEmbeddedFlink() throws Exception {
    Path input = temp.newFolder("in").toPath();
    Path output = temp.getRoot().toPath().resolve("out");
    String subject = TestData.subjects().get(2);
    TestData.copySubjectViews(subject, input, TestData.FEW_VIEWS);
    Files.createDirectories(input.resolve("empty-subject"));
    Files.writeString(input.resolve("empty-subject/notes.txt"), "no images");

    ReconstructHeadsOptions options =
        ReconstructHeadsTest.options(
            input.toString(),
            output.toString(),
            "--runner=FlinkRunner",
            "--flinkMaster=[local]",
            "--parallelism=2");
    PipelineResult result = ReconstructHeads.run(options);
    assertThat(result.waitUntilFinish()).isEqualTo(PipelineResult.State.DONE);

    RunOutputs run = RunOutputs.read(output);
    assertThat(run.statusBySubject())
        .containsOnlyKeys(subject, "empty-subject")
        .containsEntry(subject, "ok")
        .containsEntry("empty-subject", "failed:list");
    assertThat(run.metrics(subject).getChamferMeanMm()).isLessThan(1.5);
    assertThat(run.metrics(subject).getViewsRegistered()).isEqualTo(TestData.FEW_VIEWS.length);
  }
}
