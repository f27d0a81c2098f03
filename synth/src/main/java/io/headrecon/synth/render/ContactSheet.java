package io.headrecon.synth.render;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * A picture of a subject's views for people to look at: rows of colour thumbnails, each followed by
 * a row of the matching depth maps (near = bright, far = dark, each map stretched over its own
 * depth range; black = no surface).
 */
public final class ContactSheet {
  private ContactSheet() {}

  /**
   * Lays out the views in rows of {@code columns}, thumbnails at most {@code thumbnailPx} on the
   * longer side.
   */
  public static BufferedImage of(List<RenderedView> views, int columns, int thumbnailPx) {
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
    BufferedImage sheet = new BufferedImage(cols * tw, 2 * rows * th, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = sheet.createGraphics();
    g.setRenderingHint(
        RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    for (int i = 0; i < views.size(); i++) {
      int x = (i % cols) * tw;
      int y = (i / cols) * 2 * th;
      RenderedView view = views.get(i);
      g.drawImage(view.rgb(), x, y, tw, th, null);
      g.drawImage(depthPicture(view), x, y + th, tw, th, null);
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
}
