package io.headrecon.geometry.depth;

/**
 * Thresholds for {@link BackProjection}.
 *
 * @param maxRelativeDepthJump a pixel is dropped when the depth of one of its 4 neighbours (that
 *     has a surface) differs by more than this fraction of its own depth (e.g. 0.02: 10 mm at 500
 *     mm); this removes the "flying pixels" interpolated across depth discontinuities
 * @param maxGrazingAngleDeg a pixel is dropped when the angle between its viewing ray and its
 *     surface normal exceeds this many degrees (surfaces seen edge-on are unreliable)
 * @param borderErosionPx pixels within this many pixels (4-connected steps) of a pixel without
 *     surface are dropped (0 keeps silhouette pixels)
 */
public record BackProjectionOptions(
    double maxRelativeDepthJump, double maxGrazingAngleDeg, int borderErosionPx) {

  public BackProjectionOptions {
    if (!(maxRelativeDepthJump > 0)) {
      throw new IllegalArgumentException(
          "maxRelativeDepthJump must be positive: " + maxRelativeDepthJump);
    }
    if (!(maxGrazingAngleDeg > 0 && maxGrazingAngleDeg <= 90)) {
      throw new IllegalArgumentException(
          "maxGrazingAngleDeg must be in (0, 90]: " + maxGrazingAngleDeg);
    }
    if (borderErosionPx < 0) {
      throw new IllegalArgumentException("borderErosionPx must be >= 0: " + borderErosionPx);
    }
  }

  /** Options with the given thresholds. */
  public static BackProjectionOptions of(
      double maxRelativeDepthJump, double maxGrazingAngleDeg, int borderErosionPx) {
    return new BackProjectionOptions(maxRelativeDepthJump, maxGrazingAngleDeg, borderErosionPx);
  }

  /** 2 % depth jump, 80° grazing angle, no erosion. */
  public static BackProjectionOptions defaults() {
    return new BackProjectionOptions(0.02, 80, 0);
  }
}
