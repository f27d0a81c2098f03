package io.headrecon.transforms.crop;

import static org.bytedeco.opencv.global.opencv_core.flip;
import static org.bytedeco.opencv.global.opencv_imgproc.equalizeHist;

import io.headrecon.transforms.image.OpenCvImages;
import io.headrecon.transforms.image.RgbImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.RectVector;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_objdetect.CascadeClassifier;

/**
 * Finds faces with OpenCV's Haar cascades shipped in the bytedeco opencv jar: the frontal face
 * cascade, then the profile cascade on the image and on its mirror image (the cascade knows one
 * side only), so that yaws from -90° to +90° are covered. Works on a grey copy of a decoded,
 * validated image of at most {@link #MAX_SIDE_PX} on its long side.
 */
public final class FaceDetector {
  /** Long side of the grey image the cascades scan, pixels. */
  public static final int MAX_SIDE_PX = 480;

  private static final String CASCADES =
      "/org/bytedeco/opencv/linux-x86_64/share/opencv4/haarcascades/";

  /** Which cascade found a face. */
  public enum Kind {
    FRONTAL,
    PROFILE_LEFT,
    PROFILE_RIGHT
  }

  /**
   * A face found in an image.
   *
   * @param xPx left edge, pixels of the image searched
   * @param yPx top edge, pixels
   * @param sidePx width and height (the cascades' boxes are square), pixels
   * @param kind the cascade that found it
   * @param strict whether the strict settings found it (the relaxed ones also find false faces)
   */
  public record Face(double xPx, double yPx, double sidePx, Kind kind, boolean strict) {
    public double centreXPx() {
      return xPx + sidePx / 2;
    }

    public double centreYPx() {
      return yPx + sidePx / 2;
    }
  }

  private static CascadeClassifier frontal;
  private static CascadeClassifier profile;

  private FaceDetector() {}

  /**
   * The largest frontal face in {@code image}, else the largest profile; pixels of {@code image}.
   */
  public static Optional<Face> largestFace(RgbImage image) {
    List<Face> faces = faces(image);
    // A frontal face is framed more precisely than a profile one: it wins when there is one.
    Face best = null;
    for (Face f : faces) {
      boolean frontal = f.kind() == Kind.FRONTAL;
      boolean bestFrontal = best != null && best.kind() == Kind.FRONTAL;
      if (best == null
          || frontal && !bestFrontal
          || frontal == bestFrontal && f.sidePx() > best.sidePx()) {
        best = f;
      }
    }
    return Optional.ofNullable(best);
  }

  /** Every face the three cascades find in {@code image}, pixels of {@code image}. */
  public static synchronized List<Face> faces(RgbImage image) {
    double scale =
        Math.min(1.0, (double) MAX_SIDE_PX / Math.max(image.widthPx(), image.heightPx()));
    int w = Math.max(1, (int) Math.round(image.widthPx() * scale));
    int h = Math.max(1, (int) Math.round(image.heightPx() * scale));
    RgbImage small = image.resized(w, h);
    List<Face> out = new ArrayList<>();
    int minSide = Math.max(24, Math.min(w, h) / 12);
    try (Mat grey = greyMat(small, false);
        Mat mirrored = greyMat(small, true)) {
      // Strict settings first (scale step 1.1, 4 neighbours: few false faces); only when they
      // find nothing, relaxed ones (1.05, 2 neighbours), which find most side views at 80-90°.
      for (Scan scan : new Scan[] {new Scan(1.1, 4, true), new Scan(1.05, 2, false)}) {
        scan.run(frontal(), grey, Kind.FRONTAL, false, w, minSide, 1 / scale, out);
        scan.run(profile(), grey, Kind.PROFILE_RIGHT, false, w, minSide, 1 / scale, out);
        scan.run(profile(), mirrored, Kind.PROFILE_LEFT, true, w, minSide, 1 / scale, out);
        if (!out.isEmpty()) {
          break;
        }
      }
    }
    return out;
  }

  /** One setting of the cascades' scan: scale step, neighbours needed, and whether strict. */
  private record Scan(double scaleStep, int minNeighbours, boolean strict) {
    /** Adds the faces {@code cascade} finds in {@code grey} to {@code out}, image pixels. */
    void run(
        CascadeClassifier cascade,
        Mat grey,
        Kind kind,
        boolean mirrored,
        int widthPx,
        int minSidePx,
        double toImage,
        List<Face> out) {
      try (RectVector found = new RectVector();
          Size min = new Size(minSidePx, minSidePx);
          Size max = new Size()) {
        cascade.detectMultiScale(grey, found, scaleStep, minNeighbours, 0, min, max);
        for (long i = 0; i < found.size(); i++) {
          Rect r = found.get(i);
          double x = mirrored ? widthPx - r.x() - r.width() : r.x();
          out.add(new Face(x * toImage, r.y() * toImage, r.width() * toImage, kind, strict));
        }
      }
    }
  }

  /** The grey image of {@code image} ({@link OpenCvImages#toGrayMat}), histogram-equalised. */
  private static Mat greyMat(RgbImage image, boolean mirrored) {
    Mat equalised = new Mat();
    try (Mat grey = OpenCvImages.toGrayMat(image)) {
      equalizeHist(grey, equalised);
    }
    if (!mirrored) {
      return equalised;
    }
    Mat flipped = new Mat();
    flip(equalised, flipped, 1);
    equalised.close();
    return flipped;
  }

  private static CascadeClassifier frontal() {
    if (frontal == null) {
      frontal = load("haarcascade_frontalface_alt2.xml");
    }
    return frontal;
  }

  private static CascadeClassifier profile() {
    if (profile == null) {
      profile = load("haarcascade_profileface.xml");
    }
    return profile;
  }

  /** OpenCV reads cascades from files: the jar's copy goes to a temporary file first. */
  private static CascadeClassifier load(String name) {
    try (InputStream in = FaceDetector.class.getResourceAsStream(CASCADES + name)) {
      if (in == null) {
        throw new IllegalStateException("missing classpath resource " + CASCADES + name);
      }
      Path file = Files.createTempFile("headrecon-", "-" + name);
      file.toFile().deleteOnExit();
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      CascadeClassifier cascade = new CascadeClassifier(file.toString());
      if (cascade.empty()) {
        throw new IllegalStateException("OpenCV could not load the cascade " + CASCADES + name);
      }
      return cascade;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy the cascade " + name, e);
    }
  }
}
