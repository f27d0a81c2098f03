package io.headrecon.synth.render;

/**
 * Per-vertex surface properties for shading: albedo in linear RGB [0, 1], specular strength [0, 1]
 * and Blinn-Phong shininess exponent. Arrays are taken over by the factory and must not be modified
 * afterwards.
 */
public record SurfaceAppearance(float[] albedoLinearRgb, float[] specular, float[] shininess) {
  public SurfaceAppearance {
    int n = specular.length;
    if (albedoLinearRgb.length != 3 * n || shininess.length != n) {
      throw new IllegalArgumentException("need 3 albedo values and 1 specular, 1 shininess each");
    }
  }

  public static SurfaceAppearance of(float[] albedoLinearRgb, float[] specular, float[] shininess) {
    return new SurfaceAppearance(albedoLinearRgb, specular, shininess);
  }

  public int vertexCount() {
    return specular.length;
  }
}
