package io.headrecon.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import io.headrecon.proto.FailureRecord;
import io.headrecon.proto.ProtoJson;
import io.headrecon.proto.SubjectManifest;
import io.headrecon.proto.View;
import io.headrecon.transforms.io.Csv;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * PrepareSubjects on raw photos without manifests: a sample view enlarged into a larger photo with
 * the head off-centre, and a flat grey photo. The manifest holds the full-size camera and the head
 * box around where the view was pasted; the grey photo has no box and a failure record.
 */
public class PrepareSubjectsTest {
  @Rule public final TemporaryFolder temp = new TemporaryFolder();

  @Test
  public void writesManifestsHeadBoxesAndReviewSheets() throws Exception {
    Path input = temp.newFolder("raw").toPath();
    Path output = temp.getRoot().toPath().resolve("prepared");
    Path subject = Files.createDirectories(input.resolve("subject-a"));
    BufferedImage view =
        ImageIO.read(TestData.testdata().resolve("subject-0000/yaw_p000.png").toFile());
    // The 180 px view, 2.5 times larger, pasted at (300, 60) into an 900 x 600 grey photo.
    BufferedImage photo = new BufferedImage(900, 600, BufferedImage.TYPE_INT_RGB);
    var g = photo.createGraphics();
    g.setColor(new java.awt.Color(view.getRGB(0, 0)));
    g.fillRect(0, 0, 900, 600);
    g.setRenderingHint(
        java.awt.RenderingHints.KEY_INTERPOLATION,
        java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(view, 300, 60, 450, 450, null);
    g.dispose();
    // Sensor noise on the backdrop, as in a photograph.
    java.util.Random noise = new java.util.Random(14);
    for (int y = 0; y < 600; y++) {
      for (int x = 0; x < 900; x++) {
        if (x < 300 || x >= 750 || y < 60 || y >= 510) {
          int rgb = photo.getRGB(x, y);
          int out = 0;
          for (int shift = 16; shift >= 0; shift -= 8) {
            int c = (int) Math.round(((rgb >>> shift) & 0xff) + 3 * noise.nextGaussian());
            out |= Math.max(0, Math.min(255, c)) << shift;
          }
          photo.setRGB(x, y, out);
        }
      }
    }
    ImageIO.write(photo, "png", subject.resolve("front.png").toFile());
    BufferedImage grey = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
    int[] px = new int[640 * 480];
    Arrays.fill(px, 0x777777);
    grey.setRGB(0, 0, 640, 480, px, 0, 640);
    ImageIO.write(grey, "png", subject.resolve("wall.png").toFile());

    PrepareSubjectsOptions options =
        PipelineOptionsFactory.fromArgs("--input=" + input, "--output=" + output)
            .withValidation()
            .as(PrepareSubjectsOptions.class);
    PipelineResult result = PrepareSubjects.run(options);
    assertThat(result.waitUntilFinish()).isEqualTo(PipelineResult.State.DONE);

    SubjectManifest manifest =
        ProtoJson.parseManifest(
            Files.readString(output.resolve("subject-a/manifest.json")), "manifest");
    Map<String, View> views =
        manifest.getViewsList().stream()
            .collect(Collectors.toMap(View::getViewId, Function.identity()));
    View front = views.get("front");
    assertThat(front.getImageUri()).isEqualTo("front.png");
    assertThat(front.getCamera().getIntrinsics().getWidthPx()).isEqualTo(900);
    assertThat(front.getCamera().getIntrinsics().getHeightPx()).isEqualTo(600);
    assertThat(front.hasHeadCrop()).isTrue();
    // The pasted view spans 300..750 x 60..510: centre (525, 285), side 450.
    double cx = front.getHeadCrop().getX0Px() + front.getHeadCrop().getSidePx() / 2.0;
    double cy = front.getHeadCrop().getY0Px() + front.getHeadCrop().getSidePx() / 2.0;
    assertThat(Math.hypot(cx - 525, cy - 285)).as("box centre off, px").isLessThan(25);
    assertThat(front.getHeadCrop().getSidePx()).isBetween(400, 500);
    assertThat(views.get("wall").hasHeadCrop()).as("no head on a grey wall").isFalse();

    BufferedImage sheet = ImageIO.read(output.resolve("subject-a/review.png").toFile());
    assertThat(sheet.getWidth()).isEqualTo(2 * 256);

    List<List<String>> csv =
        Csv.parse(Files.readString(output.resolve(PrepareSubjects.PREPARE_CSV)));
    assertThat(csv).hasSize(3); // header + 2 views
    assertThat(csv.get(1).get(1)).isEqualTo("front");
    assertThat(csv.get(1).get(6)).isEqualTo("true");
    assertThat(csv.get(2).get(6)).isEqualTo("false");

    List<String> failures =
        Files.readAllLines(output.resolve(ReconstructHeads.FAILURES_JSONL), StandardCharsets.UTF_8);
    assertThat(failures).hasSize(1);
    FailureRecord failure = ProtoJson.fromJson(failures.get(0), FailureRecord.newBuilder(), "f");
    assertThat(failure.getViewId()).isEqualTo("wall");
    assertThat(failure.getStage()).isEqualTo("head_crop");
    assertThat(failure.getReason()).contains("no head found");
  }
}
