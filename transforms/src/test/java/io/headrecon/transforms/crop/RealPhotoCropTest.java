package io.headrecon.transforms.crop;

import static org.junit.Assert.assertTrue;

import io.headrecon.model.DecodedView;
import io.headrecon.transforms.image.RgbImage;
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

  @Test
  public void cropsHoldTheFaceUprightAndTheSheetsAreWritten() throws Exception {
    HeadLocator.Network network = HeadLocatorTest.shippedNetwork();
    Path root = Paths.get("..", "testdata", "real").toAbsolutePath().normalize();
    Path sheets = Files.createDirectories(Paths.get("target", "real-photo-sheets"));
    for (String name : PHOTOS) {
      Path file = root.resolve(name);
      RgbImage photo = RealPortraitReview.decode(file);
      Optional<FaceDetector.Face> face = FaceDetector.largestFace(photo);
      assertTrue(name + ": a cascade finds the face", face.isPresent());
      RealPortraitReview.Review review = RealPortraitReview.review(name, photo, network);
      HeadCrop crop = review.crop();
      FaceDetector.Face f = face.get();
      assertTrue(
          name + ": the crop " + crop + " holds the face's centre",
          f.centreXPx() > crop.x0Px()
              && f.centreXPx() < crop.x0Px() + crop.sidePx()
              && f.centreYPx() > crop.y0Px()
              && f.centreYPx() < crop.y0Px() + crop.sidePx());
      double ratio = f.sidePx() / crop.sidePx();
      assertTrue(name + ": face " + ratio + " of the crop", ratio > 0.2 && ratio < 0.8);
      DecodedView out = review.output();
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
      String id = name.substring(0, name.indexOf('/'));
      ImageIO.write(
          RealPortraitReview.sheet(photo, List.of(review)),
          "png",
          sheets.resolve(id + ".png").toFile());
      System.out.printf(
          "%s: checks failed %s (largest part %.3f, face %.3f, background %.3f, landmarks %.3f,"
              + " relief %.1f mm)%n",
          name,
          review.failures(),
          review.largestComponent(),
          review.faceCovered(),
          review.backgroundCovered(),
          review.landmarksInBox(),
          review.faceReliefMm());
    }
  }

  private static double meanY(DecodedView out, int from, int to) {
    double sum = 0;
    for (int k = from; k < to; k++) {
      sum += out.landmarkYPx()[k];
    }
    return sum / (to - from);
  }
}
