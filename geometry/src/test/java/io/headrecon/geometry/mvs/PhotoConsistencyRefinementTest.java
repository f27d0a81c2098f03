package io.headrecon.geometry.mvs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.headrecon.geometry.PinholeCamera;
import io.headrecon.geometry.depth.DepthMap;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PhotoConsistencyRefinementTest {
  private static final int W = TexturedHeadScene.SIZE_PX;

  private static MvsView view(String id, TexturedHeadScene.Shot shot, float[] priorMm) {
    return new MvsView(id, shot.camera(), shot.grey(), DepthMap.of(W, W, priorMm));
  }

  /** The view at yaw 0 with the views at ±10° and ±20° as neighbours. */
  private static List<MvsView> neighbours(TexturedHeadScene scene) {
    List<MvsView> out = new ArrayList<>();
    for (int yaw : new int[] {-20, -10, 10, 20}) {
      TexturedHeadScene.Shot shot = scene.shoot(TexturedHeadScene.camera(yaw), 100 + yaw, 1.0);
      out.add(view("yaw" + yaw, shot, new float[W * W]));
    }
    return out;
  }

  private static double rmseMm(float[] a, float[] truth, boolean[] where) {
    double s = 0;
    int n = 0;
    for (int i = 0; i < a.length; i++) {
      if (truth[i] > 0 && (where == null || where[i])) {
        double d = a[i] - truth[i];
        s += d * d;
        n++;
      }
    }
    return Math.sqrt(s / n);
  }

  @Test
  void aSmoothlyWrongPriorIsPulledOntoTheTexturedSurface() {
    TexturedHeadScene scene = new TexturedHeadScene(1, 1.0);
    TexturedHeadScene.Shot ref = scene.shoot(TexturedHeadScene.camera(0), 7, 1.0);
    float[] prior = TexturedHeadScene.perturbed(ref.depthMm(), W, 12, 10, 3);
    RefinedDepth result =
        PhotoConsistencyRefinement.refine(
            view("yaw0", ref, prior), neighbours(scene), MvsOptions.defaults());

    float[] refined = result.depth().valuesMm();
    double before = rmseMm(prior, ref.depthMm(), null);
    double after = rmseMm(refined, ref.depthMm(), null);
    boolean[] confident = new boolean[W * W];
    for (int i = 0; i < confident.length; i++) {
      confident[i] = result.confidence()[i] >= MvsOptions.defaults().minConfidence();
    }
    double afterConfident = rmseMm(refined, ref.depthMm(), confident);
    assertThat(before).isBetween(10.0, 16.0);
    assertThat(afterConfident).as("RMSE on confident pixels, mm").isLessThan(1.5);
    assertThat(after).as("RMSE on all mask pixels, mm").isLessThan(2.5);
    assertThat(result.confidentFraction()).isGreaterThan(0.8);
    for (int i = 0; i < refined.length; i++) {
      assertThat(refined[i] > 0).as("pixel %d on the mask", i).isEqualTo(prior[i] > 0);
      assertThat(result.confidence()[i]).isBetween(0f, 1f);
    }
  }

  @Test
  void aTexturelessHeadKeepsItsPriorWithZeroConfidence() {
    TexturedHeadScene scene = new TexturedHeadScene(1, 0.0);
    TexturedHeadScene.Shot ref = scene.shoot(TexturedHeadScene.camera(0), 7, 0.0);
    float[] prior = TexturedHeadScene.perturbed(ref.depthMm(), W, 9, 8, 3);
    RefinedDepth result =
        PhotoConsistencyRefinement.refine(
            view("yaw0", ref, prior), neighbours(scene), MvsOptions.defaults());
    assertThat(result.depth().valuesMm()).containsExactly(prior);
    assertThat(result.texturedPixels()).isZero();
    assertThat(result.confidentPixels()).isZero();
    for (float c : result.confidence()) {
      assertThat(c).isZero();
    }
  }

  @Test
  void photosOfAnotherTextureGiveLowConfidence() {
    TexturedHeadScene scene = new TexturedHeadScene(1, 1.0);
    TexturedHeadScene other = new TexturedHeadScene(2, 1.0);
    TexturedHeadScene.Shot ref = scene.shoot(TexturedHeadScene.camera(0), 7, 1.0);
    float[] prior = TexturedHeadScene.perturbed(ref.depthMm(), W, 9, 8, 3);
    RefinedDepth result =
        PhotoConsistencyRefinement.refine(
            view("yaw0", ref, prior), neighbours(other), MvsOptions.defaults());
    assertThat(result.texturedPixels()).isGreaterThan(result.maskPixels() * 9 / 10);
    assertThat(result.confidentFraction()).isLessThan(0.1);
  }

  @Test
  void theOutputIsIdenticalForIdenticalInput() {
    TexturedHeadScene scene = new TexturedHeadScene(4, 1.0);
    TexturedHeadScene.Shot ref = scene.shoot(TexturedHeadScene.camera(0), 7, 1.0);
    float[] prior = TexturedHeadScene.perturbed(ref.depthMm(), W, -6, 6, 5);
    List<MvsView> neighbours = neighbours(scene);
    RefinedDepth a =
        PhotoConsistencyRefinement.refine(
            view("yaw0", ref, prior), neighbours, MvsOptions.defaults());
    RefinedDepth b =
        PhotoConsistencyRefinement.refine(
            view("yaw0", ref, prior.clone()), neighbours, MvsOptions.defaults());
    assertThat(b.depth().valuesMm()).containsExactly(a.depth().valuesMm());
    assertThat(b.confidence()).containsExactly(a.confidence());
  }

  @Test
  void neighboursAreTheNearestCamerasByAxisAngle() {
    List<PinholeCamera> ring = new ArrayList<>();
    for (int yaw = -90; yaw <= 90; yaw += 10) {
      ring.add(TexturedHeadScene.camera(yaw));
    }
    assertThat(MvsNeighbours.nearest(ring, 9, 4, 5, 25)).containsExactly(8, 10, 7, 11);
    assertThat(MvsNeighbours.nearest(ring, 0, 4, 5, 25)).containsExactly(1, 2);
    assertThat(MvsNeighbours.nearest(ring, 9, 2, 5, 25)).containsExactly(8, 10);
    assertThat(MvsNeighbours.axisAngleDeg(ring.get(0), ring.get(18))).isCloseTo(180, within(2.0));
  }
}
