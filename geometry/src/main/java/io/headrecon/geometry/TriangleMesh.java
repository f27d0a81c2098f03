package io.headrecon.geometry;

import java.util.Arrays;

/**
 * An immutable triangle mesh: vertex positions in millimetres ({@code x0, y0, z0, …}), optional
 * per-vertex colours (8-bit sRGB) and triangles as vertex index triples, counter-clockwise seen
 * from outside. Arrays are taken over by the factory and must not be modified afterwards.
 */
public final class TriangleMesh {
  private final float[] verticesMm;
  private final byte[] colorsRgb;
  private final int[] triangles;

  private TriangleMesh(float[] verticesMm, byte[] colorsRgb, int[] triangles) {
    if (verticesMm.length % 3 != 0 || triangles.length % 3 != 0) {
      throw new IllegalArgumentException("vertex and triangle arrays need multiples of 3");
    }
    int n = verticesMm.length / 3;
    if (colorsRgb != null && colorsRgb.length != 3 * n) {
      throw new IllegalArgumentException("colours need 3 bytes per vertex");
    }
    for (int index : triangles) {
      if (index < 0 || index >= n) {
        throw new IllegalArgumentException("triangle index " + index + " outside 0.." + (n - 1));
      }
    }
    this.verticesMm = verticesMm;
    this.colorsRgb = colorsRgb;
    this.triangles = triangles;
  }

  /** A mesh over the given arrays (taken over, not copied); colours may be null. */
  public static TriangleMesh of(float[] verticesMm, byte[] colorsRgb, int[] triangles) {
    return new TriangleMesh(verticesMm, colorsRgb, triangles);
  }

  public int vertexCount() {
    return verticesMm.length / 3;
  }

  public int triangleCount() {
    return triangles.length / 3;
  }

  /** Vertex positions, millimetres (read-only by contract). */
  public float[] verticesMm() {
    return verticesMm;
  }

  /** Per-vertex colours or null (read-only by contract). */
  public byte[] colorsRgb() {
    return colorsRgb;
  }

  /** Triangles as index triples (read-only by contract). */
  public int[] triangles() {
    return triangles;
  }

  /** The vertices as a cloud (sharing the arrays). */
  public PointCloud vertexCloud() {
    return PointCloud.of(verticesMm, colorsRgb, null);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TriangleMesh other
        && Arrays.equals(verticesMm, other.verticesMm)
        && Arrays.equals(colorsRgb, other.colorsRgb)
        && Arrays.equals(triangles, other.triangles);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(verticesMm) + Arrays.hashCode(triangles);
  }
}
