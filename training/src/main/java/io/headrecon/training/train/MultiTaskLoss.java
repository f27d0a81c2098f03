package io.headrecon.training.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.loss.Loss;

/**
 * The training objective, a weighted sum of:
 *
 * <ul>
 *   <li>depth: mean absolute error of the relative depth (units of 100 mm), weighted per pixel by
 *       the label's depth weight (1 in the {@link io.headrecon.model.HeadMask} mask, {@link
 *       io.headrecon.model.HeadMask#OUTSIDE_DEPTH_WEIGHT} on a garment below the collar, 0 on the
 *       background: head-weighted), weight {@value #DEPTH_WEIGHT};
 *   <li>depth gradient: mean absolute error of the depth's differences between horizontally and
 *       vertically adjacent pixels, over pairs of mask pixels whose ground-truth difference is
 *       under {@value #GRADIENT_EDGE} (10 mm: no occluding edge such as hair over the forehead),
 *       weight {@value #GRADIENT_WEIGHT}; it asks for the right relief (normals), not only the
 *       right distance;
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
  static final float GRADIENT_WEIGHT = 20f;
  static final float GRADIENT_EDGE = 0.1f;
  static final float LANDMARK_WEIGHT = 10f;
  static final float VISIBILITY_WEIGHT = 0.2f;
  static final float KL_WEIGHT = 1e-3f;

  /** Loss terms of one batch, unweighted, as scalar arrays. */
  public record Terms(
      NDArray depth,
      NDArray gradient,
      NDArray mask,
      NDArray landmarks,
      NDArray visibility,
      NDArray kl) {
    /** The weighted sum. */
    public NDArray total() {
      NDArray sum =
          depth
              .mul(DEPTH_WEIGHT)
              .add(gradient.mul(GRADIENT_WEIGHT))
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
    NDArray weight = labels.size() > 4 ? labels.get(4) : maskTarget;
    NDArray predicted = predictions.get(0);
    NDArray depth =
        predicted.sub(depthTarget).abs().mul(weight).sum().div(weight.sum().maximum(1f));
    NDArray gradient =
        gradientError(predicted, depthTarget, maskTarget, 3)
            .add(gradientError(predicted, depthTarget, maskTarget, 2));
    NDArray mask = bceWithLogits(predictions.get(1), maskTarget);
    NDArray landmarks = predictions.get(2).sub(labels.get(2)).abs().mean();
    NDArray visibility = bceWithLogits(predictions.get(3), labels.get(3));
    NDArray kl = null;
    if (predictions.size() > 4) {
      NDArray mean = predictions.get(4);
      NDArray logVar = predictions.get(5);
      kl = logVar.add(1).sub(mean.square()).sub(logVar.exp()).mean().mul(-0.5f);
    }
    return new Terms(depth, gradient, mask, landmarks, visibility, kl);
  }

  /**
   * Mean absolute error of the differences between neighbours along {@code axis} (3 = x, 2 = y) of
   * {@code [N, 1, H, W]} maps, over pairs where both pixels are in the mask and the target's
   * difference is under {@link #GRADIENT_EDGE}.
   */
  static NDArray gradientError(NDArray predicted, NDArray target, NDArray mask, int axis) {
    String head = axis == 3 ? ":, :, :, 1:" : ":, :, 1:, :";
    String tail = axis == 3 ? ":, :, :, :-1" : ":, :, :-1, :";
    NDArray dp = predicted.get(head).sub(predicted.get(tail));
    NDArray dt = target.get(head).sub(target.get(tail));
    NDArray valid =
        mask.get(head)
            .mul(mask.get(tail))
            .mul(dt.abs().lt(GRADIENT_EDGE).toType(DataType.FLOAT32, false));
    return dp.sub(dt).abs().mul(valid).sum().div(valid.sum().maximum(1f));
  }

  /** Mean binary cross-entropy of logits {@code x} against targets {@code y} in [0, 1]. */
  static NDArray bceWithLogits(NDArray x, NDArray y) {
    return x.maximum(0f).sub(x.mul(y)).add(x.abs().neg().exp().add(1).log()).mean();
  }
}
