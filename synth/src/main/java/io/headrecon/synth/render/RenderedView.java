package io.headrecon.synth.render;

import java.awt.image.BufferedImage;

/**
 * One rendered view: an 8-bit sRGB colour image and, per pixel centre, the exact depth (Z distance
 * to the camera plane, millimetres; 0 where no surface).
 */
public record RenderedView(BufferedImage rgb, float[] depthMm, int widthPx, int heightPx) {

  /** Depth at pixel (x, y), millimetres; 0 = background. */
  public float depthAt(int xPx, int yPx) {
    return depthMm[yPx * widthPx + xPx];
  }

  /** The head mask as an 8-bit grey image: 255 where the depth is positive, else 0. */
  public BufferedImage maskImage() {
    BufferedImage mask = new BufferedImage(widthPx, heightPx, BufferedImage.TYPE_BYTE_GRAY);
    byte[] data = ((java.awt.image.DataBufferByte) mask.getRaster().getDataBuffer()).getData();
    for (int i = 0; i < depthMm.length; i++) {
      data[i] = depthMm[i] > 0 ? (byte) 255 : 0;
    }
    return mask;
  }

  /** Number of pixels showing the head. */
  public int headPixelCount() {
    int n = 0;
    for (float d : depthMm) {
      if (d > 0) {
        n++;
      }
    }
    return n;
  }
}
