package io.headrecon.geometry;

/**
 * An immutable pinhole camera without distortion. Camera frame as in OpenCV: +x right, +y down, +z
 * forward along the optical axis. Pixel coordinates: x right, y down, centre of the top-left pixel
 * at (0, 0). Lengths in millimetres; "depth" is the Z distance to the camera plane (not the ray
 * length).
 */
public final class PinholeCamera {
  /** Width of a full-frame sensor, millimetres, for 35 mm-equivalent focal lengths. */
  public static final double FULL_FRAME_WIDTH_MM = 36.0;

  private final double fxPx;
  private final double fyPx;
  private final double cxPx;
  private final double cyPx;
  private final int widthPx;
  private final int heightPx;
  private final RigidTransform worldToCamera;
  private final RigidTransform cameraToWorld;

  private PinholeCamera(
      double fxPx,
      double fyPx,
      double cxPx,
      double cyPx,
      int widthPx,
      int heightPx,
      RigidTransform worldToCamera) {
    if (!(fxPx > 0) || !(fyPx > 0)) {
      throw new IllegalArgumentException("focal lengths must be positive: " + fxPx + ", " + fyPx);
    }
    if (widthPx <= 0 || heightPx <= 0) {
      throw new IllegalArgumentException(
          "image size must be positive: " + widthPx + "x" + heightPx);
    }
    this.fxPx = fxPx;
    this.fyPx = fyPx;
    this.cxPx = cxPx;
    this.cyPx = cyPx;
    this.widthPx = widthPx;
    this.heightPx = heightPx;
    this.worldToCamera = worldToCamera;
    this.cameraToWorld = worldToCamera.inverse();
  }

  /**
   * A camera from intrinsics in pixels and a world-to-camera pose (millimetres).
   *
   * @param worldToCamera maps world points to camera-frame points: {@code x_cam = R x_world + t}
   */
  public static PinholeCamera of(
      double fxPx,
      double fyPx,
      double cxPx,
      double cyPx,
      int widthPx,
      int heightPx,
      RigidTransform worldToCamera) {
    return new PinholeCamera(fxPx, fyPx, cxPx, cyPx, widthPx, heightPx, worldToCamera);
  }

  /**
   * A camera at {@code eyeMm} looking at {@code targetMm}, with the world direction {@code up}
   * appearing up in the image (towards smaller pixel y). Principal point at the image centre.
   */
  public static PinholeCamera lookAt(
      double focalPx, int widthPx, int heightPx, double[] eyeMm, double[] targetMm, double[] up) {
    double[] z = normalize(sub(targetMm, eyeMm)); // forward
    double[] x = normalize(cross(z, up)); // right = forward × up  (y is down)
    double[] y = cross(z, x); // down
    double[] rot = {x[0], x[1], x[2], y[0], y[1], y[2], z[0], z[1], z[2]};
    double[] t = {-dot(x, eyeMm), -dot(y, eyeMm), -dot(z, eyeMm)};
    return new PinholeCamera(
        focalPx,
        focalPx,
        (widthPx - 1) / 2.0,
        (heightPx - 1) / 2.0,
        widthPx,
        heightPx,
        RigidTransform.of(rot, t));
  }

  /**
   * This camera for the same photo resized (no crop) to {@code widthPx} × {@code heightPx} pixels,
   * pixel centres mapped onto pixel centres: focal lengths scale by {@code w' / w}, principal
   * points {@code c' = (c + 0.5) * w' / w - 0.5}; the pose is kept. This camera when the size
   * matches.
   */
  public PinholeCamera resized(int newWidthPx, int newHeightPx) {
    if (newWidthPx == widthPx() && newHeightPx == heightPx()) {
      return this;
    }
    double sx = (double) newWidthPx / widthPx();
    double sy = (double) newHeightPx / heightPx();
    return PinholeCamera.of(
        fxPx() * sx,
        fyPx() * sy,
        (cxPx() + 0.5) * sx - 0.5,
        (cyPx() + 0.5) * sy - 0.5,
        newWidthPx,
        newHeightPx,
        worldToCamera());
  }

  /** The same intrinsics with another world-to-camera pose. */
  public PinholeCamera withWorldToCamera(RigidTransform newWorldToCamera) {
    return new PinholeCamera(fxPx, fyPx, cxPx, cyPx, widthPx, heightPx, newWorldToCamera);
  }

  /**
   * Projects a camera-frame point (mm) to pixels; writes {xPx, yPx, depthMm} into {@code out}.
   * Points behind the camera give depth ≤ 0 and meaningless pixels.
   */
  public void projectCamera(double xMm, double yMm, double zMm, double[] out) {
    out[0] = fxPx * xMm / zMm + cxPx;
    out[1] = fyPx * yMm / zMm + cyPx;
    out[2] = zMm;
  }

  /** Projects a world point (mm) to {xPx, yPx, depthMm}. */
  public double[] projectWorld(double[] worldMm) {
    double[] c = worldToCamera.apply(worldMm);
    double[] out = new double[3];
    projectCamera(c[0], c[1], c[2], out);
    return out;
  }

  /** Back-projects pixel (xPx, yPx) at Z depth {@code depthMm} into the camera frame (mm). */
  public void unprojectToCamera(double xPx, double yPx, double depthMm, double[] out) {
    out[0] = (xPx - cxPx) / fxPx * depthMm;
    out[1] = (yPx - cyPx) / fyPx * depthMm;
    out[2] = depthMm;
  }

  /** Back-projects pixel (xPx, yPx) at Z depth {@code depthMm} into the world frame (mm). */
  public double[] unprojectToWorld(double xPx, double yPx, double depthMm) {
    double[] c = new double[3];
    unprojectToCamera(xPx, yPx, depthMm, c);
    return cameraToWorld.apply(c);
  }

  /** Whether pixel coordinates fall inside the image (pixel centres 0 … width-1). */
  public boolean contains(double xPx, double yPx) {
    return xPx >= -0.5 && yPx >= -0.5 && xPx < widthPx - 0.5 && yPx < heightPx - 0.5;
  }

  public double fxPx() {
    return fxPx;
  }

  public double fyPx() {
    return fyPx;
  }

  public double cxPx() {
    return cxPx;
  }

  public double cyPx() {
    return cyPx;
  }

  public int widthPx() {
    return widthPx;
  }

  public int heightPx() {
    return heightPx;
  }

  /** World-to-camera pose: {@code x_cam = R x_world + t}, millimetres. */
  public RigidTransform worldToCamera() {
    return worldToCamera;
  }

  /** Camera-to-world pose; its translation is the camera centre in world millimetres. */
  public RigidTransform cameraToWorld() {
    return cameraToWorld;
  }

  /** Horizontal field of view, degrees. */
  public double horizontalFovDeg() {
    return Math.toDegrees(2 * Math.atan(widthPx / (2 * fxPx)));
  }

  @Override
  public String toString() {
    return String.format(
        "PinholeCamera{f=(%.2f, %.2f)px, c=(%.2f, %.2f)px, %dx%d, worldToCamera=%s}",
        fxPx, fyPx, cxPx, cyPx, widthPx, heightPx, worldToCamera);
  }

  private static double[] sub(double[] a, double[] b) {
    return new double[] {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
  }

  private static double dot(double[] a, double[] b) {
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
  }

  private static double[] cross(double[] a, double[] b) {
    return new double[] {
      a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]
    };
  }

  private static double[] normalize(double[] a) {
    double n = Math.sqrt(dot(a, a));
    if (n == 0) {
      throw new IllegalArgumentException("zero-length direction");
    }
    return new double[] {a[0] / n, a[1] / n, a[2] / n};
  }
}
