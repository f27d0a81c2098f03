package io.headrecon.geometry.testdata;

import io.headrecon.geometry.PinholeCamera;
import io.headrecon.geometry.RigidTransform;
import io.headrecon.geometry.TriangleMesh;
import io.headrecon.geometry.depth.DepthMap;
import io.headrecon.geometry.io.DepthPng;
import io.headrecon.geometry.io.Ply;
import io.headrecon.proto.Camera;
import io.headrecon.proto.Extrinsics;
import io.headrecon.proto.Intrinsics;
import io.headrecon.proto.Landmark;
import io.headrecon.proto.ManifestUris;
import io.headrecon.proto.ProtoJson;
import io.headrecon.proto.SubjectManifest;
import io.headrecon.proto.View;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * One committed sample subject of {@code testdata/synthetic/} read with the geometry codecs: its
 * cameras (with true world-to-camera poses), ground-truth depth maps and landmarks, and the
 * ground-truth mesh (world frame, mm).
 *
 * @param views the views in manifest order (sorted by view id)
 * @param mesh the ground-truth mesh, world frame, millimetres
 */
public record TestdataSubject(String subjectId, List<TestdataView> views, TriangleMesh mesh) {

  /**
   * One view.
   *
   * @param camera intrinsics and the true world-to-camera pose (mm)
   * @param depth ground-truth Z depth per pixel, mm
   * @param landmarksPx x, y per landmark, pixels
   * @param landmarkVisible visibility per landmark
   */
  public record TestdataView(
      String viewId,
      double yawDeg,
      PinholeCamera camera,
      DepthMap depth,
      double[] landmarksPx,
      boolean[] landmarkVisible) {}

  /** The repository's {@code testdata/synthetic} folder. */
  public static Path folder() {
    String root = System.getProperty("headrecon.root", "..");
    return Paths.get(root).resolve("testdata").resolve("synthetic").toAbsolutePath().normalize();
  }

  /** Loads {@code testdata/synthetic/<subjectId>}. */
  public static TestdataSubject load(String subjectId) throws IOException {
    Path manifestPath = folder().resolve(subjectId).resolve("manifest.json");
    String manifestUri = manifestPath.toString();
    SubjectManifest manifest = ProtoJson.parseManifest(Files.readString(manifestPath), manifestUri);
    List<TestdataView> views = new ArrayList<>();
    for (View v : manifest.getViewsList()) {
      PinholeCamera camera = camera(v.getCamera());
      String depthUri = ManifestUris.resolve(manifestUri, v.getGroundTruth().getDepthUri());
      DepthPng.DepthImage image;
      try (InputStream in = Files.newInputStream(Paths.get(depthUri))) {
        image = DepthPng.read(in, v.getGroundTruth().getDepthScaleMmPerUnit(), depthUri);
      }
      List<Landmark> points = v.getGroundTruth().getLandmarks().getPointsList();
      double[] px = new double[2 * points.size()];
      boolean[] visible = new boolean[points.size()];
      for (int i = 0; i < points.size(); i++) {
        px[2 * i] = points.get(i).getXPx();
        px[2 * i + 1] = points.get(i).getYPx();
        visible[i] = points.get(i).getVisible();
      }
      views.add(
          new TestdataView(
              v.getViewId(),
              v.getYawDeg(),
              camera,
              DepthMap.of(image.widthPx(), image.heightPx(), image.depthMm()),
              px,
              visible));
    }
    String meshUri = ManifestUris.resolve(manifestUri, manifest.getGroundTruth().getMeshUri());
    TriangleMesh mesh;
    try (InputStream in = Files.newInputStream(Paths.get(meshUri))) {
      mesh = Ply.readMesh(in, meshUri);
    }
    return new TestdataSubject(manifest.getSubjectId(), List.copyOf(views), mesh);
  }

  /** Index of the view closest to frontal (smallest |yaw|). */
  public int frontalView() {
    int best = 0;
    for (int i = 1; i < views.size(); i++) {
      if (Math.abs(views.get(i).yawDeg()) < Math.abs(views.get(best).yawDeg())) {
        best = i;
      }
    }
    return best;
  }

  private static PinholeCamera camera(Camera camera) {
    Intrinsics k = camera.getIntrinsics();
    Extrinsics e = camera.getExtrinsics();
    double[] r = new double[9];
    for (int i = 0; i < 9; i++) {
      r[i] = e.getRotationWorldToCamera(i);
    }
    double[] t = new double[3];
    for (int i = 0; i < 3; i++) {
      t[i] = e.getTranslationWorldToCameraMm(i);
    }
    return PinholeCamera.of(
        k.getFxPx(),
        k.getFyPx(),
        k.getCxPx(),
        k.getCyPx(),
        k.getWidthPx(),
        k.getHeightPx(),
        RigidTransform.of(r, t));
  }
}
