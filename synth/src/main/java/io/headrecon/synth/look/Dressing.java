package io.headrecon.synth.look;

import io.headrecon.synth.face.IctFaceModel;
import io.headrecon.synth.render.RenderMesh;
import io.headrecon.synth.render.Scene;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts a {@link SubjectLook} on a deformed head: the relief of brows and facial hair on the head
 * itself, then the garment ({@link GarmentBuilder}) and the hair ({@link HairBuilder}, which falls
 * over the garment) as extra scene layers.
 */
public final class Dressing {
  private Dressing() {}

  /**
   * The head's vertices with brows and facial hair standing {@code reliefMm} off the skin, along
   * the vertex normals of {@code triangles} (model frame, millimetres; a copy).
   */
  public static float[] withRelief(float[] verticesMm, int[] triangles, float[] reliefMm) {
    float[] relief = smoothed(reliefMm, triangles, RELIEF_SMOOTHING_PASSES);
    float[] normals = RenderMesh.vertexNormals(verticesMm, triangles);
    float[] out = verticesMm.clone();
    for (int i = 0; i < relief.length; i++) {
      float r = relief[i];
      if (r != 0) {
        out[3 * i] += r * normals[3 * i];
        out[3 * i + 1] += r * normals[3 * i + 1];
        out[3 * i + 2] += r * normals[3 * i + 2];
      }
    }
    return out;
  }

  /** Passes of neighbour averaging that soften the relief's edges (a beard's ends slope). */
  static final int RELIEF_SMOOTHING_PASSES = 4;

  /** {@code values} per vertex, each pass replaced by the mean over the vertex's triangles. */
  static float[] smoothed(float[] values, int[] triangles, int passes) {
    float[] v = values.clone();
    for (int pass = 0; pass < passes; pass++) {
      float[] sum = new float[v.length];
      int[] count = new int[v.length];
      for (int t = 0; t < triangles.length; t += 3) {
        float mean = (v[triangles[t]] + v[triangles[t + 1]] + v[triangles[t + 2]]) / 3;
        for (int k = 0; k < 3; k++) {
          sum[triangles[t + k]] += mean;
          count[triangles[t + k]]++;
        }
      }
      for (int i = 0; i < v.length; i++) {
        if (count[i] > 0) {
          v[i] = sum[i] / count[i];
        }
      }
    }
    return v;
  }

  /**
   * The garment and hair layers for a head (garment first; no hair layer when the look has none).
   *
   * @param headVertices the deformed head with its relief, model frame, millimetres
   * @param headTriangles the head's drawn triangles (for its normals)
   * @param headAlbedo the head's per-vertex albedo, linear RGB
   */
  public static List<Scene.Layer> layers(
      IctFaceModel model,
      float[] headVertices,
      int[] headTriangles,
      float[] headAlbedo,
      SubjectLook look) {
    List<Scene.Layer> layers = new ArrayList<>();
    GarmentBuilder.Built garment = GarmentBuilder.build(headVertices, look.garment());
    layers.add(garment.layer());
    Scene.Layer hair =
        HairBuilder.build(
            model,
            headVertices,
            RenderMesh.vertexNormals(headVertices, headTriangles),
            headAlbedo,
            look.hair(),
            garment.profile());
    if (hair != null) {
      layers.add(hair);
    }
    return layers;
  }
}
