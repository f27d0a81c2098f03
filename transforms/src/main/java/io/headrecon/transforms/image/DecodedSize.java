package io.headrecon.transforms.image;

import java.io.Serializable;

/**
 * The size a photo is decoded to, in pixels of the upright photo (after its EXIF orientation): full
 * size, exactly {@code w × h}, or scaled down (aspect kept) so that its long side is at most {@code
 * n} px. Scaling always maps pixel centres onto pixel centres ({@code x' = (x + 0.5) * w' / w -
 * 0.5}), so a camera's intrinsics scale exactly ({@link io.headrecon.model.ProtoGeometry#resized}).
 */
public final class DecodedSize implements Serializable {
  private static final long serialVersionUID = 1L;

  private enum Kind {
    FULL,
    EXACT,
    LONG_SIDE
  }

  private final Kind kind;
  private final int widthPx;
  private final int heightPx;

  private DecodedSize(Kind kind, int widthPx, int heightPx) {
    this.kind = kind;
    this.widthPx = widthPx;
    this.heightPx = heightPx;
  }

  /** Every pixel of the photo. */
  public static DecodedSize full() {
    return new DecodedSize(Kind.FULL, 0, 0);
  }

  /** Exactly {@code widthPx × heightPx}, whatever the photo's aspect (as the network input). */
  public static DecodedSize exactly(int widthPx, int heightPx) {
    if (widthPx < 1 || heightPx < 1) {
      throw new IllegalArgumentException("decoded size " + widthPx + "x" + heightPx);
    }
    return new DecodedSize(Kind.EXACT, widthPx, heightPx);
  }

  /** Scaled down, aspect kept, so that the long side is at most {@code longSidePx}. */
  public static DecodedSize longSideAtMost(int longSidePx) {
    if (longSidePx < 1) {
      throw new IllegalArgumentException("long side " + longSidePx + " px");
    }
    return new DecodedSize(Kind.LONG_SIDE, longSidePx, longSidePx);
  }

  /** The decoded {@code {width, height}} of an upright photo of {@code widthPx × heightPx}. */
  public int[] of(int widthPx, int heightPx) {
    switch (kind) {
      case EXACT:
        return new int[] {this.widthPx, this.heightPx};
      case LONG_SIDE:
        int longSide = Math.max(widthPx, heightPx);
        if (longSide <= this.widthPx) {
          return new int[] {widthPx, heightPx};
        }
        double s = (double) this.widthPx / longSide;
        return new int[] {
          Math.max(1, (int) Math.round(widthPx * s)), Math.max(1, (int) Math.round(heightPx * s))
        };
      default:
        return new int[] {widthPx, heightPx};
    }
  }

  @Override
  public String toString() {
    switch (kind) {
      case EXACT:
        return widthPx + "x" + heightPx + " px";
      case LONG_SIDE:
        return "long side <= " + widthPx + " px";
      default:
        return "full size";
    }
  }
}
