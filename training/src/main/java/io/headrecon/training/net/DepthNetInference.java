package io.headrecon.training.net;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;

/**
 * Eval-mode forward pass of a {@link DepthNet} giving exactly what the exported ONNX graph gives:
 * {@code (depth, mask probability, landmarks, visibility probability)}.
 */
public final class DepthNetInference {
  private DepthNetInference() {}

  /**
   * @param images {@code [N, 3, 180, 180]} RGB in [0, 1]
   * @return depth {@code [N,1,180,180]}, mask {@code [N,1,180,180]}, landmarks {@code [N,68,2]},
   *     landmark visibility {@code [N,68]}
   */
  public static NDList predict(DepthNet net, NDManager manager, NDArray images) {
    NDList out = net.forward(new ParameterStore(manager, false), new NDList(images), false);
    return new NDList(out.get(0), sigmoid(out.get(1)), out.get(2), sigmoid(out.get(3)));
  }

  private static NDArray sigmoid(NDArray x) {
    return x.neg().exp().add(1).pow(-1);
  }
}
