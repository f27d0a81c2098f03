package io.headrecon.synth.look;

import java.util.Arrays;

/**
 * A growable mesh under construction: vertices (world frame, millimetres), per-vertex albedo
 * (linear RGB), specular strength, shininess and detail amount, and triangles. Grids of rows ×
 * columns are the usual way in: {@link #grid}.
 */
final class LayerMesh {
  float[] vertices = new float[3 * 1024];
  float[] albedo = new float[3 * 1024];
  float[] specular = new float[1024];
  float[] shininess = new float[1024];
  float[] amount = new float[1024];
  int[] triangles = new int[3 * 2048];
  int vertexCount;
  int triangleCount;

  int addVertex(double x, double y, double z) {
    if (vertexCount == specular.length) {
      int n = 2 * vertexCount;
      vertices = Arrays.copyOf(vertices, 3 * n);
      albedo = Arrays.copyOf(albedo, 3 * n);
      specular = Arrays.copyOf(specular, n);
      shininess = Arrays.copyOf(shininess, n);
      amount = Arrays.copyOf(amount, n);
    }
    int v = vertexCount++;
    vertices[3 * v] = (float) x;
    vertices[3 * v + 1] = (float) y;
    vertices[3 * v + 2] = (float) z;
    return v;
  }

  void setMaterial(int v, float[] rgb, double spec, double shin, double detailAmount) {
    albedo[3 * v] = clamp(rgb[0]);
    albedo[3 * v + 1] = clamp(rgb[1]);
    albedo[3 * v + 2] = clamp(rgb[2]);
    specular[v] = (float) spec;
    shininess[v] = (float) shin;
    amount[v] = (float) detailAmount;
  }

  void addTriangle(int a, int b, int c) {
    if (3 * triangleCount == triangles.length) {
      triangles = Arrays.copyOf(triangles, 2 * triangles.length);
    }
    triangles[3 * triangleCount] = a;
    triangles[3 * triangleCount + 1] = b;
    triangles[3 * triangleCount + 2] = c;
    triangleCount++;
  }

  /**
   * Triangles over a grid of vertex indices {@code index[row][col]}: two per cell,
   * counter-clockwise when rows go down and columns go in the positive angle direction seen from
   * outside; with {@code wrap} the last column joins the first.
   */
  void grid(int[][] index, boolean wrap) {
    int rows = index.length;
    int cols = index[0].length;
    for (int r = 0; r + 1 < rows; r++) {
      for (int c = 0; c < (wrap ? cols : cols - 1); c++) {
        int c1 = (c + 1) % cols;
        int a = index[r][c];
        int b = index[r][c1];
        int d = index[r + 1][c];
        int e = index[r + 1][c1];
        addTriangle(a, d, b);
        addTriangle(b, d, e);
      }
    }
  }

  float[] vertices() {
    return Arrays.copyOf(vertices, 3 * vertexCount);
  }

  int[] triangles() {
    return Arrays.copyOf(triangles, 3 * triangleCount);
  }

  float[] albedo() {
    return Arrays.copyOf(albedo, 3 * vertexCount);
  }

  float[] specular() {
    return Arrays.copyOf(specular, vertexCount);
  }

  float[] shininess() {
    return Arrays.copyOf(shininess, vertexCount);
  }

  float[] amount() {
    return Arrays.copyOf(amount, vertexCount);
  }

  private static float clamp(float x) {
    return x < 0 ? 0 : x > 1 ? 1 : x;
  }
}
