package io.headrecon.geometry.metrics;

import io.headrecon.geometry.PinholeCamera;
import io.headrecon.geometry.PointCloud;
import io.headrecon.geometry.TriangleMesh;
import io.headrecon.geometry.depth.BackProjection;
import io.headrecon.geometry.depth.BackProjectionOptions;
import io.headrecon.geometry.depth.DepthMap;
import io.headrecon.geometry.index.KdTree3;
import io.headrecon.geometry.index.Query;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The part of a ground-truth mesh that a set of cameras sees, as dense surface samples: the
 * reference cloud for {@link ReconstructionMetrics} when the back of a head (or the inside of a
 * mouth) was never photographed.
 *
 * <p>A mesh sample counts as seen when it lies within {@code seenDistanceMm} of a ground-truth
 * depth pixel back-projected with its true camera and {@link BackProjectionOptions#defaults()} (the
 * filter every reconstruction gets, so pixels dropped as grazing or flying are not asked for).
 * Hidden parts (teeth behind closed lips, the mouth socket, eyeballs under the lids) lie more than
 * 1.5 mm behind the skin almost everywhere: on the testdata subjects an added z-buffer visibility
 * test removed fewer than 0.01 % of the samples kept at 1.5 mm.
 *
 * <p>Samples are drawn area-uniformly at a given density; at ρ samples per mm² they add about
 * 0.5/√ρ mm to the reconstruction → reference distances (0.16 mm at 10 per mm²; 0.6 mm at the 0.7
 * per mm² of 200,000 samples on a 290,000 mm² head mesh), so the density must be high for
 * sub-millimetre accuracy figures to mean anything.
 */
public final class SeenSurface {
  private SeenSurface() {}

  /**
   * Samples of the seen part of {@code mesh}, world frame, millimetres, with face normals.
   *
   * @param mesh the ground-truth mesh, world frame, mm
   * @param cameras each view's camera with its true world-to-camera pose
   * @param depths each view's ground-truth Z depth (same order and size as the camera), mm
   * @param samplesPerMm2 sampling density over the whole mesh, samples per mm²
   * @param random seeds the sampling
   * @param seenDistanceMm how close to a back-projected ground-truth pixel a sample must be, mm
   */
  public static PointCloud sample(
      TriangleMesh mesh,
      List<PinholeCamera> cameras,
      List<DepthMap> depths,
      double samplesPerMm2,
      Random random,
      double seenDistanceMm) {
    if (cameras.size() != depths.size()) {
      throw new IllegalArgumentException(
          "need one depth map per camera: " + cameras.size() + " cameras, " + depths.size());
    }
    if (!(samplesPerMm2 > 0) || !(seenDistanceMm > 0)) {
      throw new IllegalArgumentException(
          "need a positive density and distance: " + samplesPerMm2 + ", " + seenDistanceMm);
    }
    List<PointCloud> pixels = new ArrayList<>();
    for (int c = 0; c < cameras.size(); c++) {
      pixels.add(
          BackProjection.toWorldFrame(
              depths.get(c), null, null, cameras.get(c), BackProjectionOptions.defaults()));
    }
    PointCloud allPixels = PointCloud.concat(pixels);
    if (allPixels.size() == 0) {
      return PointCloud.empty();
    }
    MeshSampling.ByFace drawn = MeshSampling.byFace(mesh, samplesPerMm2, random);
    PointCloud samples = drawn.samples();
    int[] face = drawn.faceOfSample(); // samples come triangle by triangle
    int n = samples.size();
    Query query = KdTree3.of(allPixels).newQuery();
    float[] p = samples.positionsMm();
    float[] px = allPixels.positionsMm();
    float seen2 = (float) (seenDistanceMm * seenDistanceMm); // as the query compares
    boolean[] isSeen = new boolean[n];
    int kept = 0;
    float[] v = mesh.verticesMm();
    int[] t = mesh.triangles();
    int pixel = -1;
    int previousFace = -1;
    boolean faceTooFar = false;
    for (int i = 0; i < n; i++) {
      if (face[i] != previousFace) {
        pixel = -1;
        previousFace = face[i];
        faceTooFar = !mayBeSeen(query, v, t, face[i], seenDistanceMm);
      }
      if (faceTooFar) {
        continue;
      }
      if (pixel >= 0) {
        float dx = px[3 * pixel] - p[3 * i];
        float dy = px[3 * pixel + 1] - p[3 * i + 1];
        float dz = px[3 * pixel + 2] - p[3 * i + 2];
        if (dx * dx + dy * dy + dz * dz < seen2) {
          isSeen[i] = true;
          kept++;
          continue;
        }
      }
      int found = query.nearest(p[3 * i], p[3 * i + 1], p[3 * i + 2], seenDistanceMm);
      if (found >= 0) {
        pixel = found;
        isSeen[i] = true;
        kept++;
      }
    }
    int[] keep = new int[kept];
    for (int i = 0, k = 0; i < n; i++) {
      if (isSeen[i]) {
        keep[k++] = i;
      }
    }
    return samples.select(keep);
  }

  /**
   * Whether some point of triangle {@code f} may lie within {@code distanceMm} of a pixel: a pixel
   * within that distance plus the radius of the triangle's bounding sphere (about its centroid,
   * with a 1 µm margin for rounding) of the sphere's centre.
   */
  private static boolean mayBeSeen(Query query, float[] v, int[] t, int f, double distanceMm) {
    int a = 3 * t[3 * f], b = 3 * t[3 * f + 1], c = 3 * t[3 * f + 2];
    double cx = (v[a] + v[b] + v[c]) / 3.0;
    double cy = (v[a + 1] + v[b + 1] + v[c + 1]) / 3.0;
    double cz = (v[a + 2] + v[b + 2] + v[c + 2]) / 3.0;
    double r2 = 0;
    for (int corner : new int[] {a, b, c}) {
      double dx = v[corner] - cx, dy = v[corner + 1] - cy, dz = v[corner + 2] - cz;
      r2 = Math.max(r2, dx * dx + dy * dy + dz * dz);
    }
    return query.nearest(cx, cy, cz, distanceMm + Math.sqrt(r2) + 1e-3) >= 0;
  }
}
