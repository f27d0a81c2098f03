package io.headrecon.transforms.report;

import io.headrecon.geometry.PointCloud;
import java.awt.image.BufferedImage;
import java.util.Arrays;

/**
 * Renders a coloured point cloud to an RGB image: orthographic projection along a view rotation,
 * square splats into a z-buffer, Lambert shading by the points' normals (when the cloud has them)
 * with the light at the viewer, the cloud scaled to fit the image with a margin.
 *
 * <p>View frame: x right, y down, z forward (away from the viewer), as a camera frame.
 */
public final class PointSplatRenderer {
  /** Background grey level, 0-255. */
  static final int BACKGROUND = 236;

  /** Colour of points without colours (RGB). */
  private static final int GREY = 0xb4b4b4;

  private PointSplatRenderer() {}

  /**
   * Renders {@code cloud} seen through {@code rotation}.
   *
   * @param cloud points in millimetres, in any frame
   * @param rotation 3×3 row-major rotation from the cloud's frame to the view frame
   * @param sizePx width and height of the square image, pixels
   * @return the image; the background alone when the cloud is empty
   */
  public static BufferedImage render(PointCloud cloud, double[] rotation, int sizePx) {
    if (rotation.length != 9) {
      throw new IllegalArgumentException("rotation must have 9 values: " + rotation.length);
    }
    BufferedImage image = new BufferedImage(sizePx, sizePx, BufferedImage.TYPE_INT_RGB);
    int[] rgb = new int[sizePx * sizePx];
    Arrays.fill(rgb, (BACKGROUND << 16) | (BACKGROUND << 8) | BACKGROUND);
    int n = cloud.size();
    if (n == 0) {
      image.setRGB(0, 0, sizePx, sizePx, rgb, 0, sizePx);
      return image;
    }
    float[] p = cloud.positionsMm();
    double[] vx = new double[n];
    double[] vy = new double[n];
    double[] vz = new double[n];
    double minX = Double.POSITIVE_INFINITY;
    double minY = Double.POSITIVE_INFINITY;
    double maxX = Double.NEGATIVE_INFINITY;
    double maxY = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      double x = p[3 * i];
      double y = p[3 * i + 1];
      double z = p[3 * i + 2];
      vx[i] = rotation[0] * x + rotation[1] * y + rotation[2] * z;
      vy[i] = rotation[3] * x + rotation[4] * y + rotation[5] * z;
      vz[i] = rotation[6] * x + rotation[7] * y + rotation[8] * z;
      minX = Math.min(minX, vx[i]);
      maxX = Math.max(maxX, vx[i]);
      minY = Math.min(minY, vy[i]);
      maxY = Math.max(maxY, vy[i]);
    }
    double extentMm = Math.max(Math.max(maxX - minX, maxY - minY), 1e-6);
    double pxPerMm = sizePx * 0.9 / extentMm;
    double offsetX = sizePx / 2.0 - (minX + maxX) / 2 * pxPerMm;
    double offsetY = sizePx / 2.0 - (minY + maxY) / 2 * pxPerMm;
    // Splat half-size: about the mean point spacing on the projected area (half of the bounding
    // box is covered by a head), so that a dense surface renders without holes.
    double spacingMm = Math.sqrt((maxX - minX) * (maxY - minY) * 0.5 / n);
    int radius = (int) Math.max(0, Math.min(6, Math.round(spacingMm * pxPerMm * 0.75)));
    float[] zBuffer = new float[sizePx * sizePx];
    Arrays.fill(zBuffer, Float.POSITIVE_INFINITY);
    byte[] colors = cloud.colorsRgb();
    float[] normals = cloud.normals();
    for (int i = 0; i < n; i++) {
      int cx = (int) Math.round(vx[i] * pxPerMm + offsetX);
      int cy = (int) Math.round(vy[i] * pxPerMm + offsetY);
      float depth = (float) vz[i];
      int color = colors == null ? GREY : rgbOf(colors, i);
      double shade = 1.0;
      if (normals != null) {
        double nz =
            rotation[6] * normals[3 * i]
                + rotation[7] * normals[3 * i + 1]
                + rotation[8] * normals[3 * i + 2];
        shade = 0.3 + 0.7 * Math.abs(nz); // light at the viewer; normals may point either way
      }
      int shaded = shade(color, shade);
      for (int y = Math.max(0, cy - radius); y <= Math.min(sizePx - 1, cy + radius); y++) {
        for (int x = Math.max(0, cx - radius); x <= Math.min(sizePx - 1, cx + radius); x++) {
          int k = y * sizePx + x;
          if (depth < zBuffer[k]) {
            zBuffer[k] = depth;
            rgb[k] = shaded;
          }
        }
      }
    }
    image.setRGB(0, 0, sizePx, sizePx, rgb, 0, sizePx);
    return image;
  }

  private static int rgbOf(byte[] colors, int i) {
    return ((colors[3 * i] & 0xff) << 16)
        | ((colors[3 * i + 1] & 0xff) << 8)
        | (colors[3 * i + 2] & 0xff);
  }

  private static int shade(int rgb, double factor) {
    int r = (int) Math.min(255, ((rgb >> 16) & 0xff) * factor);
    int g = (int) Math.min(255, ((rgb >> 8) & 0xff) * factor);
    int b = (int) Math.min(255, (rgb & 0xff) * factor);
    return (r << 16) | (g << 8) | b;
  }
}
