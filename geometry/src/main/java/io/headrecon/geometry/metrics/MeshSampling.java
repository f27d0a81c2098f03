package io.headrecon.geometry.metrics;

import io.headrecon.geometry.PointCloud;
import io.headrecon.geometry.TriangleMesh;
import java.util.Random;

/**
 * Uniform random samples of a mesh surface (area-weighted triangle choice, uniform barycentric
 * position), with the face normals; used as the reference cloud for point-to-mesh metrics. At
 * density ρ points/mm² the sampling adds roughly 0.5/√ρ mm to nearest distances (0.1 mm at 25).
 */
public final class MeshSampling {
  /** Most samples {@link #sampleAtDensity} draws (about 240 MB of positions and normals). */
  public static final int MAX_SAMPLES = 10_000_000;

  private MeshSampling() {}

  /** {@code count} points on the surface of {@code mesh}, seeded by {@code random}. */
  public static PointCloud sample(TriangleMesh mesh, int count, Random random) {
    float[] v = mesh.verticesMm();
    int[] t = mesh.triangles();
    int nt = t.length / 3;
    if (nt == 0) {
      throw new IllegalArgumentException("mesh has no triangles to sample");
    }
    double[] cumulative = new double[nt];
    double total = 0;
    for (int f = 0; f < nt; f++) {
      total += area(v, t, f);
      cumulative[f] = total;
    }
    float[] p = new float[3 * count];
    float[] n = new float[3 * count];
    for (int s = 0; s < count; s++) {
      double r = random.nextDouble() * total;
      int f = java.util.Arrays.binarySearch(cumulative, r);
      f = f < 0 ? Math.min(nt - 1, -f - 1) : f;
      double a = random.nextDouble(), b = random.nextDouble();
      if (a + b > 1) {
        a = 1 - a;
        b = 1 - b;
      }
      int i0 = 3 * t[3 * f], i1 = 3 * t[3 * f + 1], i2 = 3 * t[3 * f + 2];
      for (int k = 0; k < 3; k++) {
        p[3 * s + k] =
            (float) (v[i0 + k] + a * (v[i1 + k] - v[i0 + k]) + b * (v[i2 + k] - v[i0 + k]));
      }
      double ux = v[i1] - v[i0], uy = v[i1 + 1] - v[i0 + 1], uz = v[i1 + 2] - v[i0 + 2];
      double wx = v[i2] - v[i0], wy = v[i2 + 1] - v[i0 + 1], wz = v[i2 + 2] - v[i0 + 2];
      double cx = uy * wz - uz * wy, cy = uz * wx - ux * wz, cz = ux * wy - uy * wx;
      double len = Math.sqrt(cx * cx + cy * cy + cz * cz);
      if (len > 0) {
        n[3 * s] = (float) (cx / len);
        n[3 * s + 1] = (float) (cy / len);
        n[3 * s + 2] = (float) (cz / len);
      }
    }
    return PointCloud.of(p, null, n);
  }

  /**
   * {@code ceil(samplesPerMm2 × area)} points on the surface of {@code mesh}, seeded by {@code
   * random}.
   *
   * @param samplesPerMm2 sampling density, samples per mm² (adds about 0.5/√ρ mm to nearest
   *     distances towards the samples)
   * @throws IllegalArgumentException above {@value #MAX_SAMPLES} samples
   */
  public static PointCloud sampleAtDensity(TriangleMesh mesh, double samplesPerMm2, Random random) {
    if (!(samplesPerMm2 > 0)) {
      throw new IllegalArgumentException("density must be positive: " + samplesPerMm2);
    }
    long count = (long) Math.ceil(samplesPerMm2 * areaMm2(mesh));
    if (count > MAX_SAMPLES) {
      throw new IllegalArgumentException(
          count + " samples at " + samplesPerMm2 + " per mm² is too many; lower the density");
    }
    return sample(mesh, (int) count, random);
  }

  /** Total surface area, mm². */
  public static double areaMm2(TriangleMesh mesh) {
    double total = 0;
    for (int f = 0; f < mesh.triangleCount(); f++) {
      total += area(mesh.verticesMm(), mesh.triangles(), f);
    }
    return total;
  }

  private static double area(float[] v, int[] t, int f) {
    int i0 = 3 * t[3 * f], i1 = 3 * t[3 * f + 1], i2 = 3 * t[3 * f + 2];
    double ux = v[i1] - v[i0], uy = v[i1 + 1] - v[i0 + 1], uz = v[i1 + 2] - v[i0 + 2];
    double wx = v[i2] - v[i0], wy = v[i2 + 1] - v[i0 + 1], wz = v[i2 + 2] - v[i0 + 2];
    double cx = uy * wz - uz * wy, cy = uz * wx - ux * wz, cz = ux * wy - uy * wx;
    return 0.5 * Math.sqrt(cx * cx + cy * cy + cz * cz);
  }
}
