package io.headrecon.synth.render;

import io.headrecon.model.HeadMask;
import java.util.ArrayList;
import java.util.List;

/**
 * Several meshes rendered together, e.g. the head, its hair and a garment: each {@link Layer} has
 * its own vertices, triangles, appearance, fine detail and kind of surface ({@link
 * HeadMask.Surface}). The scene concatenates them into one vertex and triangle list (layer after
 * layer, in the order given) for the rasterizer, and remembers which triangle belongs to which
 * layer. Arrays are shared, not copied, and must not be modified.
 */
public final class Scene {
  /**
   * One mesh of a scene.
   *
   * @param name e.g. "head", "hair", "garment"
   * @param surface what the mesh shows (decides the mask)
   * @param verticesMm x, y, z per vertex, world frame, millimetres
   * @param triangles vertex index triples, counter-clockwise seen from outside
   * @param occluderTriangles the triangles that hide landmarks (null = all of {@code triangles})
   * @param appearance per-vertex albedo, specular strength, shininess
   * @param detailAmount per-vertex amount passed to {@code detail}, or null for 0 everywhere
   * @param detail texture finer than the vertices, applied per colour sample
   */
  public record Layer(
      String name,
      HeadMask.Surface surface,
      float[] verticesMm,
      int[] triangles,
      int[] occluderTriangles,
      SurfaceAppearance appearance,
      float[] detailAmount,
      SurfaceDetail detail) {
    public Layer {
      if (appearance.vertexCount() * 3 != verticesMm.length) {
        throw new IllegalArgumentException(name + ": appearance and vertices differ in count");
      }
      if (detailAmount != null && detailAmount.length * 3 != verticesMm.length) {
        throw new IllegalArgumentException(name + ": one detail amount per vertex needed");
      }
    }
  }

  private final List<Layer> layers;
  private final float[] verticesMm;
  private final float[] normals;
  private final int[] triangles;
  private final int[] occluderTriangles;
  private final float[] albedo;
  private final float[] specular;
  private final float[] shininess;
  private final float[] detailAmount;
  private final int[] firstTriangle; // per layer, and the total at the end
  private final byte[] triangleLayer;

  private Scene(List<Layer> layers) {
    this.layers = List.copyOf(layers);
    int vertexCount = 0;
    int triangleCount = 0;
    int occluderCount = 0;
    for (Layer l : layers) {
      vertexCount += l.verticesMm().length / 3;
      triangleCount += l.triangles().length / 3;
      occluderCount +=
          (l.occluderTriangles() == null ? l.triangles() : l.occluderTriangles()).length / 3;
    }
    verticesMm = new float[3 * vertexCount];
    normals = new float[3 * vertexCount];
    albedo = new float[3 * vertexCount];
    specular = new float[vertexCount];
    shininess = new float[vertexCount];
    detailAmount = new float[vertexCount];
    triangles = new int[3 * triangleCount];
    occluderTriangles = new int[3 * occluderCount];
    firstTriangle = new int[layers.size() + 1];
    triangleLayer = new byte[triangleCount];
    int v = 0;
    int t = 0;
    int o = 0;
    for (int i = 0; i < layers.size(); i++) {
      Layer l = layers.get(i);
      int n = l.verticesMm().length / 3;
      System.arraycopy(l.verticesMm(), 0, verticesMm, 3 * v, 3 * n);
      System.arraycopy(
          RenderMesh.vertexNormals(l.verticesMm(), l.triangles()), 0, normals, 3 * v, 3 * n);
      System.arraycopy(l.appearance().albedoLinearRgb(), 0, albedo, 3 * v, 3 * n);
      System.arraycopy(l.appearance().specular(), 0, specular, v, n);
      System.arraycopy(l.appearance().shininess(), 0, shininess, v, n);
      if (l.detailAmount() != null) {
        System.arraycopy(l.detailAmount(), 0, detailAmount, v, n);
      }
      firstTriangle[i] = t / 3;
      for (int k : l.triangles()) {
        triangles[t++] = k + v;
      }
      java.util.Arrays.fill(triangleLayer, firstTriangle[i], t / 3, (byte) i);
      for (int k : l.occluderTriangles() == null ? l.triangles() : l.occluderTriangles()) {
        occluderTriangles[o++] = k + v;
      }
      v += n;
    }
    firstTriangle[layers.size()] = triangleCount;
  }

  /** A scene of {@code layers} (at most 127), drawn in one z-buffer. */
  public static Scene of(List<Layer> layers) {
    if (layers.isEmpty() || layers.size() > Byte.MAX_VALUE) {
      throw new IllegalArgumentException("a scene needs 1 to 127 layers, got " + layers.size());
    }
    return new Scene(layers);
  }

  public List<Layer> layers() {
    return layers;
  }

  /** All vertices, layer after layer, world frame, millimetres. */
  public float[] verticesMm() {
    return verticesMm;
  }

  /** Unit vertex normals, each computed from its own layer's triangles. */
  public float[] normals() {
    return normals;
  }

  /** All triangles, indices into {@link #verticesMm()}. */
  public int[] triangles() {
    return triangles;
  }

  /** The triangles that hide landmarks (see {@link Layer#occluderTriangles()}). */
  public int[] occluderTriangles() {
    return occluderTriangles;
  }

  public float[] albedoLinearRgb() {
    return albedo;
  }

  public float[] specular() {
    return specular;
  }

  public float[] shininess() {
    return shininess;
  }

  public float[] detailAmount() {
    return detailAmount;
  }

  /** The layer of triangle {@code t} of {@link #triangles()}. */
  public int layerOf(int t) {
    return triangleLayer[t];
  }

  /** Index of layer {@code i}'s first triangle in {@link #triangles()}. */
  public int firstTriangle(int layer) {
    return firstTriangle[layer];
  }

  /** Number of triangles of layer {@code i}. */
  public int triangleCount(int layer) {
    return firstTriangle[layer + 1] - firstTriangle[layer];
  }

  /** The names of the layers, in order. */
  public List<String> layerNames() {
    List<String> names = new ArrayList<>();
    layers.forEach(l -> names.add(l.name()));
    return names;
  }
}
