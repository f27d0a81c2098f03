package io.headrecon.model;

import io.headrecon.geometry.PinholeCamera;
import io.headrecon.geometry.RigidTransform;
import io.headrecon.proto.Camera;
import io.headrecon.proto.Extrinsics;
import io.headrecon.proto.Intrinsics;

/** Conversions between the proto contracts and the geometry value types. */
public final class ProtoGeometry {
  private ProtoGeometry() {}

  /** The camera of a proto; without extrinsics the pose is the identity (camera = world frame). */
  public static PinholeCamera camera(Camera camera) {
    Intrinsics k = camera.getIntrinsics();
    RigidTransform worldToCamera =
        camera.hasExtrinsics() ? worldToCamera(camera.getExtrinsics()) : RigidTransform.identity();
    return PinholeCamera.of(
        k.getFxPx(),
        k.getFyPx(),
        k.getCxPx(),
        k.getCyPx(),
        k.getWidthPx(),
        k.getHeightPx(),
        worldToCamera);
  }

  /** The world-to-camera transform of proto extrinsics (millimetres). */
  public static RigidTransform worldToCamera(Extrinsics e) {
    double[] r = new double[9];
    for (int i = 0; i < 9; i++) {
      r[i] = e.getRotationWorldToCamera(i);
    }
    double[] t = {
      e.getTranslationWorldToCameraMm(0),
      e.getTranslationWorldToCameraMm(1),
      e.getTranslationWorldToCameraMm(2)
    };
    return RigidTransform.of(r, t);
  }

  /** The proto camera of a pinhole camera: intrinsics and world-to-camera extrinsics (mm). */
  public static Camera toProto(PinholeCamera c) {
    RigidTransform w2c = c.worldToCamera();
    Extrinsics.Builder e = Extrinsics.newBuilder();
    for (double r : w2c.rotation()) {
      e.addRotationWorldToCamera(r);
    }
    for (double t : w2c.translationMm()) {
      e.addTranslationWorldToCameraMm(t);
    }
    return Camera.newBuilder()
        .setIntrinsics(
            Intrinsics.newBuilder()
                .setFxPx(c.fxPx())
                .setFyPx(c.fyPx())
                .setCxPx(c.cxPx())
                .setCyPx(c.cyPx())
                .setWidthPx(c.widthPx())
                .setHeightPx(c.heightPx()))
        .setExtrinsics(e)
        .build();
  }

  /**
   * Intrinsics for the same photo resized to {@code widthPx} × {@code heightPx} pixels ({@link
   * PinholeCamera#resized}); the same intrinsics when the size matches.
   */
  public static Intrinsics resized(Intrinsics k, int widthPx, int heightPx) {
    if (k.getWidthPx() == widthPx && k.getHeightPx() == heightPx) {
      return k;
    }
    PinholeCamera c =
        camera(Camera.newBuilder().setIntrinsics(k).build()).resized(widthPx, heightPx);
    return k.toBuilder()
        .setFxPx(c.fxPx())
        .setFyPx(c.fyPx())
        .setCxPx(c.cxPx())
        .setCyPx(c.cyPx())
        .setWidthPx(widthPx)
        .setHeightPx(heightPx)
        .build();
  }
}
