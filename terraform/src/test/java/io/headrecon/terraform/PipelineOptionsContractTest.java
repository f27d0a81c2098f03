package io.headrecon.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import io.headrecon.pipelines.ReconstructHeadsOptions;
import java.lang.reflect.Method;
import java.util.Map;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.StreamingOptions;
import org.apache.beam.sdk.options.Validation;
import org.junit.jupiter.api.Test;

class PipelineOptionsContractTest {

  @Test
  void readsTheOwnOptionsOfReconstructHeadsAndItsParents() {
    Map<String, Method> options = PipelineOptionsContract.options(ReconstructHeadsOptions.class);

    // Declared on ReconstructHeadsOptions and on DepthInferenceOptions (another package).
    assertThat(options)
        .containsKeys("input", "output", "voxelSizeMm", "model", "executionProvider");
    // Beam's own PipelineOptions getters (runner, jobName, ...) are not pipeline options.
    assertThat(options).doesNotContainKeys("runner", "jobName", "optionsId", "tempLocation");
    assertThat(PipelineOptionsContract.required(options.get("input"))).isTrue();
    assertThat(PipelineOptionsContract.required(options.get("model"))).isFalse();
  }

  @Test
  void skipsGettersOfInterfacesOutsideTheProject() {
    assertThat(PipelineOptionsContract.options(StreamingOptions.class)).isEmpty();
    assertThat(PipelineOptionsContract.options(SampleOptions.class))
        .containsOnlyKeys("ratio", "verbose", "name");
  }

  /** Options as a newcomer might add them, to check each annotation is read. */
  interface SampleOptions extends PipelineOptions {
    @Description("a")
    @Default.Double(2.5)
    double getRatio();

    void setRatio(double value);

    @Description("b")
    @Default.Boolean(true)
    boolean isVerbose();

    void setVerbose(boolean value);

    @Description("c")
    @Validation.Required
    String getName();

    void setName(String value);
  }

  @Test
  void readsDefaultsAndBooleanIsGetters() throws Exception {
    Method ratio = SampleOptions.class.getMethod("getRatio");
    Method verbose = SampleOptions.class.getMethod("isVerbose");
    Method name = SampleOptions.class.getMethod("getName");

    assertThat(PipelineOptionsContract.defaultValue(ratio)).contains("2.5");
    assertThat(PipelineOptionsContract.defaultValue(verbose)).contains("true");
    assertThat(PipelineOptionsContract.defaultValue(name)).isEmpty();
  }

  @Test
  void snakeCaseMatchesTerraformVariableNames() {
    assertThat(PipelineOptionsContract.snakeCase("input")).isEqualTo("input");
    assertThat(PipelineOptionsContract.snakeCase("inferenceBatchMaxBytes"))
        .isEqualTo("inference_batch_max_bytes");
    assertThat(PipelineOptionsContract.snakeCase("voxelSizeMm")).isEqualTo("voxel_size_mm");
    assertThat(PipelineOptionsContract.snakeCase("maxNumWorkers")).isEqualTo("max_num_workers");
  }
}
