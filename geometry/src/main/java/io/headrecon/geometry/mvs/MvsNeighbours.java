package io.headrecon.geometry.mvs;

import io.headrecon.geometry.PinholeCamera;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Picks the views to match a reference view against, from camera poses alone. */
public final class MvsNeighbours {
  private MvsNeighbours() {}

  /**
   * The indices of the (up to) {@code count} cameras whose optical axes make the smallest angles
   * with the reference camera's, among those between {@code minAngleDeg} and {@code maxAngleDeg}
   * (degrees); nearest first, ties by index. The reference itself (angle below the minimum) is
   * never picked.
   *
   * <p>On a ring of cameras every 10° of yaw, {@code count = 4}, {@code minAngleDeg = 5} and {@code
   * maxAngleDeg = 25} give the views at ±10° and ±20° (two on one side at the ends of the ring);
   * the wider pair gives twice the depth precision, the nearer pair the fewer occlusions.
   *
   * @param cameras all views' cameras (world-to-camera poses in one world frame)
   * @param referenceIndex the view to refine
   */
  public static List<Integer> nearest(
      List<PinholeCamera> cameras,
      int referenceIndex,
      int count,
      double minAngleDeg,
      double maxAngleDeg) {
    PinholeCamera reference = cameras.get(referenceIndex);
    List<double[]> candidates = new ArrayList<>(); // angle deg, index
    for (int i = 0; i < cameras.size(); i++) {
      if (i == referenceIndex) {
        continue;
      }
      double angle = axisAngleDeg(reference, cameras.get(i));
      if (angle >= minAngleDeg && angle <= maxAngleDeg) {
        candidates.add(new double[] {angle, i});
      }
    }
    candidates.sort(Comparator.<double[]>comparingDouble(c -> c[0]).thenComparingDouble(c -> c[1]));
    List<Integer> out = new ArrayList<>();
    for (int k = 0; k < Math.min(count, candidates.size()); k++) {
      out.add((int) candidates.get(k)[1]);
    }
    return out;
  }

  /** Angle between two cameras' optical axes (their +z in the world), degrees. */
  public static double axisAngleDeg(PinholeCamera a, PinholeCamera b) {
    // row 2 of a world-to-camera rotation is the camera's +z axis in world coordinates
    double dot = 0;
    for (int j = 0; j < 3; j++) {
      dot += a.worldToCamera().r(2, j) * b.worldToCamera().r(2, j);
    }
    return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, dot))));
  }
}
