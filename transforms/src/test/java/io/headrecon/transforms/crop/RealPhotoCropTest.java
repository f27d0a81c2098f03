package io.headrecon.transforms.crop;

import static org.junit.Assert.assertTrue;

import io.headrecon.model.DecodedView;
import io.headrecon.proto.Intrinsics;
import io.headrecon.transforms.image.ImageDecoding;
import io.headrecon.transforms.image.PhotoIntrinsics;
import io.headrecon.transforms.image.RgbImage;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.Test;

/**
 * The head crop on the committed real portraits (testdata/real): the crop holds the face the
 * frontal or profile cascade finds, the face is upright in it (eyes above the mouth), and the
 * network's landmarks lie inside it. Writes a contact sheet per photo to {@code
 * target/real-photo-sheets/}: the photo with the crop, the crop with the landmarks, the network's
 * mask and its relative depth.
 */
public class RealPhotoCropTest {
  private static final List<String> PHOTOS =
      List.of("astronaut/front.jpg", "grace-hopper/front.jpg", "cameraman/profile.png");
  private static final int SIZE = 180;

  /** The dataset's camera, the lens assumed for photos without EXIF (as ReconstructHeads does). */
  private static final Intrinsics DATASET_CAMERA =
      Intrinsics.newBuilder()
          .setFxPx(io.headrecon.model.DatasetFraming.FOCAL_PX)
          .setFyPx(io.headrecon.model.DatasetFraming.FOCAL_PX)
          .setCxPx(89.5)
          .setCyPx(89.5)
          .setWidthPx(SIZE)
          .setHeightPx(SIZE)
          .build();

  @Test
  public void cropsHoldTheFaceUprightAndTheSheetsAreWritten() throws Exception {
    HeadLocator.Network network = HeadLocatorTest.shippedNetwork();
    Path root = Paths.get("..", "testdata", "real").toAbsolutePath().normalize();
    Path sheets = Files.createDirectories(Paths.get("target", "real-photo-sheets"));
    for (String name : PHOTOS) {
      Path file = root.resolve(name);
      byte[] bytes = Files.readAllBytes(file);
      RgbImage photo;
      Intrinsics camera;
      try (ImageDecoding.Photo p = ImageDecoding.open(bytes, file.toString(), 1 << 24)) {
        photo = p.decode(p.widthPx(), p.heightPx());
        camera = PhotoIntrinsics.assumed(DATASET_CAMERA, p.widthPx(), p.heightPx());
      }
      Optional<FaceDetector.Face> face = FaceDetector.largestFace(photo);
      assertTrue(name + ": a cascade finds the face", face.isPresent());
      HeadLocator.Located located = HeadLocator.locate(photo, camera, network);
      HeadCrop crop = located.crop();
      FaceDetector.Face f = face.get();
      assertTrue(
          name + ": the crop " + crop + " holds the face's centre",
          f.centreXPx() > crop.x0Px()
              && f.centreXPx() < crop.x0Px() + crop.sidePx()
              && f.centreYPx() > crop.y0Px()
              && f.centreYPx() < crop.y0Px() + crop.sidePx());
      double ratio = f.sidePx() / crop.sidePx();
      assertTrue(name + ": face " + ratio + " of the crop", ratio > 0.2 && ratio < 0.8);
      RgbImage input = crop.resample(photo, SIZE);
      DecodedView out = network.run(input);
      // Upright: both eyes (36-47) above the mouth (48-67) in the crop.
      double eyes = meanY(out, 36, 48);
      double mouth = meanY(out, 48, 68);
      assertTrue(name + ": eyes at y " + eyes + " above the mouth at " + mouth, eyes < mouth);
      for (int k = 0; k < 68; k++) {
        float x = out.landmarkXPx()[k];
        float y = out.landmarkYPx()[k];
        assertTrue(
            name + ": landmark " + k + " inside the crop",
            x >= 0 && y >= 0 && x < SIZE && y < SIZE);
      }
      BufferedImage sheet = sheet(photo, crop, input, out);
      String id = name.substring(0, name.indexOf('/'));
      ImageIO.write(sheet, "png", sheets.resolve(id + ".png").toFile());
      System.out.printf(
          "%s: %s, crop %s via %s%n", name, camera.getFxPx(), crop, located.box().getSource());
    }
  }

  private static double meanY(DecodedView out, int from, int to) {
    double sum = 0;
    for (int k = from; k < to; k++) {
      sum += out.landmarkYPx()[k];
    }
    return sum / (to - from);
  }

  /** Photo with the crop (green), crop with landmarks, mask, depth: four 180 px panels. */
  static BufferedImage sheet(RgbImage photo, HeadCrop crop, RgbImage input, DecodedView out) {
    BufferedImage sheet = new BufferedImage(4 * SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
    double s = (double) SIZE / Math.max(photo.widthPx(), photo.heightPx());
    int w = (int) Math.round(photo.widthPx() * s);
    int h = (int) Math.round(photo.heightPx() * s);
    RgbImage small = photo.resized(w, h);
    sheet.setRGB(0, 0, w, h, small.packedRgb(), 0, w);
    sheet.setRGB(SIZE, 0, SIZE, SIZE, input.packedRgb(), 0, SIZE);
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
      sheet.setRGB(2 * SIZE + i % SIZE, i / SIZE, m * 0x010101);
      int d = 0;
      if (out.maskProbability()[i] >= 0.5f && max > min) {
        d = 255 - Math.round(205 * (depth[i] - min) / (max - min)); // near = bright
      }
      sheet.setRGB(3 * SIZE + i % SIZE, i / SIZE, d * 0x010101);
    }
    Graphics2D g = sheet.createGraphics();
    g.setColor(new Color(0x20e040));
    g.setStroke(new BasicStroke(2));
    g.drawRect(
        (int) Math.round(crop.x0Px() * s),
        (int) Math.round(crop.y0Px() * s),
        (int) Math.round(crop.sidePx() * s),
        (int) Math.round(crop.sidePx() * s));
    for (int k = 0; k < 68; k++) {
      g.setColor(out.landmarkVisible(k) ? new Color(0xff4040) : new Color(0x4080ff));
      g.fillOval(
          SIZE + Math.round(out.landmarkXPx()[k]) - 1, Math.round(out.landmarkYPx()[k]) - 1, 3, 3);
    }
    g.dispose();
    return sheet;
  }
}
