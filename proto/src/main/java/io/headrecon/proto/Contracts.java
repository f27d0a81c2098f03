package io.headrecon.proto;

import java.util.HashSet;
import java.util.Locale;
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

  /**
   * Largest |p1|, |p2| of a camera's {@link Distortion}: a real lens's tangential (decentring)
   * distortion is two orders of magnitude below this.
   */
  public static final double MAX_TANGENTIAL_DISTORTION = 0.1;

  /**
   * Most that radial distortion may scale a radius inside the image, either way: the distorted
   * radius over the ideal one stays in [1 / this, this] out to the farthest image corner.
   */
  public static final double MAX_RADIAL_DISTORTION_SCALE = 2;

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
        if (hasDistortion(view.getCamera()) && hasGroundTruthInPixels(view)) {
          throw new ContractViolationException(
              where
                  + ": camera distortion is not zero but the view has ground truth in image pixels"
                  + " (groundTruth depthUri, maskUri or landmarks), which would not match the"
                  + " undistorted photo: give the ground truth of the undistorted image and no"
                  + " distortion");
        }
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
    if (camera.hasDistortion()) {
      checkDistortion(camera.getDistortion(), k, where);
    }
    if (camera.hasExtrinsics()) {
      checkExtrinsics(camera.getExtrinsics(), where);
    }
  }

  /** Whether {@code camera} has a distortion with any coefficient other than 0. */
  public static boolean hasDistortion(Camera camera) {
    Distortion d = camera.getDistortion();
    return d.getK1() != 0 || d.getK2() != 0 || d.getP1() != 0 || d.getP2() != 0 || d.getK3() != 0;
  }

  private static boolean hasGroundTruthInPixels(View view) {
    ViewGroundTruth gt = view.getGroundTruth();
    return !gt.getDepthUri().isEmpty() || !gt.getMaskUri().isEmpty() || gt.hasLandmarks();
  }

  /**
   * Checks a lens distortion against the intrinsics {@code k} it belongs to: every coefficient
   * finite; |p1|, |p2| at most {@link #MAX_TANGENTIAL_DISTORTION}; and, out to the image corner
   * farthest from the principal point, a radial mapping {@code r_d = r (1 + k1 r^2 + k2 r^4 + k3
   * r^6)} (normalised radii) that keeps growing (else the model folds the image: two directions
   * would meet at one photo point, and the photo cannot be undistorted) and scales radii by at most
   * {@link #MAX_RADIAL_DISTORTION_SCALE} either way.
   *
   * @param where the source and view, named in errors
   */
  public static void checkDistortion(Distortion d, Intrinsics k, String where) {
    checkFinite(d.getK1(), where + ": distortion k1");
    checkFinite(d.getK2(), where + ": distortion k2");
    checkFinite(d.getP1(), where + ": distortion p1");
    checkFinite(d.getP2(), where + ": distortion p2");
    checkFinite(d.getK3(), where + ": distortion k3");
    for (double[] p : new double[][] {{d.getP1(), 1}, {d.getP2(), 2}}) {
      if (Math.abs(p[0]) > MAX_TANGENTIAL_DISTORTION) {
        throw new ContractViolationException(
            where
                + ": distortion p"
                + (int) p[1]
                + " must lie in [-"
                + MAX_TANGENTIAL_DISTORTION
                + ", "
                + MAX_TANGENTIAL_DISTORTION
                + "] (tangential distortion of a real lens is far smaller), got "
                + p[0]);
      }
    }
    // The farthest image corner from the principal point, in normalised (distorted) radius.
    double corner = 0;
    for (double u : new double[] {-0.5, k.getWidthPx() - 0.5}) {
      for (double v : new double[] {-0.5, k.getHeightPx() - 0.5}) {
        corner =
            Math.max(
                corner,
                Math.hypot((u - k.getCxPx()) / k.getFxPx(), (v - k.getCyPx()) / k.getFyPx()));
      }
    }
    double step = corner / 1000;
    if (!(step > 0)) {
      return; // a focal length so long that the image has no radius to distort
    }
    for (double r = step; ; r += step) {
      double r2 = r * r;
      double scale = 1 + r2 * (d.getK1() + r2 * (d.getK2() + r2 * d.getK3()));
      double slope = 1 + r2 * (3 * d.getK1() + r2 * (5 * d.getK2() + r2 * 7 * d.getK3()));
      String problem = null;
      if (!(slope > 0)) {
        problem =
            String.format(
                Locale.ROOT,
                "fold the image: the distorted radius stops growing at normalised radius %.3f,"
                    + " inside the image (its farthest corner is at %.3f)",
                r,
                corner);
      } else if (scale > MAX_RADIAL_DISTORTION_SCALE || scale < 1 / MAX_RADIAL_DISTORTION_SCALE) {
        problem =
            String.format(
                Locale.ROOT,
                "scale radii by %.3f at normalised radius %.3f, inside the image; at most %.1fx"
                    + " either way is accepted",
                scale,
                r,
                MAX_RADIAL_DISTORTION_SCALE);
      }
      if (problem != null) {
        throw new ContractViolationException(
            where
                + ": distortion k1, k2, k3 = "
                + d.getK1()
                + ", "
                + d.getK2()
                + ", "
                + d.getK3()
                + " "
                + problem);
      }
      if (r * scale >= corner) {
        return; // reached the farthest corner of the photo
      }
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
