package io.headrecon.transforms.report;

import io.headrecon.geometry.PointCloud;
import io.headrecon.geometry.io.DepthPng;
import io.headrecon.proto.Landmark;
import io.headrecon.proto.SubjectManifest;
import io.headrecon.proto.View;
import io.headrecon.transforms.image.RgbImage;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * The pictures of a subject's report page: the fused head seen from the front, the side and the
 * top, photos with their mask and landmarks drawn over them, colour-coded depth maps, and the data
 * of the page's 3-D viewer.
 */
final class SubjectFigures {
  private SubjectFigures() {}

  /** Identity rotation, row-major 3×3. */
  static final double[] IDENTITY = {1, 0, 0, 0, 1, 0, 0, 0, 1};

  /**
   * The rotation from the fused cloud's frame to the frontal view frame (x right, y down, z forward
   * into the face): for clouds in the manifest's world frame, the world-to-camera rotation of the
   * posed view with the smallest |yaw|; for clouds in the reference view's camera frame, the
   * identity.
   *
   * @param plyFrame the frame named in the cloud's PLY header, or null
   */
  static double[] frontRotation(String plyFrame, SubjectManifest manifest) {
    if (plyFrame == null || !plyFrame.startsWith("world") || manifest == null) {
      return IDENTITY;
    }
    View best = null;
    for (View v : manifest.getViewsList()) {
      if (!v.getCamera().hasExtrinsics()
          || v.getCamera().getExtrinsics().getRotationWorldToCameraCount() != 9) {
        continue;
      }
      if (best == null || Math.abs(yaw(v)) < Math.abs(yaw(best))) {
        best = v;
      }
    }
    if (best == null) {
      return IDENTITY;
    }
    List<Double> r = best.getCamera().getExtrinsics().getRotationWorldToCameraList();
    double[] out = new double[9];
    for (int i = 0; i < 9; i++) {
      out[i] = r.get(i);
    }
    return out;
  }

  private static double yaw(View v) {
    return v.hasYawDeg() ? v.getYawDeg() : 0;
  }

  /** The view from the subject's side: the frontal frame turned 90° about its vertical axis. */
  static double[] side(double[] front) {
    return multiply(new double[] {0, 0, -1, 0, 1, 0, 1, 0, 0}, front);
  }

  /** The view from above, face towards the bottom of the image. */
  static double[] top(double[] front) {
    return multiply(new double[] {1, 0, 0, 0, 0, -1, 0, 1, 0}, front);
  }

  static double[] multiply(double[] a, double[] b) {
    double[] c = new double[9];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        c[3 * i + j] = a[3 * i] * b[j] + a[3 * i + 1] * b[3 + j] + a[3 * i + 2] * b[6 + j];
      }
    }
    return c;
  }

  /**
   * A photo with the head mask (background dimmed, outline in yellow) and the visible landmarks
   * (green dots) drawn over it.
   *
   * @param photo the upright photo, possibly scaled down
   * @param scale photo pixels per manifest pixel (landmark and mask coordinates)
   * @param mask the mask at any size (scaled to the photo), or null
   * @param landmarks landmarks in manifest pixels, or empty
   */
  static BufferedImage photoOverlay(
      RgbImage photo, double scale, BufferedImage mask, List<Landmark> landmarks) {
    int w = photo.widthPx();
    int h = photo.heightPx();
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    out.setRGB(0, 0, w, h, photo.packedRgb(), 0, w);
    if (mask != null) {
      boolean[] head = new boolean[w * h];
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          int mx = Math.min(mask.getWidth() - 1, x * mask.getWidth() / w);
          int my = Math.min(mask.getHeight() - 1, y * mask.getHeight() / h);
          head[y * w + x] = (mask.getRaster().getSample(mx, my, 0)) >= 128;
        }
      }
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          int k = y * w + x;
          int rgb = out.getRGB(x, y);
          if (!head[k]) {
            rgb = dim(rgb);
          } else if (edge(head, w, h, x, y)) {
            rgb = 0xffd400;
          }
          out.setRGB(x, y, rgb);
        }
      }
    }
    if (!landmarks.isEmpty()) {
      Graphics2D g = out.createGraphics();
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      double r = Math.max(1.5, w / 160.0);
      g.setStroke(new BasicStroke(1f));
      for (Landmark l : landmarks) {
        g.setColor(l.getVisible() ? new Color(0x20e040) : new Color(0xe04040));
        double x = l.getXPx() * scale;
        double y = l.getYPx() * scale;
        g.fill(new java.awt.geom.Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r));
      }
      g.dispose();
    }
    return out;
  }

  private static boolean edge(boolean[] head, int w, int h, int x, int y) {
    return x == 0
        || y == 0
        || x == w - 1
        || y == h - 1
        || !head[y * w + x - 1]
        || !head[y * w + x + 1]
        || !head[(y - 1) * w + x]
        || !head[(y + 1) * w + x];
  }

  private static int dim(int rgb) {
    int r = ((rgb >> 16) & 0xff) * 2 / 5;
    int g = ((rgb >> 8) & 0xff) * 2 / 5;
    int b = (rgb & 0xff) * 2 / 5;
    return (r << 16) | (g << 8) | b;
  }

  /**
   * A depth map colour-coded from near (yellow) to far (violet) over its own range; pixels without
   * a surface are black.
   */
  static BufferedImage depthColoured(DepthPng.DepthImage depth) {
    float near = Float.POSITIVE_INFINITY;
    float far = Float.NEGATIVE_INFINITY;
    for (float d : depth.depthMm()) {
      if (d > 0) {
        near = Math.min(near, d);
        far = Math.max(far, d);
      }
    }
    BufferedImage out =
        new BufferedImage(depth.widthPx(), depth.heightPx(), BufferedImage.TYPE_INT_RGB);
    float range = Math.max(far - near, 1e-3f);
    for (int y = 0; y < depth.heightPx(); y++) {
      for (int x = 0; x < depth.widthPx(); x++) {
        float d = depth.at(x, y);
        out.setRGB(x, y, d > 0 ? ramp((d - near) / range) : 0);
      }
    }
    return out;
  }

  /** A perceptual-ish ramp: 0 = yellow (near), 0.5 = orange-red, 1 = dark violet (far). */
  private static int ramp(double t) {
    t = Math.max(0, Math.min(1, t));
    int r = (int) (255 * (1 - 0.65 * t));
    int g = (int) (230 * (1 - t) * (1 - t));
    int b = (int) (60 + 120 * t);
    return (r << 16) | (g << 8) | b;
  }

  /** Renders the fused cloud from the front, the side and the top, {@code sizePx} square each. */
  static BufferedImage[] threeViews(PointCloud cloud, double[] front, int sizePx) {
    return new BufferedImage[] {
      PointSplatRenderer.render(cloud, front, sizePx),
      PointSplatRenderer.render(cloud, side(front), sizePx),
      PointSplatRenderer.render(cloud, top(front), sizePx)
    };
  }

  /**
   * The 3-D viewer's data as a script that sets {@code window.HEADRECON_CLOUD} (a script, not a
   * fetched file, so that the page works from {@code file://}): positions in the viewer's frame (x
   * right, y up, z towards the viewer; millimetres, centred) as base64 little-endian float32,
   * colours as base64 RGB bytes, triangles (for a mesh) as base64 uint32, and the point size.
   *
   * @param vertices points or mesh vertices, millimetres, in the cloud's frame
   * @param triangles vertex indices of a mesh, or null for a cloud
   * @param front the frontal view rotation ({@link #frontRotation})
   * @param maxPoints at most this many points of a cloud are kept (every k-th)
   */
  static String viewerScript(PointCloud vertices, int[] triangles, double[] front, int maxPoints) {
    int n = vertices.size();
    int stride = triangles != null ? 1 : Math.max(1, (n + maxPoints - 1) / maxPoints);
    int kept = (n + stride - 1) / stride;
    float[] p = vertices.positionsMm();
    byte[] c = vertices.colorsRgb();
    double[] v = new double[3 * kept];
    double[] min = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
    double[] max = {-Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
    for (int i = 0, k = 0; i < n; i += stride, k++) {
      for (int a = 0; a < 3; a++) {
        double value =
            front[3 * a] * p[3 * i]
                + front[3 * a + 1] * p[3 * i + 1]
                + front[3 * a + 2] * p[3 * i + 2];
        value = a == 0 ? value : -value; // camera frame (y down, z forward) to y up, z to viewer
        v[3 * k + a] = value;
        min[a] = Math.min(min[a], value);
        max[a] = Math.max(max[a], value);
      }
    }
    ByteBuffer positions = ByteBuffer.allocate(12 * kept).order(ByteOrder.LITTLE_ENDIAN);
    byte[] colors = new byte[3 * kept];
    double radius = 0;
    for (int k = 0; k < kept; k++) {
      for (int a = 0; a < 3; a++) {
        float centred = (float) (v[3 * k + a] - (min[a] + max[a]) / 2);
        positions.putFloat(centred);
        radius = Math.max(radius, Math.abs(centred));
        colors[3 * k + a] = c == null ? (byte) 180 : c[3 * (k * stride) + a];
      }
    }
    StringBuilder js = new StringBuilder("window.HEADRECON_CLOUD = {\n");
    js.append("  count: ").append(kept).append(",\n");
    js.append(String.format(Locale.ROOT, "  radiusMm: %.2f,%n", radius));
    double extent = Math.max(max[0] - min[0], max[1] - min[1]);
    double pointSizeMm = kept == 0 ? 1 : Math.max(0.5, 2.4 * extent / Math.sqrt(kept));
    js.append(String.format(Locale.ROOT, "  pointSizeMm: %.2f,%n", pointSizeMm));
    Base64.Encoder b64 = Base64.getEncoder();
    js.append("  positions: \"").append(b64.encodeToString(positions.array())).append("\",\n");
    js.append("  colors: \"").append(b64.encodeToString(colors)).append("\"");
    if (triangles != null) {
      ByteBuffer idx = ByteBuffer.allocate(4 * triangles.length).order(ByteOrder.LITTLE_ENDIAN);
      for (int t : triangles) {
        idx.putInt(t);
      }
      js.append(",\n  triangles: \"").append(b64.encodeToString(idx.array())).append("\"");
    }
    js.append("\n};\n");
    return js.toString();
  }
}
