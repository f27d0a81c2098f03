package io.headrecon.training.net;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;

/** {@link TensorOps} on DJL NDArrays: the forward pass for training and evaluation. */
final class DjlOps implements TensorOps<NDArray> {
  private final ParameterStore parameterStore;
  private final boolean training;
  private final NDManager manager;

  DjlOps(ParameterStore parameterStore, boolean training, NDManager manager) {
    this.parameterStore = parameterStore;
    this.training = training;
    this.manager = manager;
  }

  private NDArray run(Block block, NDArray x) {
    return block.forward(parameterStore, new NDList(x), training).singletonOrThrow();
  }

  @Override
  public NDArray pad(NDArray x, int px) {
    return x.pad(new Shape(px, px, px, px), 0);
  }

  @Override
  public NDArray crop(NDArray x, int px, int size) {
    return x.get(new NDIndex(":, :, {}:{}, {}:{}", px, px + size, px, px + size));
  }

  @Override
  public NDArray conv(NDArray x, ConvLayer conv) {
    return run(conv.block(), x);
  }

  @Override
  public NDArray batchNorm(NDArray x, BatchNorm norm) {
    return run(norm, x);
  }

  @Override
  public NDArray relu(NDArray x) {
    return Activation.relu(x);
  }

  @Override
  public NDArray upsample2x(NDArray x) {
    return x.repeat(2, 2).repeat(3, 2);
  }

  @Override
  public NDArray concatChannels(NDArray a, NDArray b) {
    return a.concat(b, 1);
  }

  @Override
  public NDArray flatten(NDArray x) {
    return x.reshape(x.getShape().get(0), -1);
  }

  @Override
  public NDArray dense(NDArray x, Linear linear) {
    return run(linear, x);
  }

  @Override
  public NDArray reshape(NDArray x, long... dims) {
    long[] shape = new long[dims.length + 1];
    shape[0] = x.getShape().get(0);
    System.arraycopy(dims, 0, shape, 1, dims.length);
    return x.reshape(shape);
  }

  @Override
  public NDArray softArgmax(NDArray logits, float[] cellXy) {
    Shape shape = logits.getShape();
    long cells = shape.get(2) * shape.get(3);
    NDArray grid = manager.create(cellXy, new Shape(cells, 2)).toDevice(logits.getDevice(), false);
    return logits.reshape(shape.get(0), shape.get(1), cells).softmax(2).matMul(grid);
  }

  @Override
  public NDArray sampleLatent(NDArray mean, NDArray logVar) {
    if (!training) {
      return mean;
    }
    NDArray eps = manager.randomNormal(mean.getShape()).toDevice(mean.getDevice(), false);
    return mean.add(eps.mul(logVar.mul(0.5f).exp()));
  }
}
