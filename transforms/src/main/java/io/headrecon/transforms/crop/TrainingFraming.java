package io.headrecon.transforms.crop;

import io.headrecon.geometry.Matrix3;
import io.headrecon.proto.Intrinsics;
import java.util.Arrays;
import java.util.List;

/**
 * How the network's training images frame a head, stated in terms of the head's pose ({@link
 * HeadPose}), so that any photo can be cropped the same way: the dataset's camera looks at a point
 * {@link #AIM_IN_HEAD_MM} of the head frame (the centre of the head's bounding box, measured on the
 * average head) and is placed so that the average head appears at {@link #INPUT_PX_PER_MM} input
 * pixels per millimetre at the head origin's depth. The constants are fitted to the true landmarks
 * of the dataset's views ({@link #fit}; {@code TrainingFramingTest} refits them from testdata).
 */
public final class TrainingFraming {
  private TrainingFraming() {}

  /** The point the dataset's cameras aim at, head frame, millimetres. */
  static final double[] AIM_IN_HEAD_MM = {-0.5, -30.7, 16.9};

  /**
   * Focal length over the head origin's depth in the 180-pixel network input (pixels per millimetre
   * at the head origin's depth), for the average head.
   */
  static final double INPUT_PX_PER_MM = 0.434;

  /**
   * The training framing's crop of a photo whose camera is {@code photo} and in which the head has
   * {@code pose}: centred on the aim point's projection, of the side that gives the average head
   * {@link #INPUT_PX_PER_MM} once resampled to {@code inputSizePx}.
   */
  public static HeadCrop cropFor(HeadPose pose, Intrinsics photo, int inputSizePx) {
    double[] aim = pose.toCamera(AIM_IN_HEAD_MM);
    double u = photo.getFxPx() * aim[0] / aim[2] + photo.getCxPx();
    double v = photo.getFyPx() * aim[1] / aim[2] + photo.getCyPx();
    double focalPx = Math.sqrt(photo.getFxPx() * photo.getFyPx());
    double side = inputSizePx * focalPx / (pose.translationHeadToCameraMm()[2] * INPUT_PX_PER_MM);
    return HeadCrop.centredOn(u, v, side);
  }

  /** Constants fitted to views in the training framing: {@link #fit}. */
  public record Fitted(double[] aimInHeadMm, double inputPxPerMm) {}

  /**
   * Fits the aim point and the scale to poses found in images framed as the dataset frames them
   * (each camera aims at the aim point, principal point at the image centre): the aim point is the
   * least-squares point of the head frame whose projection is the principal point in every view;
   * the scale is the median of focal length over the head origin's depth.
   */
  public static Fitted fit(List<HeadPose> poses, List<Intrinsics> cameras) {
    // Normal equations of (R a + t)_x = 0 and (R a + t)_y = 0 over all views, weighted by f / Z
    // so that the residuals are pixels.
    double[] ata = new double[9];
    double[] atb = new double[3];
    double[] scales = new double[poses.size()];
    for (int i = 0; i < poses.size(); i++) {
      HeadPose p = poses.get(i);
      double[] r = p.rotationHeadToCamera();
      double[] t = p.translationHeadToCameraMm();
      double w = cameras.get(i).getFxPx() / t[2];
      scales[i] = w;
      for (int row = 0; row < 2; row++) {
        for (int a = 0; a < 3; a++) {
          for (int b = 0; b < 3; b++) {
            ata[3 * a + b] += w * w * r[3 * row + a] * r[3 * row + b];
          }
          atb[a] += -w * w * r[3 * row + a] * t[row];
        }
      }
    }
    Arrays.sort(scales);
    double[] aim = Matrix3.solve(ata, atb);
    if (aim == null) {
      throw new IllegalArgumentException("the views do not fix the aim point (one direction only)");
    }
    return new Fitted(aim, scales[scales.length / 2]);
  }
}
