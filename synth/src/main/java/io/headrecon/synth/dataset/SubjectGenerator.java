package io.headrecon.synth.dataset;

import io.headrecon.geometry.PinholeCamera;
import io.headrecon.geometry.RigidTransform;
import io.headrecon.geometry.TriangleMesh;
import io.headrecon.geometry.io.DepthPng;
import io.headrecon.geometry.io.Ply;
import io.headrecon.model.HeadMask;
import io.headrecon.model.ProtoGeometry;
import io.headrecon.proto.Landmark;
import io.headrecon.proto.Landmarks;
import io.headrecon.proto.MeshPart;
import io.headrecon.proto.MeshParts;
import io.headrecon.proto.ProtoJson;
import io.headrecon.proto.SubjectGroundTruth;
import io.headrecon.proto.SubjectManifest;
import io.headrecon.proto.View;
import io.headrecon.proto.ViewGroundTruth;
import io.headrecon.synth.face.Expression;
import io.headrecon.synth.face.ExpressionLibrary;
import io.headrecon.synth.face.IctFaceModel;
import io.headrecon.synth.look.Dressing;
import io.headrecon.synth.look.SubjectLook;
import io.headrecon.synth.render.Background;
import io.headrecon.synth.render.CameraEffects;
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
import io.headrecon.synth.render.Scene;
import io.headrecon.synth.render.SceneRenderer;
import io.headrecon.synth.render.Seeds;
import io.headrecon.synth.render.ShadowMap;
import io.headrecon.synth.render.SkinDetail;
import io.headrecon.synth.render.StudioLighting;
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
    return spec.look == DatasetSpec.Look.LEGACY ? generateLegacy(index) : generateRealistic(index);
  }

  /** A bald bust on a procedural background, exactly as before issue 15. */
  private Subject generateLegacy(int index) {
    String subjectId = DatasetSpec.subjectId(index);
    long seed = spec.seed;
    double[] identity = identity(index);
    Expression expression = expression(index);
    float[] vertices = model.deformMm(identity, expression.weights());
    HeadAppearance appearance = HeadAppearance.sample(model, Seeds.random(seed, index, "look"));
    Lighting lighting =
        Lighting.sample(Seeds.random(seed, index, "lighting"), spec.keyLightAzimuthMaxDeg);
    RenderMesh mesh = RenderMesh.of(vertices, solidTriangles, appearance.surface());
    CameraRig.Settings rig = rig(index);
    // Rendered in the head model's frame; written in the world frame (see worldOriginMm).
    List<CameraRig.View> cameras =
        CameraRig.place(vertices, spec.yawsDeg, rig, Seeds.derive(seed, index, "cameras"));
    RigidTransform modelToWorld = modelToWorld();
    boolean offset = !modelToWorld.equals(RigidTransform.identity());
    float[] worldVertices = offset ? transformed(vertices, modelToWorld) : vertices;

    List<OutputFile> files = new ArrayList<>();
    List<RenderedView> rendered = new ArrayList<>();
    SubjectManifest.Builder manifest = newManifest(subjectId);
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

      addView(files, manifest, subjectId, view, modelToWorld, image, landmarks);
    }
    files.add(new OutputFile(MESH, "application/octet-stream", meshPly(worldVertices, appearance)));
    BufferedImage sheet = ContactSheet.of(rendered, 10, spec.contactSheetThumbnailPx);
    files.add(new OutputFile(CONTACT_SHEET, "image/png", png(sheet)));

    SubjectGroundTruth.Builder truth =
        SubjectGroundTruth.newBuilder().setMeshUri(MESH).setExpressionName(expression.name());
    return finish(
        manifest,
        truth,
        identity,
        expression,
        files,
        rendered,
        cameras,
        modelToWorld,
        worldVertices);
  }

  /** A manifest with the subject's id and split. */
  private SubjectManifest.Builder newManifest(String subjectId) {
    return SubjectManifest.newBuilder()
        .setSubjectId(subjectId)
        .setSplit(split(spec.seed, subjectId, spec.valFraction, spec.testFraction));
  }

  /** The identity weights of subject {@code index}. */
  private double[] identity(int index) {
    return model.sampleIdentity(Seeds.random(spec.seed, index, "identity"), spec.identityScale);
  }

  /** The expression of subject {@code index}. */
  private Expression expression(int index) {
    return library.sample(
        Seeds.random(spec.seed, index, "expression"), spec.expressions, spec.mixProbability);
  }

  /** The camera settings of subject {@code index}: its focal length drawn when a range is set. */
  private CameraRig.Settings rig(int index) {
    CameraRig.Settings rig = spec.rigSettings();
    if (spec.focalLengthRange()) {
      double u = Seeds.random(spec.seed, index, "lens").nextDouble();
      rig =
          rig.withFocalLength35mm(
              spec.focalLength35mm + (spec.maxFocalLength35mm - spec.focalLength35mm) * u);
    }
    return rig;
  }

  /** Model frame to the written world frame (see {@link DatasetSpec#worldOriginMm()}). */
  private RigidTransform modelToWorld() {
    double[] origin = spec.worldOriginMm;
    boolean offset = origin[0] != 0 || origin[1] != 0 || origin[2] != 0;
    return offset
        ? RigidTransform.translation(-origin[0], -origin[1], -origin[2])
        : RigidTransform.identity();
  }

  /**
   * Completes a subject: the identity and expression weights into {@code truth}, the manifest
   * (written last), the cameras in the world frame.
   */
  private Subject finish(
      SubjectManifest.Builder manifest,
      SubjectGroundTruth.Builder truth,
      double[] identity,
      Expression expression,
      List<OutputFile> files,
      List<RenderedView> rendered,
      List<CameraRig.View> cameras,
      RigidTransform modelToWorld,
      float[] worldVertices) {
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
   * A head with hair, facial hair and a garment, lit by a studio with cast shadows, in front of a
   * photographic, studio or procedural background, through a camera with its effects, in a crop
   * jittered as the head crop's own error.
   */
  private Subject generateRealistic(int index) {
    String subjectId = DatasetSpec.subjectId(index);
    long seed = spec.seed;
    double[] identity = identity(index);
    Expression expression = expression(index);
    float[] vertices = model.deformMm(identity, expression.weights());
    SubjectLook look =
        SubjectLook.sample(Seeds.random(seed, index, "style"), spec.hairStyles, spec.garments);
    HeadAppearance appearance =
        HeadAppearance.sample(model, Seeds.random(seed, index, "look"), look.headStyle());
    float[] head = Dressing.withRelief(vertices, solidTriangles, appearance.reliefMm());
    List<Scene.Layer> layers = new ArrayList<>();
    layers.add(
        new Scene.Layer(
            "head",
            HeadMask.Surface.HEAD,
            head,
            solidTriangles,
            occluderTriangles,
            appearance.surface(),
            appearance.facialHair(),
            SkinDetail.of(Seeds.derive(seed, index, "skin"))));
    layers.addAll(
        Dressing.layers(model, head, solidTriangles, appearance.surface().albedoLinearRgb(), look));
    Scene scene = Scene.of(layers);
    StudioLighting lighting =
        StudioLighting.sample(Seeds.random(seed, index, "lighting"), spec.keyLightAzimuthMaxDeg);
    ShadowMap shadows =
        ShadowMap.of(
            scene.verticesMm(),
            scene.triangles(),
            lighting.key().towardsLight(),
            CameraRig.boxCentre(vertices),
            SHADOW_RADIUS_MM,
            shadowMapPx(spec.widthPx * spec.supersample),
            lighting.keyPenumbraMm(),
            SHADOW_BIAS_MM);
    CameraRig.Settings rig = rig(index);
    // Framed on the bare head, as the head crop frames real photos; then jittered per view.
    List<CameraRig.View> cameras = new ArrayList<>();
    for (CameraRig.View view :
        CameraRig.place(vertices, spec.yawsDeg, rig, Seeds.derive(seed, index, "cameras"))) {
      cameras.add(cropJitter(view, Seeds.random(seed, index, "crop", view.viewId())));
    }
    RigidTransform modelToWorld = modelToWorld();
    boolean offset = !modelToWorld.equals(RigidTransform.identity());

    List<OutputFile> files = new ArrayList<>();
    List<RenderedView> rendered = new ArrayList<>();
    SubjectManifest.Builder manifest = newManifest(subjectId);
    int[] landmarkIds = model.landmarkIds();
    for (CameraRig.View view : cameras) {
      Random viewRandom = Seeds.random(seed, index, "view", view.viewId());
      Background background = background(viewRandom);
      CameraEffects effects =
          spec.cameraEffects
              ? CameraEffects.sample(
                  viewRandom, spec.widthPx, spec.heightPx, spec.minJpegQuality, spec.maxJpegQuality)
              : CameraEffects.none(spec.widthPx, spec.heightPx);
      RenderedView image =
          SceneRenderer.render(
              view.camera(),
              scene,
              lighting,
              shadows,
              background,
              spec.supersample,
              effects,
              viewRandom);
      rendered.add(image);
      Fragments occluders =
          Rasterizer.rasterize(view.camera(), scene.verticesMm(), scene.occluderTriangles());
      LandmarkProjector.ProjectedLandmark[] landmarks =
          LandmarkProjector.project(
              view.camera(), head, landmarkIds, occluders, LANDMARK_OCCLUSION_TOLERANCE_MM);
      addView(files, manifest, subjectId, view, modelToWorld, image, landmarks);
    }
    List<MeshPart> parts = new ArrayList<>();
    TriangleMesh mesh = sceneMesh(scene, offset ? modelToWorld : null, parts);
    files.add(new OutputFile(MESH, "application/octet-stream", ply(mesh)));
    BufferedImage sheet = ContactSheet.withMasks(rendered, 10, spec.contactSheetThumbnailPx);
    files.add(new OutputFile(CONTACT_SHEET, "image/png", png(sheet)));

    SubjectGroundTruth.Builder truth =
        SubjectGroundTruth.newBuilder()
            .setMeshUri(MESH)
            .setExpressionName(expression.name())
            .setMeshParts(MeshParts.newBuilder().addAllParts(parts))
            .setLook(look.describe() + "; " + lighting.description());
    float[] worldHead = offset ? transformed(head, modelToWorld) : head;
    return finish(
        manifest, truth, identity, expression, files, rendered, cameras, modelToWorld, worldHead);
  }

  /** Radius of the region the key light's shadow map covers around the head's centre, mm. */
  static final double SHADOW_RADIUS_MM = 270;

  /**
   * Width and height of the shadow map, texels: one texel per colour sample across the image, 256
   * to 1024 (1.0 mm each at 180 px with 3 × 3 samples, finer than the key light's penumbra).
   */
  static int shadowMapPx(int samplesAcross) {
    return Math.max(256, Math.min(1024, samplesAcross));
  }

  /** Constant part of the shadow test's bias, millimetres. */
  static final double SHADOW_BIAS_MM = 0.8;

  /** Share of photo backgrounds in the default mix (when the library has photos). */
  static final double PHOTO_SHARE = 0.45;

  /** Share of studio backdrops in the default mix; the rest is procedural. */
  static final double STUDIO_SHARE = 0.2;

  /**
   * A view's background: with no kinds given, a photo ({@value #PHOTO_SHARE}), a studio backdrop
   * ({@value #STUDIO_SHARE}) or a procedural kind; else a kind drawn uniformly from those given. A
   * photo drawn without photos in the library becomes a procedural kind.
   */
  private Background background(Random random) {
    Background.Kind kind;
    if (spec.backgroundKinds.isEmpty()) {
      double u = random.nextDouble();
      kind =
          u < PHOTO_SHARE
              ? Background.Kind.PHOTO
              : u < PHOTO_SHARE + STUDIO_SHARE ? Background.Kind.STUDIO : null;
    } else {
      kind = spec.backgroundKinds.get(random.nextInt(spec.backgroundKinds.size()));
    }
    if (kind == null || (kind == Background.Kind.PHOTO && spec.backgroundPhotos.isEmpty())) {
      kind = Background.PROCEDURAL.get(random.nextInt(Background.PROCEDURAL.size()));
    }
    return Background.sample(kind, random, spec.widthPx, spec.heightPx, spec.backgroundPhotos);
  }

  /**
   * The view with its crop jittered: focal length times 1 + U(-s, s), principal point moved by
   * U(-o, o) pixels per axis, and a roll of U(-r, r) degrees about the optical axis (s, o, r from
   * the spec; o at 180 px width, scaled with the width).
   */
  private CameraRig.View cropJitter(CameraRig.View view, Random random) {
    PinholeCamera c = view.camera();
    double scale = 1 + spec.cropScaleJitter * (2 * random.nextDouble() - 1);
    double px = spec.cropOffsetJitterPx * c.widthPx() / 180.0;
    double dx = px * (2 * random.nextDouble() - 1);
    double dy = px * (2 * random.nextDouble() - 1);
    double roll = spec.cropRollJitterDeg * (2 * random.nextDouble() - 1) + 0.0;
    RigidTransform pose = c.worldToCamera();
    if (roll != 0) {
      pose = RigidTransform.fromAxisAngle(0, 0, 1, roll, new double[3]).after(pose);
    }
    PinholeCamera jittered =
        PinholeCamera.of(
            c.fxPx() * scale,
            c.fyPx() * scale,
            c.cxPx() + dx,
            c.cyPx() + dy,
            c.widthPx(),
            c.heightPx(),
            pose);
    return new CameraRig.View(
        view.viewId(), view.yawDeg(), view.pitchDeg(), view.rollDeg() + roll, jittered);
  }

  /**
   * The ground-truth mesh of a scene: the head's drawn triangles (on the vertices they use), then
   * every other layer's; {@code parts} receives one run per layer. Colours are the albedo in sRGB.
   *
   * @param modelToWorld where to move the vertices, or null to keep the model frame
   */
  private TriangleMesh sceneMesh(Scene scene, RigidTransform modelToWorld, List<MeshPart> parts) {
    List<Scene.Layer> layers = scene.layers();
    int vertexCount = meshVertices.length;
    int triangleCount = meshTriangles.length / 3;
    for (int i = 1; i < layers.size(); i++) {
      vertexCount += layers.get(i).verticesMm().length / 3;
      triangleCount += layers.get(i).triangles().length / 3;
    }
    float[] v = new float[3 * vertexCount];
    byte[] c = new byte[3 * vertexCount];
    int[] t = new int[3 * triangleCount];
    Scene.Layer headLayer = layers.get(0);
    float[] headAlbedo = headLayer.appearance().albedoLinearRgb();
    for (int i = 0; i < meshVertices.length; i++) {
      System.arraycopy(headLayer.verticesMm(), 3 * meshVertices[i], v, 3 * i, 3);
      for (int k = 0; k < 3; k++) {
        c[3 * i + k] = srgbByte(headAlbedo[3 * meshVertices[i] + k]);
      }
    }
    System.arraycopy(meshTriangles, 0, t, 0, meshTriangles.length);
    parts.add(part(HeadMask.Surface.HEAD, 0, meshTriangles.length / 3));
    int vAt = meshVertices.length;
    int tAt = meshTriangles.length;
    for (int li = 1; li < layers.size(); li++) {
      Scene.Layer l = layers.get(li);
      int n = l.verticesMm().length / 3;
      System.arraycopy(l.verticesMm(), 0, v, 3 * vAt, 3 * n);
      float[] albedo = l.appearance().albedoLinearRgb();
      for (int i = 0; i < 3 * n; i++) {
        c[3 * vAt + i] = srgbByte(albedo[i]);
      }
      for (int k : l.triangles()) {
        t[tAt++] = k + vAt;
      }
      parts.add(part(l.surface(), (tAt - l.triangles().length) / 3, l.triangles().length / 3));
      vAt += n;
    }
    return TriangleMesh.of(modelToWorld == null ? v : transformed(v, modelToWorld), c, t);
  }

  private static MeshPart part(HeadMask.Surface surface, int first, int count) {
    return MeshPart.newBuilder()
        .setName(surface.name().toLowerCase(java.util.Locale.ROOT))
        .setFirstTriangle(first)
        .setTriangleCount(count)
        .build();
  }

  private static byte srgbByte(float linear) {
    double lin = Math.max(0, Math.min(1, linear));
    double srgb = lin <= 0.0031308 ? 12.92 * lin : 1.055 * Math.pow(lin, 1 / 2.4) - 0.055;
    return (byte) Math.round(255 * srgb);
  }

  private static byte[] ply(TriangleMesh mesh) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      Ply.writeMesh(mesh, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Adds a view's image, depth and mask files and its manifest entry. */
  private void addView(
      List<OutputFile> files,
      SubjectManifest.Builder manifest,
      String subjectId,
      CameraRig.View view,
      RigidTransform modelToWorld,
      RenderedView image,
      LandmarkProjector.ProjectedLandmark[] landmarks) {
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
    return ply(groundTruthMesh(vertices, colors));
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
