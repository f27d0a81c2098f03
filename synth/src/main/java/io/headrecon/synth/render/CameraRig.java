package io.headrecon.synth.render;

import io.headrecon.geometry.PinholeCamera;
import io.headrecon.geometry.RigidTransform;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Places pinhole cameras on a circle around a head, all aimed at the centre of its bounding box,
 * one per yaw angle. Yaw is about the world +y axis: 0° looks at the face from the front (camera on
 * +z), +90° puts the camera on +x, the subject's left. By default the distance is chosen per head
 * so that the whole head fits every view with a margin, and jitter only moves cameras outwards, so
 * it stays framed. With a distance range ({@link Settings#fixedDistance()}) each view's distance is
 * drawn from it instead, whatever the head's size: framing is then up to the focal length.
 */
public final class CameraRig {
  /**
   * How views are placed.
   *
   * @param widthPx image width, pixels
   * @param heightPx image height, pixels
   * @param focalLength35mm 35 mm-equivalent focal length, millimetres (85 is a portrait lens)
   * @param pitchJitterDeg camera elevation drawn from U(-j, j), degrees (+ = above)
   * @param rollJitterDeg rotation about the optical axis drawn from U(-j, j), degrees
   * @param distanceJitterFraction distance multiplied by 1 + U(0, j)
   * @param marginFraction fraction of the half-image left free around the head's projection (fitted
   *     distance only)
   * @param minDistanceMm with {@code maxDistanceMm} > 0: each view's distance from the head's
   *     bounding-box centre to the camera centre is drawn from U(min, max), millimetres, replacing
   *     the fitted distance and its jitter; 0 and 0 = fitted
   * @param maxDistanceMm upper end of that range, millimetres; 0 = fitted
   * @param principalOffsetFraction each view's principal point moved from the image centre by U(-a,
   *     a) of the half width and half height (0 = centred); the fitted distance does not allow for
   *     it, so use it with a distance range that keeps the head in the image
   */
  public record Settings(
      int widthPx,
      int heightPx,
      double focalLength35mm,
      double pitchJitterDeg,
      double rollJitterDeg,
      double distanceJitterFraction,
      double marginFraction,
      double minDistanceMm,
      double maxDistanceMm,
      double principalOffsetFraction) {
    /** Settings without a principal-point offset (the head in the image centre). */
    public Settings(
        int widthPx,
        int heightPx,
        double focalLength35mm,
        double pitchJitterDeg,
        double rollJitterDeg,
        double distanceJitterFraction,
        double marginFraction,
        double minDistanceMm,
        double maxDistanceMm) {
      this(
          widthPx,
          heightPx,
          focalLength35mm,
          pitchJitterDeg,
          rollJitterDeg,
          distanceJitterFraction,
          marginFraction,
          minDistanceMm,
          maxDistanceMm,
          0);
    }

    /** Settings with the distance fitted to the head (no distance range). */
    public Settings(
        int widthPx,
        int heightPx,
        double focalLength35mm,
        double pitchJitterDeg,
        double rollJitterDeg,
        double distanceJitterFraction,
        double marginFraction) {
      this(
          widthPx,
          heightPx,
          focalLength35mm,
          pitchJitterDeg,
          rollJitterDeg,
          distanceJitterFraction,
          marginFraction,
          0,
          0);
    }

    public Settings {
      if (widthPx <= 0 || heightPx <= 0) {
        throw new IllegalArgumentException("image size must be positive");
      }
      if (!(focalLength35mm > 0)) {
        throw new IllegalArgumentException("focal length must be positive: " + focalLength35mm);
      }
      if (pitchJitterDeg < 0 || rollJitterDeg < 0 || distanceJitterFraction < 0) {
        throw new IllegalArgumentException("jitter must not be negative");
      }
      if (!(principalOffsetFraction >= 0 && principalOffsetFraction < 1)) {
        throw new IllegalArgumentException(
            "principal-point offset must be in [0, 1) of the half image: "
                + principalOffsetFraction);
      }
      if (!(marginFraction >= 0 && marginFraction < 0.9)) {
        throw new IllegalArgumentException("margin must be in [0, 0.9): " + marginFraction);
      }
      if (maxDistanceMm != 0 || minDistanceMm != 0) {
        if (!(minDistanceMm > 0 && maxDistanceMm >= minDistanceMm && maxDistanceMm < 1e6)) {
          throw new IllegalArgumentException(
              "camera distance range must satisfy 0 < min <= max (mm), got "
                  + minDistanceMm
                  + ".."
                  + maxDistanceMm);
        }
        if (distanceJitterFraction != 0) {
          throw new IllegalArgumentException(
              "a camera distance range replaces the distance jitter: set one of them");
        }
      }
    }

    /** Whether each view's distance is drawn from [minDistanceMm, maxDistanceMm]. */
    public boolean fixedDistance() {
      return maxDistanceMm > 0;
    }

    /** The same settings with another 35 mm-equivalent focal length, millimetres. */
    public Settings withFocalLength35mm(double newFocalLength35mm) {
      return new Settings(
          widthPx,
          heightPx,
          newFocalLength35mm,
          pitchJitterDeg,
          rollJitterDeg,
          distanceJitterFraction,
          marginFraction,
          minDistanceMm,
          maxDistanceMm,
          principalOffsetFraction);
    }

    /** Focal length in pixels (square pixels; the image width maps to 36 mm). */
    public double focalPx() {
      return focalLength35mm / PinholeCamera.FULL_FRAME_WIDTH_MM * widthPx;
    }
  }

  /**
   * One placed view.
   *
   * @param viewId e.g. "yaw_m090", "yaw_p000", "yaw_p030"
   * @param yawDeg camera yaw about world +y, degrees
   * @param pitchDeg camera elevation, degrees (+ = above)
   * @param rollDeg rotation about the optical axis, degrees
   * @param camera intrinsics and world-to-camera pose
   */
  public record View(
      String viewId, double yawDeg, double pitchDeg, double rollDeg, PinholeCamera camera) {}

  private CameraRig() {}

  /** The view id of a yaw angle: "yaw_m090" for -90°, "yaw_p000" for 0°, "yaw_p030" for 30°. */
  public static String viewId(int yawDeg) {
    return String.format("yaw_%s%03d", yawDeg < 0 ? "m" : "p", Math.abs(yawDeg));
  }

  /**
   * Places one camera per yaw. Each view draws pitch, roll and distance jitter, then (with a
   * distance range) its distance, from its own stream.
   *
   * @param verticesMm the head, world frame, millimetres (used for the centre and the framing)
   * @param yawsDeg yaw angles, degrees, distinct
   * @param seed source of the jitter; each view draws from its own stream (named by its id)
   */
  public static List<View> place(float[] verticesMm, int[] yawsDeg, Settings settings, long seed) {
    double[] centre = boxCentre(verticesMm);
    double f = settings.focalPx();
    Set<String> ids = new HashSet<>();
    List<double[]> poses = new ArrayList<>(); // yaw, pitch, roll, jitter factor
    double distance = 0;
    for (int yaw : yawsDeg) {
      String id = viewId(yaw);
      if (!ids.add(id)) {
        throw new IllegalArgumentException("yaw " + yaw + " appears twice in the view list");
      }
      Random r = Seeds.random(seed, id);
      double pitch = settings.pitchJitterDeg() * (2 * r.nextDouble() - 1) + 0.0; // never -0.0
      double roll = settings.rollJitterDeg() * (2 * r.nextDouble() - 1) + 0.0;
      double factor = 1 + settings.distanceJitterFraction() * r.nextDouble();
      double[] offset;
      if (settings.fixedDistance()) {
        double drawn =
            settings.minDistanceMm()
                + (settings.maxDistanceMm() - settings.minDistanceMm()) * r.nextDouble();
        offset = principalOffsetPx(settings, r);
        poses.add(new double[] {yaw, pitch, roll, drawn, offset[0], offset[1]});
      } else {
        offset = principalOffsetPx(settings, r);
        poses.add(new double[] {yaw, pitch, roll, factor, offset[0], offset[1]});
        distance =
            Math.max(distance, fittingDistance(verticesMm, centre, yaw, pitch, roll, f, settings));
      }
    }
    List<View> views = new ArrayList<>();
    for (double[] pose : poses) {
      double d =
          settings.fixedDistance()
              ? Math.round(pose[3] * 10) / 10.0 // tenths of a millimetre
              : Math.ceil(distance * pose[3]); // whole millimetres
      PinholeCamera camera =
          camera(centre, pose[0], pose[1], pose[2], d, f, settings.widthPx(), settings.heightPx());
      if (pose[4] != 0 || pose[5] != 0) {
        camera =
            PinholeCamera.of(
                camera.fxPx(),
                camera.fyPx(),
                camera.cxPx() + pose[4],
                camera.cyPx() + pose[5],
                camera.widthPx(),
                camera.heightPx(),
                camera.worldToCamera());
      }
      views.add(new View(viewId((int) pose[0]), pose[0], pose[1], pose[2], camera));
    }
    return views;
  }

  /**
   * The principal point's offset from the image centre, pixels, drawn after the view's other jitter
   * (so that views without it are unchanged): uniform within ± the fraction of the half width and
   * half height. A camera aimed at the head whose image is an off-centre part of a larger sensor:
   * the head appears off-centre, as in a cropped photograph.
   */
  private static double[] principalOffsetPx(Settings settings, Random r) {
    double a = settings.principalOffsetFraction();
    if (a == 0) {
      return new double[2];
    }
    return new double[] {
      a * settings.widthPx() / 2.0 * (2 * r.nextDouble() - 1),
      a * settings.heightPx() / 2.0 * (2 * r.nextDouble() - 1)
    };
  }

  /** The centre of the axis-aligned bounding box, millimetres. */
  public static double[] boxCentre(float[] verticesMm) {
    double[] min = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
    double[] max = {-Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
    for (int i = 0; i < verticesMm.length; i++) {
      min[i % 3] = Math.min(min[i % 3], verticesMm[i]);
      max[i % 3] = Math.max(max[i % 3], verticesMm[i]);
    }
    return new double[] {
      (min[0] + max[0]) / 2, (min[1] + max[1]) / 2, (min[2] + max[2]) / 2,
    };
  }

  private static PinholeCamera camera(
      double[] target,
      double yawDeg,
      double pitchDeg,
      double rollDeg,
      double distanceMm,
      double focalPx,
      int widthPx,
      int heightPx) {
    double yaw = Math.toRadians(yawDeg);
    double pitch = Math.toRadians(pitchDeg);
    double[] eye = {
      target[0] + distanceMm * Math.cos(pitch) * Math.sin(yaw),
      target[1] + distanceMm * Math.sin(pitch),
      target[2] + distanceMm * Math.cos(pitch) * Math.cos(yaw)
    };
    PinholeCamera camera =
        PinholeCamera.lookAt(focalPx, widthPx, heightPx, eye, target, new double[] {0, 1, 0});
    RigidTransform worldToCamera = camera.worldToCamera();
    if (rollDeg != 0) {
      RigidTransform roll = RigidTransform.fromAxisAngle(0, 0, 1, rollDeg, new double[3]);
      worldToCamera = roll.after(worldToCamera);
    }
    return camera.withWorldToCamera(
        RigidTransform.of(clean(worldToCamera.rotation()), clean(worldToCamera.translationMm())));
  }

  /**
   * Rounding noise below 1e-12 becomes 0 and -0.0 becomes 0.0, so that cameras print cleanly and
   * survive a JSON round trip unchanged (JSON parsers read "-0.0" as 0).
   */
  private static double[] clean(double[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = Math.abs(values[i]) < 1e-12 ? 0.0 : values[i];
    }
    return out;
  }

  /**
   * The smallest distance at which every vertex projects inside the image shrunk by the margin.
   * With camera-frame offsets q = R (X - target), a vertex lands at f·q/(q_z + d) from the
   * principal point; solving |f·q_x/(q_z + d)| ≤ (1 - margin)·w/2 for d gives the bound.
   */
  private static double fittingDistance(
      float[] v,
      double[] target,
      double yawDeg,
      double pitchDeg,
      double rollDeg,
      double focalPx,
      Settings s) {
    PinholeCamera probe =
        camera(target, yawDeg, pitchDeg, rollDeg, 1000, focalPx, s.widthPx(), s.heightPx());
    RigidTransform r = probe.worldToCamera();
    double halfW = (1 - s.marginFraction()) * s.widthPx() / 2.0;
    double halfH = (1 - s.marginFraction()) * s.heightPx() / 2.0;
    double[] q = new double[3];
    double d = 0;
    for (int i = 0; i < v.length; i += 3) {
      r.rotate(v[i] - target[0], v[i + 1] - target[1], v[i + 2] - target[2], q);
      d = Math.max(d, Math.abs(q[0]) * focalPx / halfW - q[2]);
      d = Math.max(d, Math.abs(q[1]) * focalPx / halfH - q[2]);
    }
    return d;
  }
}
