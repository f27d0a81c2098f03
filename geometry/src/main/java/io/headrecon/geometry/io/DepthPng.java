package io.headrecon.geometry.io;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferUShort;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import org.w3c.dom.Node;

/**
 * Depth maps as 16-bit grayscale PNG: {@code depth_mm = value × scaleMmPerUnit}, value 0 = no
 * surface. With the default 0.05 mm per unit the range is 0.05 … 3276.75 mm.
 */
public final class DepthPng {
  /** The scale used by the dataset generator, millimetres per PNG unit. */
  public static final double DEFAULT_SCALE_MM_PER_UNIT = 0.05;

  /** PNG text chunk keyword of the depth scale, millimetres per unit, e.g. {@code 0.05}. */
  public static final String SCALE_KEY = "headrecon:depth_scale_mm";

  /**
   * PNG text chunk keyword of the camera intrinsics (pixels) of the map, as proto JSON (Intrinsics:
   * fxPx, fyPx, cxPx, cyPx, widthPx, heightPx).
   */
  public static final String INTRINSICS_KEY = "headrecon:intrinsics";

  private static final String PNG_METADATA = "javax_imageio_png_1.0";

  private DepthPng() {}

  /**
   * A decoded depth map.
   *
   * @param depthMm row-major Z depth per pixel, millimetres; 0 = no surface
   */
  public record DepthImage(int widthPx, int heightPx, float[] depthMm) {
    public float at(int xPx, int yPx) {
      return depthMm[yPx * widthPx + xPx];
    }
  }

  /**
   * Encodes depths (millimetres, row-major, ≤ 0 = no surface) as a 16-bit PNG.
   *
   * @throws IllegalArgumentException when a depth does not fit 16 bits at this scale
   */
  public static void write(
      float[] depthMm, int widthPx, int heightPx, double scaleMmPerUnit, OutputStream out)
      throws IOException {
    write(depthMm, widthPx, heightPx, scaleMmPerUnit, Map.of(), out);
  }

  /**
   * Encodes depths (millimetres, row-major, ≤ 0 = no surface) as a 16-bit PNG whose text chunks
   * hold the scale ({@link #SCALE_KEY}) and {@code text} (e.g. {@link #INTRINSICS_KEY}), so that
   * the file says how to read it.
   *
   * @param text more tEXt chunks, keyword to Latin-1 value (keywords of 1 to 79 characters)
   * @throws IllegalArgumentException when a depth does not fit 16 bits at this scale
   */
  public static void write(
      float[] depthMm,
      int widthPx,
      int heightPx,
      double scaleMmPerUnit,
      Map<String, String> text,
      OutputStream out)
      throws IOException {
    if (depthMm.length != widthPx * heightPx) {
      throw new IllegalArgumentException("depth array does not match " + widthPx + "x" + heightPx);
    }
    if (!(scaleMmPerUnit > 0)) {
      throw new IllegalArgumentException("depth scale must be positive: " + scaleMmPerUnit);
    }
    BufferedImage image = new BufferedImage(widthPx, heightPx, BufferedImage.TYPE_USHORT_GRAY);
    short[] data = ((DataBufferUShort) image.getRaster().getDataBuffer()).getData();
    for (int i = 0; i < depthMm.length; i++) {
      float d = depthMm[i];
      if (!(d > 0)) {
        continue;
      }
      long value = Math.round(d / scaleMmPerUnit);
      if (value > 0xffff) {
        throw new IllegalArgumentException(
            "depth "
                + d
                + " mm at pixel ("
                + (i % widthPx)
                + ", "
                + (i / widthPx)
                + ") does not fit 16 bits at "
                + scaleMmPerUnit
                + " mm per unit");
      }
      data[i] = (short) Math.max(1, value);
    }
    Map<String, String> chunks = new LinkedHashMap<>();
    chunks.put(SCALE_KEY, Double.toString(scaleMmPerUnit));
    chunks.putAll(text);
    writeWithText(image, chunks, out);
  }

  private static void writeWithText(
      BufferedImage image, Map<String, String> chunks, OutputStream out) throws IOException {
    Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
    if (!writers.hasNext()) {
      throw new IOException("no PNG writer for 16-bit grayscale");
    }
    ImageWriter writer = writers.next();
    try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
      writer.setOutput(ios);
      IIOMetadata metadata =
          writer.getDefaultImageMetadata(
              ImageTypeSpecifier.createFromRenderedImage(image), writer.getDefaultWriteParam());
      IIOMetadataNode textNode = new IIOMetadataNode("tEXt");
      for (Map.Entry<String, String> e : chunks.entrySet()) {
        IIOMetadataNode entry = new IIOMetadataNode("tEXtEntry");
        entry.setAttribute("keyword", e.getKey());
        entry.setAttribute("value", e.getValue());
        textNode.appendChild(entry);
      }
      IIOMetadataNode root = new IIOMetadataNode(PNG_METADATA);
      root.appendChild(textNode);
      metadata.mergeTree(PNG_METADATA, root);
      writer.write(new IIOImage(image, null, metadata));
    } finally {
      writer.dispose();
    }
  }

  /**
   * The tEXt chunks of a PNG, keyword to value, in file order (empty when it has none).
   *
   * @param source named in errors
   * @throws IOException when the data is not a readable PNG
   */
  public static Map<String, String> readText(byte[] png, String source) throws IOException {
    Map<String, String> text = new LinkedHashMap<>();
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(png))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw new IOException(source + ": not a readable PNG image");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, false);
        IIOMetadata metadata = reader.getImageMetadata(0);
        if (!java.util.Arrays.asList(metadata.getMetadataFormatNames()).contains(PNG_METADATA)) {
          return text;
        }
        Node root = metadata.getAsTree(PNG_METADATA);
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
          if (!n.getNodeName().equals("tEXt")) {
            continue;
          }
          for (Node e = n.getFirstChild(); e != null; e = e.getNextSibling()) {
            IIOMetadataNode entry = (IIOMetadataNode) e;
            text.put(entry.getAttribute("keyword"), entry.getAttribute("value"));
          }
        }
      } finally {
        reader.dispose();
      }
    }
    return text;
  }

  /**
   * Decodes a 16-bit grayscale depth PNG.
   *
   * @param source named in errors
   * @throws IOException when the data is not a 16-bit single-channel PNG
   */
  public static DepthImage read(InputStream in, double scaleMmPerUnit, String source)
      throws IOException {
    BufferedImage image = ImageIO.read(in);
    if (image == null) {
      throw new IOException(source + ": not a readable PNG image");
    }
    if (image.getRaster().getNumBands() != 1 || image.getSampleModel().getSampleSize(0) != 16) {
      throw new IOException(
          source
              + ": depth PNG must be 16-bit grayscale, got "
              + image.getRaster().getNumBands()
              + " band(s) of "
              + image.getSampleModel().getSampleSize(0)
              + " bits");
    }
    int w = image.getWidth();
    int h = image.getHeight();
    float[] depth = new float[w * h];
    int[] row = new int[w];
    for (int y = 0; y < h; y++) {
      image.getRaster().getSamples(0, y, w, 1, 0, row);
      for (int x = 0; x < w; x++) {
        depth[y * w + x] = (float) (row[x] * scaleMmPerUnit);
      }
    }
    return new DepthImage(w, h, depth);
  }
}
