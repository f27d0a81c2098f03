package io.headrecon.geometry.multiview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headrecon.geometry.Landmarks3d;
import io.headrecon.geometry.PinholeCamera;
import io.headrecon.geometry.RigidTransform;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MultiViewScaleTest {
  private static final double[] UP = {0, -1, 0};

  /** A camera on a ring around {@code centre} at {@code distanceMm}, {@code yawDeg} from +z. */
  private static PinholeCamera ringCamera(double[] centre, double distanceMm, double yawDeg) {
    double a = Math.toRadians(yawDeg);
    double[] eye = {
      centre[0] + distanceMm * Math.sin(a), centre[1], centre[2] + distanceMm * Math.cos(a)
    };
    return PinholeCamera.lookAt(425, 180, 180, eye, centre, UP);
  }

  /** 68 points on a head-sized ellipsoid's front half (semi-axes 75, 100, 90 mm). */
  private static Landmarks3d headLikePoints(Random random) {
    double[] p = new double[3 * 68];
    boolean[] visible = new boolean[68];
    for (int k = 0; k < 68; k++) {
      double yaw = Math.toRadians(-70 + 140 * random.nextDouble());
      double pitch = Math.toRadians(-40 + 70 * random.nextDouble());
      p[3 * k] = 75 * Math.sin(yaw) * Math.cos(pitch);
      p[3 * k + 1] = 100 * Math.sin(pitch);
      p[3 * k + 2] = 90 * Math.cos(yaw) * Math.cos(pitch);
      visible[k] = true;
    }
    return Landmarks3d.of(p, visible);
  }

  @Test
  void triangulationIgnoresAViewThatMisplacesThePoint() {
    double[] centre = {40, -1200, 300}; // world origin far from the head, as studios calibrate
    double[] point = {52, -1185, 310};
    List<PointTriangulation.Observation> obs = new ArrayList<>();
    for (int yaw = -40; yaw <= 40; yaw += 20) {
      PinholeCamera c = ringCamera(centre, 600, yaw);
      double[] px = c.projectWorld(point);
      double shift = yaw == 20 ? 25 : 0; // one view's detector is 25 px off
      obs.add(new PointTriangulation.Observation(c, px[0] + shift, px[1]));
    }
    TriangulatedPoint t =
        PointTriangulation.triangulate(obs, TriangulationOptions.landmarkDefaults()).orElseThrow();
    assertEquals(4, t.inlierViews());
    assertEquals(5, t.observations());
    assertEquals(point[0], t.xMm(), 1e-6);
    assertEquals(point[1], t.yMm(), 1e-6);
    assertEquals(point[2], t.zMm(), 1e-6);
    assertTrue(t.rmsReprojectionErrorPx() < 1e-6);
  }

  @Test
  void nearlyParallelRaysTriangulateNothing() {
    double[] centre = {0, 0, 0};
    List<PointTriangulation.Observation> obs = new ArrayList<>();
    for (double yaw : new double[] {0, 2}) {
      PinholeCamera c = ringCamera(centre, 600, yaw);
      double[] px = c.projectWorld(new double[] {0, 0, 0});
      obs.add(new PointTriangulation.Observation(c, px[0], px[1]));
    }
    assertTrue(
        PointTriangulation.triangulate(obs, TriangulationOptions.landmarkDefaults()).isEmpty());
  }

  @Test
  void triangulatedLandmarksMoveEachViewsReferenceToTheTrueHeadDepth() {
    Random random = new Random(7);
    Landmarks3d head = headLikePoints(random);
    double[] origin = {15, -1210, 280}; // head origin in a rig frame whose origin is on the floor
    double[] world = new double[3 * 68];
    for (int k = 0; k < 68; k++) {
      for (int a = 0; a < 3; a++) {
        world[3 * k + a] = head.coordinateMm(k, a) + origin[a];
      }
    }
    List<LandmarkTriangulation.ViewLandmarks> views = new ArrayList<>();
    List<PinholeCamera> cameras = new ArrayList<>();
    for (int yaw = -60; yaw <= 60; yaw += 30) {
      PinholeCamera c = ringCamera(origin, 580 + yaw, yaw);
      double[] px = new double[136];
      boolean[] visible = new boolean[68];
      for (int k = 0; k < 68; k++) {
        double[] p =
            c.projectWorld(new double[] {world[3 * k], world[3 * k + 1], world[3 * k + 2]});
        px[2 * k] = p[0] + 0.5 * random.nextGaussian();
        px[2 * k + 1] = p[1] + 0.5 * random.nextGaussian();
        visible[k] = true;
      }
      views.add(new LandmarkTriangulation.ViewLandmarks(c, px, visible));
      cameras.add(c);
    }
    TriangulatedPoint[] tri =
        LandmarkTriangulation.triangulate(views, 68, TriangulationOptions.landmarkDefaults());
    assertEquals(68, LandmarkTriangulation.count(tri));

    for (PinholeCamera c : cameras) {
      double trueReferenceMm = c.worldToCamera().apply(origin)[2];
      // the network decoded this view around an assumed 1000 mm: relief right, anchor wrong
      float[] z = new float[68];
      for (int k = 0; k < 68; k++) {
        double zk =
            c.worldToCamera()
                .apply(new double[] {world[3 * k], world[3 * k + 1], world[3 * k + 2]})[2];
        z[k] = (float) (zk - trueReferenceMm + 1000);
      }
      boolean[] all = new boolean[68];
      java.util.Arrays.fill(all, true);
      ReferenceDepthEstimate e =
          ReferenceDepth.fromTriangulatedLandmarks(c, z, all, tri, 1000, 8).orElseThrow();
      assertEquals(trueReferenceMm, e.depthMm(), 0.5);
      assertEquals(ReferenceDepthEstimate.Source.TRIANGULATED_LANDMARKS, e.source());
    }
  }

  @Test
  void headSizeFindsTheDistanceOfAnUnposedView() {
    Random random = new Random(11);
    Landmarks3d template = headLikePoints(random);
    for (double trueDepthMm : new double[] {560, 640, 1000, 1500}) {
      RigidTransform headToCamera = RigidTransform.fromAxisAngle(0.3, 1, 0.2, 25, new double[3]);
      double[] px = new double[136];
      float[] z = new float[68];
      boolean[] visible = new boolean[68];
      for (int k = 0; k < 68; k++) {
        double[] p = headToCamera.apply(template.positionMm(k));
        p[2] += trueDepthMm;
        px[2 * k] = 425 * p[0] / p[2] + 89.5 + 0.3 * random.nextGaussian();
        px[2 * k + 1] = 425 * p[1] / p[2] + 89.5 + 0.3 * random.nextGaussian();
        z[k] = (float) (p[2] - trueDepthMm + 1000); // relief around an assumed 1000 mm
        visible[k] = true;
      }
      px[0] += 40; // one landmark badly placed
      PinholeCamera camera =
          PinholeCamera.of(425, 425, 89.5, 89.5, 180, 180, RigidTransform.identity());
      Optional<ReferenceDepthEstimate> e =
          ReferenceDepth.fromHeadSize(camera, px, z, visible, template, 1000, 8);
      assertTrue(e.isPresent());
      assertEquals(trueDepthMm, e.get().depthMm(), 0.01 * trueDepthMm, "at " + trueDepthMm);
      assertEquals(ReferenceDepthEstimate.Source.HEAD_SIZE_PRIOR, e.get().source());
    }
  }

  @Test
  void tooFewLandmarksGiveNoEstimate() {
    Landmarks3d template = headLikePoints(new Random(3));
    PinholeCamera camera =
        PinholeCamera.of(425, 425, 89.5, 89.5, 180, 180, RigidTransform.identity());
    boolean[] visible = new boolean[68];
    visible[0] = visible[1] = visible[2] = true;
    float[] z = new float[68];
    java.util.Arrays.fill(z, 1000f);
    assertTrue(
        ReferenceDepth.fromHeadSize(camera, new double[136], z, visible, template, 1000, 8)
            .isEmpty());
    assertTrue(
        ReferenceDepth.fromTriangulatedLandmarks(
                camera, z, visible, new TriangulatedPoint[68], 1000, 8)
            .isEmpty());
    assertNull(
        LandmarkTriangulation.triangulate(List.of(), 68, TriangulationOptions.landmarkDefaults())[
            0]);
  }
}
