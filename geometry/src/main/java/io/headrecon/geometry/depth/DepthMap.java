package io.headrecon.geometry.depth;

/**
 * An immutable depth map: Z distance to the camera plane in millimetres per pixel, row-major
 * ({@code depthMm[y * widthPx + x]}), 0 (or NaN) where there is no surface.
 */
public final class DepthMap {
  private final int widthPx;
  private final int heightPx;
  private final float[] depthMm;

  private DepthMap(int widthPx, int heightPx, float[] depthMm) {
    if (widthPx <= 0 || heightPx <= 0) {
      throw new IllegalArgumentException(
          "depth map size must be positive: " + widthPx + "x" + heightPx);
    }
    if (depthMm.length != widthPx * heightPx) {
      throw new IllegalArgumentException(
          "depth map of "
              + widthPx
              + "x"
              + heightPx
              + " pixels needs "
              + (widthPx * heightPx)
              + " values, got "
              + depthMm.length);
    }
    this.widthPx = widthPx;
    this.heightPx = heightPx;
    this.depthMm = depthMm;
  }

  /** A depth map over {@code depthMm} (taken over, not copied; do not modify it afterwards). */
  public static DepthMap of(int widthPx, int heightPx, float[] depthMm) {
    return new DepthMap(widthPx, heightPx, depthMm);
  }

  public int widthPx() {
    return widthPx;
  }

  public int heightPx() {
    return heightPx;
  }

  /** Depth at pixel (x, y) in millimetres; 0 or NaN for no surface. */
  public float depthMm(int xPx, int yPx) {
    return depthMm[yPx * widthPx + xPx];
  }

  /** Whether pixel (x, y) holds a surface (finite depth above 0). */
  public boolean hasSurface(int xPx, int yPx) {
    float d = depthMm[yPx * widthPx + xPx];
    return d > 0 && d < Float.POSITIVE_INFINITY;
  }

  /** The row-major values themselves (read-only by contract). */
  public float[] valuesMm() {
    return depthMm;
  }
}
