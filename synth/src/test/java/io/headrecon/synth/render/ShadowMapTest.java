package io.headrecon.synth.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ShadowMapTest {
  /** A floor at y = 0 (x, z in ±200 mm) and a 40 mm square blocker 100 mm above its centre. */
  private static final float[] VERTICES = {
    -200, 0, -200, 200, 0, -200, 200, 0, 200, -200, 0, 200, // floor
    -20, 100, -20, 20, 100, -20, 20, 100, 20, -20, 100, 20 // blocker
  };

  private static final int[] TRIANGLES = {0, 2, 1, 0, 3, 2, 4, 6, 5, 4, 7, 6};

  @Test
  void theBlockerShadowsTheFloorBelowItAlongTheLight() {
    double s = Math.sqrt(0.5);
    double[] fromAbove = {0, 1, 0};
    double[] slanted = {s, s, 0}; // from +x, 45° up: the shadow moves 100 mm towards -x
    ShadowMap above = ShadowMap.of(VERTICES, TRIANGLES, fromAbove, new double[3], 250, 512, 0.5, 1);
    ShadowMap side = ShadowMap.of(VERTICES, TRIANGLES, slanted, new double[3], 250, 512, 0.5, 1);
    assertThat(above.lit(0, 0, 0, 0)).isEqualTo(0f);
    assertThat(above.lit(60, 0, 0, 0)).isEqualTo(1f);
    assertThat(above.lit(0, 100, 0, 0)).as("the blocker's own top").isEqualTo(1f);
    assertThat(side.lit(0, 0, 0, 0)).isEqualTo(1f);
    assertThat(side.lit(-100, 0, 0, 0)).isEqualTo(0f);
    // with a 4 mm penumbra the shadow's edge is soft: partly lit 1.5 mm inside and outside it
    ShadowMap soft = ShadowMap.of(VERTICES, TRIANGLES, fromAbove, new double[3], 250, 512, 4, 1);
    assertThat(soft.lit(18.5, 0, 0, 0)).isGreaterThan(0f).isLessThan(0.5f);
    assertThat(soft.lit(21.5, 0, 0, 0)).isGreaterThan(0.5f).isLessThan(1f);
    assertThat(soft.lit(0, 0, 0, 0)).isEqualTo(0f);
  }

  @Test
  void theRendererDarkensShadowedSurfacesOnly() {
    Scene scene =
        Scene.of(
            java.util.List.of(
                new Scene.Layer(
                    "test",
                    io.headrecon.model.HeadMask.Surface.HEAD,
                    VERTICES,
                    TRIANGLES,
                    null,
                    grey(8),
                    null,
                    SurfaceDetail.NONE)));
    StudioLighting light =
        new StudioLighting(
            new float[] {0.05f, 0.05f, 0.05f},
            new float[] {0.05f, 0.05f, 0.05f},
            java.util.List.of(
                new Lighting.DirectionalLight(new double[] {0, 1, 0}, new float[] {1, 1, 1})),
            new float[3],
            0.5,
            0,
            "test");
    ShadowMap shadows =
        ShadowMap.of(VERTICES, TRIANGLES, new double[] {0, 1, 0}, new double[3], 250, 512, 0.5, 1);
    io.headrecon.geometry.PinholeCamera camera =
        io.headrecon.geometry.PinholeCamera.lookAt(
            60, 48, 48, new double[] {0, 1000, 1}, new double[3], new double[] {0, 0, -1});
    Background black = Background.sample(Background.Kind.SOLID, new java.util.Random(1), 48, 48);
    RenderedView lit = render(camera, scene, light, null, black);
    RenderedView shadowed = render(camera, scene, light, shadows, black);
    // pixel of the floor 40 mm from the centre: beside the blocker (visible from above), and in
    // its shadow; and a floor corner, lit in both
    double[] beside = camera.projectWorld(new double[] {60, 0, 0});
    double[] corner = camera.projectWorld(new double[] {150, 0, 150});
    int bx = (int) Math.round(beside[0]);
    int by = (int) Math.round(beside[1]);
    assertThat(shadowed.rgb().getRGB(bx, by)).isEqualTo(lit.rgb().getRGB(bx, by));
    int cx = (int) Math.round(corner[0]);
    int cy = (int) Math.round(corner[1]);
    assertThat(shadowed.rgb().getRGB(cx, cy)).isEqualTo(lit.rgb().getRGB(cx, cy));
    // the blocker hides the floor right under it from this camera; its shadow reaches out as far
    // as the blocker does, so look at the floor seen just past the blocker's edge from an angle
    io.headrecon.geometry.PinholeCamera oblique =
        io.headrecon.geometry.PinholeCamera.lookAt(
            60, 48, 48, new double[] {0, 700, 700}, new double[3], new double[] {0, 1, 0});
    RenderedView a = render(oblique, scene, light, null, black);
    RenderedView b = render(oblique, scene, light, shadows, black);
    double[] under = oblique.projectWorld(new double[] {0, 0, 15});
    int ux = (int) Math.round(under[0]);
    int uy = (int) Math.round(under[1]);
    assertThat(green(b.rgb().getRGB(ux, uy))).isLessThan(green(a.rgb().getRGB(ux, uy)) / 2);
  }

  private static RenderedView render(
      io.headrecon.geometry.PinholeCamera camera,
      Scene scene,
      StudioLighting light,
      ShadowMap shadows,
      Background background) {
    return SceneRenderer.render(
        camera,
        scene,
        light,
        shadows,
        background,
        1,
        CameraEffects.none(48, 48),
        new java.util.Random(1));
  }

  private static SurfaceAppearance grey(int vertices) {
    float[] albedo = new float[3 * vertices];
    java.util.Arrays.fill(albedo, 0.5f);
    return SurfaceAppearance.of(albedo, new float[vertices], new float[vertices]);
  }

  private static int green(int rgb) {
    return (rgb >> 8) & 0xff;
  }
}
