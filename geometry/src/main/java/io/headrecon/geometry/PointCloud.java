package io.headrecon.geometry;

import java.util.Arrays;

/**
 * An immutable point cloud stored for speed in flat primitive arrays: positions in millimetres
 * ({@code x0, y0, z0, x1, …}), optional colours (8-bit sRGB, {@code r0, g0, b0, …}) and optional
 * unit normals. The frame is the producer's and is named where a cloud is held (e.g. {@code
 * cloudInCamera}, {@code cloudInWorld}). Serializable so that pipelines can carry clouds.
 */
public final class PointCloud {

  private final float[] positionsMm;
  private final byte[] colorsRgb; // null when absent
  private final float[] normals; // null when absent

  private PointCloud(float[] positionsMm, byte[] colorsRgb, float[] normals) {
    if (positionsMm.length % 3 != 0) {
      throw new IllegalArgumentException("positions length must be a multiple of 3");
    }
    int n = positionsMm.length / 3;
    if (colorsRgb != null && colorsRgb.length != 3 * n) {
      throw new IllegalArgumentException("colours need 3 bytes per point");
    }
    if (normals != null && normals.length != 3 * n) {
      throw new IllegalArgumentException("normals need 3 floats per point");
    }
    this.positionsMm = positionsMm;
    this.colorsRgb = colorsRgb;
    this.normals = normals;
  }

  /**
   * A cloud over the given arrays; the arrays are taken over, not copied (callers hand in fresh
   * arrays and never touch them again).
   *
   * @param positionsMm x, y, z per point, millimetres
   * @param colorsRgb r, g, b per point (unsigned bytes) or null
   * @param normals unit nx, ny, nz per point or null
   */
  public static PointCloud of(float[] positionsMm, byte[] colorsRgb, float[] normals) {
    return new PointCloud(positionsMm, colorsRgb, normals);
  }

  /** A cloud of positions only, millimetres. */
  public static PointCloud of(float[] positionsMm) {
    return new PointCloud(positionsMm, null, null);
  }

  /** An empty cloud. */
  public static PointCloud empty() {
    return new PointCloud(new float[0], null, null);
  }

  public int size() {
    return positionsMm.length / 3;
  }

  /** The mean of the points, {x, y, z} millimetres; the origin for an empty cloud. */
  public double[] centroidMm() {
    double[] c = new double[3];
    int n = size();
    for (int i = 0; i < n; i++) {
      c[0] += positionsMm[3 * i];
      c[1] += positionsMm[3 * i + 1];
      c[2] += positionsMm[3 * i + 2];
    }
    for (int a = 0; a < 3; a++) {
      c[a] /= Math.max(1, n);
    }
    return c;
  }

  public boolean hasColors() {
    return colorsRgb != null;
  }

  public boolean hasNormals() {
    return normals != null;
  }

  public float x(int i) {
    return positionsMm[3 * i];
  }

  public float y(int i) {
    return positionsMm[3 * i + 1];
  }

  public float z(int i) {
    return positionsMm[3 * i + 2];
  }

  /** The positions array itself (read-only by contract: do not modify). */
  public float[] positionsMm() {
    return positionsMm;
  }

  /** The colours array itself or null (read-only by contract). */
  public byte[] colorsRgb() {
    return colorsRgb;
  }

  /** The normals array itself or null (read-only by contract). */
  public float[] normals() {
    return normals;
  }

  /** This cloud moved by {@code transform} (normals rotated). */
  public PointCloud transformed(RigidTransform transform) {
    int n = size();
    float[] p = new float[3 * n];
    float[] nn = normals == null ? null : new float[3 * n];
    double[] out = new double[3];
    for (int i = 0; i < n; i++) {
      transform.apply(positionsMm[3 * i], positionsMm[3 * i + 1], positionsMm[3 * i + 2], out);
      p[3 * i] = (float) out[0];
      p[3 * i + 1] = (float) out[1];
      p[3 * i + 2] = (float) out[2];
      if (nn != null) {
        transform.rotate(normals[3 * i], normals[3 * i + 1], normals[3 * i + 2], out);
        nn[3 * i] = (float) out[0];
        nn[3 * i + 1] = (float) out[1];
        nn[3 * i + 2] = (float) out[2];
      }
    }
    return new PointCloud(p, colorsRgb, nn);
  }

  /** The points at the given indices, with their colours and normals. */
  public PointCloud select(int[] indices) {
    float[] p = new float[3 * indices.length];
    byte[] c = colorsRgb == null ? null : new byte[3 * indices.length];
    float[] nn = normals == null ? null : new float[3 * indices.length];
    for (int k = 0; k < indices.length; k++) {
      System.arraycopy(positionsMm, 3 * indices[k], p, 3 * k, 3);
      if (c != null) {
        System.arraycopy(colorsRgb, 3 * indices[k], c, 3 * k, 3);
      }
      if (nn != null) {
        System.arraycopy(normals, 3 * indices[k], nn, 3 * k, 3);
      }
    }
    return new PointCloud(p, c, nn);
  }

  /** Concatenates clouds; colours and normals are kept only when every part has them. */
  public static PointCloud concat(Iterable<PointCloud> parts) {
    int n = 0;
    boolean colors = true;
    boolean norms = true;
    for (PointCloud part : parts) {
      n += part.size();
      colors &= part.hasColors();
      norms &= part.hasNormals();
    }
    float[] p = new float[3 * n];
    byte[] c = colors ? new byte[3 * n] : null;
    float[] nn = norms ? new float[3 * n] : null;
    int at = 0;
    for (PointCloud part : parts) {
      System.arraycopy(part.positionsMm, 0, p, at, part.positionsMm.length);
      if (c != null) {
        System.arraycopy(part.colorsRgb, 0, c, at, part.colorsRgb.length);
      }
      if (nn != null) {
        System.arraycopy(part.normals, 0, nn, at, part.normals.length);
      }
      at += part.positionsMm.length;
    }
    return new PointCloud(p, c, nn);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PointCloud other
        && Arrays.equals(positionsMm, other.positionsMm)
        && Arrays.equals(colorsRgb, other.colorsRgb)
        && Arrays.equals(normals, other.normals);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(positionsMm);
  }

  @Override
  public String toString() {
    return "PointCloud{"
        + size()
        + " points, colours="
        + hasColors()
        + ", normals="
        + hasNormals()
        + "}";
  }
}
