package io.headrecon.geometry.registration.icp;

import static org.assertj.core.api.Assertions.assertThat;

import io.headrecon.geometry.PointCloud;
import io.headrecon.geometry.RandomTransforms;
import io.headrecon.geometry.RigidTransform;
import io.headrecon.geometry.processing.NormalEstimation;
import io.headrecon.geometry.synthetic.SyntheticHead;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IcpTest {

  /** Head samples with Gaussian noise (sigma mm) and a fraction of uniform outliers. */
  static PointCloud noisyHead(int n, double sigmaMm, double outlierFraction, Random random) {
    float[] p = SyntheticHead.sample(n, random).positionsMm().clone();
    for (int i = 0; i < n; i++) {
      if (random.nextDouble() < outlierFraction) {
        for (int a = 0; a < 3; a++) {
          p[3 * i + a] = (float) ((random.nextDouble() - 0.5) * 300);
        }
      } else {
        for (int a = 0; a < 3; a++) {
          p[3 * i + a] += (float) (random.nextGaussian() * sigmaMm);
        }
      }
    }
    return PointCloud.of(p);
  }

  static PointCloud jitter(PointCloud cloud, double sigmaMm, Random random) {
    float[] p = cloud.positionsMm().clone();
    for (int i = 0; i < p.length; i++) {
      p[i] += (float) (random.nextGaussian() * sigmaMm);
    }
    return PointCloud.of(p);
  }

  @Test
  void pointToPlaneRecoversLargeMotionsOnANoisyHeadWithOutliers() {
    Random random = new Random(2024);
    PointCloud target =
        NormalEstimation.facingAwayFrom(noisyHead(30_000, 0.5, 0.1, random), 16, new double[3]);
    IcpTarget prepared = IcpTarget.of(target);
    IcpOptions options = IcpOptions.pointToPlaneDefaults().withSchedule(60, 30, 15, 8, 4, 2);
    for (int trial = 0; trial < 4; trial++) {
      RigidTransform sourceToTarget =
          RandomTransforms.of(random, 10 + random.nextDouble() * 20, 5 + random.nextDouble() * 15);
      // an independent sample of the surface, expressed in the source frame
      PointCloud source = noisyHead(30_000, 0.5, 0.1, random).transformed(sourceToTarget.inverse());
      IcpResult result = Icp.align(source, prepared, RigidTransform.identity(), options);
      assertThat(result.sourceToTarget().rotationDistanceDeg(sourceToTarget))
          .as("trial %d rotation error, deg", trial)
          .isLessThan(0.2);
      assertThat(result.sourceToTarget().translationDistanceMm(sourceToTarget))
          .as("trial %d translation error, mm", trial)
          .isLessThan(0.5);
      assertThat(result.fitness()).isBetween(0.8, 0.95); // outliers find no partner
      assertThat(result.inlierRmseMm()).isLessThan(1.2);
      assertThat(result.iterations()).isGreaterThan(1);
    }
  }

  @Test
  void pointToPointRecoversAModerateMotion() {
    Random random = new Random(99);
    PointCloud clean = SyntheticHead.sample(20_000, random);
    PointCloud target = jitter(clean, 0.5, random);
    RigidTransform sourceToTarget = RandomTransforms.of(random, 10, 10);
    // the same surface samples with independent noise (the classic point-to-point setting)
    PointCloud source = jitter(clean, 0.5, random).transformed(sourceToTarget.inverse());
    IcpOptions options =
        new IcpOptions(
            IcpOptions.Method.POINT_TO_POINT,
            RobustKernel.HUBER,
            0.3,
            new double[] {40, 20, 10, 5, 2},
            new ConvergenceCriteria(100, 1e-4, 1e-4, 0));
    IcpResult result = Icp.align(source, target, RigidTransform.identity(), options);
    assertThat(result.sourceToTarget().rotationDistanceDeg(sourceToTarget)).isLessThan(0.2);
    assertThat(result.sourceToTarget().translationDistanceMm(sourceToTarget)).isLessThan(0.5);
    assertThat(result.converged()).isTrue();
  }

  @Test
  void aLabelledTargetSkipsTheExcludedLabel() {
    Random random = new Random(31);
    PointCloud clean = SyntheticHead.sample(8_000, random);
    RigidTransform decoyShift = RigidTransform.translation(0, 0, 6);
    // label 0: the true surface; label 1: the source itself, 6 mm off (as a view's own points)
    PointCloud source = jitter(clean, 0.2, random);
    PointCloud target = jitter(clean, 0.2, random);
    PointCloud both =
        NormalEstimation.facingAwayFrom(
            PointCloud.concat(java.util.List.of(target, source.transformed(decoyShift))),
            16,
            new double[3]);
    int[] labels = new int[both.size()];
    java.util.Arrays.fill(labels, target.size(), both.size(), 1);
    IcpTarget all = IcpTarget.labelled(both, labels);
    IcpOptions options = IcpOptions.pointToPlaneDefaults().withSchedule(8, 4, 2);
    // started on the decoy: without exclusion the decoy (distance 0) holds the source there
    IcpResult stuck = Icp.align(source, all, decoyShift, options);
    assertThat(stuck.sourceToTarget().translationDistanceMm(decoyShift)).isLessThan(0.1);
    IcpResult result = Icp.align(source, all.excluding(1), decoyShift, options);
    assertThat(result.sourceToTarget().translationDistanceMm(RigidTransform.identity()))
        .isLessThan(0.3);
    assertThat(result.sourceToTarget().rotationDistanceDeg(RigidTransform.identity()))
        .isLessThan(0.2);
  }

  @Test
  void pointToPlaneWithoutTargetNormalsIsRejected() {
    PointCloud cloud = PointCloud.of(new float[] {0, 0, 0, 1, 0, 0, 0, 1, 0});
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                Icp.align(
                    cloud, cloud, RigidTransform.identity(), IcpOptions.pointToPlaneDefaults()))
        .hasMessageContaining("normals");
  }
}
