package io.headrecon.training.net;

import static io.headrecon.training.contract.DepthNetContract.INPUT_SIZE_PX;
import static io.headrecon.training.contract.DepthNetContract.LANDMARK_COUNT;
import static io.headrecon.training.contract.DepthNetContract.PADDED_SIZE_PX;
import static io.headrecon.training.contract.DepthNetContract.PAD_PX;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.headrecon.training.net.TensorOps.ConvLayer;
import java.util.ArrayList;
import java.util.List;

/**
 * The depth + mask + landmark network (U-Net or VAE, see {@link Architecture}) as a DJL block.
 *
 * <p>Input {@code [N, 3, 180, 180]} RGB in [0, 1], zero-padded to 192 x 192 inside. Encoder: a 3x3
 * conv-BN-ReLU at 192 px, then at each of 5 coarser scales (96 … 6 px) a stride-2 3x3 conv-BN-ReLU
 * and a 3x3 conv-BN-ReLU. Decoder: per scale a nearest 2x upsample and a 3x3 conv-BN-ReLU (after
 * concatenating the encoder's features of that scale in the U-Net). Heads: 3x3 convs to depth and
 * mask logit, cropped back to 180 x 180; a two-layer MLP from the bottleneck (U-Net) or the latent
 * mean (VAE) to 68 (x, y) and 68 visibility logits. The forward pass returns {@code NDList(depth,
 * maskLogit, landmarks, visibilityLogit[, latentMean, latentLogVar])}.
 */
public final class DepthNet extends AbstractBlock {
  private static final byte VERSION = 1;

  private final NetConfig config;
  private final List<ConvBn> encoder = new ArrayList<>();
  private final List<ConvBn> decoder = new ArrayList<>();
  private final ConvLayer depthHead;
  private final ConvLayer maskHead;
  private final Linear latentMean;
  private final Linear latentLogVar;
  private final Linear latentToFeatures;
  private final Linear landmarkHidden;
  private final Linear landmarkXy;
  private final Linear landmarkVisibility;

  /** A 3x3 convolution without bias followed by batch normalisation (and a ReLU when applied). */
  public record ConvBn(ConvLayer conv, BatchNorm norm) {}

  public DepthNet(NetConfig config) {
    super(VERSION);
    this.config = config;
    int[] w = config.widths();
    encoder.add(convBn("enc0", w[0], 1));
    for (int s = 1; s < NetConfig.SCALES; s++) {
      encoder.add(convBn("enc" + s + "down", w[s], 2));
      encoder.add(convBn("enc" + s, w[s], 1));
    }
    for (int s = NetConfig.SCALES - 2; s >= 0; s--) {
      decoder.add(convBn("dec" + s, w[s], 1));
    }
    depthHead = conv("depthHead", 1, 3, 1, true);
    maskHead = conv("maskHead", 1, 3, 1, true);
    if (config.architecture() == Architecture.VAE) {
      latentMean = linear("latentMean", config.latentSize());
      latentLogVar = linear("latentLogVar", config.latentSize());
      latentToFeatures = linear("latentToFeatures", w[NetConfig.SCALES - 1] * 36);
    } else {
      latentMean = null;
      latentLogVar = null;
      latentToFeatures = null;
    }
    landmarkHidden = linear("landmarkHidden", config.landmarkHidden());
    landmarkXy = linear("landmarkXy", 2 * LANDMARK_COUNT);
    landmarkVisibility = linear("landmarkVisibility", LANDMARK_COUNT);
  }

  public NetConfig config() {
    return config;
  }

  /**
   * The network's topology, once for every {@link TensorOps}: DJL arrays, shapes, ONNX nodes.
   *
   * @param image {@code [N, 3, 180, 180]}
   */
  public <T> NetOutputs<T> apply(TensorOps<T> ops, T image) {
    int coarsest = NetConfig.SCALES - 1;
    T x = ops.pad(image, PAD_PX);
    List<T> skips = new ArrayList<>();
    x = convBnRelu(ops, x, encoder.get(0));
    skips.add(x);
    for (int s = 1; s < NetConfig.SCALES; s++) {
      x = convBnRelu(ops, x, encoder.get(2 * s - 1));
      x = convBnRelu(ops, x, encoder.get(2 * s));
      skips.add(x);
    }
    T mean = null;
    T logVar = null;
    T landmarkFeatures;
    if (config.architecture() == Architecture.VAE) {
      T flat = ops.flatten(x);
      mean = ops.dense(flat, latentMean);
      logVar = ops.dense(flat, latentLogVar);
      T z = ops.sampleLatent(mean, logVar);
      int side = PADDED_SIZE_PX >> coarsest;
      x = ops.relu(ops.dense(z, latentToFeatures));
      x = ops.reshape(x, config.widths()[coarsest], side, side);
      landmarkFeatures = mean;
    } else {
      landmarkFeatures = ops.flatten(x);
    }
    for (int i = 0; i < decoder.size(); i++) {
      int scale = coarsest - 1 - i;
      x = ops.upsample2x(x);
      if (config.architecture() == Architecture.UNET) {
        x = ops.concatChannels(x, skips.get(scale));
      }
      x = convBnRelu(ops, x, decoder.get(i));
    }
    T depth = ops.crop(ops.conv(x, depthHead), PAD_PX, INPUT_SIZE_PX);
    T maskLogit = ops.crop(ops.conv(x, maskHead), PAD_PX, INPUT_SIZE_PX);
    T hidden = ops.relu(ops.dense(landmarkFeatures, landmarkHidden));
    T landmarks = ops.reshape(ops.dense(hidden, landmarkXy), LANDMARK_COUNT, 2);
    T visibility = ops.dense(hidden, landmarkVisibility);
    return new NetOutputs<>(depth, maskLogit, landmarks, visibility, mean, logVar);
  }

  private static <T> T convBnRelu(TensorOps<T> ops, T x, ConvBn unit) {
    return ops.relu(ops.batchNorm(ops.conv(x, unit.conv()), unit.norm()));
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore parameterStore,
      NDList inputs,
      boolean training,
      PairList<String, Object> params) {
    NDArray image = inputs.head();
    NetOutputs<NDArray> out =
        apply(new DjlOps(parameterStore, training, image.getManager()), image);
    NDList list = new NDList(out.depth(), out.maskLogit(), out.landmarks(), out.visibilityLogit());
    if (out.latentMean() != null) {
      list.add(out.latentMean());
      list.add(out.latentLogVar());
    }
    return list;
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    NetOutputs<Shape> out = apply(new ShapeOps(null, DataType.FLOAT32), inputShapes[0]);
    List<Shape> shapes =
        new ArrayList<>(
            List.of(out.depth(), out.maskLogit(), out.landmarks(), out.visibilityLogit()));
    if (out.latentMean() != null) {
      shapes.add(out.latentMean());
      shapes.add(out.latentLogVar());
    }
    return shapes.toArray(new Shape[0]);
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    apply(new ShapeOps(manager, dataType), inputShapes[0]);
  }

  private ConvBn convBn(String name, int filters, int stride) {
    ConvLayer conv = conv(name + "Conv", filters, 3, stride, false);
    BatchNorm norm =
        addChildBlock(name + "Bn", BatchNorm.builder().optEpsilon(1e-5f).optMomentum(0.9f).build());
    return new ConvBn(conv, norm);
  }

  private ConvLayer conv(String name, int filters, int kernel, int stride, boolean bias) {
    int padding = kernel / 2;
    Conv2d block =
        addChildBlock(
            name,
            Conv2d.builder()
                .setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(padding, padding))
                .setFilters(filters)
                .optBias(bias)
                .build());
    return new ConvLayer(block, kernel, stride, padding, bias);
  }

  private Linear linear(String name, int units) {
    return addChildBlock(name, Linear.builder().setUnits(units).build());
  }
}
