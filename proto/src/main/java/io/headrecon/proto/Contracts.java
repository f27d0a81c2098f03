package io.headrecon.proto;

import java.util.HashSet;
import java.util.Set;

/**
 * Checks of the fields that proto3 cannot mark as required. Each failure throws a {@link
 * ContractViolationException} whose message names the source, the view and the field.
 */
public final class Contracts {
  /** Number of facial landmarks, in Multi-PIE order. */
  public static final int LANDMARK_COUNT = 68;

  private static final double ROTATION_TOLERANCE = 1e-4;

  private Contracts() {}

  /**
   * Checks a subject manifest: a subject id that is safe as a path segment, at least one view,
   * unique view ids, a valid camera wherever one is given, 68 landmarks wherever any are given.
   *
   * @param source where the manifest came from, named in errors
   */
  public static void checkManifest(SubjectManifest manifest, String source) {
    String subject = manifest.getSubjectId();
    checkSafeId(subject, source + ": subjectId");
    if (manifest.getViewsCount() == 0) {
      throw new ContractViolationException(source + ": subject '" + subject + "' has no views");
    }
    Set<String> seen = new HashSet<>();
    for (View view : manifest.getViewsList()) {
      String where = source + ": view '" + view.getViewId() + "'";
      checkSafeId(view.getViewId(), where + " viewId");
      if (!seen.add(view.getViewId())) {
        throw new ContractViolationException(where + " appears twice");
      }
      if (!view.getSubjectId().isEmpty() && !view.getSubjectId().equals(subject)) {
        throw new ContractViolationException(
            where + " has subjectId '" + view.getSubjectId() + "', expected '" + subject + "'");
      }
      if (view.hasCamera()) {
        checkCamera(view.getCamera(), where);
      }
      if (view.hasGroundTruth() && view.getGroundTruth().hasLandmarks()) {
        checkLandmarks(view.getGroundTruth().getLandmarks(), where);
      }
      if (view.hasGroundTruth()
          && !view.getGroundTruth().getDepthUri().isEmpty()
          && !(view.getGroundTruth().getDepthScaleMmPerUnit() > 0)) {
        throw new ContractViolationException(
            where + " has a depthUri but depthScaleMmPerUnit is not positive");
      }
    }
  }

  /** Checks intrinsics (positive focal lengths and size) and, if present, extrinsics. */
  public static void checkCamera(Camera camera, String where) {
    Intrinsics k = camera.getIntrinsics();
    if (!camera.hasIntrinsics()) {
      throw new ContractViolationException(where + ": camera has no intrinsics");
    }
    if (!(k.getFxPx() > 0) || !(k.getFyPx() > 0)) {
      throw new ContractViolationException(
          where
              + ": intrinsics fxPx/fyPx must be positive, got "
              + k.getFxPx()
              + ", "
              + k.getFyPx());
    }
    if (k.getWidthPx() <= 0 || k.getHeightPx() <= 0) {
      throw new ContractViolationException(
          where
              + ": intrinsics widthPx/heightPx must be positive, got "
              + k.getWidthPx()
              + "x"
              + k.getHeightPx());
    }
    if (camera.hasExtrinsics()) {
      checkExtrinsics(camera.getExtrinsics(), where);
    }
  }

  /** Checks that R has 9 values and is a rotation, and that t has 3 values. */
  public static void checkExtrinsics(Extrinsics e, String where) {
    if (e.getRotationWorldToCameraCount() != 9) {
      throw new ContractViolationException(
          where
              + ": extrinsics rotationWorldToCamera needs 9 values (3x3 row-major), got "
              + e.getRotationWorldToCameraCount());
    }
    if (e.getTranslationWorldToCameraMmCount() != 3) {
      throw new ContractViolationException(
          where
              + ": extrinsics translationWorldToCameraMm needs 3 values, got "
              + e.getTranslationWorldToCameraMmCount());
    }
    double[] r = new double[9];
    for (int i = 0; i < 9; i++) {
      r[i] = e.getRotationWorldToCamera(i);
    }
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        double dot = 0;
        for (int k = 0; k < 3; k++) {
          dot += r[3 * i + k] * r[3 * j + k];
        }
        if (Math.abs(dot - (i == j ? 1 : 0)) > ROTATION_TOLERANCE) {
          throw new ContractViolationException(
              where + ": extrinsics rotationWorldToCamera is not orthonormal");
        }
      }
    }
    double det =
        r[0] * (r[4] * r[8] - r[5] * r[7])
            - r[1] * (r[3] * r[8] - r[5] * r[6])
            + r[2] * (r[3] * r[7] - r[4] * r[6]);
    if (det < 0) {
      throw new ContractViolationException(
          where + ": extrinsics rotationWorldToCamera is a reflection (det < 0)");
    }
  }

  /** Checks that there are exactly 68 landmarks with finite coordinates. */
  public static void checkLandmarks(Landmarks landmarks, String where) {
    if (landmarks.getPointsCount() != LANDMARK_COUNT) {
      throw new ContractViolationException(
          where
              + ": landmarks need "
              + LANDMARK_COUNT
              + " points, got "
              + landmarks.getPointsCount());
    }
    for (int i = 0; i < LANDMARK_COUNT; i++) {
      Landmark p = landmarks.getPoints(i);
      if (!Float.isFinite(p.getXPx()) || !Float.isFinite(p.getYPx())) {
        throw new ContractViolationException(where + ": landmark " + i + " is not finite");
      }
    }
  }

  /**
   * Checks that an id is non-empty and safe as one path segment: letters, digits, '-', '_' and '.',
   * but not "." or "..", at most 128 characters.
   */
  public static void checkSafeId(String id, String what) {
    if (id == null || id.isEmpty()) {
      throw new ContractViolationException(what + " is empty");
    }
    if (!isSafeId(id)) {
      throw new ContractViolationException(
          what + " '" + id + "' is not a safe id (letters, digits, '-', '_', '.'; not '..')");
    }
  }

  /** Whether {@code id} is safe as one path segment; see {@link #checkSafeId}. */
  public static boolean isSafeId(String id) {
    return id != null
        && !id.isEmpty()
        && id.length() <= 128
        && id.matches("[A-Za-z0-9._-]+")
        && !id.equals(".")
        && !id.contains("..");
  }
}
