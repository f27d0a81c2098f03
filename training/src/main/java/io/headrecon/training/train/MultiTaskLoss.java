package io.headrecon.training.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * The training objective, a weighted sum of:
 *
 * <ul>
 *   <li>depth: mean absolute error of the relative depth (units of 100 mm) over ground-truth head
 *       pixels, weight {@value #DEPTH_WEIGHT};
 *   <li>mask: binary cross-entropy of the mask logit over all pixels, weight 1;
 *   <li>landmarks: mean absolute error of the normalised positions of all 68 landmarks (occluded
 *       ones have a well-defined projection too), weight {@value #LANDMARK_WEIGHT};
 *   <li>visibility: binary cross-entropy of the visibility logits, weight {@value
 *       #VISIBILITY_WEIGHT};
 *   <li>VAE only: KL divergence of the latent Gaussian to N(0, I), mean over latent dimensions,
 *       weight {@value #KL_WEIGHT}.
 * </ul>
 *
 * Labels as made by {@link Batches#labels}; predictions as the {@code DepthNet} forward pass
 * returns them.
 */
public final class MultiTaskLoss extends Loss {
  static final float DEPTH_WEIGHT = 10f;
  static final float LANDMARK_WEIGHT = 10f;
  static final float VISIBILITY_WEIGHT = 0.2f;
  static final float KL_WEIGHT = 1e-3f;

  /** Loss terms of one batch, unweighted, as scalar arrays. */
  public record Terms(
      NDArray depth, NDArray mask, NDArray landmarks, NDArray visibility, NDArray kl) {
    /** The weighted sum. */
    public NDArray total() {
      NDArray sum =
          depth
              .mul(DEPTH_WEIGHT)
              .add(mask)
              .add(landmarks.mul(LANDMARK_WEIGHT))
              .add(visibility.mul(VISIBILITY_WEIGHT));
      return kl == null ? sum : sum.add(kl.mul(KL_WEIGHT));
    }
  }

  public MultiTaskLoss() {
    super("multitask");
  }

  @Override
  public NDArray evaluate(NDList labels, NDList predictions) {
    return terms(labels, predictions).total();
  }

  /** Each term of the objective. */
  public static Terms terms(NDList labels, NDList predictions) {
    NDArray depthTarget = labels.get(0);
    NDArray maskTarget = labels.get(1);
    NDArray depth =
        predictions
            .get(0)
            .sub(depthTarget)
            .abs()
            .mul(maskTarget)
            .sum()
            .div(maskTarget.sum().maximum(1f));
    NDArray mask = bceWithLogits(predictions.get(1), maskTarget);
    NDArray landmarks = predictions.get(2).sub(labels.get(2)).abs().mean();
    NDArray visibility = bceWithLogits(predictions.get(3), labels.get(3));
    NDArray kl = null;
    if (predictions.size() > 4) {
      NDArray mean = predictions.get(4);
      NDArray logVar = predictions.get(5);
      kl = logVar.add(1).sub(mean.square()).sub(logVar.exp()).mean().mul(-0.5f);
    }
    return new Terms(depth, mask, landmarks, visibility, kl);
  }

  /** Mean binary cross-entropy of logits {@code x} against targets {@code y} in [0, 1]. */
  static NDArray bceWithLogits(NDArray x, NDArray y) {
    return x.maximum(0f).sub(x.mul(y)).add(x.abs().neg().exp().add(1).log()).mean();
  }
}
