package io.headrecon.synth.render;

/**
 * Fine texture evaluated at every colour sample, finer than the mesh's vertices: hair strands,
 * stubble, skin pores, the knit of a garment. It multiplies the shaded colour of the sample.
 */
@FunctionalInterface
public interface SurfaceDetail {
  /** No detail: factor 1 everywhere. */
  SurfaceDetail NONE = (x, y, z, amount) -> 1f;

  /**
   * The factor at world point (x, y, z), millimetres, where the layer's per-vertex detail amount
   * interpolates to {@code amount} (in [0, 1]; what it means is the layer's choice, e.g. how dense
   * the facial hair is there).
   */
  float factor(double xMm, double yMm, double zMm, float amount);
}
