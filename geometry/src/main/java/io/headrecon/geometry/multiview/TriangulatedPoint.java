package io.headrecon.geometry.multiview;

/**
 * A point triangulated from several views.
 *
 * @param xMm world x, millimetres
 * @param yMm world y, millimetres
 * @param zMm world z, millimetres
 * @param inlierViews observations that agree with it (within the reprojection tolerance)
 * @param observations observations offered
 * @param rmsReprojectionErrorPx RMS reprojection error over the inliers, pixels
 */
public record TriangulatedPoint(
    double xMm,
    double yMm,
    double zMm,
    int inlierViews,
    int observations,
    double rmsReprojectionErrorPx) {

  /** The position as {x, y, z}, world frame, millimetres. */
  public double[] positionMm() {
    return new double[] {xMm, yMm, zMm};
  }
}
