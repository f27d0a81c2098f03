package io.headrecon.transforms.records;

import io.headrecon.transforms.image.RgbImage;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.CustomCoder;

/**
 * Coder of {@link RgbImage}: {@code int32} width and height in pixels, then the pixels as packed
 * RGB, 3 bytes each, row-major (a 180 × 180 image takes 97,208 bytes).
 */
public final class RgbImageCoder extends CustomCoder<RgbImage> {
  private static final RgbImageCoder INSTANCE = new RgbImageCoder();

  private RgbImageCoder() {}

  public static RgbImageCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(RgbImage image, OutputStream outStream) throws IOException {
    DataOutputStream out = new DataOutputStream(outStream);
    write(image, out);
    out.flush();
  }

  @Override
  public RgbImage decode(InputStream inStream) throws IOException {
    return read(new DataInputStream(inStream));
  }

  static void write(RgbImage image, DataOutputStream out) throws IOException {
    int[] packed = image.packedRgb();
    byte[] rgb = new byte[3 * packed.length];
    for (int i = 0; i < packed.length; i++) {
      int c = packed[i];
      rgb[3 * i] = (byte) (c >>> 16);
      rgb[3 * i + 1] = (byte) (c >>> 8);
      rgb[3 * i + 2] = (byte) c;
    }
    out.writeInt(image.widthPx());
    out.writeInt(image.heightPx());
    out.write(rgb);
  }

  static RgbImage read(DataInputStream in) throws IOException {
    int width = in.readInt();
    int height = in.readInt();
    if (width <= 0 || height <= 0 || (long) width * height * 3 > Integer.MAX_VALUE - 8) {
      throw new IOException("corrupt record: image " + width + "x" + height + " px");
    }
    byte[] rgb = new byte[3 * width * height];
    in.readFully(rgb);
    int[] packed = new int[width * height];
    for (int i = 0; i < packed.length; i++) {
      packed[i] =
          ((rgb[3 * i] & 0xff) << 16) | ((rgb[3 * i + 1] & 0xff) << 8) | (rgb[3 * i + 2] & 0xff);
    }
    return new RgbImage(width, height, packed);
  }
}
