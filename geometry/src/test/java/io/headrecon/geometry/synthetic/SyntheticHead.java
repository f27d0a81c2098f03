package io.headrecon.geometry.synthetic;

import io.headrecon.geometry.Landmarks3d;
import io.headrecon.geometry.PinholeCamera;
import io.headrecon.geometry.PointCloud;
import io.headrecon.geometry.RigidTransform;
import io.headrecon.geometry.depth.DepthMap;
import java.util.Random;

/**
 * An analytic, head-shaped closed surface for tests and benchmarks: an ellipsoid (half-axes 78 mm
 * across, 100 mm up, 95 mm front-back) with Gaussian bumps and dents for nose, brows, eye sockets,
 * cheekbones, lips, chin, ears and a hair bun, so that it has no rotational symmetry. It is
 * star-shaped about the origin: the surface point in unit direction u is {@code r(u) u}.
 *
 * <p>Head frame: origin at the head centre, +x to the subject's left, +y up, +z out of the face
 * (the face looks along +z); millimetres.
 */
public final class SyntheticHead {
  private static final double A = 78, B = 100, C = 95;
  // bumps: direction (normalised at class init), amplitude mm, angular width (radians)
  private static final double[][] BUMPS = {
    {0, -0.05, 1, 22, 0.12}, // nose
    {0, 0.1, 1, 6, 0.1}, // nose bridge
    {0.33, 0.2, 0.92, -8, 0.1}, // eye sockets
    {-0.33, 0.2, 0.92, -8, 0.1},
    {0.3, 0.36, 0.9, 4, 0.12}, // brows
    {-0.3, 0.36, 0.9, 4, 0.12},
    {0.6, 0, 0.8, 5, 0.2}, // cheekbones
    {-0.6, 0, 0.8, 5, 0.2},
    {0, -0.35, 0.94, 5, 0.07}, // lips
    {0, -0.6, 0.8, 10, 0.15}, // chin
    {1, 0, -0.1, 12, 0.12}, // ears
    {-1, 0, -0.1, 12, 0.12},
    {0.2, 0.6, -0.7, 8, 0.3}, // hair bun, off-centre
  };

  static {
    for (double[] b : BUMPS) {
      double n = Math.sqrt(b[0] * b[0] + b[1] * b[1] + b[2] * b[2]);
      b[0] /= n;
      b[1] /= n;
      b[2] /= n;
    }
  }

  private static final double BOUND_MM = 160; // larger than any radius

  private SyntheticHead() {}

  /** Surface radius (mm) along the unit direction (ux, uy, uz). */
  public static double radiusMm(double ux, double uy, double uz) {
    double q = (ux / A) * (ux / A) + (uy / B) * (uy / B) + (uz / C) * (uz / C);
    double r = 1 / Math.sqrt(q);
    for (double[] b : BUMPS) {
      double c = ux * b[0] + uy * b[1] + uz * b[2];
      double e = (1 - c) / (b[4] * b[4]);
      if (e < 30) {
        r += b[3] * Math.exp(-e);
      }
    }
    return r;
  }

  /** Implicit function: positive outside, negative inside; |p| - r(p/|p|), millimetres. */
  public static double implicitMm(double x, double y, double z) {
    double n = Math.sqrt(x * x + y * y + z * z);
    if (n == 0) {
      return -radiusMm(0, 0, 1);
    }
    return n - radiusMm(x / n, y / n, z / n);
  }

  /** Outward unit normal at (or near) the surface point p (head frame), by central differences. */
  public static double[] normal(double x, double y, double z) {
    double h = 1e-3;
    double gx = implicitMm(x + h, y, z) - implicitMm(x - h, y, z);
    double gy = implicitMm(x, y + h, z) - implicitMm(x, y - h, z);
    double gz = implicitMm(x, y, z + h) - implicitMm(x, y, z - h);
    double n = Math.sqrt(gx * gx + gy * gy + gz * gz);
    return new double[] {gx / n, gy / n, gz / n};
  }

  /**
   * Approximate unsigned distance (mm) from p to the surface: |F| / |∇F|, accurate to first order
   * for points within a few millimetres of the surface.
   */
  public static double distanceMm(double x, double y, double z) {
    double h = 1e-3;
    double f = implicitMm(x, y, z);
    double gx = (implicitMm(x + h, y, z) - implicitMm(x - h, y, z)) / (2 * h);
    double gy = (implicitMm(x, y + h, z) - implicitMm(x, y - h, z)) / (2 * h);
    double gz = (implicitMm(x, y, z + h) - implicitMm(x, y, z - h)) / (2 * h);
    return Math.abs(f) / Math.sqrt(gx * gx + gy * gy + gz * gz);
  }

  /**
   * {@code n} surface points with outward normals in the head frame, approximately uniform over the
   * area (directions drawn uniformly, then thinned in proportion to the area element).
   */
  public static PointCloud sample(int n, Random random) {
    float[] p = new float[3 * n];
    float[] nn = new float[3 * n];
    int k = 0;
    while (k < n) {
      double x = random.nextGaussian(), y = random.nextGaussian(), z = random.nextGaussian();
      double len = Math.sqrt(x * x + y * y + z * z);
      x /= len;
      y /= len;
      z /= len;
      double r = radiusMm(x, y, z);
      double px = r * x, py = r * y, pz = r * z;
      double[] normal = normal(px, py, pz);
      // area element of a star surface per solid angle: r² / (n · u)
      double cos = normal[0] * x + normal[1] * y + normal[2] * z;
      // (normalised to at most 1 for r <= 125 mm; steeper than 73° is clamped, a slight bias)
      double weight = 0.3 * (r / 125) * (r / 125) / Math.max(cos, 0.3);
      if (random.nextDouble() > weight) {
        continue;
      }
      p[3 * k] = (float) px;
      p[3 * k + 1] = (float) py;
      p[3 * k + 2] = (float) pz;
      nn[3 * k] = (float) normal[0];
      nn[3 * k + 1] = (float) normal[1];
      nn[3 * k + 2] = (float) normal[2];
      k++;
    }
    return PointCloud.of(p, null, nn);
  }

  /**
   * Ray-cast Z depth (mm) of the head placed in the world with {@code headToWorld}, seen by {@code
   * camera}; 0 where a pixel's ray misses.
   */
  public static DepthMap renderDepth(PinholeCamera camera, RigidTransform headToWorld) {
    // work in the head frame: camera-to-head = worldToHead ∘ cameraToWorld
    RigidTransform cameraToHead = headToWorld.inverse().after(camera.cameraToWorld());
    int w = camera.widthPx(), h = camera.heightPx();
    float[] depth = new float[w * h];
    double[] o = cameraToHead.translationMm();
    double[] dirCam = new double[3];
    double[] d = new double[3];
    for (int v = 0; v < h; v++) {
      for (int u = 0; u < w; u++) {
        camera.unprojectToCamera(u, v, 1, dirCam); // z = 1
        double len = Math.sqrt(dirCam[0] * dirCam[0] + dirCam[1] * dirCam[1] + 1);
        cameraToHead.rotate(dirCam[0] / len, dirCam[1] / len, 1 / len, d);
        double t = intersect(o, d);
        if (t > 0) {
          depth[v * w + u] = (float) (t / len); // Z = t · (unit ray's z component in camera)
        }
      }
    }
    return DepthMap.of(w, h, depth);
  }

  /** Distance along the unit ray o + t d to the first surface crossing, or -1. */
  private static double intersect(double[] o, double[] d) {
    double b = o[0] * d[0] + o[1] * d[1] + o[2] * d[2];
    double c = o[0] * o[0] + o[1] * o[1] + o[2] * o[2] - BOUND_MM * BOUND_MM;
    double disc = b * b - c;
    if (disc <= 0) {
      return -1;
    }
    double s = Math.sqrt(disc);
    double t = Math.max(0, -b - s);
    double tEnd = -b + s;
    double f = implicitMm(o[0] + t * d[0], o[1] + t * d[1], o[2] + t * d[2]);
    if (f <= 0) {
      return -1; // camera inside the head
    }
    while (t < tEnd) {
      double step = Math.max(0.25, 0.5 * f);
      double t2 = t + step;
      double f2 = implicitMm(o[0] + t2 * d[0], o[1] + t2 * d[1], o[2] + t2 * d[2]);
      if (f2 <= 0) {
        double lo = t, hi = t2;
        for (int i = 0; i < 40; i++) {
          double mid = 0.5 * (lo + hi);
          if (implicitMm(o[0] + mid * d[0], o[1] + mid * d[1], o[2] + mid * d[2]) > 0) {
            lo = mid;
          } else {
            hi = mid;
          }
        }
        return 0.5 * (lo + hi);
      }
      t = t2;
      f = f2;
    }
    return -1;
  }

  /**
   * 68 face landmarks in the head frame (jaw 17, brows 10, nose 9, eyes 12, mouth 20, in the order
   * of the iBUG 68 layout), all flagged visible.
   */
  public static Landmarks3d landmarks() {
    double[] az = new double[68]; // azimuth about +y from +z, degrees (+ towards +x)
    double[] el = new double[68]; // elevation, degrees
    int k = 0;
    for (int i = 0; i < 17; i++, k++) { // jaw
      az[k] = -80 + 10 * i;
      el[k] = -10 - 30 * Math.cos(Math.toRadians(az[k]));
    }
    for (int i = 0; i < 10; i++, k++) { // brows
      az[k] = i < 5 ? -40 + 7.5 * i : 10 + 7.5 * (i - 5);
      el[k] = 20 + 3 * Math.sin(Math.PI * (i % 5) / 4);
    }
    for (int i = 0; i < 4; i++, k++) { // nose bridge
      az[k] = 0;
      el[k] = 12 - 6 * i;
    }
    for (int i = 0; i < 5; i++, k++) { // under the nose
      az[k] = -10 + 5 * i;
      el[k] = -10;
    }
    for (int e = 0; e < 2; e++) { // eyes
      for (int i = 0; i < 6; i++, k++) {
        double a = Math.PI * i / 3;
        az[k] = (e == 0 ? -20 : 20) + 7 * Math.cos(a);
        el[k] = 10 + 3 * Math.sin(a);
      }
    }
    for (int i = 0; i < 12; i++, k++) { // outer lips
      double a = 2 * Math.PI * i / 12;
      az[k] = 18 * Math.cos(a);
      el[k] = -22 + 5 * Math.sin(a);
    }
    for (int i = 0; i < 8; i++, k++) { // inner lips
      double a = 2 * Math.PI * i / 8;
      az[k] = 10 * Math.cos(a);
      el[k] = -22 + 2 * Math.sin(a);
    }
    double[] p = new double[3 * 68];
    boolean[] visible = new boolean[68];
    for (int i = 0; i < 68; i++) {
      double a = Math.toRadians(az[i]), e = Math.toRadians(el[i]);
      double ux = Math.sin(a) * Math.cos(e), uy = Math.sin(e), uz = Math.cos(a) * Math.cos(e);
      double r = radiusMm(ux, uy, uz);
      p[3 * i] = r * ux;
      p[3 * i + 1] = r * uy;
      p[3 * i + 2] = r * uz;
      visible[i] = true;
    }
    return Landmarks3d.of(p, visible);
  }

  /**
   * The head's landmarks in {@code camera}'s frame, visible where the surface faces the camera and
   * is not hidden (checked against {@code depth} rendered from the same camera within 2 mm).
   */
  public static Landmarks3d landmarksInCamera(
      PinholeCamera camera, RigidTransform headToWorld, DepthMap depth) {
    Landmarks3d inHead = landmarks();
    RigidTransform headToCamera = camera.worldToCamera().after(headToWorld);
    double[] out = new double[3 * inHead.size()];
    boolean[] visible = new boolean[inHead.size()];
    double[] c = new double[3];
    double[] nCam = new double[3];
    double[] px = new double[3];
    for (int i = 0; i < inHead.size(); i++) {
      double[] p = inHead.positionMm(i);
      headToCamera.apply(p[0], p[1], p[2], c);
      System.arraycopy(c, 0, out, 3 * i, 3);
      double[] n = normal(p[0], p[1], p[2]);
      headToCamera.rotate(n[0], n[1], n[2], nCam);
      double len = Math.sqrt(c[0] * c[0] + c[1] * c[1] + c[2] * c[2]);
      boolean facing = -(nCam[0] * c[0] + nCam[1] * c[1] + nCam[2] * c[2]) / len > 0.15;
      camera.projectCamera(c[0], c[1], c[2], px);
      boolean unoccluded = false;
      if (facing && c[2] > 0 && camera.contains(px[0], px[1])) {
        int u = (int) Math.round(px[0]);
        int v = (int) Math.round(px[1]);
        unoccluded = Math.abs(depth.depthMm(u, v) - c[2]) < 2;
      }
      visible[i] = facing && unoccluded;
    }
    return Landmarks3d.of(out, visible);
  }
}
