package io.headrecon.transforms.crop;

import io.headrecon.model.ProtoGeometry;
import io.headrecon.proto.Intrinsics;
import io.headrecon.transforms.image.RgbImage;

/**
 * A square crop of a photo around the head, in whole pixels of that photo: the pixels {@code x0Px
 * .. x0Px + sidePx - 1} by {@code y0Px .. y0Px + sidePx - 1}. It may reach past the photo's edges,
 * where the edge pixels are repeated. Resampling it to {@code n × n} maps pixel centres onto pixel
 * centres ({@code x' = (x - x0Px + 0.5) · n / sidePx - 0.5}), so the crop's camera is exact ({@link
 * #intrinsics}).
 *
 * @param x0Px left column, pixels of the photo (may be negative)
 * @param y0Px top row, pixels of the photo (may be negative)
 * @param sidePx width and height, pixels of the photo
 */
public record HeadCrop(int x0Px, int y0Px, int sidePx) {
  public HeadCrop {
    if (sidePx < 1) {
      throw new IllegalArgumentException("crop side " + sidePx + " px");
    }
  }

  /** The crop of side {@code sidePx} (rounded, at least 1) centred on ({@code cx}, {@code cy}). */
  public static HeadCrop centredOn(double centreXPx, double centreYPx, double sidePx) {
    int side = Math.max(1, (int) Math.round(sidePx));
    // Pixel i covers [i, i + 1): the crop [x0, x0 + side) is centred on centreX + 0.5.
    int x0 = (int) Math.round(centreXPx + 0.5 - side / 2.0);
    int y0 = (int) Math.round(centreYPx + 0.5 - side / 2.0);
    return new HeadCrop(x0, y0, side);
  }

  /** The centre of the crop, pixels of the photo (pixel centres at integers). */
  public double centreXPx() {
    return x0Px + sidePx / 2.0 - 0.5;
  }

  /** The centre of the crop, pixels of the photo (pixel centres at integers). */
  public double centreYPx() {
    return y0Px + sidePx / 2.0 - 0.5;
  }

  /**
   * The camera of this crop resampled to {@code sizePx × sizePx}, from the photo's camera: the
   * principal point moves by the crop's offset, then everything scales by {@code sizePx / sidePx}.
   */
  public Intrinsics intrinsics(Intrinsics photo, int sizePx) {
    Intrinsics shifted =
        photo.toBuilder()
            .setCxPx(photo.getCxPx() - x0Px)
            .setCyPx(photo.getCyPx() - y0Px)
            .setWidthPx(sidePx)
            .setHeightPx(sidePx)
            .build();
    return ProtoGeometry.resized(shifted, sizePx, sizePx);
  }

  /** A point of the photo (pixels) in the crop resampled to {@code sizePx}, pixels. */
  public double[] toCrop(double xPx, double yPx, int sizePx) {
    double s = (double) sizePx / sidePx;
    return new double[] {(xPx - x0Px + 0.5) * s - 0.5, (yPx - y0Px + 0.5) * s - 0.5};
  }

  /** A point of the crop resampled to {@code sizePx} (pixels) in the photo, pixels. */
  public double[] toPhoto(double xPx, double yPx, int sizePx) {
    double s = (double) sidePx / sizePx;
    return new double[] {(xPx + 0.5) * s - 0.5 + x0Px, (yPx + 0.5) * s - 0.5 + y0Px};
  }

  /** How much of the crop lies inside a photo of {@code widthPx × heightPx}, [0, 1]. */
  public double insideFraction(int widthPx, int heightPx) {
    long w = Math.max(0, Math.min(x0Px + sidePx, widthPx) - Math.max(x0Px, 0));
    long h = Math.max(0, Math.min(y0Px + sidePx, heightPx) - Math.max(y0Px, 0));
    return (double) (w * h) / ((double) sidePx * sidePx);
  }

  /**
   * The crop resampled to {@code sizePx × sizePx}: each output pixel is the mean of the photo's
   * pixels under its footprint (an area filter, so a large crop does not alias), edge pixels
   * repeated outside the photo; bilinear where the crop is enlarged.
   */
  public RgbImage resample(RgbImage photo, int sizePx) {
    double s = (double) sidePx / sizePx; // photo pixels per output pixel
    if (s <= 1) {
      return photo.resampled(sizePx, sizePx, s, s, x0Px, y0Px);
    }
    int[] out = new int[sizePx * sizePx];
    int w = photo.widthPx();
    int h = photo.heightPx();
    for (int y = 0; y < sizePx; y++) {
      double top = y0Px + y * s;
      int ya = (int) Math.floor(top);
      int yb = (int) Math.ceil(top + s) - 1;
      for (int x = 0; x < sizePx; x++) {
        double left = x0Px + x * s;
        int xa = (int) Math.floor(left);
        int xb = (int) Math.ceil(left + s) - 1;
        double r = 0;
        double g = 0;
        double b = 0;
        double total = 0;
        for (int py = ya; py <= yb; py++) {
          double wy = Math.min(py + 1, top + s) - Math.max(py, top);
          int cy = Math.max(0, Math.min(h - 1, py));
          for (int px = xa; px <= xb; px++) {
            double wx = Math.min(px + 1, left + s) - Math.max(px, left);
            int rgb = photo.rgb(Math.max(0, Math.min(w - 1, px)), cy);
            double wgt = wx * wy;
            r += wgt * ((rgb >>> 16) & 0xff);
            g += wgt * ((rgb >>> 8) & 0xff);
            b += wgt * (rgb & 0xff);
            total += wgt;
          }
        }
        out[y * sizePx + x] =
            (int) Math.round(r / total) << 16
                | (int) Math.round(g / total) << 8
                | (int) Math.round(b / total);
      }
    }
    return new RgbImage(sizePx, sizePx, out);
  }
}
