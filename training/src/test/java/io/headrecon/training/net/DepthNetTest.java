package io.headrecon.training.net;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
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
}
