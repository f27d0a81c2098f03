package io.headrecon.synth.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.headrecon.geometry.PinholeCamera;
import io.headrecon.geometry.io.DepthPng;
import io.headrecon.synth.face.ExpressionLibrary;
import io.headrecon.synth.face.IctFaceModel;
import io.headrecon.synth.face.TestFaceModel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HeadRendererTest {
  private static final int SIZE_PX = 96;
  private static final CameraRig.Settings RIG =
      new CameraRig.Settings(SIZE_PX, SIZE_PX, 85, 0, 0, 0, 0.06);

  private static IctFaceModel model;
  private static int[] solid;

  @BeforeAll
  static void load() {
    model = TestFaceModel.get();
    solid = model.solidTriangles();
  }

  private static RenderMesh mesh(float[] vertices, long seed) {
    return RenderMesh.of(vertices, solid, HeadAppearance.sample(model, new Random(seed)).surface());
  }

  private static RenderedView render(PinholeCamera camera, RenderMesh mesh, int supersample) {
    Random r = new Random(5);
    return HeadRenderer.render(
        camera,
        mesh,
        Lighting.sample(r),
        Background.sample(r, camera.widthPx(), camera.heightPx()),
        supersample,
        1.0,
        r);
  }

  @Test
  void backProjectedDepthLiesOnTheMesh() throws IOException {
    Random random = new Random(11);
    float[] vertices =
        model.deformMm(
            model.sampleIdentity(random, 1.0), ExpressionLibrary.standard().get("laugh").weights());
    RenderMesh mesh = mesh(vertices, 3);
    MeshDistance distance = new MeshDistance(vertices, solid, 4.0);
    for (CameraRig.View view : CameraRig.place(vertices, new int[] {-90, -40, 0, 30, 90}, RIG, 7)) {
      RenderedView image = render(view.camera(), mesh, 3);
      // through the 16-bit PNG, as consumers read it
      ByteArrayOutputStream png = new ByteArrayOutputStream();
      DepthPng.write(image.depthMm(), SIZE_PX, SIZE_PX, DepthPng.DEFAULT_SCALE_MM_PER_UNIT, png);
      DepthPng.DepthImage depth =
          DepthPng.read(
              new ByteArrayInputStream(png.toByteArray()),
              DepthPng.DEFAULT_SCALE_MM_PER_UNIT,
              view.viewId());
      int interior = 0;
      double worst = 0;
      for (int y = 1; y < SIZE_PX - 1; y++) {
        for (int x = 1; x < SIZE_PX - 1; x++) {
          if (!coveredAround(depth, x, y)) {
            continue;
          }
          double[] p = view.camera().unprojectToWorld(x, y, depth.at(x, y));
          worst = Math.max(worst, distance.distanceMm(p, 5.0));
          interior++;
        }
      }
      assertThat(interior).as(view.viewId()).isGreaterThan(1500);
      assertThat(worst).as("%s worst distance, mm", view.viewId()).isLessThan(0.5);
    }
  }

  @Test
  void depthIsTheSameWithAndWithoutSupersampling() {
    float[] vertices = model.neutralMm();
    RenderMesh mesh = mesh(vertices, 4);
    CameraRig.View view = CameraRig.place(vertices, new int[] {20}, RIG, 1).get(0);
    RenderedView plain = render(view.camera(), mesh, 1);
    RenderedView fine = render(view.camera(), mesh, 3);
    assertThat(fine.depthMm()).containsExactly(plain.depthMm());
    assertThat(plain.headPixelCount()).isGreaterThan(SIZE_PX * SIZE_PX / 5);
  }

  @Test
  void theHeadIsFramedAtEveryYawAndTheMaskMatchesTheDepth() {
    float[] vertices = model.deformMm(model.sampleIdentity(new Random(2), 1.0), Map.of());
    RenderMesh mesh = mesh(vertices, 5);
    int[] yaws = new int[19];
    for (int i = 0; i < yaws.length; i++) {
      yaws[i] = -90 + 10 * i;
    }
    List<CameraRig.View> views = CameraRig.place(vertices, yaws, RIG, 3);
    assertThat(views).extracting(CameraRig.View::viewId).contains("yaw_m090", "yaw_p000");
    for (CameraRig.View view : views) {
      RenderedView image = render(view.camera(), mesh, 1);
      byte[] mask =
          ((java.awt.image.DataBufferByte) image.maskImage().getRaster().getDataBuffer()).getData();
      for (int y = 0; y < SIZE_PX; y++) {
        for (int x = 0; x < SIZE_PX; x++) {
          boolean head = image.depthAt(x, y) > 0;
          assertThat(mask[y * SIZE_PX + x]).isEqualTo(head ? (byte) 255 : 0);
          if (x == 0 || y == 0 || x == SIZE_PX - 1 || y == SIZE_PX - 1) {
            assertThat(head).as("%s border pixel (%d, %d)", view.viewId(), x, y).isFalse();
          }
        }
      }
    }
  }

  @Test
  void theSeeThroughOverlaysWouldBeInFrontButGiveNoDepth() {
    float[] vertices = model.neutralMm();
    CameraRig.View front = CameraRig.place(vertices, new int[] {0}, RIG, 1).get(0);
    int[] overlays = model.triangles(IctFaceModel.SEE_THROUGH_PARTS::contains);
    Fragments overlay = Rasterizer.rasterize(front.camera(), vertices, overlays);
    RenderedView image = render(front.camera(), mesh(vertices, 6), 1);
    int inFront = 0;
    for (int y = 0; y < SIZE_PX; y++) {
      for (int x = 0; x < SIZE_PX; x++) {
        float o = overlay.depthAt(x, y);
        if (o > 0 && o < image.depthAt(x, y) - 0.2) {
          inFront++; // the overlay is nearer here, yet the depth is the surface behind it
        }
      }
    }
    assertThat(inFront).isGreaterThan(5);
  }

  @Test
  void landmarksAreVisibleFrontallyAndTheFarEyeIsHiddenInProfile() {
    float[] vertices = model.neutralMm();
    int[] ids = model.landmarkIds();
    int[] occluders =
        model.triangles(n -> IctFaceModel.isSolidPart(n) && !n.startsWith("eyelashes"));
    List<CameraRig.View> views = CameraRig.place(vertices, new int[] {-90, 0, 90}, RIG, 1);
    LandmarkProjector.ProjectedLandmark[][] seen = new LandmarkProjector.ProjectedLandmark[3][];
    for (int i = 0; i < 3; i++) {
      PinholeCamera camera = views.get(i).camera();
      seen[i] =
          LandmarkProjector.project(
              camera, vertices, ids, Rasterizer.rasterize(camera, vertices, occluders), 5.0);
      for (int k = 0; k < ids.length; k++) {
        LandmarkProjector.ProjectedLandmark p = seen[i][k];
        // project/unproject round trip lands on the landmark vertex
        double[] back = camera.unprojectToWorld(p.xPx(), p.yPx(), p.depthMm());
        assertThat(back[0]).isCloseTo(vertices[3 * ids[k]], within(1e-3));
        assertThat(back[1]).isCloseTo(vertices[3 * ids[k] + 1], within(1e-3));
        assertThat(back[2]).isCloseTo(vertices[3 * ids[k] + 2], within(1e-3));
      }
    }
    for (int k = 0; k < 68; k++) {
      assertThat(seen[1][k].visible()).as("frontal landmark %d", k).isTrue();
    }
    // +90°: camera on the subject's left (+x); the right eye (36-41) is the far one
    for (int k = 36; k <= 41; k++) {
      assertThat(seen[2][k].visible()).as("+90 far-eye landmark %d", k).isFalse();
      assertThat(seen[0][k + 6].visible()).as("-90 far-eye landmark %d", k + 6).isFalse();
    }
    assertThat(seen[2][45].visible()).as("+90 near outer eye corner").isTrue();
    assertThat(seen[0][36].visible()).as("-90 near outer eye corner").isTrue();
  }

  @Test
  void renderingIsDeterministic() {
    float[] vertices = model.neutralMm();
    RenderMesh mesh = mesh(vertices, 8);
    CameraRig.View view = CameraRig.place(vertices, new int[] {-30}, RIG, 1).get(0);
    RenderedView a = render(view.camera(), mesh, 3);
    RenderedView b = render(view.camera(), mesh, 3);
    int[] pa = a.rgb().getRGB(0, 0, SIZE_PX, SIZE_PX, null, 0, SIZE_PX);
    int[] pb = b.rgb().getRGB(0, 0, SIZE_PX, SIZE_PX, null, 0, SIZE_PX);
    assertThat(pa).containsExactly(pb);
    assertThat(a.depthMm()).containsExactly(b.depthMm());
  }

  private static boolean coveredAround(DepthPng.DepthImage depth, int x, int y) {
    for (int dy = -1; dy <= 1; dy++) {
      for (int dx = -1; dx <= 1; dx++) {
        if (!(depth.at(x + dx, y + dy) > 0)) {
          return false;
        }
      }
    }
    return true;
  }
}
