package io.headrecon.training.train;

import static io.headrecon.model.DepthNetContract.INPUT_SIZE_PX;
import static io.headrecon.model.DepthNetContract.LANDMARK_COUNT;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.headrecon.training.data.TrainingExample;
import java.util.List;

/** Stacks {@link TrainingExample}s into network inputs and labels. */
public final class Batches {
  private Batches() {}

  /** {@code [N, 3, 180, 180]} images. */
  public static NDArray images(NDManager manager, List<TrainingExample> examples) {
    int plane = 3 * INPUT_SIZE_PX * INPUT_SIZE_PX;
    float[] data = new float[examples.size() * plane];
    for (int i = 0; i < examples.size(); i++) {
      System.arraycopy(examples.get(i).image(), 0, data, i * plane, plane);
    }
    return manager.create(data, new Shape(examples.size(), 3, INPUT_SIZE_PX, INPUT_SIZE_PX));
  }

  /**
   * Labels: depth {@code [N,1,180,180]}, mask {@code [N,1,180,180]}, landmarks {@code [N,68,2]},
   * visibility {@code [N,68]}, depth weight {@code [N,1,180,180]}.
   */
  public static NDList labels(NDManager manager, List<TrainingExample> examples) {
    int n = examples.size();
    int plane = INPUT_SIZE_PX * INPUT_SIZE_PX;
    float[] depth = new float[n * plane];
    float[] mask = new float[n * plane];
    float[] weight = new float[n * plane];
    float[] landmarks = new float[n * 2 * LANDMARK_COUNT];
    float[] visible = new float[n * LANDMARK_COUNT];
    for (int i = 0; i < n; i++) {
      TrainingExample e = examples.get(i);
      System.arraycopy(e.depth(), 0, depth, i * plane, plane);
      System.arraycopy(e.mask(), 0, mask, i * plane, plane);
      System.arraycopy(e.depthWeight(), 0, weight, i * plane, plane);
      System.arraycopy(e.landmarks(), 0, landmarks, i * 2 * LANDMARK_COUNT, 2 * LANDMARK_COUNT);
      System.arraycopy(e.visible(), 0, visible, i * LANDMARK_COUNT, LANDMARK_COUNT);
    }
    Shape map = new Shape(n, 1, INPUT_SIZE_PX, INPUT_SIZE_PX);
    return new NDList(
        manager.create(depth, map),
        manager.create(mask, map),
        manager.create(landmarks, new Shape(n, LANDMARK_COUNT, 2)),
        manager.create(visible, new Shape(n, LANDMARK_COUNT)),
        manager.create(weight, map));
  }
}
