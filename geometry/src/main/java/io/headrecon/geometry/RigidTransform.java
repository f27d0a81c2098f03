package io.headrecon.geometry;

import java.util.Arrays;

/**
 * An immutable rigid transform {@code y = R x + t} between two frames, lengths in millimetres. The
 * name of a variable holding one says which way it maps, e.g. {@code worldToCamera}.
 */
public final class RigidTransform {
  private static final RigidTransform IDENTITY =
      new RigidTransform(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, new double[3]);

  private final double[] r; // 3x3 row-major
  private final double[] t; // mm

  private RigidTransform(double[] r, double[] t) {
    this.r = r;
    this.t = t;
  }

  /** The identity transform. */
  public static RigidTransform identity() {
    return IDENTITY;
  }

  /**
   * A transform from a 3x3 row-major rotation and a translation in millimetres. The rotation is
   * taken as given; callers that read it from outside check it first.
   */
  public static RigidTransform of(double[] rotationRowMajor, double[] translationMm) {
    if (rotationRowMajor.length != 9 || translationMm.length != 3) {
      throw new IllegalArgumentException("need 9 rotation and 3 translation values");
    }
    return new RigidTransform(rotationRowMajor.clone(), translationMm.clone());
  }

  /** A pure translation, millimetres. */
  public static RigidTransform translation(double xMm, double yMm, double zMm) {
    return new RigidTransform(IDENTITY.r.clone(), new double[] {xMm, yMm, zMm});
  }

  /**
   * A rotation of {@code angleDeg} degrees about the axis (x, y, z) (need not be unit length; the
   * right-hand rule gives the sense), then a translation in millimetres.
   */
  public static RigidTransform fromAxisAngle(
      double axisX, double axisY, double axisZ, double angleDeg, double[] translationMm) {
    double n = Math.sqrt(axisX * axisX + axisY * axisY + axisZ * axisZ);
    if (n == 0) {
      throw new IllegalArgumentException("rotation axis is zero");
    }
    double x = axisX / n;
    double y = axisY / n;
    double z = axisZ / n;
    double a = Math.toRadians(angleDeg);
    double c = Math.cos(a);
    double s = Math.sin(a);
    double k = 1 - c;
    double[] rot = {
      c + x * x * k,
      x * y * k - z * s,
      x * z * k + y * s,
      y * x * k + z * s,
      c + y * y * k,
      y * z * k - x * s,
      z * x * k - y * s,
      z * y * k + x * s,
      c + z * z * k
    };
    return new RigidTransform(rot, translationMm.clone());
  }

  /** The rotation, 3x3 row-major (a copy). */
  public double[] rotation() {
    return r.clone();
  }

  /** The translation in millimetres (a copy). */
  public double[] translationMm() {
    return t.clone();
  }

  /** Rotation element at row {@code i}, column {@code j}. */
  public double r(int i, int j) {
    return r[3 * i + j];
  }

  /** Translation component {@code i}, millimetres. */
  public double t(int i) {
    return t[i];
  }

  /** Applies the transform to the point (x, y, z) mm, writing 3 values into {@code out}. */
  public void apply(double x, double y, double z, double[] out) {
    double ox = r[0] * x + r[1] * y + r[2] * z + t[0];
    double oy = r[3] * x + r[4] * y + r[5] * z + t[1];
    double oz = r[6] * x + r[7] * y + r[8] * z + t[2];
    out[0] = ox;
    out[1] = oy;
    out[2] = oz;
  }

  /** Applies the transform to a point (x, y, z) in millimetres and returns the result. */
  public double[] apply(double[] p) {
    double[] out = new double[3];
    apply(p[0], p[1], p[2], out);
    return out;
  }

  /** Rotates a direction (no translation), writing 3 values into {@code out}. */
  public void rotate(double x, double y, double z, double[] out) {
    double ox = r[0] * x + r[1] * y + r[2] * z;
    double oy = r[3] * x + r[4] * y + r[5] * z;
    double oz = r[6] * x + r[7] * y + r[8] * z;
    out[0] = ox;
    out[1] = oy;
    out[2] = oz;
  }

  /** The inverse transform: if this maps A to B, the result maps B to A. */
  public RigidTransform inverse() {
    double[] rt = {r[0], r[3], r[6], r[1], r[4], r[7], r[2], r[5], r[8]};
    double[] ti = {
      -(rt[0] * t[0] + rt[1] * t[1] + rt[2] * t[2]),
      -(rt[3] * t[0] + rt[4] * t[1] + rt[5] * t[2]),
      -(rt[6] * t[0] + rt[7] * t[1] + rt[8] * t[2])
    };
    return new RigidTransform(rt, ti);
  }

  /**
   * Composition {@code this ∘ first}: applies {@code first}, then this. If first maps A to B and
   * this maps B to C, the result maps A to C.
   */
  public RigidTransform after(RigidTransform first) {
    double[] m = new double[9];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        m[3 * i + j] =
            r[3 * i] * first.r[j] + r[3 * i + 1] * first.r[3 + j] + r[3 * i + 2] * first.r[6 + j];
      }
    }
    double[] tt = new double[3];
    rotate(first.t[0], first.t[1], first.t[2], tt);
    tt[0] += t[0];
    tt[1] += t[1];
    tt[2] += t[2];
    return new RigidTransform(m, tt);
  }

  /** The rotation angle of this transform, degrees in [0, 180]. */
  public double rotationAngleDeg() {
    double c = (r[0] + r[4] + r[8] - 1) / 2;
    return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, c))));
  }

  /** The angle of the rotation taking this to {@code other}, degrees in [0, 180]. */
  public double rotationDistanceDeg(RigidTransform other) {
    return other.after(inverse()).rotationAngleDeg();
  }

  /** Euclidean distance between the translations, millimetres. */
  public double translationDistanceMm(RigidTransform other) {
    double dx = t[0] - other.t[0];
    double dy = t[1] - other.t[1];
    double dz = t[2] - other.t[2];
    return Math.sqrt(dx * dx + dy * dy + dz * dz);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RigidTransform other
        && Arrays.equals(r, other.r)
        && Arrays.equals(t, other.t);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(r) + Arrays.hashCode(t);
  }

  @Override
  public String toString() {
    return "RigidTransform{R=" + Arrays.toString(r) + ", tMm=" + Arrays.toString(t) + "}";
  }
}
