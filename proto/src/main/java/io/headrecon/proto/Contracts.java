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

  /**
   * Most views (photos) one subject may have. Checked on the listed photos before any is decoded,
   * on the manifest's views, and again by fusion.
   */
  public static final int MAX_VIEWS = 50;

  /** Largest deviation allowed from orthonormality of a rotation: |R R^T - I| per entry. */
  public static final double ROTATION_TOLERANCE = 1e-4;

  private Contracts() {}

  /**
   * Checks a subject manifest: a subject id that is safe as a path segment, 1 to {@link #MAX_VIEWS}
   * views, unique view ids, finite yaw and pitch, a valid camera wherever one is given, 68
   * landmarks wherever any are given, and every URI relative and inside the subject folder.
   *
   * @param source where the manifest came from, named in errors
   */
  public static void checkManifest(SubjectManifest manifest, String source) {
    String subject = manifest.getSubjectId();
    checkSafeId(subject, source + ": subjectId");
    if (manifest.getViewsCount() == 0) {
      throw new ContractViolationException(source + ": subject '" + subject + "' has no views");
    }
    if (manifest.getViewsCount() > MAX_VIEWS) {
      throw new ContractViolationException(
          source
              + ": views has "
              + manifest.getViewsCount()
              + " entries, more than the "
              + MAX_VIEWS
              + " views one subject may have");
    }
    if (!manifest.getGroundTruth().getMeshUri().isEmpty()) {
      checkRelativeUri(manifest.getGroundTruth().getMeshUri(), source + ": groundTruth.meshUri");
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
      if (view.hasYawDeg()) {
        checkFinite(view.getYawDeg(), where + ": yawDeg");
      }
      if (view.hasPitchDeg()) {
        checkFinite(view.getPitchDeg(), where + ": pitchDeg");
      }
      if (!view.getImageUri().isEmpty()) {
        checkRelativeUri(view.getImageUri(), where + ": imageUri");
      }
      if (view.hasCamera()) {
        checkCamera(view.getCamera(), where);
      }
      if (view.hasGroundTruth() && view.getGroundTruth().hasLandmarks()) {
        checkLandmarks(view.getGroundTruth().getLandmarks(), where);
      }
      if (view.hasGroundTruth()) {
        ViewGroundTruth gt = view.getGroundTruth();
        if (!gt.getDepthUri().isEmpty()) {
          checkRelativeUri(gt.getDepthUri(), where + ": groundTruth.depthUri");
          if (!(gt.getDepthScaleMmPerUnit() > 0) || !Double.isFinite(gt.getDepthScaleMmPerUnit())) {
            throw new ContractViolationException(
                where
                    + " has a depthUri but depthScaleMmPerUnit is not positive and finite, got "
                    + gt.getDepthScaleMmPerUnit());
          }
        }
        if (!gt.getMaskUri().isEmpty()) {
          checkRelativeUri(gt.getMaskUri(), where + ": groundTruth.maskUri");
        }
      }
    }
  }

  /**
   * Checks a camera: intrinsics present, widthPx/heightPx positive, fxPx/fyPx finite and positive,
   * the principal point cxPx/cyPx finite and inside the image ([-0.5, width - 0.5] px: pixel
   * centres are at integer coordinates), and, if present, the extrinsics.
   *
   * @param where the source and view, named in errors
   */
  public static void checkCamera(Camera camera, String where) {
    if (!camera.hasIntrinsics()) {
      throw new ContractViolationException(where + ": camera has no intrinsics");
    }
    Intrinsics k = camera.getIntrinsics();
    if (k.getWidthPx() <= 0 || k.getHeightPx() <= 0) {
      throw new ContractViolationException(
          where
              + ": intrinsics widthPx/heightPx must be positive, got "
              + k.getWidthPx()
              + "x"
              + k.getHeightPx());
    }
    checkPositive(k.getFxPx(), where + ": intrinsics fxPx");
    checkPositive(k.getFyPx(), where + ": intrinsics fyPx");
    checkInside(k.getCxPx(), k.getWidthPx(), where + ": intrinsics cxPx", "widthPx");
    checkInside(k.getCyPx(), k.getHeightPx(), where + ": intrinsics cyPx", "heightPx");
    if (camera.hasExtrinsics()) {
      checkExtrinsics(camera.getExtrinsics(), where);
    }
  }

  /**
   * Checks that R has 9 finite values and is a rotation (orthonormal within {@link
   * #ROTATION_TOLERANCE}, det +1 rather than -1), and that t has 3 finite values.
   */
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
      checkFinite(r[i], where + ": extrinsics rotationWorldToCamera[" + i + "]");
    }
    for (int i = 0; i < 3; i++) {
      checkFinite(
          e.getTranslationWorldToCameraMm(i),
          where + ": extrinsics translationWorldToCameraMm[" + i + "]");
    }
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        double dot = 0;
        for (int k = 0; k < 3; k++) {
          dot += r[3 * i + k] * r[3 * j + k];
        }
        if (!(Math.abs(dot - (i == j ? 1 : 0)) <= ROTATION_TOLERANCE)) {
          throw new ContractViolationException(
              where
                  + ": extrinsics rotationWorldToCamera is not orthonormal (row "
                  + i
                  + " . row "
                  + j
                  + " = "
                  + dot
                  + ", tolerance "
                  + ROTATION_TOLERANCE
                  + ")");
        }
      }
    }
    double det =
        r[0] * (r[4] * r[8] - r[5] * r[7])
            - r[1] * (r[3] * r[8] - r[5] * r[6])
            + r[2] * (r[3] * r[7] - r[4] * r[6]);
    if (!(det > 0)) {
      throw new ContractViolationException(
          where + ": extrinsics rotationWorldToCamera is a reflection (det < 0): det = " + det);
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

  /**
   * Checks that a URI from a manifest is relative and stays inside the manifest's folder: no
   * scheme, no leading '/', no backslash, no empty, '.' or '..' segment.
   */
  public static void checkRelativeUri(String uri, String what) {
    if (uri.isEmpty()) {
      throw new ContractViolationException(what + " is empty");
    }
    if (ManifestUris.isAbsolute(uri) || uri.indexOf('\\') >= 0) {
      throw new ContractViolationException(
          what
              + " '"
              + uri
              + "' must be a relative path inside the subject folder (no scheme, no leading"
              + " '/', no '\\')");
    }
    for (String segment : uri.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw new ContractViolationException(
            what
                + " '"
                + uri
                + "' must stay inside the subject folder (no '..', '.' or empty path segment)");
      }
    }
  }

  private static void checkFinite(double v, String what) {
    if (!Double.isFinite(v)) {
      throw new ContractViolationException(what + " must be finite, got " + v);
    }
  }

  private static void checkPositive(double v, String what) {
    if (!Double.isFinite(v) || !(v > 0)) {
      throw new ContractViolationException(what + " must be finite and positive, got " + v);
    }
  }

  private static void checkInside(double v, int sizePx, String what, String sizeField) {
    if (!Double.isFinite(v) || v < -0.5 || v > sizePx - 0.5) {
      throw new ContractViolationException(
          what
              + " must lie inside the image, in [-0.5, "
              + (sizePx - 0.5)
              + "] ("
              + sizeField
              + " "
              + sizePx
              + "), got "
              + v);
    }
  }
}
