package io.headrecon.geometry;

import java.util.Arrays;

/**
 * Immutable facial landmarks (typically the 68-point iBUG layout) as 3-D points in millimetres in a
 * frame named by the holder (e.g. {@code landmarksInCamera}), each with a visibility flag.
 * Invisible landmarks carry no meaningful position (NaN is allowed) and are ignored by alignment.
 */
public final class Landmarks3d {
  private final double[] positionsMm; // x0, y0, z0, x1, ...
  private final boolean[] visible;

  private Landmarks3d(double[] positionsMm, boolean[] visible) {
    if (positionsMm.length != 3 * visible.length) {
      throw new IllegalArgumentException(
          "landmarks need 3 coordinates per visibility flag: "
              + positionsMm.length
              + " coordinates, "
              + visible.length
              + " flags");
    }
    for (int i = 0; i < visible.length; i++) {
      if (visible[i]
          && !(Double.isFinite(positionsMm[3 * i])
              && Double.isFinite(positionsMm[3 * i + 1])
              && Double.isFinite(positionsMm[3 * i + 2]))) {
        throw new IllegalArgumentException("visible landmark " + i + " has a non-finite position");
      }
    }
    this.positionsMm = positionsMm;
    this.visible = visible;
  }

  /**
   * Landmarks from copies of the given arrays.
   *
   * @param positionsMm x, y, z per landmark, millimetres
   * @param visible one flag per landmark
   */
  public static Landmarks3d of(double[] positionsMm, boolean[] visible) {
    return new Landmarks3d(positionsMm.clone(), visible.clone());
  }

  /** Number of landmarks (visible or not). */
  public int size() {
    return visible.length;
  }

  public boolean isVisible(int i) {
    return visible[i];
  }

  /** Number of visible landmarks. */
  public int visibleCount() {
    int c = 0;
    for (boolean v : visible) {
      c += v ? 1 : 0;
    }
    return c;
  }

  /** Position of landmark {@code i}, millimetres (a copy). */
  public double[] positionMm(int i) {
    return new double[] {positionsMm[3 * i], positionsMm[3 * i + 1], positionsMm[3 * i + 2]};
  }

  /** Coordinate {@code axis} (0 = x, 1 = y, 2 = z) of landmark {@code i}, millimetres. */
  public double coordinateMm(int i, int axis) {
    return positionsMm[3 * i + axis];
  }

  /** These landmarks moved by {@code transform}; visibility unchanged. */
  public Landmarks3d transformed(RigidTransform transform) {
    double[] out = new double[positionsMm.length];
    double[] p = new double[3];
    for (int i = 0; i < visible.length; i++) {
      transform.apply(positionsMm[3 * i], positionsMm[3 * i + 1], positionsMm[3 * i + 2], p);
      System.arraycopy(p, 0, out, 3 * i, 3);
    }
    return new Landmarks3d(out, visible.clone());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Landmarks3d other
        && Arrays.equals(positionsMm, other.positionsMm)
        && Arrays.equals(visible, other.visible);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(positionsMm) + Arrays.hashCode(visible);
  }

  @Override
  public String toString() {
    return "Landmarks3d{" + size() + " landmarks, " + visibleCount() + " visible}";
  }
}
