package io.headrecon.training.net;

import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;

/**
 * The operations a {@link DepthNet} is written in. The network's topology is one method, {@link
 * DepthNet#apply}, run over three implementations: {@link DjlOps} (NDArrays, training and eval),
 * {@link ShapeOps} (shape inference and parameter initialisation) and the ONNX exporter (graph
 * nodes). Tensors are NCHW; the batch dimension stays dynamic.
 *
 * @param <T> what flows between operations: an array, a shape or a graph value name
 */
public interface TensorOps<T> {

  /** Zero padding of {@code px} on each side of H and W. */
  T pad(T x, int px);

  /** The {@code size x size} window of H and W starting at ({@code px}, {@code px}). */
  T crop(T x, int px, int size);

  /** 2-D convolution, stride and padding as built into {@code conv}. */
  T conv(T x, ConvLayer conv);

  /** Batch normalisation over channels (batch statistics when training, running ones else). */
  T batchNorm(T x, BatchNorm norm);

  T relu(T x);

  /** Nearest-neighbour upsampling by 2 in H and W. */
  T upsample2x(T x);

  /** Concatenation along channels. */
  T concatChannels(T a, T b);

  /** {@code [N, ...] -> [N, prod(...)]}, row-major. */
  T flatten(T x);

  /** Fully connected layer {@code y = x W^T + b} on {@code [N, in]}. */
  T dense(T x, Linear linear);

  /** {@code [N, ...] -> [N, dims...]}, row-major. */
  T reshape(T x, long... dims);

  /**
   * Spatial soft-argmax: a softmax over the H x W cells of each channel of {@code logits} ({@code
   * [N, C, H, W]}), then the expectation of a 2-vector attached to each cell. Returns {@code [N, C,
   * 2]}.
   *
   * @param cellXy the 2-vector of each cell, row-major over (H, W), {@code 2 * H * W} values
   */
  T softArgmax(T logits, float[] cellXy);

  /**
   * The VAE latent: {@code mean + eps * exp(logVar / 2)} with {@code eps ~ N(0, 1)} when training,
   * {@code mean} otherwise.
   */
  T sampleLatent(T mean, T logVar);

  /** A convolution with its geometry, which DJL's Conv2d does not expose. */
  record ConvLayer(Conv2d block, int kernel, int stride, int padding, boolean bias) {}
}
