package io.headrecon.transforms.recon;

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
}
