package io.headrecon.synth.render;

import java.awt.image.BufferedImage;
import java.io.Serializable;
import java.util.List;
import java.util.Random;

/**
 * Photographs to crop backgrounds from, each with where it came from and its licence. The pixels
 * are kept small (8-bit sRGB, at most {@link #MAX_SIDE_PX} on the longer side: backgrounds are
 * rendered at network size) so that a library travels inside a pipeline's DoFn. Immutable and
 * serializable; build one with {@link #of} from {@link Photo}s ({@link DebianPhotos} finds them in
 * installed Debian packages).
 */
public final class BackgroundPhotos implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Longer side of a stored photo, pixels. */
  public static final int MAX_SIDE_PX = 480;

  /**
   * One photograph.
   *
   * @param name where it was found, e.g. {@code /usr/share/backgrounds/mate/nature/Storm.jpg}
   * @param packageName the Debian package that installed it ("" when not from a package)
   * @param packageVersion that package's version ("" when unknown)
   * @param license the licence of the file, e.g. "GPL-2+" (from the package's copyright file)
   * @param copyright the copyright holders as the copyright file states them
   * @param sha256 SHA-256 of the original file, hex
   * @param widthPx width of the stored pixels
   * @param heightPx height of the stored pixels
   * @param srgb 8-bit sRGB, interleaved R, G, B, row-major ({@code 3 * width * height} bytes)
   */
  public record Photo(
      String name,
      String packageName,
      String packageVersion,
      String license,
      String copyright,
      String sha256,
      int widthPx,
      int heightPx,
      byte[] srgb)
      implements Serializable {
    public Photo {
      if (widthPx < 2 || heightPx < 2 || srgb.length != 3 * widthPx * heightPx) {
        throw new IllegalArgumentException(
            name + ": a photo needs at least 2x2 pixels and 3 bytes per pixel");
      }
    }

    /**
     * A photo from a decoded image, reduced (area average) to at most {@link #MAX_SIDE_PX} on the
     * longer side.
     */
    public static Photo of(
        String name,
        String packageName,
        String packageVersion,
        String license,
        String copyright,
        String sha256,
        BufferedImage image) {
      int w = image.getWidth();
      int h = image.getHeight();
      int factor = Math.max(1, (int) Math.ceil(Math.max(w, h) / (double) MAX_SIDE_PX));
      int ow = Math.max(2, w / factor);
      int oh = Math.max(2, h / factor);
      int[] row = new int[w];
      long[] sum = new long[3 * ow];
      byte[] out = new byte[3 * ow * oh];
      for (int oy = 0; oy < oh; oy++) {
        java.util.Arrays.fill(sum, 0);
        for (int dy = 0; dy < factor; dy++) {
          image.getRGB(0, oy * factor + dy, w, 1, row, 0, w);
          for (int ox = 0; ox < ow; ox++) {
            for (int dx = 0; dx < factor; dx++) {
              int argb = row[ox * factor + dx];
              sum[3 * ox] += (argb >> 16) & 0xff;
              sum[3 * ox + 1] += (argb >> 8) & 0xff;
              sum[3 * ox + 2] += argb & 0xff;
            }
          }
        }
        int n = factor * factor;
        for (int i = 0; i < 3 * ow; i++) {
          out[3 * ow * oy + i] = (byte) ((sum[i] + n / 2) / n);
        }
      }
      return new Photo(name, packageName, packageVersion, license, copyright, sha256, ow, oh, out);
    }
  }

  private final List<Photo> photos;
  private transient float[][] linear; // per photo, linear RGB, decoded on first use

  private BackgroundPhotos(List<Photo> photos) {
    this.photos = List.copyOf(photos);
  }

  /** A library of {@code photos} (in the order given; draws index into it). */
  public static BackgroundPhotos of(List<Photo> photos) {
    return new BackgroundPhotos(photos);
  }

  /** The empty library. */
  public static BackgroundPhotos none() {
    return new BackgroundPhotos(List.of());
  }

  public List<Photo> photos() {
    return photos;
  }

  public boolean isEmpty() {
    return photos.isEmpty();
  }

  private synchronized float[] linear(int i) {
    if (linear == null) {
      linear = new float[photos.size()][];
    }
    if (linear[i] == null) {
      byte[] srgb = photos.get(i).srgb();
      float[] lut = new float[256];
      for (int v = 0; v < 256; v++) {
        double c = v / 255.0;
        lut[v] = (float) (c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4));
      }
      float[] out = new float[srgb.length];
      for (int k = 0; k < srgb.length; k++) {
        out[k] = lut[srgb[k] & 0xff];
      }
      linear[i] = out;
    }
    return linear[i];
  }

  /**
   * A background cropped from a photo drawn uniformly: a window of 30-85 % of the photo's shorter
   * side at a random place, mirrored half the time, scaled to the image, with its exposure and
   * saturation varied (it was lit by another light than the head's).
   *
   * @throws IllegalArgumentException when the library is empty
   */
  public Background sample(Random random, int widthPx, int heightPx) {
    if (photos.isEmpty()) {
      throw new IllegalArgumentException("no background photos to draw from");
    }
    int index = random.nextInt(photos.size());
    Photo photo = photos.get(index);
    float[] pixels = linear(index);
    double side = Math.min(photo.widthPx(), photo.heightPx()) * (0.3 + 0.55 * random.nextDouble());
    double scale = side / Math.max(widthPx, heightPx); // photo pixels per image pixel
    double spanX = scale * widthPx;
    double spanY = scale * heightPx;
    double x0 = (photo.widthPx() - spanX) * random.nextDouble();
    double y0 = (photo.heightPx() - spanY) * random.nextDouble();
    boolean mirror = random.nextBoolean();
    double gain = 0.45 + 0.9 * random.nextDouble();
    double saturation = 0.6 + 0.6 * random.nextDouble();
    int pw = photo.widthPx();
    int ph = photo.heightPx();
    return new Background() {
      @Override
      public void colorAt(double x, double y, float[] out) {
        double u = mirror ? widthPx - 1 - x : x;
        double px = Math.max(0, Math.min(pw - 1, x0 + (u + 0.5) * scale - 0.5));
        double py = Math.max(0, Math.min(ph - 1, y0 + (y + 0.5) * scale - 0.5));
        int ix = Math.min(pw - 2, (int) px);
        int iy = Math.min(ph - 2, (int) py);
        double fx = px - ix;
        double fy = py - iy;
        int a = 3 * (iy * pw + ix);
        int b = a + 3 * pw;
        for (int k = 0; k < 3; k++) {
          double top = pixels[a + k] + fx * (pixels[a + 3 + k] - pixels[a + k]);
          double bottom = pixels[b + k] + fx * (pixels[b + 3 + k] - pixels[b + k]);
          out[k] = (float) (top + fy * (bottom - top));
        }
        double grey = (out[0] + out[1] + out[2]) / 3;
        for (int k = 0; k < 3; k++) {
          out[k] = (float) Math.max(0, Math.min(1, gain * (grey + saturation * (out[k] - grey))));
        }
      }

      @Override
      public Kind kind() {
        return Kind.PHOTO;
      }
    };
  }
}
