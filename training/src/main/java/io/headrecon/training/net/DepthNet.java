package io.headrecon.training.net;

import static io.headrecon.model.DepthNetContract.INPUT_SIZE_PX;
import static io.headrecon.model.DepthNetContract.LANDMARK_COUNT;
import static io.headrecon.model.DepthNetContract.PADDED_SIZE_PX;
import static io.headrecon.model.DepthNetContract.PAD_PX;

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
 * mask logit, cropped back to 180 x 180; landmarks as heatmaps: a 3x3 conv from the decoder's
 * features at {@value #LANDMARK_GRID_PX} px (stride {@value #LANDMARK_STRIDE_PX}) to 68 heatmap
 * logits, turned into (x, y) by a spatial soft-argmax (integral regression), so the positions stay
 * differentiable and finer than a cell; a two-layer MLP from the bottleneck (U-Net) or the latent
 * mean (VAE) to the 68 visibility logits. The forward pass returns {@code NDList(depth, maskLogit,
 * landmarks, visibilityLogit[, latentMean, latentLogVar])}.
 */
public final class DepthNet extends AbstractBlock {
  private static final byte VERSION = 2;

  /** The decoder scale the landmark heatmaps are read from (0 is the padded 192 px input). */
  static final int LANDMARK_SCALE = 2;

  /** Pixels of the padded input per heatmap cell. */
  static final int LANDMARK_STRIDE_PX = 1 << LANDMARK_SCALE;

  /** Heatmap side in cells: 192 / 4 = 48. */
  static final int LANDMARK_GRID_PX = PADDED_SIZE_PX / LANDMARK_STRIDE_PX;

  private final NetConfig config;
  private final List<ConvBn> encoder = new ArrayList<>();
  private final List<ConvBn> decoder = new ArrayList<>();
  private final ConvLayer depthHead;
  private final ConvLayer maskHead;
  private final Linear latentMean;
  private final Linear latentLogVar;
  private final Linear latentToFeatures;
  private final Linear landmarkHidden;
  private final ConvLayer landmarkHeatmap;
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
    landmarkHeatmap = conv("landmarkHeatmap", LANDMARK_COUNT, 3, 1, true);
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
    T landmarks = null;
    for (int i = 0; i < decoder.size(); i++) {
      int scale = coarsest - 1 - i;
      x = ops.upsample2x(x);
      if (config.architecture() == Architecture.UNET) {
        x = ops.concatChannels(x, skips.get(scale));
      }
      x = convBnRelu(ops, x, decoder.get(i));
      if (scale == LANDMARK_SCALE) {
        landmarks = ops.softArgmax(ops.conv(x, landmarkHeatmap), LANDMARK_CELL_XY);
      }
    }
    T depth = ops.crop(ops.conv(x, depthHead), PAD_PX, INPUT_SIZE_PX);
    T maskLogit = ops.crop(ops.conv(x, maskHead), PAD_PX, INPUT_SIZE_PX);
    T hidden = ops.relu(ops.dense(landmarkFeatures, landmarkHidden));
    T visibility = ops.dense(hidden, landmarkVisibility);
    return new NetOutputs<>(depth, maskLogit, landmarks, visibility, mean, logVar);
  }

  /**
   * The normalised input position {@code (x_px / 180, y_px / 180)} of each heatmap cell, row-major.
   * A stride-2, pad-1, 3x3 convolution centres output cell {@code i} on input pixel {@code 2i}, so
   * cell {@code j} of the heatmap sits on padded pixel {@code 4j}, input pixel {@code 4j - 6}.
   */
  private static final float[] LANDMARK_CELL_XY = landmarkCellXy();

  private static float[] landmarkCellXy() {
    int n = LANDMARK_GRID_PX;
    float[] xy = new float[2 * n * n];
    for (int row = 0; row < n; row++) {
      for (int col = 0; col < n; col++) {
        int i = 2 * (row * n + col);
        xy[i] = (float) (col * LANDMARK_STRIDE_PX - PAD_PX) / INPUT_SIZE_PX;
        xy[i + 1] = (float) (row * LANDMARK_STRIDE_PX - PAD_PX) / INPUT_SIZE_PX;
      }
    }
    return xy;
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
