package io.headrecon.synth.render;

import io.headrecon.geometry.PinholeCamera;
import io.headrecon.geometry.RigidTransform;

/**
 * A z-buffer triangle rasterizer that samples pixel centres (integer pixel coordinates). Depth is
 * exact per pixel: 1/Z is affine across a projected triangle, so interpolating it at the pixel
 * centre gives the Z distance (mm) of the triangle's plane along that pixel's ray; barycentrics are
 * perspective-correct. Both faces of a triangle are drawn (the model is not closed everywhere).
 */
public final class Rasterizer {
  /** Triangles with a vertex nearer than this to the camera plane are skipped, millimetres. */
  public static final double NEAR_MM = 10.0;

  private Rasterizer() {}

  /**
   * Rasterizes triangles seen by {@code camera}.
   *
   * @param verticesWorldMm x, y, z per vertex, world frame, millimetres
   * @param triangles vertex index triples
   */
  public static Fragments rasterize(
      PinholeCamera camera, float[] verticesWorldMm, int[] triangles) {
    int w = camera.widthPx();
    int h = camera.heightPx();
    Fragments out = new Fragments(w, h);
    int n = verticesWorldMm.length / 3;
    double[] sx = new double[n];
    double[] sy = new double[n];
    double[] invZ = new double[n];
    double[] cam = new double[3];
    RigidTransform worldToCamera = camera.worldToCamera();
    double fx = camera.fxPx();
    double fy = camera.fyPx();
    double cx = camera.cxPx();
    double cy = camera.cyPx();
    for (int i = 0; i < n; i++) {
      worldToCamera.apply(
          verticesWorldMm[3 * i], verticesWorldMm[3 * i + 1], verticesWorldMm[3 * i + 2], cam);
      invZ[i] = cam[2] > NEAR_MM ? 1.0 / cam[2] : 0.0; // 0 marks "too near"
      sx[i] = fx * cam[0] / cam[2] + cx;
      sy[i] = fy * cam[1] / cam[2] + cy;
    }
    float[] depth = out.depthMm;
    int[] tri = out.triangle;
    float[] ob1 = out.b1;
    float[] ob2 = out.b2;
    for (int t = 0; t < triangles.length / 3; t++) {
      int i0 = triangles[3 * t];
      int i1 = triangles[3 * t + 1];
      int i2 = triangles[3 * t + 2];
      double iz0 = invZ[i0];
      double iz1 = invZ[i1];
      double iz2 = invZ[i2];
      if (iz0 == 0 || iz1 == 0 || iz2 == 0) {
        continue;
      }
      double x0 = sx[i0];
      double y0 = sy[i0];
      double x1 = sx[i1];
      double y1 = sy[i1];
      double x2 = sx[i2];
      double y2 = sy[i2];
      double area = (x1 - x0) * (y2 - y0) - (x2 - x0) * (y1 - y0);
      if (area == 0 || Double.isNaN(area)) {
        continue;
      }
      int minX = Math.max(0, (int) Math.ceil(Math.min(x0, Math.min(x1, x2))));
      int maxX = Math.min(w - 1, (int) Math.floor(Math.max(x0, Math.max(x1, x2))));
      int minY = Math.max(0, (int) Math.ceil(Math.min(y0, Math.min(y1, y2))));
      int maxY = Math.min(h - 1, (int) Math.floor(Math.max(y0, Math.max(y1, y2))));
      if (minX > maxX || minY > maxY) {
        continue;
      }
      double invArea = 1.0 / area;
      // normalised edge functions: l0 is the weight of vertex 0 (opposite edge 1-2), etc.
      double a0 = (y1 - y2) * invArea;
      double a1 = (y2 - y0) * invArea;
      for (int py = minY; py <= maxY; py++) {
        // weights at (minX, py), then stepped along the row
        double l0 = ((x1 - minX) * (y2 - py) - (x2 - minX) * (y1 - py)) * invArea;
        double l1 = ((x2 - minX) * (y0 - py) - (x0 - minX) * (y2 - py)) * invArea;
        int row = py * w;
        for (int px = minX; px <= maxX; px++, l0 += a0, l1 += a1) {
          double l2 = 1.0 - l0 - l1;
          if (l0 < 0 || l1 < 0 || l2 < 0) {
            continue;
          }
          double iz = l0 * iz0 + l1 * iz1 + l2 * iz2;
          double z = 1.0 / iz;
          int p = row + px;
          if (z < depth[p]) {
            depth[p] = (float) z;
            tri[p] = t;
            ob1[p] = (float) (l1 * iz1 * z);
            ob2[p] = (float) (l2 * iz2 * z);
          }
        }
      }
    }
    return out;
  }
}
