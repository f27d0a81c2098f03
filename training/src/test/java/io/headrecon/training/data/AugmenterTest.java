package io.headrecon.training.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.headrecon.model.DepthNetOutputDecoder;
import io.headrecon.model.HeadMask;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AugmenterTest {
  @TempDir static Path dataset;
  static ViewSample view;

  @BeforeAll
  static void writeFixture() throws Exception {
    SyntheticDataset.write(dataset, new String[] {"train"}, new int[] {30}, 2);
    List<ViewSample> views = DatasetReader.read(dataset, Set.of("train"));
    view = views.get(0);
  }

  @Test
  void readerDecodesDepthMaskAndReferenceFromTheManifest() {
    assertThat(view.sizePx()).isEqualTo(180);
    assertThat(view.referenceDepthMm()).isCloseTo(SyntheticDataset.DISTANCE_MM, within(1e-6));
    int centre = 90 * 180 + 90;
    assertThat(view.mask()[centre]).isTrue();
    assertThat(view.depthMm()[centre]).isBetween(480f, 540f); // 600 mm minus the head's half-depth
    assertThat(view.mask()[0]).isFalse();
    assertThat(view.depthMm()[0]).isZero();
    assertThat(view.yawDeg()).isEqualTo(30);
  }

  @Test
  void plainExampleEncodesDepthRelativeToTheReference() {
    TrainingExample e = Augmenter.plain(view);
    int centre = 90 * 180 + 90;
    assertThat(e.depth()[centre])
        .isEqualTo(DepthNetOutputDecoder.encodeDepth(view.depthMm()[centre], 600));
    assertThat(e.landmarks()[0] * 180).isCloseTo(view.landmarksPx()[0], within(1e-3f));
  }

  @Test
  void shiftsAndZoomsMoveDepthMaskAndLandmarksTogether() {
    TrainingExample plain = Augmenter.plain(view);
    TrainingExample moved = Augmenter.warp(view, 1.08, 5.5, -4.0);
    int checked = 0;
    for (int k = 0; k < 68; k++) {
      if (!view.landmarkVisible()[k] || moved.visible()[k] == 0) {
        continue;
      }
      float before = depthAt(plain, plain.landmarks()[2 * k], plain.landmarks()[2 * k + 1]);
      float after = depthAt(moved, moved.landmarks()[2 * k], moved.landmarks()[2 * k + 1]);
      if (before != 0 && after != 0) {
        // One output pixel of nearest-neighbour resampling: a few millimetres on this surface.
        assertThat(Math.abs(after - before) * 100).as("landmark %d depth mm", k).isLessThan(6);
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(20);
    float maskBefore = sum(plain.mask());
    float maskAfter = sum(moved.mask());
    assertThat(maskAfter / maskBefore).isCloseTo(1.08f * 1.08f, within(0.03f));
  }

  @Test
  void aRollTurnsLandmarksAboutTheCentreAndTheirDepthGoesWithThem() {
    TrainingExample plain = Augmenter.plain(view);
    TrainingExample rolled = Augmenter.warp(view, 1, 0, 0, 5);
    int checked = 0;
    double c = 89.5;
    for (int k = 0; k < 68; k++) {
      if (!view.landmarkVisible()[k] || rolled.visible()[k] == 0) {
        continue;
      }
      double ux = plain.landmarks()[2 * k] * 180 - c;
      double uy = plain.landmarks()[2 * k + 1] * 180 - c;
      double angle =
          Math.toDegrees(
              Math.atan2(
                      rolled.landmarks()[2 * k + 1] * 180 - c, rolled.landmarks()[2 * k] * 180 - c)
                  - Math.atan2(uy, ux));
      if (Math.hypot(ux, uy) > 20) {
        assertThat(Math.IEEEremainder(angle, 360)).isCloseTo(5, within(1e-3));
      }
      float before = depthAt(plain, plain.landmarks()[2 * k], plain.landmarks()[2 * k + 1]);
      float after = depthAt(rolled, rolled.landmarks()[2 * k], rolled.landmarks()[2 * k + 1]);
      if (before != 0 && after != 0) {
        assertThat(Math.abs(after - before) * 100).as("landmark %d depth mm", k).isLessThan(6);
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(20);
  }

  @Test
  void depthOutsideTheMaskIsATargetOfLowWeight() {
    // the lower half of the head as a "garment": depth, no mask
    boolean[] mask = view.mask().clone();
    for (int i = 90 * 180; i < mask.length; i++) {
      mask[i] = false;
    }
    ViewSample dressed =
        new ViewSample(
            view.subjectId(),
            view.viewId(),
            view.split(),
            view.yawDeg(),
            view.sizePx(),
            view.rgb(),
            view.depthMm(),
            mask,
            view.landmarksPx(),
            view.landmarkVisible(),
            view.referenceDepthMm(),
            view.intrinsicsPx());
    TrainingExample e = Augmenter.plain(dressed);
    int below = 120 * 180 + 90;
    int above = 60 * 180 + 90;
    assertThat(view.depthMm()[below]).isGreaterThan(0f);
    assertThat(e.mask()[below]).isZero();
    assertThat(e.depth()[below])
        .isEqualTo(DepthNetOutputDecoder.encodeDepth(view.depthMm()[below], 600));
    assertThat(e.depthWeight()[below]).isEqualTo(HeadMask.OUTSIDE_DEPTH_WEIGHT);
    assertThat(e.depthWeight()[above]).isEqualTo(1f);
    assertThat(e.mask()[above]).isEqualTo(1f);
    assertThat(e.depthWeight()[0]).isZero();
    assertThat(e.depth()[0]).isZero();
  }

  @Test
  void theCameraPassIsSeededChangesTheImageAndKeepsItInRange() {
    Augmenter camera = new Augmenter(0, 0, 0, 1.0);
    TrainingExample a = camera.augment(view, new Random(9));
    TrainingExample b = camera.augment(view, new Random(9));
    assertThat(a.image()).containsExactly(b.image());
    float[] plain = Augmenter.plain(view).image();
    double diff = 0;
    for (int i = 0; i < plain.length; i++) {
      assertThat(a.image()[i]).isBetween(0f, 1f);
      diff += Math.abs(a.image()[i] - plain[i]);
    }
    assertThat(diff / plain.length).isGreaterThan(0.005);
    assertThat(a.depth()).containsExactly(Augmenter.plain(view).depth());
  }

  @Test
  void augmentationIsSeededAndKeepsImageInRange() {
    TrainingExample a = Augmenter.standard().augment(view, new Random(4));
    TrainingExample b = Augmenter.standard().augment(view, new Random(4));
    assertThat(a.image()).containsExactly(b.image());
    for (float v : a.image()) {
      assertThat(v).isBetween(0f, 1f);
    }
  }

  private static float depthAt(TrainingExample e, float u, float v) {
    int x = Math.round(u * 180);
    int y = Math.round(v * 180);
    return e.depth()[y * 180 + x];
  }

  private static float sum(float[] values) {
    float s = 0;
    for (float v : values) {
      s += v;
    }
    return s;
  }

  private static org.assertj.core.data.Offset<Double> within(double d) {
    return org.assertj.core.data.Offset.offset(d);
  }

  private static org.assertj.core.data.Offset<Float> within(float d) {
    return org.assertj.core.data.Offset.offset(d);
  }
}
