package io.headrecon.synth.face;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.headrecon.geometry.Landmarks3d;
import io.headrecon.model.HeadLandmarkTemplate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The shipped head-size prior ({@link HeadLandmarkTemplate}) is the face model's neutral identity.
 * Run with {@code -Dheadrecon.writeTemplate=true} to rewrite the resource from the face model.
 */
class HeadLandmarkTemplateTest {
  private static final Path RESOURCE =
      Paths.get("..", "model", "src", "main", "resources", "io", "headrecon", "model")
          .resolve("head-landmarks-mm.csv");

  @Test
  void templateIsTheFaceModelsNeutralLandmarks() throws IOException {
    IctFaceModel model = TestFaceModel.get();
    float[] neutral = model.neutralMm();
    int[] ids = model.landmarkIds();
    if (Boolean.getBoolean("headrecon.writeTemplate")) {
      StringBuilder csv =
          new StringBuilder(
              "# ICT-FaceKit neutral identity (mean head), 68 landmarks in Multi-PIE order,\n"
                  + "# millimetres, the face model's frame (origin at the head origin, +y up).\n"
                  + "# Written by synth HeadLandmarkTemplateTest -Dheadrecon.writeTemplate=true.\n"
                  + "index,x_mm,y_mm,z_mm\n");
      for (int k = 0; k < ids.length; k++) {
        csv.append(
            String.format(
                Locale.ROOT,
                "%d,%.3f,%.3f,%.3f%n",
                k,
                neutral[3 * ids[k]],
                neutral[3 * ids[k] + 1],
                neutral[3 * ids[k] + 2]));
      }
      Files.createDirectories(RESOURCE.getParent());
      Files.writeString(RESOURCE, csv.toString(), StandardCharsets.UTF_8);
    }
    Landmarks3d template = HeadLandmarkTemplate.standard();
    assertEquals(ids.length, template.size());
    for (int k = 0; k < ids.length; k++) {
      for (int a = 0; a < 3; a++) {
        assertEquals(neutral[3 * ids[k] + a], template.coordinateMm(k, a), 0.001, "landmark " + k);
      }
    }
  }
}
