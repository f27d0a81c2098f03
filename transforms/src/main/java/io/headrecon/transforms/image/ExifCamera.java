package io.headrecon.transforms.image;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifDirectoryBase;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import java.io.ByteArrayInputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * What a photo's EXIF says about its camera, read in pure Java (metadata-extractor): the
 * orientation and the focal lengths from which {@link PhotoIntrinsics} derives the intrinsics.
 * Values the file lacks, or that are not positive and finite, are {@code NaN} (0 for the
 * dimension); unreadable metadata gives {@link #NONE}, and the image reader judges the pixels.
 *
 * @param orientation the EXIF orientation tag, 1 to 8 (1, upright, when absent or out of range)
 * @param focalLength35mmEquivalentMm FocalLengthIn35mmFilm (0xA405), millimetres
 * @param focalLengthMm FocalLength (0x920A), the lens's real focal length, millimetres
 * @param focalPlaneXResolutionPxPerMm FocalPlaneXResolution (0xA20E) converted with
 *     FocalPlaneResolutionUnit (0xA210: 2 inch, the default, 3 cm, 4 mm, 5 µm): image pixels per
 *     millimetre of sensor along the stored image's x, at {@code exifImageWidthPx}
 * @param exifImageWidthPx PixelXDimension (0xA002), the stored width the camera wrote, pixels (0
 *     when absent)
 */
public record ExifCamera(
    int orientation,
    double focalLength35mmEquivalentMm,
    double focalLengthMm,
    double focalPlaneXResolutionPxPerMm,
    int exifImageWidthPx)
    implements Serializable {

  /** No EXIF: upright, no focal length. */
  public static final ExifCamera NONE = new ExifCamera(1, Double.NaN, Double.NaN, Double.NaN, 0);

  /** Reads the EXIF of a photo's bytes (JPEG APP1, PNG eXIf, TIFF IFD0 and Exif IFD). */
  public static ExifCamera of(byte[] bytes) {
    try {
      Metadata metadata =
          ImageMetadataReader.readMetadata(new ByteArrayInputStream(bytes), bytes.length);
      List<ExifDirectoryBase> dirs = new ArrayList<>();
      dirs.addAll(metadata.getDirectoriesOfType(ExifSubIFDDirectory.class));
      dirs.addAll(metadata.getDirectoriesOfType(ExifIFD0Directory.class));
      int orientation = 1;
      for (ExifIFD0Directory dir : metadata.getDirectoriesOfType(ExifIFD0Directory.class)) {
        if (dir.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
          int value = dir.getInt(ExifIFD0Directory.TAG_ORIENTATION);
          orientation = value >= 1 && value <= 8 ? value : 1;
          break;
        }
      }
      double resolution = positive(dirs, ExifDirectoryBase.TAG_FOCAL_PLANE_X_RESOLUTION);
      double unitMm = Double.NaN;
      int unit = (int) first(dirs, ExifDirectoryBase.TAG_FOCAL_PLANE_RESOLUTION_UNIT, 2);
      switch (unit) {
        case 2 -> unitMm = 25.4;
        case 3 -> unitMm = 10;
        case 4 -> unitMm = 1;
        case 5 -> unitMm = 1e-3;
        default -> unitMm = Double.NaN; // 1 (no unit) or unknown: no sensor size
      }
      double width = first(dirs, ExifDirectoryBase.TAG_EXIF_IMAGE_WIDTH, 0);
      return new ExifCamera(
          orientation,
          positive(dirs, ExifDirectoryBase.TAG_35MM_FILM_EQUIV_FOCAL_LENGTH),
          positive(dirs, ExifDirectoryBase.TAG_FOCAL_LENGTH),
          resolution / unitMm,
          width > 0 && width <= Integer.MAX_VALUE ? (int) width : 0);
    } catch (Exception | StackOverflowError e) {
      return NONE; // unreadable metadata: no orientation or focal length
    }
  }

  /** The first value of {@code tag} in {@code dirs} that is positive and finite, else NaN. */
  private static double positive(List<ExifDirectoryBase> dirs, int tag) {
    double v = first(dirs, tag, Double.NaN);
    return v > 0 && Double.isFinite(v) ? v : Double.NaN;
  }

  private static double first(List<ExifDirectoryBase> dirs, int tag, double absent) {
    for (ExifDirectoryBase dir : dirs) {
      if (dir.containsTag(tag)) {
        Double v = dir.getDoubleObject(tag);
        if (v != null) {
          return v;
        }
      }
    }
    return absent;
  }
}
