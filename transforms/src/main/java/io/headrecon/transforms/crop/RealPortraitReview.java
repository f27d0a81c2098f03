package io.headrecon.transforms.crop;

import io.headrecon.model.DatasetFraming;
import io.headrecon.model.DecodedView;
import io.headrecon.model.DepthNetContract;
import io.headrecon.model.ExecutionProvider;
import io.headrecon.proto.Intrinsics;
import io.headrecon.transforms.depth.DepthModelFiles;
import io.headrecon.transforms.image.ImageDecoding;
import io.headrecon.transforms.image.PhotoIntrinsics;
import io.headrecon.transforms.image.RgbImage;
import io.headrecon.transforms.quality.ViewSignals;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Real portraits through the head crop and one or more depth models, with checks that can fail and
 * a contact sheet per photo (one row per model: the photo with the crop, the crop with the
 * landmarks and the cascade's face box, the mask, the depth). One command:
 *
 * <pre>
 * ./mvnw -q -pl pipelines -am compile exec:java \
 *   -Dexec.mainClass=io.headrecon.transforms.crop.RealPortraitReview \
 *   -Dexec.args="testdata/real out/real-review models/headrecon-depth.onnx runs/unet/model.onnx"
 * </pre>
 *
 * Arguments: the folder of photos (searched recursively for .jpg, .jpeg, .png, .tif), the output
 * folder, then the models (local paths, gs:// or s3:// URIs, as the pipeline's {@code --model});
 * the last model is the candidate, and the command exits with status 1 when one of its checks
 * fails. Writes {@code real-photos.md} and {@code <photo>.png} sheets.
 *
 * <p>The checks, in the network's 180 × 180 crop, against the largest face OpenCV's cascades find
 * in the whole photo (an independent detector):
 *
 * <ul>
 *   <li>the mask is one region: its largest 4-connected part holds at least {@value
 *       #MIN_LARGEST_COMPONENT} of it;
 *   <li>it contains the face box: at least {@value #MIN_FACE_COVERED} of the box's pixels;
 *   <li>it leaves out the background: at most {@value #MAX_BACKGROUND_COVERED} of the background
 *       region, the part of the crop above the face box's bottom edge and more than {@value
 *       #BACKGROUND_MARGIN} face widths to either side of it (hair and ears lie closer);
 *   <li>landmarks fall on the face: at least {@value #MIN_LANDMARKS_IN_BOX} of the 68 inside the
 *       face box grown by {@value #LANDMARK_BOX_GROWTH} of its side on every edge (the cascade's
 *       box stops above the chin);
 *   <li>depth spans a head-like range: the 5th-95th percentile range of the depth over the mask
 *       inside the face box is {@value #MIN_FACE_RELIEF_MM}-{@value #MAX_FACE_RELIEF_MM} mm (a flat
 *       sheet is under it, a face merged with a far background over it).
 * </ul>
 */
public final class RealPortraitReview {
  static final double MIN_LARGEST_COMPONENT = 0.95;
  static final double MIN_FACE_COVERED = 0.85;
  static final double MAX_BACKGROUND_COVERED = 0.25;
  static final double BACKGROUND_MARGIN = 0.6;
  static final double MIN_LANDMARKS_IN_BOX = 0.9;
  static final double LANDMARK_BOX_GROWTH = 0.2;
  static final double MIN_FACE_RELIEF_MM = 25;
  static final double MAX_FACE_RELIEF_MM = 160;

  private static final int SIZE = DepthNetContract.INPUT_SIZE_PX;

  private RealPortraitReview() {}

  /**
   * One photo through one model.
   *
   * @param crop where the head crop cut the network's input (photo pixels)
   * @param faceInCrop the cascade's face box in the crop: x0, y0, side (pixels of the 180 px crop)
   * @param largestComponent share of the mask in its largest part
   * @param faceCovered share of the face box's pixels in the mask
   * @param backgroundCovered share of the background region in the mask (NaN when the crop has
   *     none)
   * @param landmarksInBox share of the 68 landmarks in the grown face box
   * @param faceReliefMm 5th-95th percentile depth range over the mask inside the face box, mm
   */
  public record Review(
      String photo,
      HeadCrop crop,
      double[] faceInCrop,
      RgbImage input,
      DecodedView output,
      double largestComponent,
      double faceCovered,
      double backgroundCovered,
      double landmarksInBox,
      double faceReliefMm) {

    /** The checks that failed, named; empty when all passed. */
    public List<String> failures() {
      List<String> f = new ArrayList<>();
      if (!(largestComponent >= MIN_LARGEST_COMPONENT)) {
        f.add("mask_fragmented");
      }
      if (!(faceCovered >= MIN_FACE_COVERED)) {
        f.add("face_not_in_mask");
      }
      if (backgroundCovered > MAX_BACKGROUND_COVERED) {
        f.add("background_in_mask");
      }
      if (!(landmarksInBox >= MIN_LANDMARKS_IN_BOX)) {
        f.add("landmarks_off_face");
      }
      if (!(faceReliefMm >= MIN_FACE_RELIEF_MM && faceReliefMm <= MAX_FACE_RELIEF_MM)) {
        f.add("relief_not_head_like");
      }
      return f;
    }
  }

  /** No face for the cascades: the checks have nothing to compare with. */
  public static final class NoFaceException extends Exception {
    NoFaceException(String message) {
      super(message);
    }
  }

  /** Crops the head in {@code photo} with {@code network} and checks the network's output. */
  public static Review review(String name, RgbImage photo, HeadLocator.Network network)
      throws Exception {
    Optional<FaceDetector.Face> detected = FaceDetector.largestFace(photo);
    if (detected.isEmpty()) {
      throw new NoFaceException(name + ": no cascade finds a face in the photo");
    }
    FaceDetector.Face face = detected.get();
    Intrinsics camera =
        PhotoIntrinsics.assumed(DatasetFraming.INTRINSICS, photo.widthPx(), photo.heightPx());
    HeadCrop crop = HeadLocator.locate(photo, camera, network).crop();
    RgbImage input = crop.resample(photo, SIZE);
    DecodedView out = network.run(input);
    double[] corner = crop.toCrop(face.xPx(), face.yPx(), SIZE);
    double side = face.sidePx() * SIZE / crop.sidePx();
    double fx0 = corner[0];
    double fy0 = corner[1];
    double fx1 = fx0 + side;
    double fy1 = fy0 + side;

    boolean[] mask = new boolean[SIZE * SIZE];
    int area = 0;
    int faceIn = 0;
    int facePixels = 0;
    int backgroundIn = 0;
    int backgroundPixels = 0;
    List<Float> relief = new ArrayList<>();
    for (int y = 0; y < SIZE; y++) {
      for (int x = 0; x < SIZE; x++) {
        int i = y * SIZE + x;
        mask[i] = out.maskProbability()[i] >= 0.5f;
        area += mask[i] ? 1 : 0;
        double cx = x + 0.5;
        double cy = y + 0.5;
        if (cx >= fx0 && cx < fx1 && cy >= fy0 && cy < fy1) {
          facePixels++;
          if (mask[i]) {
            faceIn++;
            relief.add(out.depthMm()[i]);
          }
        }
        boolean beside = cx < fx0 - BACKGROUND_MARGIN * side || cx > fx1 + BACKGROUND_MARGIN * side;
        if (beside && cy < fy1) {
          backgroundPixels++;
          backgroundIn += mask[i] ? 1 : 0;
        }
      }
    }
    int inBox = 0;
    double g = LANDMARK_BOX_GROWTH * side;
    for (int k = 0; k < out.landmarkXPx().length; k++) {
      float x = out.landmarkXPx()[k];
      float y = out.landmarkYPx()[k];
      if (x >= fx0 - g && x <= fx1 + g && y >= fy0 - g && y <= fy1 + g) {
        inBox++;
      }
    }
    double reliefMm = Double.NaN;
    if (relief.size() >= 20) {
      float[] d = new float[relief.size()];
      for (int i = 0; i < d.length; i++) {
        d[i] = relief.get(i);
      }
      Arrays.sort(d);
      reliefMm = d[(int) (0.95 * (d.length - 1))] - d[(int) (0.05 * (d.length - 1))];
    }
    return new Review(
        name,
        crop,
        new double[] {fx0, fy0, side},
        input,
        out,
        area == 0 ? 0 : (double) ViewSignals.largestComponent(mask, SIZE, SIZE) / area,
        facePixels == 0 ? 0 : (double) faceIn / facePixels,
        backgroundPixels == 0 ? Double.NaN : (double) backgroundIn / backgroundPixels,
        (double) inBox / out.landmarkXPx().length,
        reliefMm);
  }

  /** Decodes a committed photo whole (EXIF orientation applied). */
  public static RgbImage decode(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    try (ImageDecoding.Photo p = ImageDecoding.open(bytes, file.toString(), 1 << 26)) {
      return p.decode(p.widthPx(), p.heightPx());
    }
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println("usage: RealPortraitReview PHOTO_DIR OUT_DIR MODEL [MODEL...]");
      System.exit(2);
    }
    Path photos = Path.of(args[0]);
    Path out = Files.createDirectories(Path.of(args[1]));
    List<String> models = List.of(args).subList(2, args.length);
    List<Path> files;
    try (Stream<Path> walk = Files.walk(photos)) {
      files =
          walk.filter(
                  p ->
                      p.getFileName()
                          .toString()
                          .toLowerCase(Locale.ROOT)
                          .matches(".*\\.(jpe?g|png|tiff?)"))
              .sorted()
              .toList();
    }
    List<HeadLocator.Network> networks = new ArrayList<>();
    for (String m : models) {
      networks.add(HeadLocator.network(DepthModelFiles.runner(m, ExecutionProvider.cpu)));
    }
    StringBuilder md =
        new StringBuilder(
            "| photo | model | crop (x0, y0, side px) | mask in largest part | face box in mask |"
                + " background in mask | landmarks on face | face relief mm | failed checks |\n"
                + "|---|---|---|---|---|---|---|---|---|\n");
    boolean candidateFailed = false;
    for (Path file : files) {
      String name = photos.relativize(file).toString();
      RgbImage photo = decode(file);
      List<Review> rows = new ArrayList<>();
      for (int m = 0; m < models.size(); m++) {
        try {
          Review r = review(name, photo, networks.get(m));
          rows.add(r);
          md.append(
              String.format(
                  Locale.ROOT,
                  "| %s | %s | %d, %d, %d | %.3f | %.3f | %.3f | %.3f | %.1f | %s |%n",
                  name,
                  models.get(m),
                  r.crop().x0Px(),
                  r.crop().y0Px(),
                  r.crop().sidePx(),
                  r.largestComponent(),
                  r.faceCovered(),
                  r.backgroundCovered(),
                  r.landmarksInBox(),
                  r.faceReliefMm(),
                  r.failures().isEmpty() ? "none" : String.join(", ", r.failures())));
          candidateFailed |= m == models.size() - 1 && !r.failures().isEmpty();
        } catch (HeadLocator.NoHeadException | NoFaceException e) {
          md.append("| ").append(name).append(" | ").append(models.get(m));
          md.append(" | | | | | | | ").append(e.getMessage()).append(" |\n");
          candidateFailed |= m == models.size() - 1;
        }
      }
      if (!rows.isEmpty()) {
        String sheetName = name.replaceAll("[^A-Za-z0-9._-]", "_") + ".png";
        ImageIO.write(sheet(photo, rows), "png", out.resolve(sheetName).toFile());
      }
    }
    Files.writeString(out.resolve("real-photos.md"), md);
    System.out.print(md);
    System.out.println("sheets and real-photos.md in " + out);
    if (candidateFailed) {
      System.exit(1);
    }
  }

  /**
   * One row per review of the same photo: the photo with the crop (green), the crop with the
   * landmarks (red visible, blue hidden) and the cascade's face box (yellow), the mask, the depth
   * (near = bright); 180 px panels.
   */
  public static BufferedImage sheet(RgbImage photo, List<Review> rows) {
    BufferedImage sheet =
        new BufferedImage(4 * SIZE, SIZE * rows.size(), BufferedImage.TYPE_INT_RGB);
    double s = (double) SIZE / Math.max(photo.widthPx(), photo.heightPx());
    int w = (int) Math.round(photo.widthPx() * s);
    int h = (int) Math.round(photo.heightPx() * s);
    RgbImage small = photo.resized(w, h);
    Graphics2D g = sheet.createGraphics();
    g.setStroke(new BasicStroke(2));
    for (int r = 0; r < rows.size(); r++) {
      Review row = rows.get(r);
      int top = r * SIZE;
      sheet.setRGB(0, top, w, h, small.packedRgb(), 0, w);
      sheet.setRGB(SIZE, top, SIZE, SIZE, row.input().packedRgb(), 0, SIZE);
      DecodedView out = row.output();
      float[] depth = out.depthMm();
      float min = Float.MAX_VALUE;
      float max = -Float.MAX_VALUE;
      for (int i = 0; i < depth.length; i++) {
        if (out.maskProbability()[i] >= 0.5f) {
          min = Math.min(min, depth[i]);
          max = Math.max(max, depth[i]);
        }
      }
      for (int i = 0; i < SIZE * SIZE; i++) {
        int m = Math.round(255 * out.maskProbability()[i]);
        sheet.setRGB(2 * SIZE + i % SIZE, top + i / SIZE, m * 0x010101);
        int d = 0;
        if (out.maskProbability()[i] >= 0.5f && max > min) {
          d = 255 - Math.round(205 * (depth[i] - min) / (max - min));
        }
        sheet.setRGB(3 * SIZE + i % SIZE, top + i / SIZE, d * 0x010101);
      }
      HeadCrop crop = row.crop();
      g.setColor(new Color(0x20e040));
      g.drawRect(
          (int) Math.round(crop.x0Px() * s),
          top + (int) Math.round(crop.y0Px() * s),
          (int) Math.round(crop.sidePx() * s),
          (int) Math.round(crop.sidePx() * s));
      g.setColor(new Color(0xffd020));
      double[] f = row.faceInCrop();
      g.drawRect(
          SIZE + (int) Math.round(f[0]),
          top + (int) Math.round(f[1]),
          (int) Math.round(f[2]),
          (int) Math.round(f[2]));
      for (int k = 0; k < 68; k++) {
        g.setColor(out.landmarkVisible(k) ? new Color(0xff4040) : new Color(0x4080ff));
        g.fillOval(
            SIZE + Math.round(out.landmarkXPx()[k]) - 1,
            top + Math.round(out.landmarkYPx()[k]) - 1,
            3,
            3);
      }
    }
    g.dispose();
    return sheet;
  }
}
