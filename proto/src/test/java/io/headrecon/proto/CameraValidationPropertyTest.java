package io.headrecon.proto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Property-style checks of {@link Contracts#checkCamera}: seeded random valid cameras pass, and
 * every single corruption of one field fails with a message naming that field.
 */
class CameraValidationPropertyTest {
  private static final int CASES = 500;

  /** A random valid camera: any rotation, focal lengths 10–20,000 px, any principal point. */
  static Camera randomCamera(Random random) {
    int w = 1 + random.nextInt(8000);
    int h = 1 + random.nextInt(8000);
    Intrinsics k =
        Intrinsics.newBuilder()
            .setWidthPx(w)
            .setHeightPx(h)
            .setFxPx(10 + random.nextDouble() * 20_000)
            .setFyPx(10 + random.nextDouble() * 20_000)
            .setCxPx(-0.5 + random.nextDouble() * w)
            .setCyPx(-0.5 + random.nextDouble() * h)
            .build();
    // A uniformly random rotation from a random unit quaternion.
    double qw = random.nextGaussian();
    double qx = random.nextGaussian();
    double qy = random.nextGaussian();
    double qz = random.nextGaussian();
    double n = Math.sqrt(qw * qw + qx * qx + qy * qy + qz * qz);
    qw /= n;
    qx /= n;
    qy /= n;
    qz /= n;
    double[] r = {
      1 - 2 * (qy * qy + qz * qz),
      2 * (qx * qy - qz * qw),
      2 * (qx * qz + qy * qw),
      2 * (qx * qy + qz * qw),
      1 - 2 * (qx * qx + qz * qz),
      2 * (qy * qz - qx * qw),
      2 * (qx * qz - qy * qw),
      2 * (qy * qz + qx * qw),
      1 - 2 * (qx * qx + qy * qy)
    };
    Extrinsics.Builder e = Extrinsics.newBuilder();
    for (double v : r) {
      e.addRotationWorldToCamera(v);
    }
    for (int i = 0; i < 3; i++) {
      e.addTranslationWorldToCameraMm((random.nextDouble() - 0.5) * 1e5);
    }
    return Camera.newBuilder().setIntrinsics(k).setExtrinsics(e).build();
  }

  record Corruption(String name, String field, UnaryOperator<Camera> apply) {}

  static final double[] NON_FINITE = {
    Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY
  };

  /** Every single-field corruption of {@code c}, each naming the field its message must name. */
  static List<Corruption> corruptions(Camera c, Random random) {
    List<Corruption> all = new ArrayList<>();
    Intrinsics k = c.getIntrinsics();
    for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, -1, 0, -1e-9}) {
      all.add(new Corruption("fx=" + bad, "fxPx", x -> withK(x, k.toBuilder().setFxPx(bad))));
      all.add(new Corruption("fy=" + bad, "fyPx", x -> withK(x, k.toBuilder().setFyPx(bad))));
    }
    all.add(
        new Corruption(
            "fx=-Infinity",
            "fxPx",
            x -> withK(x, k.toBuilder().setFxPx(Double.NEGATIVE_INFINITY))));
    for (double bad : NON_FINITE) {
      all.add(new Corruption("cx=" + bad, "cxPx", x -> withK(x, k.toBuilder().setCxPx(bad))));
      all.add(new Corruption("cy=" + bad, "cyPx", x -> withK(x, k.toBuilder().setCyPx(bad))));
    }
    double outside = 1 + random.nextDouble() * 1000;
    all.add(
        new Corruption(
            "cx beyond width",
            "cxPx",
            x -> withK(x, k.toBuilder().setCxPx(k.getWidthPx() - 0.5 + outside))));
    all.add(new Corruption("cx negative", "cxPx", x -> withK(x, k.toBuilder().setCxPx(-outside))));
    all.add(
        new Corruption(
            "cy beyond height",
            "cyPx",
            x -> withK(x, k.toBuilder().setCyPx(k.getHeightPx() - 0.5 + outside))));
    all.add(new Corruption("cy negative", "cyPx", x -> withK(x, k.toBuilder().setCyPx(-outside))));
    for (int bad : new int[] {0, -1, -180}) {
      all.add(
          new Corruption("width=" + bad, "widthPx", x -> withK(x, k.toBuilder().setWidthPx(bad))));
      all.add(
          new Corruption(
              "height=" + bad, "heightPx", x -> withK(x, k.toBuilder().setHeightPx(bad))));
    }
    all.add(
        new Corruption(
            "no intrinsics", "intrinsics", x -> x.toBuilder().clearIntrinsics().build()));
    Extrinsics e = c.getExtrinsics();
    int ri = random.nextInt(9);
    int ti = random.nextInt(3);
    for (double bad : NON_FINITE) {
      all.add(
          new Corruption(
              "R[" + ri + "]=" + bad,
              "rotationWorldToCamera[" + ri + "]",
              x -> withE(x, e.toBuilder().setRotationWorldToCamera(ri, bad))));
      all.add(
          new Corruption(
              "t[" + ti + "]=" + bad,
              "translationWorldToCameraMm[" + ti + "]",
              x -> withE(x, e.toBuilder().setTranslationWorldToCameraMm(ti, bad))));
    }
    double shear = 0.01 + random.nextDouble();
    all.add(
        new Corruption(
            "R sheared",
            "not orthonormal",
            x ->
                withE(
                    x,
                    e.toBuilder()
                        .setRotationWorldToCamera(ri, e.getRotationWorldToCamera(ri) + shear))));
    all.add(
        new Corruption(
            "R scaled",
            "not orthonormal",
            x -> {
              Extrinsics.Builder b = e.toBuilder();
              for (int i = 0; i < 9; i++) {
                b.setRotationWorldToCamera(i, 1.01 * e.getRotationWorldToCamera(i));
              }
              return withE(x, b);
            }));
    int row = random.nextInt(3);
    all.add(
        new Corruption(
            "R with row " + row + " negated",
            "reflection",
            x -> {
              Extrinsics.Builder b = e.toBuilder();
              for (int j = 0; j < 3; j++) {
                b.setRotationWorldToCamera(3 * row + j, -e.getRotationWorldToCamera(3 * row + j));
              }
              return withE(x, b);
            }));
    all.add(
        new Corruption(
            "R with 8 values",
            "9 values",
            x ->
                withE(
                    x,
                    e.toBuilder()
                        .clearRotationWorldToCamera()
                        .addAllRotationWorldToCamera(
                            e.getRotationWorldToCameraList().subList(0, 8)))));
    all.add(
        new Corruption(
            "R with 10 values",
            "9 values",
            x -> withE(x, e.toBuilder().addRotationWorldToCamera(0))));
    all.add(
        new Corruption(
            "t with 2 values",
            "3 values",
            x ->
                withE(
                    x,
                    e.toBuilder()
                        .clearTranslationWorldToCameraMm()
                        .addAllTranslationWorldToCameraMm(
                            e.getTranslationWorldToCameraMmList().subList(0, 2)))));
    all.add(
        new Corruption(
            "t with 4 values",
            "3 values",
            x -> withE(x, e.toBuilder().addTranslationWorldToCameraMm(0))));
    all.add(new Corruption("empty extrinsics", "9 values", x -> withE(x, Extrinsics.newBuilder())));
    return all;
  }

  private static Camera withK(Camera c, Intrinsics.Builder k) {
    return c.toBuilder().setIntrinsics(k).build();
  }

  private static Camera withE(Camera c, Extrinsics.Builder e) {
    return c.toBuilder().setExtrinsics(e).build();
  }

  @Test
  void randomValidCamerasPass() {
    Random random = new Random(20240612L);
    for (int i = 0; i < CASES; i++) {
      Camera c = randomCamera(random);
      assertThatCode(() -> Contracts.checkCamera(c, "m.json: view 'v'"))
          .as("case %d: %s", i, c)
          .doesNotThrowAnyException();
    }
  }

  @Test
  void principalPointOnTheImageBorderPasses() {
    Camera c = randomCamera(new Random(7));
    Intrinsics k = c.getIntrinsics();
    Camera corner = withK(c, k.toBuilder().setCxPx(-0.5).setCyPx(k.getHeightPx() - 0.5));
    assertThatCode(() -> Contracts.checkCamera(corner, "v")).doesNotThrowAnyException();
  }

  @Test
  void everySingleCorruptionFailsNamingTheField() {
    Random random = new Random(42L);
    int checked = 0;
    for (int i = 0; i < CASES / 5; i++) {
      Camera c = randomCamera(random);
      for (Corruption corruption : corruptions(c, random)) {
        Camera bad = corruption.apply().apply(c);
        assertThatThrownBy(() -> Contracts.checkCamera(bad, "subject/manifest.json: view 'v'"))
            .as("case %d: %s", i, corruption.name())
            .isInstanceOf(ContractViolationException.class)
            .hasMessageContaining("subject/manifest.json: view 'v'")
            .hasMessageContaining(corruption.field());
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(CASES / 5 * 40);
  }

  @Test
  void manifestChecksNameTheFileAndField() {
    SubjectManifest m = ProtoJsonTest.manifest();
    View v0 = m.getViews(0);
    Camera c = v0.getCamera();
    Camera nanCx =
        c.toBuilder().setIntrinsics(c.getIntrinsics().toBuilder().setCxPx(Double.NaN)).build();
    SubjectManifest bad = m.toBuilder().setViews(0, v0.toBuilder().setCamera(nanCx)).build();
    assertThatThrownBy(() -> Contracts.checkManifest(bad, "in/s/manifest.json"))
        .hasMessageContaining("in/s/manifest.json")
        .hasMessageContaining(v0.getViewId())
        .hasMessageContaining("cxPx");
    SubjectManifest nanYaw =
        m.toBuilder().setViews(0, v0.toBuilder().setYawDeg(Double.NaN)).build();
    assertThatThrownBy(() -> Contracts.checkManifest(nanYaw, "m.json"))
        .hasMessageContaining("yawDeg");
    SubjectManifest.Builder many = m.toBuilder().clearViews();
    for (int i = 0; i <= Contracts.MAX_VIEWS; i++) {
      many.addViews(v0.toBuilder().setViewId("v" + i));
    }
    assertThatThrownBy(() -> Contracts.checkManifest(many.build(), "m.json"))
        .hasMessageContaining("views")
        .hasMessageContaining(Integer.toString(Contracts.MAX_VIEWS));
    for (String uri : new String[] {"/etc/passwd", "../x/gt/mesh.ply", "gs://b/mesh.ply"}) {
      SubjectManifest escaping =
          m.toBuilder().setGroundTruth(m.getGroundTruth().toBuilder().setMeshUri(uri)).build();
      assertThatThrownBy(() -> Contracts.checkManifest(escaping, "m.json"))
          .as(uri)
          .hasMessageContaining("groundTruth.meshUri")
          .hasMessageContaining(uri);
    }
  }
}
