package io.headrecon.training.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.headrecon.model.DepthNetOutputDecoder;
import io.headrecon.training.data.DatasetReader;
import io.headrecon.training.data.SyntheticDataset;
import io.headrecon.training.data.ViewSample;
import io.headrecon.training.net.Architecture;
import io.headrecon.training.net.DepthNet;
import io.headrecon.training.net.NetConfig;
import io.headrecon.training.onnx.OnnxExporter;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluateDepthNetTest {
  @TempDir static Path dataset;
  static List<ViewSample> views;

  @BeforeAll
  static void writeFixture() throws Exception {
    SyntheticDataset.write(dataset, new String[] {"test", "train"}, new int[] {0, 45, 80}, 8);
    views = DatasetReader.read(dataset, Set.of("test"));
  }

  /** Contract outputs that reproduce the ground truth of {@code v}, optionally offset. */
  private static float[][] perfect(ViewSample v, double depthOffsetMm) {
    int plane = 180 * 180;
    float[] depth = new float[plane];
    float[] mask = new float[plane];
    for (int i = 0; i < plane; i++) {
      if (v.mask()[i]) {
        depth[i] =
            DepthNetOutputDecoder.encodeDepth(v.depthMm()[i] + depthOffsetMm, v.referenceDepthMm());
        mask[i] = 1;
      }
    }
    float[] landmarks = new float[136];
    float[] visibility = new float[68];
    for (int k = 0; k < 68; k++) {
      landmarks[2 * k] = v.landmarksPx()[2 * k] / 180f;
      landmarks[2 * k + 1] = v.landmarksPx()[2 * k + 1] / 180f;
      visibility[k] = v.landmarkVisible()[k] ? 1 : 0;
    }
    return new float[][] {depth, mask, landmarks, visibility};
  }

  @Test
  void perfectPredictionScoresPerfectly() {
    float[][] o = perfect(views.get(0), 0);
    ViewScores s = ViewScores.of(views.get(0), o[0], o[1], o[2], o[3], 0);
    assertThat(s.rmseMm()).isLessThan(1e-3);
    assertThat(s.absRel()).isLessThan(1e-5);
    assertThat(s.delta125()).isEqualTo(1.0);
    assertThat(s.iou()).isEqualTo(1.0);
    assertThat(s.nme()).isLessThan(1e-5);
    assertThat(s.visibilityAccuracy()).isEqualTo(1.0);
    assertThat(s.rmseFaceMm()).isLessThan(1e-3);
    assertThat(s.rmseScaleShiftMm()).isLessThan(1e-3);
  }

  @Test
  void scaleShiftRmseForgivesAWrongHeadSizeButNotAWrongShape() {
    ViewSample v = views.get(0);
    float[][] o = perfect(v, 0);
    float[][] bigger = perfect(v, 0);
    float[][] bumpy = perfect(v, 0);
    for (int i = 0; i < o[0].length; i++) {
      bigger[0][i] = 1.08f * o[0][i] + 0.05f; // 8 % larger relief, 5 mm further
      bumpy[0][i] = o[0][i] + (i % 2 == 0 ? 0.03f : -0.03f); // ±3 mm checkerboard-ish noise
    }
    ViewScores scaled = ViewScores.of(v, bigger[0], bigger[1], bigger[2], bigger[3], 0);
    assertThat(scaled.rmseMm()).isGreaterThan(1.0);
    assertThat(scaled.rmseScaleShiftMm()).isLessThan(1e-2);
    ViewScores noisy = ViewScores.of(v, bumpy[0], bumpy[1], bumpy[2], bumpy[3], 0);
    assertThat(noisy.rmseScaleShiftMm()).isCloseTo(3.0, offset(0.1));
    assertThat(noisy.rmseFaceMm()).isCloseTo(3.0, offset(1e-3));
  }

  @Test
  void faceRegionIsTheConvexHullOfTheLandmarks() {
    float[] square = {0, 0, 10, 0, 10, 10, 0, 10, 5, 5, 2, 8, 10, 5};
    double[] hull = ViewScores.convexHull(square);
    assertThat(hull).hasSize(8); // the four corners; inner and edge points dropped
    assertThat(ViewScores.inside(hull, 5, 5)).isTrue();
    assertThat(ViewScores.inside(hull, 0.5, 9.5)).isTrue();
    assertThat(ViewScores.inside(hull, 10.5, 5)).isFalse();
    assertThat(ViewScores.inside(hull, -1, -1)).isFalse();
  }

  @Test
  void constantOffsetShowsInRawRmseAndMostlyVanishesAfterMedianAlignment() {
    float[][] o = perfect(views.get(0), 12);
    ViewScores s = ViewScores.of(views.get(0), o[0], o[1], o[2], o[3], 0);
    assertThat(s.rmseMm()).isCloseTo(12, offset(1e-3));
    assertThat(s.rmseAlignedMm()).isLessThan(2.0);
  }

  @Test
  void bucketsFollowAbsoluteYaw() {
    assertThat(ScoreTable.bucket(-30)).isEqualTo("yaw 0-30");
    assertThat(ScoreTable.bucket(45)).isEqualTo("yaw 40-60");
    assertThat(ScoreTable.bucket(-90)).isEqualTo("yaw 70-90");
    assertThat(ScoreTable.bucket(Double.NaN)).isNull();
  }

  @Test
  void evaluatesAnExportedModelAndWritesReports(@TempDir Path out) throws Exception {
    Engine.getInstance().setRandomSeed(2);
    Path model = out.resolve("m.onnx");
    try (NDManager manager = NDManager.newBaseManager()) {
      DepthNet net = new DepthNet(NetConfig.tiny(Architecture.UNET));
      net.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 180, 180));
      OnnxExporter.export(net, Map.of(), model);
    }
    ScoreTable table = EvaluateDepthNet.run(dataset, model, out.resolve("eval"), "test", 3, 2);
    assertThat(table.count("all")).isEqualTo(3);
    assertThat(table.count("yaw 0-30")).isEqualTo(1);
    assertThat(table.count("yaw 40-60")).isEqualTo(1);
    assertThat(table.count("yaw 70-90")).isEqualTo(1);
    assertThat(table.mean("all", "RMSE mm")).isGreaterThan(0);
    BufferedImage grid = ImageIO.read(out.resolve("eval/grid.png").toFile());
    assertThat(grid.getWidth()).isEqualTo(4 * 180);
    assertThat(grid.getHeight()).isEqualTo(3 * 180);
    assertThat(Files.readAllLines(out.resolve("eval/views.csv"))).hasSize(4);
    assertThat(Files.readString(out.resolve("eval/metrics.json"))).contains("\"yaw 70-90\"");
  }

  @Test
  void comparesTwoModelsSideBySideAndGuardsAgainstRegression(@TempDir Path out) throws Exception {
    Path a = out.resolve("a.onnx");
    Path b = out.resolve("b.onnx");
    try (NDManager manager = NDManager.newBaseManager()) {
      for (Path p : List.of(a, b)) {
        Engine.getInstance().setRandomSeed(p == a ? 2 : 3);
        DepthNet net = new DepthNet(NetConfig.tiny(Architecture.UNET));
        net.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 180, 180));
        OnnxExporter.export(net, Map.of(), p);
      }
    }
    // the same model: every change is 0 and the guard passes
    CompareDepthNets.Result same =
        CompareDepthNets.run(
            a, a, Map.of("old", dataset), Set.of("old"), out.resolve("s"), "test", 0.1);
    assertThat(same.guardFailures()).isEmpty();
    assertThat(same.markdown()).contains("+0.0 %").contains("passed");
    assertThat(Files.readString(out.resolve("s/comparison.md"))).isEqualTo(same.markdown());
    assertThat(out.resolve("s/old/candidate/metrics.json")).isRegularFile();
    // two untrained models differ; with no tolerance whichever is worse on a metric fails it
    CompareDepthNets.Result differ =
        CompareDepthNets.run(
            a, b, Map.of("old", dataset), Set.of("old"), out.resolve("d"), "test", 0);
    CompareDepthNets.Result reverse =
        CompareDepthNets.run(
            b, a, Map.of("old", dataset), Set.of("old"), out.resolve("r"), "test", 0);
    assertThat(differ.guardFailures().size() + reverse.guardFailures().size()).isPositive();
    assertThat(differ.markdown() + reverse.markdown()).contains("Guard FAILED");
    // a set outside the guard is reported but never fails
    assertThat(
            CompareDepthNets.run(
                    a, b, Map.of("new", dataset), Set.of("old"), out.resolve("n"), "test", 0)
                .guardFailures())
        .isEmpty();
  }
}
