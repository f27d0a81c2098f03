package io.headrecon.synth.render;

import io.headrecon.model.HeadMask;
import java.awt.image.BufferedImage;

/**
 * One rendered view: an 8-bit sRGB colour image and, per pixel centre, the exact depth (Z distance
 * to the camera plane, millimetres; 0 where no surface) and optionally which kind of surface is
 * seen there.
 *
 * @param surfaces per pixel, the {@link HeadMask.Surface} ordinal of the surface seen at the pixel
 *     centre or {@link #NO_SURFACE}; null when every surface is {@link HeadMask.Surface#HEAD} (a
 *     bare head, as rendered before hair and clothing)
 */
public record RenderedView(
    BufferedImage rgb, float[] depthMm, int widthPx, int heightPx, byte[] surfaces) {

  /** The surface code of a pixel that shows no surface. */
  public static final byte NO_SURFACE = -1;

  /** A view whose every surface is head. */
  public RenderedView(BufferedImage rgb, float[] depthMm, int widthPx, int heightPx) {
    this(rgb, depthMm, widthPx, heightPx, null);
  }

  /** This view with per-pixel surface codes. */
  public RenderedView withSurfaces(byte[] codes) {
    if (codes.length != depthMm.length) {
      throw new IllegalArgumentException("one surface code per pixel needed");
    }
    return new RenderedView(rgb, depthMm, widthPx, heightPx, codes);
  }

  /** Depth at pixel (x, y), millimetres; 0 = background. */
  public float depthAt(int xPx, int yPx) {
    return depthMm[yPx * widthPx + xPx];
  }

  /** Whether pixel index {@code i} ({@code y * width + x}) is in the mask ({@link HeadMask}). */
  public boolean inMask(int i) {
    if (surfaces == null) {
      return depthMm[i] > 0;
    }
    byte s = surfaces[i];
    return s != NO_SURFACE && HeadMask.covers(HeadMask.Surface.values()[s]);
  }

  /** The surface seen at pixel index {@code i}, or null where there is none. */
  public HeadMask.Surface surfaceAt(int i) {
    if (surfaces == null) {
      return depthMm[i] > 0 ? HeadMask.Surface.HEAD : null;
    }
    return surfaces[i] == NO_SURFACE ? null : HeadMask.Surface.values()[surfaces[i]];
  }

  /** The head mask ({@link HeadMask}) as an 8-bit grey image: 255 in the mask, else 0. */
  public BufferedImage maskImage() {
    BufferedImage mask = new BufferedImage(widthPx, heightPx, BufferedImage.TYPE_BYTE_GRAY);
    byte[] data = ((java.awt.image.DataBufferByte) mask.getRaster().getDataBuffer()).getData();
    for (int i = 0; i < depthMm.length; i++) {
      data[i] = inMask(i) ? (byte) 255 : 0;
    }
    return mask;
  }

  /** Number of pixels in the mask. */
  public int headPixelCount() {
    int n = 0;
    for (int i = 0; i < depthMm.length; i++) {
      if (inMask(i)) {
        n++;
      }
    }
    return n;
  }
}
