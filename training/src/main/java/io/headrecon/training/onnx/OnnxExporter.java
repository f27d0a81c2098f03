package io.headrecon.training.onnx;

import static io.headrecon.model.DepthNetContract.DEPTH_OUTPUT;
import static io.headrecon.model.DepthNetContract.INPUT_NAME;
import static io.headrecon.model.DepthNetContract.INPUT_SIZE_PX;
import static io.headrecon.model.DepthNetContract.LANDMARKS_OUTPUT;
import static io.headrecon.model.DepthNetContract.LANDMARK_COUNT;
import static io.headrecon.model.DepthNetContract.MASK_OUTPUT;
import static io.headrecon.model.DepthNetContract.OPSET;
import static io.headrecon.model.DepthNetContract.VISIBILITY_OUTPUT;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.onnx.proto.OnnxMl;
import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import io.headrecon.model.DepthNetContract;
import io.headrecon.training.net.DepthNet;
import io.headrecon.training.net.NetOutputs;
import io.headrecon.training.net.TensorOps;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a trained {@link DepthNet} as an ONNX opset-17 model with the names and shapes of {@link
 * DepthNetContract}: the network's topology ({@link DepthNet#apply}) is replayed over graph nodes
 * (Pad, Conv, BatchNormalization, Relu, Resize nearest/asymmetric/floor, Concat, Flatten, Gemm,
 * Reshape, Slice, Softmax, MatMul, Sigmoid), weights are stored as little-endian float
 * initializers, the batch dimension is the symbolic {@code N}.
 */
public final class OnnxExporter {
  private OnnxExporter() {}

  /** Symbolic batch dimension name. */
  public static final String BATCH_DIM = "N";

  /** Writes {@code net} (initialised, eval-mode semantics) to {@code path}. */
  public static void export(DepthNet net, Map<String, String> metadata, Path path)
      throws IOException {
    ModelProto model = toModel(net, metadata);
    Path parent = path.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    try (OutputStream out = Files.newOutputStream(path)) {
      model.writeTo(out);
    }
  }

  /** The ONNX model of {@code net}; {@code metadata} goes into metadata_props. */
  public static ModelProto toModel(DepthNet net, Map<String, String> metadata) {
    GraphOps ops = new GraphOps();
    NetOutputs<String> out = net.apply(ops, INPUT_NAME);
    ops.node("Identity", new String[] {out.depth()}, DEPTH_OUTPUT);
    ops.node("Sigmoid", new String[] {out.maskLogit()}, MASK_OUTPUT);
    ops.node("Identity", new String[] {out.landmarks()}, LANDMARKS_OUTPUT);
    ops.node("Sigmoid", new String[] {out.visibilityLogit()}, VISIBILITY_OUTPUT);
    GraphProto.Builder graph =
        ops.graph
            .setName("headrecon_depthnet")
            .addInput(valueInfo(INPUT_NAME, 3, INPUT_SIZE_PX, INPUT_SIZE_PX))
            .addOutput(valueInfo(DEPTH_OUTPUT, 1, INPUT_SIZE_PX, INPUT_SIZE_PX))
            .addOutput(valueInfo(MASK_OUTPUT, 1, INPUT_SIZE_PX, INPUT_SIZE_PX))
            .addOutput(valueInfo(LANDMARKS_OUTPUT, LANDMARK_COUNT, 2))
            .addOutput(valueInfo(VISIBILITY_OUTPUT, LANDMARK_COUNT));
    ModelProto.Builder model =
        ModelProto.newBuilder()
            .setIrVersion(8)
            .setProducerName("headrecon-training")
            .setProducerVersion("1")
            .setGraph(graph)
            .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET));
    Map<String, String> props = new LinkedHashMap<>();
    props.put("architecture", net.config().toString());
    props.put("input", INPUT_NAME + ": float32 [N,3,180,180] RGB/255");
    props.put("depth_scale_mm", Double.toString(DepthNetContract.DEPTH_SCALE_MM));
    props.put(
        "depth_definition",
        "depth = (Z_mm - Z_ref_mm) / depth_scale_mm; Z_ref_mm = translation_world_to_camera_mm[2]");
    props.put("landmarks_definition", "(x_px / 180, y_px / 180), 68 Multi-PIE points");
    props.putAll(metadata);
    props.forEach(
        (k, v) ->
            model.addMetadataProps(
                OnnxMl.StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
    return model.build();
  }

  private static ValueInfoProto valueInfo(String name, long... dimsAfterBatch) {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
    shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(BATCH_DIM));
    for (long d : dimsAfterBatch) {
      shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
    }
    return ValueInfoProto.newBuilder()
        .setName(name)
        .setType(
            TypeProto.newBuilder()
                .setTensorType(
                    TypeProto.Tensor.newBuilder()
                        .setElemType(TensorProto.DataType.FLOAT.getNumber())
                        .setShape(shape)))
        .build();
  }

  /** {@link TensorOps} that appends nodes to a graph; values are tensor names. */
  private static final class GraphOps implements TensorOps<String> {
    private final GraphProto.Builder graph = GraphProto.newBuilder();
    private final Map<String, Integer> counters = new LinkedHashMap<>();

    private String fresh(String prefix) {
      int n = counters.merge(prefix, 1, Integer::sum);
      return prefix + "_" + n;
    }

    private NodeProto.Builder node(String op, String[] inputs, String output) {
      NodeProto.Builder node =
          NodeProto.newBuilder().setOpType(op).setName(fresh(op)).addOutput(output);
      for (String in : inputs) {
        node.addInput(in);
      }
      graph.addNode(node);
      return graph.getNodeBuilder(graph.getNodeCount() - 1);
    }

    private String op(String op, String... inputs) {
      String out = fresh(op.toLowerCase() + "_out");
      node(op, inputs, out);
      return out;
    }

    private String floatInit(String prefix, long[] dims, float[] values) {
      String name = fresh(prefix);
      ByteBuffer bytes = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
      bytes.asFloatBuffer().put(values);
      TensorProto.Builder t =
          TensorProto.newBuilder()
              .setName(name)
              .setDataType(TensorProto.DataType.FLOAT.getNumber())
              .setRawData(ByteString.copyFrom(bytes.array()));
      for (long d : dims) {
        t.addDims(d);
      }
      graph.addInitializer(t);
      return name;
    }

    private String int64Init(String prefix, long... values) {
      String name = fresh(prefix);
      ByteBuffer bytes = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
      bytes.asLongBuffer().put(values);
      graph.addInitializer(
          TensorProto.newBuilder()
              .setName(name)
              .setDataType(TensorProto.DataType.INT64.getNumber())
              .addDims(values.length)
              .setRawData(ByteString.copyFrom(bytes.array())));
      return name;
    }

    private String param(Block block, String paramName, String prefix) {
      Parameter p = block.getParameters().get(paramName);
      if (p == null || !p.isInitialized()) {
        throw new IllegalStateException(
            "layer has no initialised parameter '"
                + paramName
                + "'; it has "
                + block.getParameters().keys());
      }
      NDArray array = p.getArray();
      return floatInit(prefix, array.getShape().getShape(), array.toFloatArray());
    }

    private static AttributeProto ints(String name, long... values) {
      AttributeProto.Builder a =
          AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
      for (long v : values) {
        a.addInts(v);
      }
      return a.build();
    }

    private static AttributeProto intAttr(String name, long value) {
      return AttributeProto.newBuilder()
          .setName(name)
          .setType(AttributeProto.AttributeType.INT)
          .setI(value)
          .build();
    }

    private static AttributeProto string(String name, String value) {
      return AttributeProto.newBuilder()
          .setName(name)
          .setType(AttributeProto.AttributeType.STRING)
          .setS(ByteString.copyFromUtf8(value))
          .build();
    }

    @Override
    public String pad(String x, int px) {
      return op("Pad", x, int64Init("pads", 0, 0, px, px, 0, 0, px, px));
    }

    @Override
    public String crop(String x, int px, int size) {
      return op(
          "Slice",
          x,
          int64Init("starts", px, px),
          int64Init("ends", px + size, px + size),
          int64Init("axes", 2, 3));
    }

    @Override
    public String conv(String x, ConvLayer conv) {
      String w = param(conv.block(), "weight", "conv_w");
      String out = fresh("conv_out");
      NodeProto.Builder node =
          conv.bias()
              ? node("Conv", new String[] {x, w, param(conv.block(), "bias", "conv_b")}, out)
              : node("Conv", new String[] {x, w}, out);
      int k = conv.kernel();
      int p = conv.padding();
      node.addAttribute(ints("kernel_shape", k, k))
          .addAttribute(ints("strides", conv.stride(), conv.stride()))
          .addAttribute(ints("pads", p, p, p, p))
          .addAttribute(ints("dilations", 1, 1))
          .addAttribute(intAttr("group", 1));
      return out;
    }

    @Override
    public String batchNorm(String x, BatchNorm norm) {
      String out = fresh("bn_out");
      node(
              "BatchNormalization",
              new String[] {
                x,
                param(norm, "gamma", "bn_gamma"),
                param(norm, "beta", "bn_beta"),
                param(norm, "runningMean", "bn_mean"),
                param(norm, "runningVar", "bn_var")
              },
              out)
          .addAttribute(
              AttributeProto.newBuilder()
                  .setName("epsilon")
                  .setType(AttributeProto.AttributeType.FLOAT)
                  .setF(1e-5f));
      return out;
    }

    @Override
    public String relu(String x) {
      return op("Relu", x);
    }

    @Override
    public String upsample2x(String x) {
      String out = fresh("resize_out");
      node(
              "Resize",
              new String[] {x, "", floatInit("scales", new long[] {4}, new float[] {1, 1, 2, 2})},
              out)
          .addAttribute(string("mode", "nearest"))
          .addAttribute(string("coordinate_transformation_mode", "asymmetric"))
          .addAttribute(string("nearest_mode", "floor"));
      return out;
    }

    @Override
    public String concatChannels(String a, String b) {
      String out = fresh("concat_out");
      node("Concat", new String[] {a, b}, out).addAttribute(intAttr("axis", 1));
      return out;
    }

    @Override
    public String flatten(String x) {
      String out = fresh("flatten_out");
      node("Flatten", new String[] {x}, out).addAttribute(intAttr("axis", 1));
      return out;
    }

    @Override
    public String dense(String x, Linear linear) {
      String out = fresh("gemm_out");
      node(
              "Gemm",
              new String[] {x, param(linear, "weight", "fc_w"), param(linear, "bias", "fc_b")},
              out)
          .addAttribute(intAttr("transB", 1));
      return out;
    }

    @Override
    public String reshape(String x, long... dims) {
      long[] shape = new long[dims.length + 1];
      shape[0] = 0; // copy the (dynamic) batch dimension
      System.arraycopy(dims, 0, shape, 1, dims.length);
      return op("Reshape", x, int64Init("shape", shape));
    }

    @Override
    public String softArgmax(String logits, float[] cellXy) {
      int cells = cellXy.length / 2;
      String flat = reshape(logits, -1, cells); // [N, C, H*W]; C is inferred
      String out = fresh("softmax_out");
      node("Softmax", new String[] {flat}, out).addAttribute(intAttr("axis", 2));
      return op("MatMul", out, floatInit("cell_xy", new long[] {cells, 2}, cellXy));
    }

    @Override
    public String sampleLatent(String mean, String logVar) {
      return mean;
    }
  }
}
