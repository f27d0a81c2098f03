package io.headrecon.training.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DepthNetTest {

  @ParameterizedTest
  @EnumSource(Architecture.class)
  void forwardGivesContractShapesForAnyBatch(Architecture architecture) {
    Engine.getInstance().setRandomSeed(7);
    try (NDManager manager = NDManager.newBaseManager()) {
      DepthNet net = new DepthNet(NetConfig.tiny(architecture));
      net.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 180, 180));
      for (int batch : new int[] {1, 3}) {
        NDArray image = manager.randomUniform(0, 1, new Shape(batch, 3, 180, 180));
        NDList out = net.forward(new ParameterStore(manager, false), new NDList(image), false);
        assertThat(out.get(0).getShape()).isEqualTo(new Shape(batch, 1, 180, 180));
        assertThat(out.get(1).getShape()).isEqualTo(new Shape(batch, 1, 180, 180));
        assertThat(out.get(2).getShape()).isEqualTo(new Shape(batch, 68, 2));
        assertThat(out.get(3).getShape()).isEqualTo(new Shape(batch, 68));
        assertThat(out.size()).isEqualTo(architecture == Architecture.VAE ? 6 : 4);
        assertThat(net.getOutputShapes(new Shape[] {image.getShape()})[0])
            .isEqualTo(out.get(0).getShape());
      }
    }
  }

  @Test
  void softArgmaxFindsThePeakCellAndAveragesFlatHeatmaps() {
    int n = DepthNet.LANDMARK_GRID_PX;
    float[] grid = new float[2 * n * n];
    for (int i = 0; i < n * n; i++) {
      grid[2 * i] = i % n; // x = column
      grid[2 * i + 1] = i / n; // y = row
    }
    float[] logits = new float[2 * n * n];
    logits[10 * n + 20] = 50; // channel 0: a sharp peak at row 10, column 20
    // channel 1 stays flat: the expectation is the grid's centre
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray heatmaps = manager.create(logits, new Shape(1, 2, n, n));
      DjlOps ops = new DjlOps(new ParameterStore(manager, false), false, manager);
      float[] xy = ops.softArgmax(heatmaps, grid).toFloatArray();
      assertThat(xy[0]).isCloseTo(20f, offset(1e-3f));
      assertThat(xy[1]).isCloseTo(10f, offset(1e-3f));
      assertThat(xy[2]).isCloseTo((n - 1) / 2f, offset(1e-3f));
      assertThat(xy[3]).isCloseTo((n - 1) / 2f, offset(1e-3f));
      assertThat(new ShapeOps(null, DataType.FLOAT32).softArgmax(heatmaps.getShape(), grid))
          .isEqualTo(new Shape(1, 2, 2));
    }
  }
}
