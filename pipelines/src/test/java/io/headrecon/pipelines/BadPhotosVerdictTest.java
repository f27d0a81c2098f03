package io.headrecon.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import io.headrecon.proto.SubjectMetrics;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.apache.beam.sdk.PipelineResult;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Photos that are not heads are never {@code ok}: flat colour, noise, random shapes, a shaded ball
 * and sideways heads come back {@code low_quality:…} or {@code failed:…} with the network's depth,
 * while a good sample subject cut to the same three views stays {@code ok}. Every image is made
 * here (seeded), none is committed.
 */
public class BadPhotosVerdictTest {
  @Rule public final TemporaryFolder temp = new TemporaryFolder();

  private static final int SIZE_PX = 180;

  /** The views kept of the sample subject, and rotated for the sideways one. */
  private static final List<String> VIEWS = List.of("yaw_m030", "yaw_p000", "yaw_p030");

  @Test
  public void photosThatAreNotUprightHeadsAreNeverOk() throws Exception {
    Path input = temp.newFolder("in").toPath();
    Path output = temp.getRoot().toPath().resolve("out");
    String good = TestData.subjects().get(0);
    TestData.copySubject(good, input);
    try (var files = Files.list(input.resolve(good))) {
      for (Path f : files.filter(f -> f.toString().endsWith(".png")).toList()) {
        if (!VIEWS.contains(f.getFileName().toString().replace(".png", ""))) {
          Files.delete(f);
        }
      }
    }
    Random random = new Random(20260512);
    int[] flatColours = {0x808080, 0xc89070, 0xf0f0f0};
    for (int i = 0; i < 3; i++) {
      write(input, "flat-colour", i, flat(flatColours[i]));
      write(input, "noise", i, noise(random));
      write(input, "random-shapes", i, shapes(random));
      write(input, "ball", i, ball(random));
      BufferedImage view =
          ImageIO.read(input.resolve(good).resolve(VIEWS.get(i) + ".png").toFile());
      write(input, "sideways", i, rotated90(view));
    }

    PipelineResult result =
        ReconstructHeads.run(
            ReconstructHeads.parseOptions(
                "--input=" + input, "--output=" + output, "--depthSource=model"));
    assertThat(result.waitUntilFinish()).isEqualTo(PipelineResult.State.DONE);

    RunOutputs run = RunOutputs.read(output);
    Map<String, String> verdicts = new TreeMap<>(run.statusBySubject());
    System.out.println("bad-photo verdicts: " + verdicts);
    Set<String> bad = Set.of("flat-colour", "noise", "random-shapes", "ball", "sideways");
    assertThat(verdicts).containsOnlyKeys(union(bad, good));
    assertThat(verdicts.get(good)).isEqualTo("ok");
    SubjectMetrics goodMetrics = run.metrics(good);
    assertThat(goodMetrics.getVerdict()).isEqualTo("ok");
    assertThat(goodMetrics.getViewsRegistered()).isEqualTo(3);
    for (String subject : bad) {
      assertThat(verdicts.get(subject))
          .as(subject)
          .matches("low_quality:[a-z_]+(\\+[a-z_]+)*|failed:[a-z]+");
      if (verdicts.get(subject).startsWith("low_quality:")) {
        SubjectMetrics m = run.metrics(subject);
        assertThat(m.getVerdict()).as(subject).isEqualTo(verdicts.get(subject));
        assertThat(m.getQualityReasonsList()).as(subject).isNotEmpty();
      }
    }
  }

  private static Set<String> union(Set<String> a, String b) {
    java.util.HashSet<String> all = new java.util.HashSet<>(a);
    all.add(b);
    return all;
  }

  private static void write(Path input, String subject, int index, BufferedImage image)
      throws IOException {
    Path folder = Files.createDirectories(input.resolve(subject));
    ImageIO.write(image, "png", folder.resolve("view_" + index + ".png").toFile());
  }

  private static BufferedImage flat(int rgb) {
    BufferedImage image = new BufferedImage(SIZE_PX, SIZE_PX, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(new Color(rgb));
    g.fillRect(0, 0, SIZE_PX, SIZE_PX);
    g.dispose();
    return image;
  }

  private static BufferedImage noise(Random random) {
    BufferedImage image = new BufferedImage(SIZE_PX, SIZE_PX, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < SIZE_PX; y++) {
      for (int x = 0; x < SIZE_PX; x++) {
        image.setRGB(x, y, random.nextInt(1 << 24));
      }
    }
    return image;
  }

  /** Ellipses and rectangles of random colours on a random background. */
  private static BufferedImage shapes(Random random) {
    BufferedImage image = flat(random.nextInt(1 << 24));
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    for (int i = 0; i < 8; i++) {
      g.setColor(new Color(random.nextInt(1 << 24)));
      int w = 10 + random.nextInt(90);
      int h = 10 + random.nextInt(90);
      int x = random.nextInt(SIZE_PX) - w / 2;
      int y = random.nextInt(SIZE_PX) - h / 2;
      if (random.nextBoolean()) {
        g.fillOval(x, y, w, h);
      } else {
        g.fillRect(x, y, w, h);
      }
    }
    g.dispose();
    return image;
  }

  /** A Lambert-shaded ball filling about a third of the frame: a round object that is no head. */
  private static BufferedImage ball(Random random) {
    BufferedImage image = flat(random.nextInt(1 << 24));
    double radiusPx = 50 + random.nextInt(20);
    int colour = random.nextInt(1 << 24);
    for (int y = 0; y < SIZE_PX; y++) {
      for (int x = 0; x < SIZE_PX; x++) {
        double dx = (x - SIZE_PX / 2.0) / radiusPx;
        double dy = (y - SIZE_PX / 2.0) / radiusPx;
        double r2 = dx * dx + dy * dy;
        if (r2 < 1) {
          double shade = 0.3 + 0.7 * Math.max(0, -0.4 * dx - 0.5 * dy + 0.77 * Math.sqrt(1 - r2));
          int red = (int) (((colour >> 16) & 0xff) * shade);
          int green = (int) (((colour >> 8) & 0xff) * shade);
          int blue = (int) ((colour & 0xff) * shade);
          image.setRGB(x, y, (red << 16) | (green << 8) | blue);
        }
      }
    }
    return image;
  }

  /** The image turned 90° clockwise. */
  private static BufferedImage rotated90(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    BufferedImage out = new BufferedImage(h, w, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        out.setRGB(h - 1 - y, x, image.getRGB(x, y));
      }
    }
    return out;
  }
}
