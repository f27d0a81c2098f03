package io.headrecon.synth.render;

/**
 * A mesh ready to shade: vertex positions (world frame, millimetres), triangles, area-weighted unit
 * vertex normals (world frame) and per-vertex appearance. Arrays are shared, not copied, and must
 * not be modified.
 */
public final class RenderMesh {
  private final float[] verticesMm;
  private final int[] triangles;
  private final float[] normals;
  private final SurfaceAppearance appearance;

  private RenderMesh(
      float[] verticesMm, int[] triangles, float[] normals, SurfaceAppearance appearance) {
    this.verticesMm = verticesMm;
    this.triangles = triangles;
    this.normals = normals;
    this.appearance = appearance;
  }

  /**
   * A mesh with normals computed from the triangles (counter-clockwise seen from outside).
   *
   * @param verticesMm x, y, z per vertex, world frame, millimetres
   * @param triangles vertex index triples
   */
  public static RenderMesh of(float[] verticesMm, int[] triangles, SurfaceAppearance appearance) {
    if (appearance.vertexCount() * 3 != verticesMm.length) {
      throw new IllegalArgumentException("appearance and vertices differ in count");
    }
    return new RenderMesh(verticesMm, triangles, vertexNormals(verticesMm, triangles), appearance);
  }

  /** Area-weighted unit vertex normals; vertices in no triangle get (0, 0, 1). */
  public static float[] vertexNormals(float[] v, int[] triangles) {
    double[] acc = new double[v.length];
    for (int t = 0; t < triangles.length; t += 3) {
      int a = 3 * triangles[t];
      int b = 3 * triangles[t + 1];
      int c = 3 * triangles[t + 2];
      double e1x = v[b] - v[a];
      double e1y = v[b + 1] - v[a + 1];
      double e1z = v[b + 2] - v[a + 2];
      double e2x = v[c] - v[a];
      double e2y = v[c + 1] - v[a + 1];
      double e2z = v[c + 2] - v[a + 2];
      double nx = e1y * e2z - e1z * e2y;
      double ny = e1z * e2x - e1x * e2z;
      double nz = e1x * e2y - e1y * e2x;
      for (int k : new int[] {a, b, c}) {
        acc[k] += nx;
        acc[k + 1] += ny;
        acc[k + 2] += nz;
      }
    }
    float[] n = new float[v.length];
    for (int i = 0; i < v.length; i += 3) {
      double len = Math.sqrt(acc[i] * acc[i] + acc[i + 1] * acc[i + 1] + acc[i + 2] * acc[i + 2]);
      if (len == 0) {
        n[i + 2] = 1;
      } else {
        n[i] = (float) (acc[i] / len);
        n[i + 1] = (float) (acc[i + 1] / len);
        n[i + 2] = (float) (acc[i + 2] / len);
      }
    }
    return n;
  }

  public float[] verticesMm() {
    return verticesMm;
  }

  public int[] triangles() {
    return triangles;
  }

  public float[] normals() {
    return normals;
  }

  public SurfaceAppearance appearance() {
    return appearance;
  }
}
