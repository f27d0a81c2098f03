package io.headrecon.geometry.surface;

import io.headrecon.geometry.TriangleMesh;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Orthographic, z-buffered renders of a mesh into a PNG, to look at what the tests make: each
 * triangle flat-filled with its mean vertex colour (grey without colours) times the Lambert shading
 * of its face normal towards the viewer; back faces dark red, so inverted winding shows.
 */
final class MeshRenders {
  private MeshRenders() {}

  /**
   * Renders {@code mesh} seen from direction {@code toViewer} (world, pointing from the object to
   * the viewer) with {@code up} up, {@code mmPerPx} millimetres per pixel, centred on {@code
   * centreMm}.
   */
  static void writePng(
      TriangleMesh mesh,
      double[] centreMm,
      double[] toViewer,
      double[] up,
      double mmPerPx,
      int sizePx,
      Path file)
      throws IOException {
    double[] f = normalize(toViewer);
    double[] r = normalize(cross(up, f));
    double[] u = cross(f, r);
    float[] v = mesh.verticesMm();
    byte[] rgb = mesh.colorsRgb();
    int n = mesh.vertexCount();
    double[] sx = new double[n], sy = new double[n], sz = new double[n];
    for (int i = 0; i < n; i++) {
      double x = v[3 * i] - centreMm[0],
          y = v[3 * i + 1] - centreMm[1],
          z = v[3 * i + 2] - centreMm[2];
      sx[i] = sizePx / 2.0 + (x * r[0] + y * r[1] + z * r[2]) / mmPerPx;
      sy[i] = sizePx / 2.0 - (x * u[0] + y * u[1] + z * u[2]) / mmPerPx;
      sz[i] = x * f[0] + y * f[1] + z * f[2]; // larger = nearer the viewer
    }
    double[] zbuf = new double[sizePx * sizePx];
    java.util.Arrays.fill(zbuf, Double.NEGATIVE_INFINITY);
    BufferedImage image = new BufferedImage(sizePx, sizePx, BufferedImage.TYPE_INT_RGB);
    int[] t = mesh.triangles();
    for (int k = 0; k < t.length; k += 3) {
      int a = t[k], b = t[k + 1], c = t[k + 2];
      double[] pa = {v[3 * a], v[3 * a + 1], v[3 * a + 2]};
      double[] e1 = {v[3 * b] - pa[0], v[3 * b + 1] - pa[1], v[3 * b + 2] - pa[2]};
      double[] e2 = {v[3 * c] - pa[0], v[3 * c + 1] - pa[1], v[3 * c + 2] - pa[2]};
      double[] nrm = cross(e1, e2);
      double len = Math.sqrt(nrm[0] * nrm[0] + nrm[1] * nrm[1] + nrm[2] * nrm[2]);
      if (len == 0) {
        continue;
      }
      double lambert = (nrm[0] * f[0] + nrm[1] * f[1] + nrm[2] * f[2]) / len;
      int color;
      if (lambert <= 0) {
        color = 0x600000;
      } else {
        double shade = 0.2 + 0.8 * lambert;
        int[] base = {200, 200, 200};
        if (rgb != null) {
          for (int ch = 0; ch < 3; ch++) {
            base[ch] =
                ((rgb[3 * a + ch] & 0xFF) + (rgb[3 * b + ch] & 0xFF) + (rgb[3 * c + ch] & 0xFF))
                    / 3;
          }
        }
        color =
            ((int) (base[0] * shade) << 16)
                | ((int) (base[1] * shade) << 8)
                | (int) (base[2] * shade);
      }
      int x0 = (int) Math.max(0, Math.floor(Math.min(sx[a], Math.min(sx[b], sx[c]))));
      int x1 = (int) Math.min(sizePx - 1, Math.ceil(Math.max(sx[a], Math.max(sx[b], sx[c]))));
      int y0 = (int) Math.max(0, Math.floor(Math.min(sy[a], Math.min(sy[b], sy[c]))));
      int y1 = (int) Math.min(sizePx - 1, Math.ceil(Math.max(sy[a], Math.max(sy[b], sy[c]))));
      double area = (sx[b] - sx[a]) * (sy[c] - sy[a]) - (sx[c] - sx[a]) * (sy[b] - sy[a]);
      if (area == 0) {
        continue;
      }
      for (int py = y0; py <= y1; py++) {
        for (int px = x0; px <= x1; px++) {
          double cx = px + 0.5, cy = py + 0.5;
          double wa = ((sx[b] - cx) * (sy[c] - cy) - (sx[c] - cx) * (sy[b] - cy)) / area;
          double wb = ((sx[c] - cx) * (sy[a] - cy) - (sx[a] - cx) * (sy[c] - cy)) / area;
          double wc = 1 - wa - wb;
          if (wa < 0 || wb < 0 || wc < 0) {
            continue;
          }
          double depth = wa * sz[a] + wb * sz[b] + wc * sz[c];
          if (depth > zbuf[py * sizePx + px]) {
            zbuf[py * sizePx + px] = depth;
            image.setRGB(px, py, color);
          }
        }
      }
    }
    Files.createDirectories(file.getParent());
    ImageIO.write(image, "png", file.toFile());
  }

  private static double[] cross(double[] a, double[] b) {
    return new double[] {
      a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]
    };
  }

  private static double[] normalize(double[] a) {
    double n = Math.sqrt(a[0] * a[0] + a[1] * a[1] + a[2] * a[2]);
    return new double[] {a[0] / n, a[1] / n, a[2] / n};
  }
}
