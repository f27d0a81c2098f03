package io.headrecon.synth.render;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * A picture of a subject's views for people to look at: rows of colour thumbnails, each followed by
 * a row of the matching depth maps (near = bright, far = dark, each map stretched over its own
 * depth range; black = no surface) and, with {@link #withMasks}, a row of the photos tinted by the
 * mask (red = in the mask, blue = a surface outside it such as a garment, dimmed = background).
 */
public final class ContactSheet {
  private ContactSheet() {}

  /**
   * Lays out the views in rows of {@code columns}, thumbnails at most {@code thumbnailPx} on the
   * longer side.
   */
  public static BufferedImage of(List<RenderedView> views, int columns, int thumbnailPx) {
    return sheet(views, columns, thumbnailPx, false);
  }

  /** As {@link #of}, with a third row per view row: the photos tinted by the mask. */
  public static BufferedImage withMasks(List<RenderedView> views, int columns, int thumbnailPx) {
    return sheet(views, columns, thumbnailPx, true);
  }

  private static BufferedImage sheet(
      List<RenderedView> views, int columns, int thumbnailPx, boolean masks) {
    if (views.isEmpty()) {
      throw new IllegalArgumentException("no views");
    }
    RenderedView first = views.get(0);
    double scale =
        Math.min(1.0, thumbnailPx / (double) Math.max(first.widthPx(), first.heightPx()));
    int tw = Math.max(1, (int) Math.round(first.widthPx() * scale));
    int th = Math.max(1, (int) Math.round(first.heightPx() * scale));
    int cols = Math.min(columns, views.size());
    int rows = (views.size() + cols - 1) / cols;
    int band = masks ? 3 : 2;
    BufferedImage sheet =
        new BufferedImage(cols * tw, band * rows * th, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = sheet.createGraphics();
    g.setRenderingHint(
        RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    for (int i = 0; i < views.size(); i++) {
      int x = (i % cols) * tw;
      int y = (i / cols) * band * th;
      RenderedView view = views.get(i);
      g.drawImage(view.rgb(), x, y, tw, th, null);
      g.drawImage(depthPicture(view), x, y + th, tw, th, null);
      if (masks) {
        g.drawImage(maskPicture(view), x, y + 2 * th, tw, th, null);
      }
    }
    g.dispose();
    return sheet;
  }

  /** The depth map as grey levels: nearest surface 255, farthest 40, no surface 0. */
  public static BufferedImage depthPicture(RenderedView view) {
    float min = Float.MAX_VALUE;
    float max = 0;
    for (float d : view.depthMm()) {
      if (d > 0) {
        min = Math.min(min, d);
        max = Math.max(max, d);
      }
    }
    BufferedImage img =
        new BufferedImage(view.widthPx(), view.heightPx(), BufferedImage.TYPE_INT_RGB);
    float range = Math.max(1e-3f, max - min);
    for (int y = 0; y < view.heightPx(); y++) {
      for (int x = 0; x < view.widthPx(); x++) {
        float d = view.depthAt(x, y);
        int grey = d > 0 ? Math.round(255 - 215 * (d - min) / range) : 0;
        img.setRGB(x, y, grey * 0x010101);
      }
    }
    return img;
  }

  /** The photo tinted by the mask: red in the mask, blue on other surfaces, dimmed background. */
  public static BufferedImage maskPicture(RenderedView view) {
    int w = view.widthPx();
    BufferedImage img = new BufferedImage(w, view.heightPx(), BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < view.heightPx(); y++) {
      for (int x = 0; x < w; x++) {
        int rgb = view.rgb().getRGB(x, y);
        int r = (rgb >> 16) & 0xff;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        int i = y * w + x;
        if (view.inMask(i)) {
          r = (r + 255) / 2;
        } else if (view.depthMm()[i] > 0) {
          b = (b + 255) / 2;
        } else {
          r /= 3;
          g /= 3;
          b /= 3;
        }
        img.setRGB(x, y, (r << 16) | (g << 8) | b);
      }
    }
    return img;
  }
}
