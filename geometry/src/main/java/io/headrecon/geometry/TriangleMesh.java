package io.headrecon.geometry;

import java.util.Arrays;

/**
 * An immutable triangle mesh: vertex positions in millimetres ({@code x0, y0, z0, …}), optional
 * per-vertex colours (8-bit sRGB), optional per-vertex unit normals (pointing out of the surface,
 * same frame as the vertices) and triangles as vertex index triples, counter-clockwise seen from
 * outside. Arrays are taken over by the factory and must not be modified afterwards.
 */
public final class TriangleMesh {
  private final float[] verticesMm;
  private final byte[] colorsRgb;
  private final float[] normals;
  private final int[] triangles;

  private TriangleMesh(float[] verticesMm, byte[] colorsRgb, float[] normals, int[] triangles) {
    if (verticesMm.length % 3 != 0 || triangles.length % 3 != 0) {
      throw new IllegalArgumentException("vertex and triangle arrays need multiples of 3");
    }
    int n = verticesMm.length / 3;
    if (colorsRgb != null && colorsRgb.length != 3 * n) {
      throw new IllegalArgumentException("colours need 3 bytes per vertex");
    }
    if (normals != null && normals.length != 3 * n) {
      throw new IllegalArgumentException("normals need 3 floats per vertex");
    }
    for (int index : triangles) {
      if (index < 0 || index >= n) {
        throw new IllegalArgumentException("triangle index " + index + " outside 0.." + (n - 1));
      }
    }
    this.verticesMm = verticesMm;
    this.colorsRgb = colorsRgb;
    this.normals = normals;
    this.triangles = triangles;
  }

  /** A mesh over the given arrays (taken over, not copied); colours may be null. */
  public static TriangleMesh of(float[] verticesMm, byte[] colorsRgb, int[] triangles) {
    return new TriangleMesh(verticesMm, colorsRgb, null, triangles);
  }

  /**
   * A mesh over the given arrays (taken over, not copied); colours and normals (unit, outward,
   * {@code nx0, ny0, nz0, …}) may be null.
   */
  public static TriangleMesh of(
      float[] verticesMm, byte[] colorsRgb, float[] normals, int[] triangles) {
    return new TriangleMesh(verticesMm, colorsRgb, normals, triangles);
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

  /** Whether the mesh carries per-vertex normals. */
  public boolean hasNormals() {
    return normals != null;
  }

  /** Per-vertex unit normals pointing out of the surface, or null (read-only by contract). */
  public float[] normals() {
    return normals;
  }

  /** Triangles as index triples (read-only by contract). */
  public int[] triangles() {
    return triangles;
  }

  /** The vertices as a cloud with their colours and normals (sharing the arrays). */
  public PointCloud vertexCloud() {
    return PointCloud.of(verticesMm, colorsRgb, normals);
  }

  /** This mesh with its vertices and normals mapped by {@code transform}; triangles shared. */
  public TriangleMesh transformed(RigidTransform transform) {
    PointCloud moved = vertexCloud().transformed(transform);
    return new TriangleMesh(moved.positionsMm(), colorsRgb, moved.normals(), triangles);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TriangleMesh other
        && Arrays.equals(verticesMm, other.verticesMm)
        && Arrays.equals(colorsRgb, other.colorsRgb)
        && Arrays.equals(normals, other.normals)
        && Arrays.equals(triangles, other.triangles);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(verticesMm) + Arrays.hashCode(triangles);
  }
}
