package io.headrecon.geometry.multiview;

/**
 * Settings of robust point triangulation ({@link PointTriangulation}).
 *
 * @param maxReprojectionErrorPx an observation is an inlier when the point projects within this
 *     many pixels of it
 * @param minRayAngleDeg two rays make a hypothesis only when they meet at least at this angle,
 *     degrees (near-parallel rays fix no depth)
 * @param minInlierViews a point needs at least this many inlier observations (at least 2)
 */
public record TriangulationOptions(
    double maxReprojectionErrorPx, double minRayAngleDeg, int minInlierViews) {

  public TriangulationOptions {
    if (!(maxReprojectionErrorPx > 0)) {
      throw new IllegalArgumentException(
          "maxReprojectionErrorPx must be positive, got " + maxReprojectionErrorPx);
    }
    if (!(minRayAngleDeg >= 0 && minRayAngleDeg < 90)) {
      throw new IllegalArgumentException(
          "minRayAngleDeg must be in [0, 90), got " + minRayAngleDeg);
    }
    if (minInlierViews < 2) {
      throw new IllegalArgumentException("minInlierViews must be >= 2, got " + minInlierViews);
    }
  }

  /**
   * Values for facial landmarks on 180×180 px head crops: 4 px reprojection error (about 1.5 % of
   * the face), rays at least 5° apart, 2 inlier views.
   */
  public static TriangulationOptions landmarkDefaults() {
    return new TriangulationOptions(4.0, 5.0, 2);
  }
}
