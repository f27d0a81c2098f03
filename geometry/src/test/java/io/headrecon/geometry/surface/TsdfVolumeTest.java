package io.headrecon.geometry.surface;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.headrecon.geometry.PinholeCamera;
import io.headrecon.geometry.TriangleMesh;
import io.headrecon.geometry.depth.DepthMap;
import io.headrecon.geometry.io.Ply;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TsdfVolumeTest {
  private static final double[] CENTRE = {5, -3, 2};
  private static final double[] SPHERE = {50, 50, 50};
  private static final double[] ELLIPSOID = {60, 45, 35};
  private static final List<PinholeCamera> CAMERAS =
      AnalyticScenes.camerasAround(14, 300, CENTRE, 470, 200);

  private static final Map<String, List<DepthMap>> RENDERS = new HashMap<>();

  /** The depth maps of {@link #CAMERAS} (ray casting is slower than fusing: rendered once). */
  private static synchronized List<DepthMap> render(double[] radii, double noiseMm, long seed) {
    return RENDERS.computeIfAbsent(
        Arrays.toString(radii) + noiseMm + "/" + seed,
        k -> {
          Random random = new Random(seed);
          List<DepthMap> depths = new ArrayList<>();
          for (PinholeCamera camera : CAMERAS) {
            depths.add(AnalyticScenes.renderEllipsoid(camera, CENTRE, radii, noiseMm, random));
          }
          return depths;
        });
  }

  private static TsdfVolume fuse(double[] radii, double noiseMm, TsdfOptions options, long seed) {
    TsdfVolume volume = TsdfVolume.create(options);
    List<DepthMap> depths = render(radii, noiseMm, seed);
    for (int c = 0; c < CAMERAS.size(); c++) {
      volume.integrate(depths.get(c), CAMERAS.get(c), null, null);
    }
    return volume;
  }

  /** Mean and max unsigned distance (mm) of the mesh vertices to the ellipsoid. */
  private static double[] vertexErrors(TriangleMesh mesh, double[] radii) {
    float[] v = mesh.verticesMm();
    double sum = 0, max = 0;
    for (int i = 0; i < mesh.vertexCount(); i++) {
      double d =
          AnalyticScenes.distanceToEllipsoidMm(
              new double[] {v[3 * i], v[3 * i + 1], v[3 * i + 2]}, CENTRE, radii);
      sum += d;
      max = Math.max(max, d);
    }
    return new double[] {sum / mesh.vertexCount(), max};
  }

  /** Smallest cosine between vertex normals and the ellipsoid's outward gradient direction. */
  private static double[] normalCosines(TriangleMesh mesh, double[] radii) {
    float[] v = mesh.verticesMm();
    float[] n = mesh.normals();
    double min = 1, sum = 0;
    for (int i = 0; i < mesh.vertexCount(); i++) {
      double gx = (v[3 * i] - CENTRE[0]) / (radii[0] * radii[0]);
      double gy = (v[3 * i + 1] - CENTRE[1]) / (radii[1] * radii[1]);
      double gz = (v[3 * i + 2] - CENTRE[2]) / (radii[2] * radii[2]);
      double cos =
          (n[3 * i] * gx + n[3 * i + 1] * gy + n[3 * i + 2] * gz)
              / Math.sqrt(gx * gx + gy * gy + gz * gz);
      min = Math.min(min, cos);
      sum += cos;
    }
    return new double[] {min, sum / mesh.vertexCount()};
  }

  @Test
  void exactSphereDepthFusesIntoAClosedSphereWithinATenthOfAMillimetre() throws IOException {
    TsdfVolume volume = fuse(SPHERE, 0, TsdfOptions.defaults(), 1);
    TriangleMesh mesh = volume.extractMesh();
    double[] err = vertexErrors(mesh, SPHERE);
    double[] cos = normalCosines(mesh, SPHERE);
    System.out.printf(
        "sphere r=50 mm, 14 views, 1 mm voxels: %d vertices, %d triangles, %d blocks (%.1f MB),"
            + " vertex error mean %.4f max %.4f mm, normal cos min %.4f mean %.5f%n",
        mesh.vertexCount(),
        mesh.triangleCount(),
        volume.blockCount(),
        volume.memoryBytes() / 1e6,
        err[0],
        err[1],
        cos[0],
        cos[1]);
    assertThat(err[0]).isLessThan(0.1);
    assertThat(err[1]).isLessThan(0.5);
    assertThat(cos[0]).isGreaterThan(0.9);
    assertThat(MeshChecks.brokenEdges(mesh)).isZero();
    assertThat(MeshChecks.eulerCharacteristic(mesh)).isEqualTo(2);
    // memory follows the surface: the band is far smaller than the bounding box
    long boxBlocks = (long) Math.pow(Math.ceil(2 * 58 / 8.0), 3);
    assertThat(volume.blockCount()).isLessThan((int) (boxBlocks * 0.6));

    Path ply = Path.of("target", "tsdf-sphere.ply");
    Files.createDirectories(ply.getParent());
    try (OutputStream out = Files.newOutputStream(ply)) {
      Ply.writeMesh(mesh, out);
    }
    try (InputStream in = Files.newInputStream(ply)) {
      assertThat(Ply.readMesh(in, ply.toString())).isEqualTo(mesh);
    }
  }

  @Test
  void noisyEllipsoidDepthAveragesOut() throws IOException {
    TsdfVolume volume = fuse(ELLIPSOID, 0.5, TsdfOptions.defaults(), 2);
    TriangleMesh mesh = volume.extractMesh();
    double[] err = vertexErrors(mesh, ELLIPSOID);
    double[] cos = normalCosines(mesh, ELLIPSOID);
    System.out.printf(
        "ellipsoid 60x45x35 mm, noise 0.5 mm, 14 views: %d vertices, vertex error mean %.4f max"
            + " %.4f mm, normal cos min %.4f mean %.5f%n",
        mesh.vertexCount(), err[0], err[1], cos[0], cos[1]);
    assertThat(err[0]).isLessThan(0.25);
    assertThat(cos[1]).isGreaterThan(0.98);
    assertThat(MeshChecks.brokenEdges(mesh)).isZero();
    MeshRenders.writePng(
        mesh,
        CENTRE,
        new double[] {0.3, 0.4, 1},
        new double[] {0, 1, 0},
        0.3,
        420,
        Path.of("target", "tsdf-ellipsoid-noisy.png"));
  }

  @Test
  void coloursFollowTheViewsColours() throws IOException {
    TsdfVolume volume = TsdfVolume.create(TsdfOptions.defaults());
    List<DepthMap> depths = render(ELLIPSOID, 0, 0);
    for (int c = 0; c < CAMERAS.size(); c++) {
      PinholeCamera camera = CAMERAS.get(c);
      volume.integrate(depths.get(c), camera, null, colourBySide(camera, depths.get(c)));
    }
    TriangleMesh mesh = volume.extractMesh();
    float[] v = mesh.verticesMm();
    byte[] rgb = mesh.colorsRgb();
    int checked = 0;
    for (int i = 0; i < mesh.vertexCount(); i++) {
      double x = v[3 * i] - CENTRE[0];
      int r = rgb[3 * i] & 0xFF, g = rgb[3 * i + 1] & 0xFF, b = rgb[3 * i + 2] & 0xFF;
      assertThat(g).isEqualTo(100);
      if (x > 4) {
        assertThat(r).isEqualTo(220);
        assertThat(b).isEqualTo(20);
        checked++;
      } else if (x < -4) {
        assertThat(r).isEqualTo(20);
        assertThat(b).isEqualTo(220);
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(mesh.vertexCount() * 85 / 100);
    MeshRenders.writePng(
        mesh,
        CENTRE,
        new double[] {0.2, 0.5, 1},
        new double[] {0, 1, 0},
        0.3,
        420,
        Path.of("target", "tsdf-ellipsoid-colours.png"));
    Path ply = Path.of("target", "tsdf-ellipsoid-colours.ply");
    try (OutputStream out = Files.newOutputStream(ply)) {
      Ply.writeMesh(mesh, out);
    }
  }

  /** Red where the surface seen by a pixel has world x > centre x, else blue; green 100. */
  private static int[] colourBySide(PinholeCamera camera, DepthMap depth) {
    int w = camera.widthPx();
    int[] colours = new int[w * camera.heightPx()];
    for (int v = 0; v < camera.heightPx(); v++) {
      for (int u = 0; u < w; u++) {
        float d = depth.depthMm(u, v);
        if (d > 0) {
          double[] p = camera.unprojectToWorld(u, v, d);
          colours[v * w + u] = p[0] > CENTRE[0] ? 0xDC6414 : 0x1464DC;
        }
      }
    }
    return colours;
  }

  @Test
  void aViewWithZeroConfidenceChangesNothing() {
    TsdfOptions options = TsdfOptions.defaults().withViewAngleWeighting(false);
    TsdfVolume reference = fuse(SPHERE, 0, options, 1);
    TriangleMesh expected = reference.extractMesh();

    TsdfVolume withIgnored = fuse(SPHERE, 0, options, 1);
    float[] zero = new float[200 * 200];
    for (int c = 0; c < 4; c++) {
      withIgnored.integrate(render(ELLIPSOID, 0.5, 2).get(c), CAMERAS.get(c), zero, null);
    }
    assertThat(withIgnored.blockCount()).isEqualTo(reference.blockCount());
    assertThat(withIgnored.extractMesh()).isEqualTo(expected);
  }

  @Test
  void overlappingViewsAverageByTheirWeights() {
    // one camera looking down -z at two fronto-parallel planes, 300 mm and 302 mm deep, with
    // confidences 0.25 and 0.75: the fused plane lies at 300 + 2 × 0.75 = 301.5 mm
    PinholeCamera camera =
        PinholeCamera.lookAt(
            400,
            120,
            120,
            new double[] {0, 0, 300},
            new double[] {0, 0, 0},
            new double[] {0, 1, 0});
    TsdfVolume volume = TsdfVolume.create(TsdfOptions.defaults());
    float[][] depth = {new float[120 * 120], new float[120 * 120]};
    Arrays.fill(depth[0], 300);
    Arrays.fill(depth[1], 302);
    float[][] confidence = {new float[120 * 120], new float[120 * 120]};
    Arrays.fill(confidence[0], 0.25f);
    Arrays.fill(confidence[1], 0.75f);
    for (int k = 0; k < 2; k++) {
      volume.integrate(DepthMap.of(120, 120, depth[k]), camera, confidence[k], null);
    }
    TriangleMesh mesh = volume.extractMesh();
    float[] v = mesh.verticesMm();
    int checked = 0;
    for (int i = 0; i < mesh.vertexCount(); i++) {
      if (Math.abs(v[3 * i]) < 30 && Math.abs(v[3 * i + 1]) < 30) {
        assertThat((double) v[3 * i + 2]).isCloseTo(-1.5, within(1e-3));
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(3000);
  }

  @Test
  void sameInputGivesTheIdenticalMesh() {
    TriangleMesh a = fuse(ELLIPSOID, 0.5, TsdfOptions.defaults(), 2).extractMesh();
    TriangleMesh b = fuse(ELLIPSOID, 0.5, TsdfOptions.defaults(), 2).extractMesh();
    TriangleMesh other = fuse(ELLIPSOID, 0.5, TsdfOptions.defaults(), 3).extractMesh();
    assertThat(a).isEqualTo(b);
    assertThat(a).isNotEqualTo(other);
  }

  @Test
  void rejectsMismatchedInputs() {
    TsdfVolume volume = TsdfVolume.create(TsdfOptions.defaults());
    PinholeCamera camera = CAMERAS.get(0);
    DepthMap depth = render(SPHERE, 0, 1).get(0);
    assertThatThrownBy(
            () -> volume.integrate(DepthMap.of(10, 10, new float[100]), camera, null, null))
        .hasMessageContaining("does not match");
    assertThatThrownBy(() -> volume.integrate(depth, camera, new float[5], null))
        .hasMessageContaining("confidence");
    float[] tooHigh = new float[200 * 200];
    Arrays.fill(tooHigh, 1.5f);
    assertThatThrownBy(() -> volume.integrate(depth, camera, tooHigh, null))
        .hasMessageContaining("[0, 1]");
    assertThatThrownBy(() -> TsdfOptions.of(1, 0.5, 100, 0.3, true, true))
        .hasMessageContaining("truncationMm");
  }
}
