package io.headrecon.geometry.fusion;

import io.headrecon.geometry.RigidTransform;

/**
 * What fusion found for one view.
 *
 * @param viewId the input view's name
 * @param registered false when the view could not be placed (no landmark link and no initial pose);
 *     such a view is left out of the fused cloud and its other fields are meaningless
 * @param initialisation how its initial pose was obtained
 * @param cameraToReference the final pose: camera frame of this view to the reference frame (mm)
 * @param icpFitness fraction of its (thinned) points with a partner in the other views at the end
 * @param icpRmseMm RMS distance of those pairs, millimetres
 * @param landmarkResidualMm RMS distance (mm) of its visible landmarks, mapped to the reference
 *     frame, to the mean of the same landmarks over all views that see them; NaN without landmarks
 * @param merged whether its points are in the merged (fused) cloud: registered, and its fitness not
 *     far below the other views' ({@link FusionOptions#minMergeFitnessRatio()})
 */
public record ViewResult(
    String viewId,
    boolean registered,
    Initialisation initialisation,
    RigidTransform cameraToReference,
    double icpFitness,
    double icpRmseMm,
    double landmarkResidualMm,
    boolean merged) {

  /** The source of a view's initial pose. */
  public enum Initialisation {
    /** The reference view: identity. */
    REFERENCE,
    /** Given in the input. */
    GIVEN,
    /** Chained landmark alignments through the pose tree. */
    LANDMARKS,
    /** Not placed. */
    NONE
  }
}
