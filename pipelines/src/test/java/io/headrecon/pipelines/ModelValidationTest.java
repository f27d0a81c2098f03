package io.headrecon.pipelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.headrecon.model.DepthModelRunner;
import io.headrecon.model.ExecutionProvider;
import io.headrecon.transforms.depth.DepthModelFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The launcher checks the model on the CPU whatever {@code --executionProvider} says; workers then
 * use the requested provider. Runs on a machine without CUDA (the CPU build of ONNX Runtime).
 */
class ModelValidationTest {
  @TempDir Path temp;

  @BeforeEach
  void cpuBuild() {
    assumeFalse(
        OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA),
        "these checks need a machine without CUDA");
  }

  /** Options over an input with one real (trimmed) subject, so that only the model can fail. */
  private ReconstructHeadsOptions options(String... extra) throws java.io.IOException {
    if (!java.nio.file.Files.exists(temp.resolve("in"))) {
      TestData.copySubjectViews(TestData.subjects().get(0), temp.resolve("in"), TestData.FEW_VIEWS);
    }
    List<String> args =
        new java.util.ArrayList<>(
            List.of("--input=" + temp.resolve("in"), "--output=" + temp.resolve("out")));
    args.addAll(List.of(extra));
    return ReconstructHeads.parseOptions(args.toArray(String[]::new));
  }

  @Test
  void cudaJobPassesLauncherValidationWithoutAGpuAndItsWorkersWouldSayCudaIsMissing()
      throws Exception {
    ReconstructHeadsOptions options = options("--executionProvider=cuda");
    assertThat(options.getExecutionProvider()).isEqualTo(ExecutionProvider.cuda);

    DepthModelRunner checked = ReconstructHeads.validateModel(options);
    assertThat(checked.provider()).isEqualTo(ExecutionProvider.cpu);
    assertThat(checked.model()).isEqualTo(DepthModelRunner.SHIPPED_MODEL);

    // what a worker of that job without CUDA does when it sets up ModelDepthFn
    assertThatThrownBy(() -> DepthModelFiles.runner(options.getModel(), ExecutionProvider.cuda))
        .isInstanceOf(DepthModelRunner.ModelLoadException.class)
        .hasMessageContaining("CUDA is not available");
  }

  @Test
  void corruptModelFailsAtLaunchNamingTheFileEvenForACudaJob() throws Exception {
    Path corrupt = temp.resolve("corrupt.onnx");
    Files.write(corrupt, Arrays.copyOf(DepthModelRunner.shippedModelBytes(), 4096));
    ReconstructHeadsOptions options = options("--executionProvider=cuda", "--model=" + corrupt);

    assertThatThrownBy(() -> ReconstructHeads.run(options))
        .isInstanceOf(DepthModelRunner.ModelLoadException.class)
        .hasMessageContaining("model " + corrupt + " is not a valid ONNX model");
  }

  @Test
  void missingModelFailsAtLaunchNamingIt() throws Exception {
    Path missing = temp.resolve("nope/model.onnx");
    ReconstructHeadsOptions options = options("--model=" + missing);

    assertThatThrownBy(() -> ReconstructHeads.run(options))
        .isInstanceOf(DepthModelRunner.ModelLoadException.class)
        .hasMessageContaining("cannot read model " + missing);
  }

  @Test
  void autoWithoutCudaSaysInOneInfoLineThatTheCpuRuns() throws Exception {
    // a model file of its own, so that no other test has created its sessions yet
    Path model = temp.resolve("model.onnx");
    Files.write(model, DepthModelRunner.shippedModelBytes());
    Logger logger = (Logger) LoggerFactory.getLogger(DepthModelRunner.class);
    ListAppender<ILoggingEvent> events = new ListAppender<>();
    events.start();
    Level level = logger.getLevel();
    logger.setLevel(Level.INFO);
    logger.addAppender(events);
    try {
      // the launcher's check, then two workers' setups in the same JVM
      ReconstructHeads.validateModel(options("--model=" + model));
      DepthModelRunner first = DepthModelFiles.runner(model.toString(), ExecutionProvider.auto);
      DepthModelRunner second = DepthModelFiles.runner(model.toString(), ExecutionProvider.auto);
      assertThat(second).isSameAs(first);
      assertThat(first.provider()).isEqualTo(ExecutionProvider.cpu);
    } finally {
      logger.detachAppender(events);
      logger.setLevel(level);
    }
    assertThat(events.list).hasSize(1);
    ILoggingEvent line = events.list.get(0);
    assertThat(line.getLevel()).isEqualTo(Level.INFO);
    assertThat(line.getFormattedMessage())
        .contains(model.toString())
        .contains("on the CPU")
        .doesNotContain("ORT_")
        .doesNotContain("Error code")
        .doesNotContain("\n");
  }
}
