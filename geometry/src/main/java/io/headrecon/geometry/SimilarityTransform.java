package io.headrecon.geometry;

import java.util.Arrays;

/**
 * An immutable similarity transform {@code y = s R x + t} between two frames: a rotation, a uniform
 * scale {@code s > 0} (dimensionless) and a translation in millimetres. Variable names say which
 * way it maps, e.g. {@code cameraToReference}.
 */
public final class SimilarityTransform {
  private final RigidTransform rigid; // R and t
  private final double scale;

  private SimilarityTransform(RigidTransform rigid, double scale) {
    if (!(scale > 0) || Double.isInfinite(scale)) {
      throw new IllegalArgumentException("scale must be positive and finite: " + scale);
    }
    this.rigid = rigid;
    this.scale = scale;
  }

  /**
   * A similarity from a 3x3 row-major rotation, a uniform scale and a translation in millimetres.
   */
  public static SimilarityTransform of(
      double[] rotationRowMajor, double scale, double[] translationMm) {
    return new SimilarityTransform(RigidTransform.of(rotationRowMajor, translationMm), scale);
  }

  /** A similarity with the rotation and translation of {@code rigid} and the given scale. */
  public static SimilarityTransform of(RigidTransform rigid, double scale) {
    return new SimilarityTransform(rigid, scale);
  }

  /** The identity. */
  public static SimilarityTransform identity() {
    return new SimilarityTransform(RigidTransform.identity(), 1);
  }

  /** Uniform scale factor (dimensionless). */
  public double scale() {
    return scale;
  }

  /** The rotation and translation without the scale: {@code y = R x + t}. */
  public RigidTransform rigidPart() {
    return rigid;
  }

  /** Applies {@code s R p + t} to (x, y, z) mm, writing 3 values into {@code out}. */
  public void apply(double x, double y, double z, double[] out) {
    rigid.rotate(x, y, z, out);
    out[0] = scale * out[0] + rigid.t(0);
    out[1] = scale * out[1] + rigid.t(1);
    out[2] = scale * out[2] + rigid.t(2);
  }

  /** Applies the transform to a point in millimetres and returns the result. */
  public double[] apply(double[] p) {
    double[] out = new double[3];
    apply(p[0], p[1], p[2], out);
    return out;
  }

  /** The inverse: {@code x = (1/s) R^T (y - t)}. */
  public SimilarityTransform inverse() {
    RigidTransform ri = rigid.inverse(); // R^T, -R^T t
    double inv = 1 / scale;
    double[] t = {ri.t(0) * inv, ri.t(1) * inv, ri.t(2) * inv};
    return new SimilarityTransform(RigidTransform.of(ri.rotation(), t), inv);
  }

  /** Composition {@code this ∘ first}: applies {@code first}, then this. */
  public SimilarityTransform after(SimilarityTransform first) {
    // s1 R1 (s0 R0 x + t0) + t1 = (s1 s0) R1 R0 x + (s1 R1 t0 + t1)
    RigidTransform rotOnly = RigidTransform.of(rigid.rotation(), new double[3]);
    RigidTransform r = rotOnly.after(RigidTransform.of(first.rigid.rotation(), new double[3]));
    double[] t = new double[3];
    rigid.rotate(first.rigid.t(0), first.rigid.t(1), first.rigid.t(2), t);
    for (int i = 0; i < 3; i++) {
      t[i] = scale * t[i] + rigid.t(i);
    }
    return new SimilarityTransform(RigidTransform.of(r.rotation(), t), scale * first.scale);
  }

  /**
   * The rigid part if the scale is within {@code scaleTolerance} of 1, else an exception: use where
   * a metric (unscaled) transform is required.
   */
  public RigidTransform toRigid(double scaleTolerance) {
    if (Math.abs(scale - 1) > scaleTolerance) {
      throw new IllegalStateException(
          "similarity has scale " + scale + ", not within " + scaleTolerance + " of 1");
    }
    return rigid;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SimilarityTransform other
        && rigid.equals(other.rigid)
        && scale == other.scale;
  }

  @Override
  public int hashCode() {
    return 31 * rigid.hashCode() + Double.hashCode(scale);
  }

  @Override
  public String toString() {
    return "SimilarityTransform{scale="
        + scale
        + ", R="
        + Arrays.toString(rigid.rotation())
        + ", tMm="
        + Arrays.toString(rigid.translationMm())
        + "}";
  }
}
