package io.headrecon.geometry.fusion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headrecon.geometry.registration.icp.IcpOptions;
import org.junit.jupiter.api.Test;

/** Each {@code with...} changes its own field and nothing else, and validation still applies. */
class FusionOptionsTest {
  @Test
  void withMethodsChangeOneFieldEach() {
    FusionOptions d = FusionOptions.defaults();
    IcpOptions icp = IcpOptions.pointToPlaneDefaults().withSchedule(3);
    assertThat(d.withMergeVoxelMm(0.5))
        .isEqualTo(
            new FusionOptions(
                d.landmarkAligner(),
                d.minSharedLandmarks(),
                d.registrationVoxelMm(),
                d.registrationSamples(),
                d.overlapViews(),
                d.neighbourIcp(),
                d.modelIcp(),
                d.globalPasses(),
                0.5,
                d.outlierNeighbours(),
                d.outlierStdRatio(),
                d.givenPoseBound(),
                d.minMergeFitnessRatio()));
    assertThat(d.withMinMergeFitnessRatio(0.3).minMergeFitnessRatio()).isEqualTo(0.3);
    assertThat(d.withMinMergeFitnessRatio(0.3).withMergeVoxelMm(2).minMergeFitnessRatio())
        .isEqualTo(0.3);
    FusionOptions.PoseBound bound = new FusionOptions.PoseBound(1, 0.5);
    assertThat(d.withGivenPoseBound(bound).givenPoseBound()).isSameAs(bound);
    assertThat(d.withMinSharedLandmarks(9).minSharedLandmarks()).isEqualTo(9);
    assertThat(d.withRegistrationVoxelMm(3).registrationVoxelMm()).isEqualTo(3);
    assertThat(d.withRegistrationSamples(500).registrationSamples()).isEqualTo(500);
    assertThat(d.withOverlapViews(2).overlapViews()).isEqualTo(2);
    assertThat(d.withOverlapViews(2).withRegistrationSamples(500).overlapViews()).isEqualTo(2);
    assertThat(d.withNeighbourIcp(icp).neighbourIcp()).isSameAs(icp);
    assertThat(d.withModelIcp(icp).modelIcp()).isSameAs(icp);
    assertThat(d.withGlobalPasses(0).globalPasses()).isZero();
    FusionOptions outliers = d.withOutlierRemoval(16, 2.5);
    assertThat(outliers.outlierNeighbours()).isEqualTo(16);
    assertThat(outliers.withMergeVoxelMm(2).outlierNeighbours()).isEqualTo(16);
    assertThat(d.withLandmarkAligner(d.landmarkAligner())).isEqualTo(d);
    assertThat(d.withGlobalPasses(0).withGlobalPasses(d.globalPasses())).isEqualTo(d);
  }

  @Test
  void withMethodsValidate() {
    assertThatThrownBy(() -> FusionOptions.defaults().withMergeVoxelMm(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FusionOptions.defaults().withMinMergeFitnessRatio(1.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("minMergeFitnessRatio");
    assertThatThrownBy(() -> FusionOptions.defaults().withMinSharedLandmarks(2))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FusionOptions.defaults().withRegistrationSamples(5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FusionOptions.defaults().withOverlapViews(0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
