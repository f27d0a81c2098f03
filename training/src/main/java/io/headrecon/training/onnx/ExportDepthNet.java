package io.headrecon.training.onnx;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.headrecon.training.Args;
import io.headrecon.training.net.DepthNet;
import io.headrecon.training.train.Checkpoint;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Exports a training checkpoint to ONNX (training already writes {@code model.onnx} from its best
 * checkpoint; this re-exports any checkpoint):
 *
 * <pre>
 * training/run.sh io.headrecon.training.onnx.ExportDepthNet --checkpoint=runs/unet [--name=best] --out=m.onnx
 * </pre>
 */
public final class ExportDepthNet {
  private ExportDepthNet() {}

  public static void main(String[] argv) throws IOException {
    Args args = new Args(argv, Set.of("checkpoint", "name", "out"));
    Path dir = args.requiredPath("checkpoint");
    String name = args.string("name", "best");
    DepthNet net = new DepthNet(Checkpoint.config(dir, name));
    try (NDManager manager = NDManager.newBaseManager()) {
      net.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 180, 180));
      Checkpoint.loadParameters(dir, name, net, manager);
      OnnxExporter.export(net, Map.of("checkpoint", name), args.requiredPath("out"));
    }
  }
}
