package io.headrecon.synth.dataset;

import io.headrecon.geometry.PinholeCamera;
import io.headrecon.geometry.RigidTransform;
import io.headrecon.geometry.TriangleMesh;
import io.headrecon.geometry.io.DepthPng;
import io.headrecon.geometry.io.Ply;
import io.headrecon.model.ProtoGeometry;
import io.headrecon.proto.Landmark;
import io.headrecon.proto.Landmarks;
import io.headrecon.proto.ProtoJson;
import io.headrecon.proto.SubjectGroundTruth;
import io.headrecon.proto.SubjectManifest;
import io.headrecon.proto.View;
import io.headrecon.proto.ViewGroundTruth;
import io.headrecon.synth.face.Expression;
import io.headrecon.synth.face.ExpressionLibrary;
import io.headrecon.synth.face.IctFaceModel;
import io.headrecon.synth.render.Background;
import io.headrecon.synth.render.CameraRig;
import io.headrecon.synth.render.ContactSheet;
import io.headrecon.synth.render.Fragments;
import io.headrecon.synth.render.HeadAppearance;
import io.headrecon.synth.render.HeadRenderer;
import io.headrecon.synth.render.LandmarkProjector;
import io.headrecon.synth.render.Lighting;
import io.headrecon.synth.render.Rasterizer;
import io.headrecon.synth.render.RenderMesh;
import io.headrecon.synth.render.RenderedView;
import io.headrecon.synth.render.Seeds;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Draws and renders one synthetic subject: identity, expression, appearance, lights, cameras, then
 * per view the RGB image, depth, mask and landmarks, plus the ground-truth mesh, the contact sheet
 * and the manifest. Pure computation; the caller writes the files. Every random choice comes from a
 * stream derived from (seed, subject index, purpose), so a subject does not depend on the others.
 *
 * <p>Layout under {@code <output>/<subjectId>/}: {@code <viewId>.png}, {@code
 * gt/<viewId>_depth.png}, {@code gt/<viewId>_mask.png}, {@code gt/mesh.ply}, {@code
 * gt/contact_sheet.png}, {@code manifest.json}. URIs in the manifest are relative to its directory
 * (see {@link io.headrecon.proto.ManifestUris}).
 */
public final class SubjectGenerator {
  /** Name of the manifest file in a subject's directory. */
  public static final String MANIFEST = "manifest.json";

  /** Ground-truth mesh path, relative to the subject's directory. */
  public static final String MESH = "gt/mesh.ply";

  /** Contact sheet path, relative to the subject's directory. */
  public static final String CONTACT_SHEET = "gt/contact_sheet.png";

  /** A landmark is hidden when a surface lies this much in front of it, millimetres. */
  public static final double LANDMARK_OCCLUSION_TOLERANCE_MM = 5.0;

  /**
   * One file of a subject.
   *
   * @param relativePath path under the subject's directory, '/'-separated
   */
  public record OutputFile(String relativePath, String mimeType, byte[] bytes) {}

  /**
   * A generated subject: its manifest and its files (manifest last).
   *
   * @param views the rendered views, in manifest order (kept for tests and tools)
   * @param cameras the views' cameras, world-to-camera in the written world frame (as in the
   *     manifest)
   * @param verticesMm the head's vertices, written world frame (as in the mesh), millimetres
   */
  public record Subject(
      SubjectManifest manifest,
      List<OutputFile> files,
      List<RenderedView> views,
      List<CameraRig.View> cameras,
      float[] verticesMm) {}

  private final IctFaceModel model;
  private final DatasetSpec spec;
  private final ExpressionLibrary library = ExpressionLibrary.standard();
  private final int[] solidTriangles;
  private final int[] occluderTriangles;
  private final int[] meshVertexMap; // model vertex -> GT mesh vertex, or -1
  private final int[] meshVertices; // GT mesh vertex -> model vertex
  private final int[] meshTriangles;

  public SubjectGenerator(IctFaceModel model, DatasetSpec spec) {
    this.model = model;
    this.spec = spec;
    library.checkAgainst(model);
    for (String name : spec.expressions) {
      library.get(name); // an unknown name fails here, naming the known ones
    }
    solidTriangles = model.solidTriangles();
    occluderTriangles =
        model.triangles(name -> IctFaceModel.isSolidPart(name) && !name.startsWith("eyelashes"));
    // The GT mesh keeps only the vertices that solid triangles use.
    meshVertexMap = new int[model.vertexCount()];
    java.util.Arrays.fill(meshVertexMap, -1);
    int count = 0;
    for (int v : solidTriangles) {
      if (meshVertexMap[v] < 0) {
        meshVertexMap[v] = count++;
      }
    }
    meshVertices = new int[count];
    for (int v = 0; v < meshVertexMap.length; v++) {
      if (meshVertexMap[v] >= 0) {
        meshVertices[meshVertexMap[v]] = v;
      }
    }
    meshTriangles = new int[solidTriangles.length];
    for (int i = 0; i < solidTriangles.length; i++) {
      meshTriangles[i] = meshVertexMap[solidTriangles[i]];
    }
  }

  /** The split of a subject: "train", "val" or "test", from the seed and the subject id. */
  public static String split(long seed, String subjectId, double valFraction, double testFraction) {
    double u = Seeds.uniform(seed, "split", subjectId);
    if (u < testFraction) {
      return "test";
    }
    if (u < testFraction + valFraction) {
      return "val";
    }
    return "train";
  }

  /** Generates subject {@code index}. */
  public Subject generate(int index) {
    String subjectId = DatasetSpec.subjectId(index);
    long seed = spec.seed;
    double[] identity =
        model.sampleIdentity(Seeds.random(seed, index, "identity"), spec.identityScale);
    Expression expression =
        library.sample(
            Seeds.random(seed, index, "expression"), spec.expressions, spec.mixProbability);
    float[] vertices = model.deformMm(identity, expression.weights());
    HeadAppearance appearance = HeadAppearance.sample(model, Seeds.random(seed, index, "look"));
    Lighting lighting =
        Lighting.sample(Seeds.random(seed, index, "lighting"), spec.keyLightAzimuthMaxDeg);
    RenderMesh mesh = RenderMesh.of(vertices, solidTriangles, appearance.surface());
    CameraRig.Settings rig = spec.rigSettings();
    if (spec.focalLengthRange()) {
      double u = Seeds.random(seed, index, "lens").nextDouble();
      rig =
          rig.withFocalLength35mm(
              spec.focalLength35mm + (spec.maxFocalLength35mm - spec.focalLength35mm) * u);
    }
    // Rendered in the head model's frame; written in the world frame (see worldOriginMm).
    List<CameraRig.View> cameras =
        CameraRig.place(vertices, spec.yawsDeg, rig, Seeds.derive(seed, index, "cameras"));
    double[] origin = spec.worldOriginMm;
    boolean offset = origin[0] != 0 || origin[1] != 0 || origin[2] != 0;
    RigidTransform modelToWorld =
        offset
            ? RigidTransform.translation(-origin[0], -origin[1], -origin[2])
            : RigidTransform.identity();
    float[] worldVertices = offset ? transformed(vertices, modelToWorld) : vertices;

    List<OutputFile> files = new ArrayList<>();
    List<RenderedView> rendered = new ArrayList<>();
    SubjectManifest.Builder manifest =
        SubjectManifest.newBuilder()
            .setSubjectId(subjectId)
            .setSplit(split(seed, subjectId, spec.valFraction, spec.testFraction));
    int[] landmarkIds = model.landmarkIds();
    for (CameraRig.View view : cameras) {
      Random viewRandom = Seeds.random(seed, index, "view", view.viewId());
      Background background =
          Background.sample(
              spec.backgroundKinds, viewRandom, spec.widthPx, spec.heightPx); // per view
      double noiseSigma = spec.maxNoiseSigma * viewRandom.nextDouble();
      RenderedView image =
          HeadRenderer.render(
              view.camera(), mesh, lighting, background, spec.supersample, noiseSigma, viewRandom);
      rendered.add(image);
      Fragments occluders =
          Rasterizer.rasterize(view.camera(), vertices, occluderTriangles); // lashes excluded
      LandmarkProjector.ProjectedLandmark[] landmarks =
          LandmarkProjector.project(
              view.camera(), vertices, landmarkIds, occluders, LANDMARK_OCCLUSION_TOLERANCE_MM);

      String imageUri = view.viewId() + ".png";
      String depthUri = "gt/" + view.viewId() + "_depth.png";
      String maskUri = "gt/" + view.viewId() + "_mask.png";
      files.add(new OutputFile(imageUri, "image/png", png(image.rgb())));
      files.add(new OutputFile(depthUri, "image/png", depthPng(image)));
      files.add(new OutputFile(maskUri, "image/png", png(image.maskImage())));
      manifest.addViews(
          View.newBuilder()
              .setSubjectId(subjectId)
              .setViewId(view.viewId())
              .setYawDeg(view.yawDeg())
              .setPitchDeg(view.pitchDeg())
              .setImageUri(imageUri)
              .setCamera(ProtoGeometry.toProto(inWorld(view, modelToWorld).camera()))
              .setGroundTruth(
                  ViewGroundTruth.newBuilder()
                      .setDepthUri(depthUri)
                      .setDepthScaleMmPerUnit(spec.depthScaleMmPerUnit)
                      .setMaskUri(maskUri)
                      .setLandmarks(landmarks(landmarks))));
    }
    files.add(new OutputFile(MESH, "application/octet-stream", meshPly(worldVertices, appearance)));
    BufferedImage sheet = ContactSheet.of(rendered, 10, spec.contactSheetThumbnailPx);
    files.add(new OutputFile(CONTACT_SHEET, "image/png", png(sheet)));

    SubjectGroundTruth.Builder truth =
        SubjectGroundTruth.newBuilder().setMeshUri(MESH).setExpressionName(expression.name());
    for (double w : identity) {
      truth.addIdentityWeights(w);
    }
    for (Map.Entry<String, Double> e : expression.weights().entrySet()) { // sorted by name
      truth.putExpressionWeights(e.getKey(), e.getValue());
    }
    manifest.setGroundTruth(truth);
    SubjectManifest built = manifest.build();
    files.add(
        new OutputFile(
            MANIFEST,
            "application/json",
            ProtoJson.toJson(built).getBytes(StandardCharsets.UTF_8)));
    List<CameraRig.View> worldCameras = new ArrayList<>();
    for (CameraRig.View view : cameras) {
      worldCameras.add(inWorld(view, modelToWorld));
    }
    return new Subject(
        built, List.copyOf(files), List.copyOf(rendered), worldCameras, worldVertices);
  }

  /**
   * A view whose camera pose is in the world frame: worldToCamera = modelToCamera ∘ worldToModel,
   * where {@code modelToWorld} is a pure translation (the rotation stays as placed; −0.0 becomes
   * 0.0 so cameras survive a JSON round trip).
   */
  private static CameraRig.View inWorld(CameraRig.View view, RigidTransform modelToWorld) {
    if (modelToWorld.equals(RigidTransform.identity())) {
      return view;
    }
    PinholeCamera camera = view.camera();
    RigidTransform modelToCamera = camera.worldToCamera();
    double[] t = modelToCamera.after(modelToWorld.inverse()).translationMm();
    RigidTransform worldToCamera =
        RigidTransform.of(
            modelToCamera.rotation(), new double[] {t[0] + 0.0, t[1] + 0.0, t[2] + 0.0});
    return new CameraRig.View(
        view.viewId(),
        view.yawDeg(),
        view.pitchDeg(),
        view.rollDeg(),
        camera.withWorldToCamera(worldToCamera));
  }

  private static float[] transformed(float[] verticesMm, RigidTransform transform) {
    float[] out = new float[verticesMm.length];
    double[] p = new double[3];
    for (int i = 0; i < verticesMm.length; i += 3) {
      transform.apply(verticesMm[i], verticesMm[i + 1], verticesMm[i + 2], p);
      out[i] = (float) p[0];
      out[i + 1] = (float) p[1];
      out[i + 2] = (float) p[2];
    }
    return out;
  }

  /** The ground-truth mesh of a subject: solid triangles only, world frame, millimetres. */
  public TriangleMesh groundTruthMesh(float[] verticesMm, byte[] colorsRgb) {
    float[] v = new float[3 * meshVertices.length];
    byte[] c = colorsRgb == null ? null : new byte[3 * meshVertices.length];
    for (int i = 0; i < meshVertices.length; i++) {
      System.arraycopy(verticesMm, 3 * meshVertices[i], v, 3 * i, 3);
      if (c != null) {
        System.arraycopy(colorsRgb, 3 * meshVertices[i], c, 3 * i, 3);
      }
    }
    return TriangleMesh.of(v, c, meshTriangles.clone());
  }

  private byte[] meshPly(float[] vertices, HeadAppearance appearance) {
    float[] albedo = appearance.surface().albedoLinearRgb();
    byte[] colors = new byte[albedo.length];
    for (int i = 0; i < albedo.length; i++) {
      double lin = Math.max(0, Math.min(1, albedo[i]));
      double srgb = lin <= 0.0031308 ? 12.92 * lin : 1.055 * Math.pow(lin, 1 / 2.4) - 0.055;
      colors[i] = (byte) Math.round(255 * srgb);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      Ply.writeMesh(groundTruthMesh(vertices, colors), out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private byte[] depthPng(RenderedView view) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      DepthPng.write(
          view.depthMm(), view.widthPx(), view.heightPx(), spec.depthScaleMmPerUnit, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static byte[] png(BufferedImage image) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, "png", out)) {
        throw new IOException("no PNG writer");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static Landmarks landmarks(LandmarkProjector.ProjectedLandmark[] points) {
    Landmarks.Builder b = Landmarks.newBuilder();
    for (LandmarkProjector.ProjectedLandmark p : points) {
      b.addPoints(
          Landmark.newBuilder()
              .setXPx((float) p.xPx())
              .setYPx((float) p.yPx())
              .setDepthMm((float) p.depthMm())
              .setVisible(p.visible()));
    }
    return b.build();
  }
}
