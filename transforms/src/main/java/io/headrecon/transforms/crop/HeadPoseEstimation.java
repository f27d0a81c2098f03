package io.headrecon.transforms.crop;

import static org.bytedeco.opencv.global.opencv_calib3d.Rodrigues;
import static org.bytedeco.opencv.global.opencv_calib3d.SOLVEPNP_SQPNP;
import static org.bytedeco.opencv.global.opencv_calib3d.solvePnP;
import static org.bytedeco.opencv.global.opencv_core.CV_64F;

import io.headrecon.geometry.Landmarks3d;
import io.headrecon.model.HeadLandmarkTemplate;
import io.headrecon.proto.Distortion;
import io.headrecon.proto.Intrinsics;
import io.headrecon.transforms.image.OpenCvImages;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * The head's pose from 2-D facial landmarks: the average head's landmarks ({@link
 * HeadLandmarkTemplate}) are fitted to them with OpenCV's SQPnP (a global solver, no starting
 * guess), then refitted without the worst fifth, so that a few misplaced landmarks do not turn the
 * head. Only finite landmark coordinates we computed ourselves reach the native code.
 */
public final class HeadPoseEstimation {
  /** Fewest landmarks a pose is fitted to. */
  public static final int MIN_LANDMARKS = 8;

  private HeadPoseEstimation() {}

  /**
   * @param xyPx landmark k at ({@code xyPx[2k]}, {@code xyPx[2k+1]}), pixels of the image that
   *     {@code intrinsics} describes
   * @param use which landmarks to fit (e.g. those predicted visible)
   * @return the pose, or empty when fewer than {@link #MIN_LANDMARKS} usable landmarks remain or
   *     the solver finds none in front of the camera
   */
  public static Optional<HeadPose> fit(float[] xyPx, boolean[] use, Intrinsics intrinsics) {
    Landmarks3d template = HeadLandmarkTemplate.standard();
    List<Integer> chosen = new ArrayList<>();
    for (int k = 0; k < use.length && k < template.size(); k++) {
      if (use[k] && Float.isFinite(xyPx[2 * k]) && Float.isFinite(xyPx[2 * k + 1])) {
        chosen.add(k);
      }
    }
    Optional<HeadPose> first = solve(xyPx, chosen, intrinsics, template);
    if (first.isEmpty()) {
      return first;
    }
    double[] residual = residualsPx(first.get(), xyPx, chosen, intrinsics, template);
    double[] sorted = residual.clone();
    Arrays.sort(sorted);
    double keepBelow = sorted[(int) Math.floor(0.8 * (sorted.length - 1))];
    List<Integer> kept = new ArrayList<>();
    for (int i = 0; i < chosen.size(); i++) {
      if (residual[i] <= keepBelow) {
        kept.add(chosen.get(i));
      }
    }
    Optional<HeadPose> refit = solve(xyPx, kept, intrinsics, template);
    return refit.isPresent() ? refit : first;
  }

  private static Optional<HeadPose> solve(
      float[] xyPx, List<Integer> chosen, Intrinsics k, Landmarks3d template) {
    int n = chosen.size();
    if (n < MIN_LANDMARKS) {
      return Optional.empty();
    }
    try (Mat object = new Mat(n, 3, CV_64F);
        Mat image = new Mat(n, 2, CV_64F);
        Mat cameraMatrix = OpenCvImages.cameraMatrix(k);
        Mat distortion = OpenCvImages.distortionCoefficients(Distortion.getDefaultInstance());
        Mat rvec = new Mat(3, 1, CV_64F);
        Mat tvec = new Mat(3, 1, CV_64F);
        Mat rotation = new Mat(3, 3, CV_64F)) {
      try (DoubleIndexer o = object.createIndexer();
          DoubleIndexer p = image.createIndexer()) {
        for (int i = 0; i < n; i++) {
          int lm = chosen.get(i);
          for (int a = 0; a < 3; a++) {
            o.put(i, a, template.coordinateMm(lm, a));
          }
          p.put(i, 0, xyPx[2 * lm]);
          p.put(i, 1, xyPx[2 * lm + 1]);
        }
      }
      if (!solvePnP(object, image, cameraMatrix, distortion, rvec, tvec, false, SOLVEPNP_SQPNP)) {
        return Optional.empty();
      }
      Rodrigues(rvec, rotation);
      double[] r = new double[9];
      double[] t = new double[3];
      try (DoubleIndexer ri = rotation.createIndexer();
          DoubleIndexer ti = tvec.createIndexer()) {
        for (int i = 0; i < 9; i++) {
          r[i] = ri.get(i / 3, i % 3);
        }
        for (int i = 0; i < 3; i++) {
          t[i] = ti.get(i, 0);
        }
      }
      if (!(t[2] > 0) || !Double.isFinite(t[0] + t[1] + t[2])) {
        return Optional.empty();
      }
      HeadPose provisional = new HeadPose(r, t, 0, n);
      double[] residual = residualsPx(provisional, xyPx, chosen, k, template);
      Arrays.sort(residual);
      return Optional.of(new HeadPose(r, t, residual[n / 2], n));
    }
  }

  private static double[] residualsPx(
      HeadPose pose, float[] xyPx, List<Integer> chosen, Intrinsics k, Landmarks3d template) {
    double[] out = new double[chosen.size()];
    for (int i = 0; i < chosen.size(); i++) {
      int lm = chosen.get(i);
      double[] q = pose.toCamera(template.positionMm(lm));
      double u = k.getFxPx() * q[0] / q[2] + k.getCxPx();
      double v = k.getFyPx() * q[1] / q[2] + k.getCyPx();
      out[i] = Math.hypot(u - xyPx[2 * lm], v - xyPx[2 * lm + 1]);
    }
    return out;
  }
}
