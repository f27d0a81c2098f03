package io.headrecon.training.net;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;

/**
 * {@link TensorOps} on shapes: infers output shapes and, given a manager, initialises each layer's
 * parameters for the shape that reaches it.
 */
final class ShapeOps implements TensorOps<Shape> {
  private final NDManager manager;
  private final DataType dataType;

  /**
   * @param manager where to initialise parameters; null to infer shapes only
   */
  ShapeOps(NDManager manager, DataType dataType) {
    this.manager = manager;
    this.dataType = dataType;
  }

  private Shape run(Block block, Shape x) {
    if (manager != null) {
      block.initialize(manager, dataType, x);
    }
    return block.getOutputShapes(new Shape[] {x})[0];
  }

  @Override
  public Shape pad(Shape x, int px) {
    return new Shape(x.get(0), x.get(1), x.get(2) + 2L * px, x.get(3) + 2L * px);
  }

  @Override
  public Shape crop(Shape x, int px, int size) {
    return new Shape(x.get(0), x.get(1), size, size);
  }

  @Override
  public Shape conv(Shape x, ConvLayer conv) {
    return run(conv.block(), x);
  }

  @Override
  public Shape batchNorm(Shape x, BatchNorm norm) {
    return run(norm, x);
  }

  @Override
  public Shape relu(Shape x) {
    return x;
  }

  @Override
  public Shape upsample2x(Shape x) {
    return new Shape(x.get(0), x.get(1), 2 * x.get(2), 2 * x.get(3));
  }

  @Override
  public Shape concatChannels(Shape a, Shape b) {
    return new Shape(a.get(0), a.get(1) + b.get(1), a.get(2), a.get(3));
  }

  @Override
  public Shape flatten(Shape x) {
    return new Shape(x.get(0), x.size() / x.get(0));
  }

  @Override
  public Shape dense(Shape x, Linear linear) {
    return run(linear, x);
  }

  @Override
  public Shape reshape(Shape x, long... dims) {
    long[] shape = new long[dims.length + 1];
    shape[0] = x.get(0);
    System.arraycopy(dims, 0, shape, 1, dims.length);
    return new Shape(shape);
  }

  @Override
  public Shape softArgmax(Shape logits, float[] cellXy) {
    return new Shape(logits.get(0), logits.get(1), 2);
  }

  @Override
  public Shape sampleLatent(Shape mean, Shape logVar) {
    return mean;
  }
}
