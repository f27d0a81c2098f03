package io.headrecon.synth.render;

/**
 * What a z-buffer pass saw at each pixel centre of one camera: the nearest triangle, its
 * perspective-correct barycentric coordinates there, and the exact depth (Z distance to the camera
 * plane, millimetres). Row-major arrays of {@code widthPx × heightPx}; mutable only inside the
 * rasterizer.
 */
public final class Fragments {
  /** Triangle index of the nearest surface, or {@link #NONE}. */
  public static final int NONE = -1;

  private final int widthPx;
  private final int heightPx;
  final float[] depthMm;
  final int[] triangle;
  final float[] b1;
  final float[] b2;

  Fragments(int widthPx, int heightPx) {
    this.widthPx = widthPx;
    this.heightPx = heightPx;
    int n = widthPx * heightPx;
    depthMm = new float[n];
    triangle = new int[n];
    b1 = new float[n];
    b2 = new float[n];
    java.util.Arrays.fill(depthMm, Float.POSITIVE_INFINITY);
    java.util.Arrays.fill(triangle, NONE);
  }

  public int widthPx() {
    return widthPx;
  }

  public int heightPx() {
    return heightPx;
  }

  /** Triangle index at pixel (x, y), or {@link #NONE}. */
  public int triangleAt(int xPx, int yPx) {
    return triangle[yPx * widthPx + xPx];
  }

  /** Depth at pixel (x, y) in millimetres; 0 where no surface was hit. */
  public float depthAt(int xPx, int yPx) {
    float d = depthMm[yPx * widthPx + xPx];
    return Float.isInfinite(d) ? 0f : d;
  }

  /** Perspective-correct barycentric weight of the triangle's second vertex at (x, y). */
  public float b1At(int xPx, int yPx) {
    return b1[yPx * widthPx + xPx];
  }

  /** Perspective-correct barycentric weight of the triangle's third vertex at (x, y). */
  public float b2At(int xPx, int yPx) {
    return b2[yPx * widthPx + xPx];
  }
}
