package io.headrecon.synth.face;

import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The ICT morphable head model (ICT-FaceKit "Light" packing), converted to millimetres on load. A
 * head is {@code v = neutral + Σ wᵢ·identityᵢ + Σ eⱼ·expressionⱼ}; frame as in the model: +y up,
 * the face looks down +z, origin near the centre of the head. Immutable after loading and safe to
 * share between threads.
 */
public final class IctFaceModel {
  /** Centimetres (the model's unit) to millimetres. */
  public static final float MM_PER_CM = 10f;

  /**
   * The thin see-through overlays of the eyes (drawn with transparency in the original). They are
   * left out of every render, depth map and ground-truth mesh.
   */
  public static final List<String> SEE_THROUGH_PARTS =
      List.of(
          "eye_blend_left",
          "eye_blend_right",
          "eye_occlusion_left",
          "eye_occlusion_right",
          "lacrimal_fluid_left",
          "lacrimal_fluid_right");

  /**
   * Radius of the cornea around each eye's axis, millimetres. The outer eyeball sphere (material
   * "M_Sclera…") covers the iris with a transparent cornea cap in the original (a texture with
   * alpha); without textures that cap would hide the iris, so its polygons are see-through too.
   */
  public static final double CORNEA_RADIUS_MM = 6.0;

  /**
   * An eyeball in the neutral head: the centre of its outer sphere and the unit axis through the
   * cornea apex (model frame, millimetres).
   */
  public record Eye(double[] centreMm, double[] axis) {
    /** Distance of a point from the eye's axis, millimetres, and whether it lies in front. */
    public double radialDistanceMm(double x, double y, double z) {
      double dx = x - centreMm[0];
      double dy = y - centreMm[1];
      double dz = z - centreMm[2];
      double along = dx * axis[0] + dy * axis[1] + dz * axis[2];
      return Math.sqrt(Math.max(0, dx * dx + dy * dy + dz * dz - along * along));
    }

    /** Signed distance along the axis from the centre, millimetres (+ = in front). */
    public double alongMm(double x, double y, double z) {
      return (x - centreMm[0]) * axis[0]
          + (y - centreMm[1]) * axis[1]
          + (z - centreMm[2]) * axis[2];
    }
  }

  /**
   * A sub-geometry of the model with inclusive vertex and polygon index ranges.
   *
   * @param name e.g. "face", "teeth", "eyelashes_left"
   */
  public record Part(
      String name, int firstVertex, int lastVertex, int firstPolygon, int lastPolygon) {
    public boolean containsVertex(int v) {
      return v >= firstVertex && v <= lastVertex;
    }

    public boolean containsPolygon(int p) {
      return p >= firstPolygon && p <= lastPolygon;
    }
  }

  private final int vertexCount;
  private final float[] neutralMm;
  private final List<String> identityNames;
  private final List<String> expressionNames;
  private final Map<String, Integer> expressionIndex;
  private final float[][] identityDeltasMm;
  private final float[][] expressionDeltasMm;
  private final int[] landmarkIds;
  private final List<Part> parts;
  private final int[] polygonStart; // polygon p uses polygonVertices[polygonStart[p] .. [p+1])
  private final int[] polygonVertices;
  private final String[] polygonMaterial;
  private final boolean[] corneaPolygon;
  private final Map<String, Eye> eyes;

  private IctFaceModel(
      int vertexCount,
      float[] neutralMm,
      List<String> identityNames,
      List<String> expressionNames,
      float[][] identityDeltasMm,
      float[][] expressionDeltasMm,
      int[] landmarkIds,
      List<Part> parts,
      int[] polygonStart,
      int[] polygonVertices,
      String[] polygonMaterial) {
    this.vertexCount = vertexCount;
    this.neutralMm = neutralMm;
    this.identityNames = List.copyOf(identityNames);
    this.expressionNames = List.copyOf(expressionNames);
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < expressionNames.size(); i++) {
      index.put(expressionNames.get(i), i);
    }
    this.expressionIndex = Collections.unmodifiableMap(index);
    this.identityDeltasMm = identityDeltasMm;
    this.expressionDeltasMm = expressionDeltasMm;
    this.landmarkIds = landmarkIds;
    this.parts = List.copyOf(parts);
    this.polygonStart = polygonStart;
    this.polygonVertices = polygonVertices;
    this.polygonMaterial = polygonMaterial;
    this.eyes = new HashMap<>();
    this.corneaPolygon = new boolean[polygonCount()];
    for (Part part : this.parts) {
      if (part.name().startsWith("eyeball_")) {
        findCornea(part);
      }
    }
  }

  /** Finds the eye's axis and marks the outer sphere's polygons within the cornea radius. */
  private void findCornea(Part part) {
    double[] centre = new double[3];
    int count = 0;
    int apex = -1;
    for (int p = part.firstPolygon(); p <= part.lastPolygon(); p++) {
      if (!polygonMaterial[p].startsWith("M_Sclera")) {
        continue;
      }
      for (int k = polygonStart[p]; k < polygonStart[p + 1]; k++) {
        int v = polygonVertices[k];
        for (int c = 0; c < 3; c++) {
          centre[c] += neutralMm[3 * v + c];
        }
        count++;
        if (apex < 0 || neutralMm[3 * v + 2] > neutralMm[3 * apex + 2]) {
          apex = v;
        }
      }
    }
    if (count == 0) {
      return;
    }
    double[] axis = new double[3];
    for (int c = 0; c < 3; c++) {
      centre[c] /= count;
      axis[c] = neutralMm[3 * apex + c] - centre[c];
    }
    double len = Math.sqrt(axis[0] * axis[0] + axis[1] * axis[1] + axis[2] * axis[2]);
    for (int c = 0; c < 3; c++) {
      axis[c] /= len;
    }
    Eye eye = new Eye(centre, axis);
    eyes.put(part.name(), eye);
    for (int p = part.firstPolygon(); p <= part.lastPolygon(); p++) {
      if (!polygonMaterial[p].startsWith("M_Sclera")) {
        continue;
      }
      double[] q = new double[3];
      int n = polygonStart[p + 1] - polygonStart[p];
      for (int k = polygonStart[p]; k < polygonStart[p + 1]; k++) {
        for (int c = 0; c < 3; c++) {
          q[c] += neutralMm[3 * polygonVertices[k] + c] / n;
        }
      }
      corneaPolygon[p] =
          eye.alongMm(q[0], q[1], q[2]) > 0
              && eye.radialDistanceMm(q[0], q[1], q[2]) < CORNEA_RADIUS_MM;
    }
  }

  /**
   * Loads the model: {@code shapes.json}, then the neutral OBJ, then {@code shapes.f32}, checking
   * every count against {@code shapes.json}.
   *
   * @throws FaceModelException naming the file when one is missing, truncated or malformed
   */
  public static IctFaceModel load(FaceModelFiles files) {
    Descriptor d = readDescriptor(files);
    Obj obj = readObj(files, d);
    int shapeCount = d.identities.size() + d.expressions.size();
    float[][] deltas = readShapes(files, shapeCount, d.vertexCount);
    float[][] identity = Arrays.copyOfRange(deltas, 0, d.identities.size());
    float[][] expression = Arrays.copyOfRange(deltas, d.identities.size(), shapeCount);
    return new IctFaceModel(
        d.vertexCount,
        obj.verticesMm,
        d.identities,
        d.expressions,
        identity,
        expression,
        d.landmarks,
        d.parts,
        obj.polygonStart,
        obj.polygonVertices,
        obj.polygonMaterial);
  }

  /**
   * Vertex positions in millimetres of the head with the given weights.
   *
   * @param identityWeights one weight per identity mode (unitless, ~N(0,1)); shorter arrays leave
   *     the remaining modes at 0
   * @param expressionWeights blendshape name → weight (normally in [0, 1]); names must be in {@link
   *     #expressionNames()}
   * @return x, y, z per vertex, millimetres, model frame
   */
  public float[] deformMm(double[] identityWeights, Map<String, Double> expressionWeights) {
    if (identityWeights.length > identityDeltasMm.length) {
      throw new IllegalArgumentException(
          identityWeights.length + " identity weights for " + identityDeltasMm.length + " modes");
    }
    float[] out = neutralMm.clone();
    for (int i = 0; i < identityWeights.length; i++) {
      addScaled(out, identityDeltasMm[i], identityWeights[i]);
    }
    // sorted by name so that the float sums do not depend on the map's iteration order
    List<String> names = new ArrayList<>(expressionWeights.keySet());
    Collections.sort(names);
    for (String name : names) {
      Integer e = expressionIndex.get(name);
      if (e == null) {
        throw new IllegalArgumentException(
            "unknown expression blendshape '" + name + "'; known: " + expressionNames);
      }
      addScaled(out, expressionDeltasMm[e], expressionWeights.get(name));
    }
    return out;
  }

  private static void addScaled(float[] out, float[] delta, double weight) {
    if (weight == 0) {
      return;
    }
    float w = (float) weight;
    for (int k = 0; k < out.length; k++) {
      out[k] += w * delta[k];
    }
  }

  /**
   * The polygons of the parts accepted by {@code includePart}, split into triangles (fans), vertex
   * index triples with the OBJ's winding (counter-clockwise seen from outside).
   */
  public int[] triangles(Predicate<String> includePart) {
    return triangulate(includePart, false, false);
  }

  /**
   * For each triangle of {@link #triangles(Predicate)} with the same filter, the index of the
   * polygon it came from (see {@link #polygonMaterial}).
   */
  public int[] trianglePolygons(Predicate<String> includePart) {
    return triangulate(includePart, true, false);
  }

  private int[] triangulate(Predicate<String> includePart, boolean polygonIds, boolean solid) {
    int[] out = new int[3 * 2 * polygonCount()];
    int at = 0;
    for (Part part : parts) {
      if (!includePart.test(part.name())) {
        continue;
      }
      for (int p = part.firstPolygon(); p <= part.lastPolygon(); p++) {
        if (solid && corneaPolygon[p]) {
          continue;
        }
        int s = polygonStart[p];
        int n = polygonStart[p + 1] - s;
        for (int c = 1; c + 1 < n; c++) {
          if (polygonIds) {
            out[at++] = p;
          } else {
            out[at++] = polygonVertices[s];
            out[at++] = polygonVertices[s + c];
            out[at++] = polygonVertices[s + c + 1];
          }
        }
      }
    }
    return Arrays.copyOf(out, at);
  }

  /**
   * The triangles that are drawn, give depth and form the ground-truth mesh: every part except the
   * {@link #SEE_THROUGH_PARTS}, and without the cornea caps (see {@link #CORNEA_RADIUS_MM}).
   */
  public int[] solidTriangles() {
    return triangulate(IctFaceModel::isSolidPart, false, true);
  }

  /** For each triangle of {@link #solidTriangles()}, the index of its polygon. */
  public int[] solidTrianglePolygons() {
    return triangulate(IctFaceModel::isSolidPart, true, true);
  }

  /** Whether polygon {@code p} is part of a cornea cap (see-through, not drawn). */
  public boolean isCorneaPolygon(int p) {
    return corneaPolygon[p];
  }

  /** The eye of an eyeball part ("eyeball_left" or "eyeball_right") in the neutral head. */
  public Eye eye(String eyeballPart) {
    Eye e = eyes.get(eyeballPart);
    if (e == null) {
      throw new IllegalArgumentException("no eyeball part named '" + eyeballPart + "'");
    }
    return e;
  }

  /** Whether a part is drawn (every part except the {@link #SEE_THROUGH_PARTS}). */
  public static boolean isSolidPart(String name) {
    return !SEE_THROUGH_PARTS.contains(name);
  }

  /** Identity weights drawn from N(0, scale²) for every identity mode. */
  public double[] sampleIdentity(java.util.Random random, double scale) {
    double[] w = new double[identityDeltasMm.length];
    for (int i = 0; i < w.length; i++) {
      w[i] = scale * random.nextGaussian();
    }
    return w;
  }

  public int vertexCount() {
    return vertexCount;
  }

  public int polygonCount() {
    return polygonStart.length - 1;
  }

  /** The vertex indices of polygon {@code p} (a copy). */
  public int[] polygon(int p) {
    return Arrays.copyOfRange(polygonVertices, polygonStart[p], polygonStart[p + 1]);
  }

  /** The OBJ material ({@code usemtl}) of polygon {@code p}, e.g. "M_IrisLeft". */
  public String polygonMaterial(int p) {
    return polygonMaterial[p];
  }

  /** The neutral head, millimetres (a copy). */
  public float[] neutralMm() {
    return neutralMm.clone();
  }

  /** Identity mode names in file order ("identity000" …). */
  public List<String> identityNames() {
    return identityNames;
  }

  /** Expression blendshape names in file order ("browDown_L" …). */
  public List<String> expressionNames() {
    return expressionNames;
  }

  /** The 68 landmark vertex ids in Multi-PIE order (a copy). */
  public int[] landmarkIds() {
    return landmarkIds.clone();
  }

  /** The sub-geometries in file order. */
  public List<Part> parts() {
    return parts;
  }

  /** The sub-geometry named {@code name}. */
  public Part part(String name) {
    for (Part p : parts) {
      if (p.name().equals(name)) {
        return p;
      }
    }
    throw new IllegalArgumentException("no part named '" + name + "'");
  }

  // ---------------------------------------------------------------- loading

  private record Descriptor(
      int vertexCount,
      List<String> identities,
      List<String> expressions,
      int[] landmarks,
      List<Part> parts) {}

  private record Obj(
      float[] verticesMm, int[] polygonStart, int[] polygonVertices, String[] polygonMaterial) {}

  private static FaceModelException problem(FaceModelFiles files, String file, String what) {
    return new FaceModelException(
        files.locate(file) + ": " + what + FaceModelException.expectedFiles());
  }

  private static FaceModelException unreadable(FaceModelFiles files, String file, IOException e) {
    if (e instanceof FileNotFoundException || e instanceof NoSuchFileException) {
      return new FaceModelException(
          files.locate(file) + " is missing" + FaceModelException.expectedFiles(), e);
    }
    return new FaceModelException(
        files.locate(file) + " cannot be read: " + e + FaceModelException.expectedFiles(), e);
  }

  @SuppressWarnings("unchecked")
  private static Descriptor readDescriptor(FaceModelFiles files) {
    String file = FaceModelFiles.SHAPES_JSON;
    String text;
    try (InputStream in = files.open(file)) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw unreadable(files, file, e);
    }
    try {
      Map<String, Object> root = (Map<String, Object>) MiniJson.parse(text, files.locate(file));
      int vertexCount = ((Number) require(root, "vertexCount", files)).intValue();
      List<String> identities = (List<String>) require(root, "identities", files);
      List<String> expressions = (List<String>) require(root, "expressions", files);
      List<Object> lm = (List<Object>) require(root, "landmarks68", files);
      if (lm.size() != 68) {
        throw problem(files, file, "landmarks68 has " + lm.size() + " ids, expected 68");
      }
      int[] landmarks = new int[68];
      for (int i = 0; i < 68; i++) {
        landmarks[i] = ((Number) lm.get(i)).intValue();
        if (landmarks[i] < 0 || landmarks[i] >= vertexCount) {
          throw problem(files, file, "landmark " + i + " vertex id out of range");
        }
      }
      List<Part> parts = new ArrayList<>();
      for (Object g : (List<Object>) require(root, "geometries", files)) {
        Map<String, Object> m = (Map<String, Object>) g;
        List<Object> v = (List<Object>) m.get("vertices");
        List<Object> p = (List<Object>) m.get("polygons");
        parts.add(
            new Part(
                (String) m.get("name"),
                ((Number) v.get(0)).intValue(),
                ((Number) v.get(1)).intValue(),
                ((Number) p.get(0)).intValue(),
                ((Number) p.get(1)).intValue()));
      }
      if (parts.isEmpty() || parts.get(parts.size() - 1).lastVertex() != vertexCount - 1) {
        throw problem(files, file, "geometries do not cover the " + vertexCount + " vertices");
      }
      return new Descriptor(vertexCount, identities, expressions, landmarks, parts);
    } catch (IllegalArgumentException | ClassCastException | NullPointerException e) {
      throw problem(files, file, "malformed: " + e.getMessage());
    }
  }

  private static Object require(Map<String, Object> root, String key, FaceModelFiles files) {
    Object v = root.get(key);
    if (v == null) {
      throw problem(files, FaceModelFiles.SHAPES_JSON, "has no '" + key + "'");
    }
    return v;
  }

  private static Obj readObj(FaceModelFiles files, Descriptor d) {
    String file = FaceModelFiles.NEUTRAL_MESH;
    int expectedPolygons = d.parts.get(d.parts.size() - 1).lastPolygon() + 1;
    float[] v = new float[3 * d.vertexCount];
    int vertices = 0;
    int[] start = new int[expectedPolygons + 1];
    int[] corners = new int[4 * expectedPolygons];
    String[] material = new String[expectedPolygons];
    int polygons = 0;
    int cornerCount = 0;
    String currentMaterial = "";
    int lineNo = 0;
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(files.open(file), StandardCharsets.US_ASCII), 1 << 16)) {
      String line;
      while ((line = r.readLine()) != null) {
        lineNo++;
        if (line.startsWith("v ")) {
          if (vertices == d.vertexCount) {
            throw problem(files, file, "more than " + d.vertexCount + " vertices");
          }
          String[] t = line.trim().split("\\s+");
          for (int k = 0; k < 3; k++) {
            v[3 * vertices + k] = Float.parseFloat(t[k + 1]) * MM_PER_CM;
          }
          vertices++;
        } else if (line.startsWith("usemtl ")) {
          currentMaterial = line.substring(7).trim();
        } else if (line.startsWith("f ")) {
          if (polygons == expectedPolygons) {
            throw problem(files, file, "more than " + expectedPolygons + " polygons");
          }
          String[] t = line.trim().split("\\s+");
          if (cornerCount + t.length > corners.length) {
            corners = Arrays.copyOf(corners, 2 * corners.length + t.length);
          }
          start[polygons] = cornerCount;
          for (int k = 1; k < t.length; k++) {
            int slash = t[k].indexOf('/');
            int index = Integer.parseInt(slash < 0 ? t[k] : t[k].substring(0, slash)) - 1;
            if (index < 0 || index >= d.vertexCount) {
              throw problem(files, file, "line " + lineNo + ": vertex index out of range");
            }
            corners[cornerCount++] = index;
          }
          material[polygons++] = currentMaterial;
        }
      }
    } catch (IOException e) {
      throw unreadable(files, file, e);
    } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
      throw problem(files, file, "line " + lineNo + " is malformed (truncated?): " + e);
    }
    if (vertices != d.vertexCount || polygons != expectedPolygons) {
      throw problem(
          files,
          file,
          "has "
              + vertices
              + " vertices and "
              + polygons
              + " polygons, expected "
              + d.vertexCount
              + " and "
              + expectedPolygons
              + " (truncated?)");
    }
    start[polygons] = cornerCount;
    return new Obj(v, start, Arrays.copyOf(corners, cornerCount), material);
  }

  private static float[][] readShapes(FaceModelFiles files, int shapeCount, int vertexCount) {
    String file = FaceModelFiles.SHAPES;
    long expectedBytes = 4L * 3 * vertexCount * shapeCount;
    try {
      long size = files.sizeBytes(file);
      if (size >= 0 && size != expectedBytes) {
        throw problem(
            files,
            file,
            (size < expectedBytes ? "is truncated: " : "is too large: ")
                + size
                + " bytes, expected "
                + expectedBytes
                + " ("
                + shapeCount
                + " shapes x "
                + vertexCount
                + " vertices x 3 float32)");
      }
    } catch (IOException e) {
      throw unreadable(files, file, e);
    }
    float[][] deltas = new float[shapeCount][3 * vertexCount];
    byte[] bytes = new byte[4 * 3 * vertexCount];
    try (DataInputStream in = new DataInputStream(files.open(file))) {
      for (int s = 0; s < shapeCount; s++) {
        in.readFully(bytes);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(deltas[s]);
        float[] d = deltas[s];
        for (int k = 0; k < d.length; k++) {
          d[k] *= MM_PER_CM;
        }
      }
    } catch (EOFException e) {
      throw problem(files, file, "is truncated: expected " + expectedBytes + " bytes");
    } catch (IOException e) {
      throw unreadable(files, file, e);
    }
    return deltas;
  }
}
