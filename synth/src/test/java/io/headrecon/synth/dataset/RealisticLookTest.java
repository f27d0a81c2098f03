package io.headrecon.synth.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import io.headrecon.geometry.PinholeCamera;
import io.headrecon.model.HeadMask;
import io.headrecon.proto.MeshPart;
import io.headrecon.synth.face.TestFaceModel;
import io.headrecon.synth.look.GarmentKind;
import io.headrecon.synth.look.HairStyle;
import io.headrecon.synth.render.Background;
import io.headrecon.synth.render.BackgroundPhotos;
import io.headrecon.synth.render.CameraRig;
import io.headrecon.synth.render.RenderedView;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The realistic look: hair and garment in the ground truth, crop jitter, photo backgrounds. */
class RealisticLookTest {
  private static final int SIZE_PX = 64;

  private static DatasetSpec.Builder spec() {
    return DatasetSpec.builder()
        .output("unused")
        .faceModel(TestFaceModel.directory().toString())
        .seed(11)
        .sizePx(SIZE_PX, SIZE_PX);
  }

  @Test
  void theMaskIsHeadAndHairTheGarmentHasDepthAndHidesTheBustCut() throws IOException {
    SubjectGenerator.Subject subject =
        new SubjectGenerator(
                TestFaceModel.get(),
                spec()
                    .yawsDeg(0, 70)
                    .hairStyles(List.of(HairStyle.LONG))
                    .garments(List.of(GarmentKind.CREW_NECK))
                    .build())
            .generate(2);
    Map<String, byte[]> files = new HashMap<>();
    subject.files().forEach(f -> files.put(f.relativePath(), f.bytes()));
    int[] count = new int[HeadMask.Surface.values().length];
    for (int v = 0; v < 2; v++) {
      RenderedView view = subject.views().get(v);
      String id = subject.manifest().getViews(v).getViewId();
      BufferedImage mask =
          ImageIO.read(new ByteArrayInputStream(files.get("gt/" + id + "_mask.png")));
      for (int i = 0; i < SIZE_PX * SIZE_PX; i++) {
        HeadMask.Surface s = view.surfaceAt(i);
        boolean on = mask.getRaster().getSample(i % SIZE_PX, i / SIZE_PX, 0) == 255;
        assertThat(on).as("%s pixel %d (%s)", id, i, s).isEqualTo(s != null && HeadMask.covers(s));
        assertThat(view.depthMm()[i] > 0).isEqualTo(s != null); // every surface has depth
        if (s != null) {
          count[s.ordinal()]++;
        }
      }
    }
    assertThat(count[HeadMask.Surface.HAIR.ordinal()]).isGreaterThan(SIZE_PX * SIZE_PX / 10);
    assertThat(count[HeadMask.Surface.CLOTHING.ordinal()]).isGreaterThan(SIZE_PX * SIZE_PX / 10);
    // Frontal view: the bottom rows show the garment (or hair), never the bare bust's skin.
    RenderedView front = subject.views().get(0);
    for (int y = SIZE_PX - 3; y < SIZE_PX; y++) {
      for (int x = 0; x < SIZE_PX; x++) {
        assertThat(front.surfaceAt(y * SIZE_PX + x)).isNotEqualTo(HeadMask.Surface.HEAD);
      }
    }
    List<MeshPart> parts = subject.manifest().getGroundTruth().getMeshParts().getPartsList();
    assertThat(parts).extracting(MeshPart::getName).containsExactly("head", "clothing", "hair");
    assertThat(parts.get(2).getTriangleCount()).isGreaterThan(5000);
    assertThat(subject.manifest().getGroundTruth().getLook()).startsWith("hair long");
  }

  @Test
  void cropsAreJitteredWithinTheirBounds() {
    int[] yaws = {-80, -40, 0, 40, 80};
    SubjectGenerator.Subject subject =
        new SubjectGenerator(TestFaceModel.get(), spec().yawsDeg(yaws).build()).generate(5);
    double focal = 85 / 36.0 * SIZE_PX;
    double centre = (SIZE_PX - 1) / 2.0;
    double offset = 6 * SIZE_PX / 180.0;
    double spread = 0;
    for (CameraRig.View view : subject.cameras()) {
      PinholeCamera c = view.camera();
      assertThat(c.fxPx() / focal).isBetween(0.92, 1.08);
      assertThat(c.fyPx()).isEqualTo(c.fxPx());
      assertThat(Math.abs(c.cxPx() - centre)).isLessThanOrEqualTo(offset);
      assertThat(Math.abs(c.cyPx() - centre)).isLessThanOrEqualTo(offset);
      assertThat(Math.abs(view.rollDeg())).isLessThanOrEqualTo(5);
      spread += Math.abs(c.fxPx() / focal - 1) + Math.abs(c.cxPx() - centre) / offset;
    }
    assertThat(spread).as("the crops were jittered at all").isGreaterThan(0.1);
  }

  @Test
  void photoBackgroundsShowThePhotoAndAnEmptyLibraryFallsBackToProceduralKinds() {
    BufferedImage magenta = new BufferedImage(400, 320, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 320; y++) {
      for (int x = 0; x < 400; x++) {
        magenta.setRGB(x, y, (x / 20 + y / 20) % 2 == 0 ? 0xE000E0 : 0xA000A0);
      }
    }
    BackgroundPhotos photos =
        BackgroundPhotos.of(
            List.of(
                BackgroundPhotos.Photo.of("test.png", "", "", "CC0", "the test", "0", magenta)));
    DatasetSpec.Builder onlyPhotos =
        spec()
            .yawsDeg(0)
            .backgroundKinds(List.of(Background.Kind.PHOTO))
            .cameraEffects(false, 90, 90);
    RenderedView withPhoto =
        new SubjectGenerator(TestFaceModel.get(), onlyPhotos.backgroundPhotos(photos).build())
            .generate(1)
            .views()
            .get(0);
    RenderedView fallback =
        new SubjectGenerator(
                TestFaceModel.get(), onlyPhotos.backgroundPhotos(BackgroundPhotos.none()).build())
            .generate(1)
            .views()
            .get(0);
    assertThat(magentaShare(withPhoto)).isGreaterThan(0.85);
    assertThat(magentaShare(fallback)).isLessThan(0.5);
  }

  /** The share of background pixels that are magenta (red and blue well above green). */
  private static double magentaShare(RenderedView view) {
    int background = 0;
    int magenta = 0;
    for (int y = 0; y < SIZE_PX; y++) {
      for (int x = 0; x < SIZE_PX; x++) {
        if (view.depthAt(x, y) > 0) {
          continue;
        }
        int rgb = view.rgb().getRGB(x, y);
        int r = (rgb >> 16) & 0xff;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        background++;
        magenta += r > g + 40 && b > g + 40 ? 1 : 0;
      }
    }
    return magenta / (double) background;
  }
}
