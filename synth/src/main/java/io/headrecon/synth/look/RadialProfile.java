package io.headrecon.synth.look;

/**
 * How far a set of points reaches from a vertical axis, by direction and height: the largest
 * horizontal distance from the axis {@code (x, z) = (0, axisZ)} of the points in each cell of
 * {@value #ANGLE_BINS} directions × 4 mm of height. Cells without points are filled from their
 * neighbours in height (nearest filled cell above or below, within {@code fillMm}), so that a
 * sparse mesh reads as a surface. Directions are angles about +y from the +z axis, positive towards
 * +x (0 = front, ±π = back). World frame, millimetres.
 */
final class RadialProfile {
  static final int ANGLE_BINS = 90;
  static final double HEIGHT_BIN_MM = 4;

  private final double axisZ;
  private final double minY;
  private final int rows;
  private final double[] radius; // row-major [row][angle]; 0 = empty

  private RadialProfile(double axisZ, double minY, int rows, double[] radius) {
    this.axisZ = axisZ;
    this.minY = minY;
    this.rows = rows;
    this.radius = radius;
  }

  /**
   * The profile of {@code points} (x, y, z triples) between heights {@code minY} and {@code maxY}.
   */
  static RadialProfile of(float[] points, double axisZ, double minY, double maxY, double fillMm) {
    int rows = (int) Math.ceil((maxY - minY) / HEIGHT_BIN_MM) + 1;
    double[] r = new double[rows * ANGLE_BINS];
    for (int i = 0; i < points.length; i += 3) {
      double y = points[i + 1];
      if (y < minY || y > maxY) {
        continue;
      }
      double dx = points[i];
      double dz = points[i + 2] - axisZ;
      int row = (int) ((y - minY) / HEIGHT_BIN_MM);
      int col = angleBin(Math.atan2(dx, dz));
      int cell = row * ANGLE_BINS + col;
      r[cell] = Math.max(r[cell], Math.hypot(dx, dz));
    }
    // Spread each cell to its two angular neighbours (a point between bins belongs to both).
    double[] spread = r.clone();
    for (int row = 0; row < rows; row++) {
      for (int col = 0; col < ANGLE_BINS; col++) {
        double v = r[row * ANGLE_BINS + col];
        for (int d = -1; d <= 1; d += 2) {
          int c = row * ANGLE_BINS + Math.floorMod(col + d, ANGLE_BINS);
          spread[c] = Math.max(spread[c], v * Math.cos(2 * Math.PI / ANGLE_BINS));
        }
      }
    }
    int fill = (int) Math.ceil(fillMm / HEIGHT_BIN_MM);
    double[] filled = spread.clone();
    for (int col = 0; col < ANGLE_BINS; col++) {
      for (int row = 0; row < rows; row++) {
        if (spread[row * ANGLE_BINS + col] > 0) {
          continue;
        }
        for (int d = 1; d <= fill; d++) {
          double above = row + d < rows ? spread[(row + d) * ANGLE_BINS + col] : 0;
          double below = row - d >= 0 ? spread[(row - d) * ANGLE_BINS + col] : 0;
          if (above > 0 || below > 0) {
            filled[row * ANGLE_BINS + col] = Math.max(above, below);
            break;
          }
        }
      }
    }
    return new RadialProfile(axisZ, minY, rows, filled);
  }

  static int angleBin(double angle) {
    int b = (int) Math.floor((angle + Math.PI) / (2 * Math.PI) * ANGLE_BINS);
    return Math.floorMod(b, ANGLE_BINS);
  }

  /** The larger reach of this and {@code other} (same axis and cells) in every cell. */
  RadialProfile max(RadialProfile other) {
    if (other.axisZ != axisZ || other.minY != minY || other.rows != rows) {
      throw new IllegalArgumentException("profiles of different axes or heights");
    }
    double[] r = radius.clone();
    for (int i = 0; i < r.length; i++) {
      r[i] = Math.max(r[i], other.radius[i]);
    }
    return new RadialProfile(axisZ, minY, rows, r);
  }

  double axisZ() {
    return axisZ;
  }

  /** The reach at direction {@code angle} and height {@code y}, mm; 0 where nothing is there. */
  double radius(double angle, double y) {
    int row = (int) Math.floor((y - minY) / HEIGHT_BIN_MM);
    if (row < 0 || row >= rows) {
      return 0;
    }
    return radius[row * ANGLE_BINS + angleBin(angle)];
  }

  /** The largest reach at direction {@code angle} between heights {@code y} and {@code top}, mm. */
  double maxRadiusBetween(double angle, double y, double top) {
    double best = 0;
    for (double h = top; h >= y; h -= HEIGHT_BIN_MM) {
      best = Math.max(best, radius(angle, h));
    }
    return Math.max(best, radius(angle, y));
  }

  /** The lowest height with points at direction {@code angle}, mm (or {@code minY} if none). */
  double bottom(double angle) {
    int col = angleBin(angle);
    for (int row = 0; row < rows; row++) {
      if (radius[row * ANGLE_BINS + col] > 0) {
        return minY + row * HEIGHT_BIN_MM;
      }
    }
    return minY;
  }
}
