package io.headrecon.transforms.image;

import io.headrecon.proto.Intrinsics;

/**
 * Camera intrinsics of an upright photo that its manifest does not describe: from its EXIF, else an
 * assumed lens. Square pixels and the principal point at the image centre throughout (EXIF gives
 * neither); the focal length in pixels comes, in this order, from
 *
 * <ol>
 *   <li>FocalLengthIn35mmFilm ({@link Source#EXIF_35MM}): {@code f_px = f_35mm / 43.27 mm ×
 *       diagonal_px}, the equivalent focal length being defined, as cameras compute it, across the
 *       diagonal of a 36 × 24 mm frame (43.27 mm); for a 3:2 photo that is {@code f_35mm / 36 mm ×
 *       long side};
 *   <li>FocalLength with the sensor's FocalPlaneXResolution ({@link Source#EXIF_FOCAL_PLANE}):
 *       {@code f_px = f_mm × px per mm of sensor}, scaled from the width the camera wrote
 *       (PixelXDimension) to the stored width, so a photo downscaled after capture keeps its field
 *       of view;
 *   <li>the assumed lens ({@link Source#DEFAULT}): the reference intrinsics scaled by the long
 *       side, e.g. the training data's 85 mm-equivalent lens across 36 mm.
 * </ol>
 *
 * An EXIF focal length whose 35 mm equivalent lies outside [{@value #MIN_EQUIVALENT_MM}, {@value
 * #MAX_EQUIVALENT_MM}] mm is not believed and the next source is tried. A photo cropped after
 * capture keeps its camera's EXIF, which then describes the uncropped frame: give such photos'
 * cameras in the manifest.
 */
public final class PhotoIntrinsics {
  private PhotoIntrinsics() {}

  /** Diagonal of the 36 × 24 mm frame that 35 mm-equivalent focal lengths refer to, mm. */
  public static final double FULL_FRAME_DIAGONAL_MM = Math.hypot(36, 24);

  /** Shortest believable 35 mm-equivalent focal length, mm (a fisheye is about 8 mm). */
  public static final double MIN_EQUIVALENT_MM = 8;

  /** Longest believable 35 mm-equivalent focal length, mm. */
  public static final double MAX_EQUIVALENT_MM = 2000;

  /** Where a view's intrinsics came from; {@link #label} is what metrics.json says. */
  public enum Source {
    /** The manifest's Camera. */
    MANIFEST("manifest"),
    /** EXIF FocalLengthIn35mmFilm. */
    EXIF_35MM("exif_35mm"),
    /** EXIF FocalLength with FocalPlaneXResolution and FocalPlaneResolutionUnit. */
    EXIF_FOCAL_PLANE("exif_focal_plane"),
    /** The assumed lens. */
    DEFAULT("default");

    private final String label;

    Source(String label) {
      this.label = label;
    }

    /** The name written to View.intrinsics_source and ViewMetrics.intrinsics_source. */
    public String label() {
      return label;
    }
  }

  /** Intrinsics at the upright photo's full size and where they came from. */
  public record Found(Intrinsics intrinsics, Source source) {}

  /**
   * The intrinsics of {@code photo} (upright, full size) from its EXIF, else {@code assumed} scaled
   * to it ({@link #assumed}).
   */
  public static Found of(ImageDecoding.Photo photo, Intrinsics assumed) {
    return of(photo.exif(), photo.storedWidthPx(), photo.widthPx(), photo.heightPx(), assumed);
  }

  /**
   * The intrinsics of an upright {@code widthPx × heightPx} photo from its EXIF, else {@code
   * assumed} scaled to it ({@link #assumed}).
   *
   * @param storedWidthPx the photo's width as stored, before its EXIF orientation (the frame of its
   *     EXIF focal-plane resolution)
   */
  public static Found of(
      ExifCamera exif, int storedWidthPx, int widthPx, int heightPx, Intrinsics assumed) {
    double diagonalPx = Math.hypot(widthPx, heightPx);
    double f35 = exif.focalLength35mmEquivalentMm();
    if (believable(f35)) {
      return new Found(
          centred(f35 / FULL_FRAME_DIAGONAL_MM * diagonalPx, widthPx, heightPx), Source.EXIF_35MM);
    }
    double pxPerMm = exif.focalPlaneXResolutionPxPerMm();
    if (exif.exifImageWidthPx() > 0) {
      pxPerMm *= (double) storedWidthPx / exif.exifImageWidthPx();
    }
    double focalPx = exif.focalLengthMm() * pxPerMm;
    if (believable(focalPx / diagonalPx * FULL_FRAME_DIAGONAL_MM)) {
      return new Found(centred(focalPx, widthPx, heightPx), Source.EXIF_FOCAL_PLANE);
    }
    return new Found(assumed(assumed, widthPx, heightPx), Source.DEFAULT);
  }

  /**
   * {@code reference} (intrinsics at its own size) for a {@code widthPx × heightPx} photo: focal
   * lengths scaled by the ratio of the long sides, so that the lens keeps its field of view across
   * the long side whatever the photo's aspect and orientation, and the principal point at the
   * centre. A photo of the reference's size gets the reference's focal lengths.
   */
  public static Intrinsics assumed(Intrinsics reference, int widthPx, int heightPx) {
    double s =
        (double) Math.max(widthPx, heightPx)
            / Math.max(reference.getWidthPx(), reference.getHeightPx());
    return Intrinsics.newBuilder()
        .setFxPx(reference.getFxPx() * s)
        .setFyPx(reference.getFyPx() * s)
        .setCxPx((widthPx - 1) / 2.0)
        .setCyPx((heightPx - 1) / 2.0)
        .setWidthPx(widthPx)
        .setHeightPx(heightPx)
        .build();
  }

  private static boolean believable(double equivalentMm) {
    return equivalentMm >= MIN_EQUIVALENT_MM && equivalentMm <= MAX_EQUIVALENT_MM;
  }

  private static Intrinsics centred(double focalPx, int widthPx, int heightPx) {
    return Intrinsics.newBuilder()
        .setFxPx(focalPx)
        .setFyPx(focalPx)
        .setCxPx((widthPx - 1) / 2.0)
        .setCyPx((heightPx - 1) / 2.0)
        .setWidthPx(widthPx)
        .setHeightPx(heightPx)
        .build();
  }
}
