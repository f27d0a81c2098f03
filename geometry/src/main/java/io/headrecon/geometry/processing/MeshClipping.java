package io.headrecon.geometry.processing;

import io.headrecon.geometry.PointCloud;
import io.headrecon.geometry.TriangleMesh;
import io.headrecon.geometry.index.KdTree3;
import io.headrecon.geometry.index.Query;

/** Removes the parts of a mesh that no measured point supports. */
public final class MeshClipping {
  private MeshClipping() {}

  /**
   * The triangles of {@code mesh} whose three vertices each lie within {@code maxDistanceMm} of a
   * point of {@code support} (same frame, millimetres), with the vertices they use (renumbered in
   * their original order). A projective TSDF closes its surface with "skirts" behind silhouettes
   * and across unobserved gaps; they lie away from every measured point and go.
   */
  public static TriangleMesh keepNear(TriangleMesh mesh, PointCloud support, double maxDistanceMm) {
    if (!(maxDistanceMm >= 0)) {
      throw new IllegalArgumentException("maxDistanceMm must be >= 0, got " + maxDistanceMm);
    }
    int n = mesh.vertexCount();
    boolean[] near = new boolean[n];
    if (support.size() > 0) {
      Query query = KdTree3.of(support).newQuery();
      float[] v = mesh.verticesMm();
      for (int i = 0; i < n; i++) {
        near[i] = query.nearest(v[3 * i], v[3 * i + 1], v[3 * i + 2], maxDistanceMm) >= 0;
      }
    }
    int[] t = mesh.triangles();
    int[] kept = new int[t.length];
    int k = 0;
    int[] remap = new int[n];
    java.util.Arrays.fill(remap, -1);
    for (int f = 0; f < t.length; f += 3) {
      if (near[t[f]] && near[t[f + 1]] && near[t[f + 2]]) {
        for (int c = 0; c < 3; c++) {
          remap[t[f + c]] = 0;
          kept[k++] = t[f + c];
        }
      }
    }
    int m = 0;
    for (int i = 0; i < n; i++) {
      if (remap[i] == 0) {
        remap[i] = m++;
      }
    }
    float[] vertices = new float[3 * m];
    byte[] colors = mesh.colorsRgb() == null ? null : new byte[3 * m];
    float[] normals = mesh.normals() == null ? null : new float[3 * m];
    for (int i = 0; i < n; i++) {
      int j = remap[i];
      if (j < 0) {
        continue;
      }
      System.arraycopy(mesh.verticesMm(), 3 * i, vertices, 3 * j, 3);
      if (colors != null) {
        System.arraycopy(mesh.colorsRgb(), 3 * i, colors, 3 * j, 3);
      }
      if (normals != null) {
        System.arraycopy(mesh.normals(), 3 * i, normals, 3 * j, 3);
      }
    }
    int[] triangles = java.util.Arrays.copyOf(kept, k);
    for (int i = 0; i < k; i++) {
      triangles[i] = remap[triangles[i]];
    }
    return TriangleMesh.of(vertices, colors, normals, triangles);
  }
}
