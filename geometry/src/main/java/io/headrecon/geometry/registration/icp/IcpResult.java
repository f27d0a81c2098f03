package io.headrecon.geometry.registration.icp;

import io.headrecon.geometry.RigidTransform;

/**
 * The outcome of an ICP alignment.
 *
 * @param sourceToTarget the final transform from the source frame to the target frame (mm)
 * @param fitness fraction of source points with a target point closer than the final stage's
 *     maximum correspondence distance, in [0, 1]
 * @param inlierRmseMm root mean square Euclidean distance of those pairs, millimetres
 * @param iterations iterations run over all stages
 * @param converged whether the last stage met its convergence criteria before its iteration limit
 * @param nearestNeighbourQueries nearest-neighbour queries made (source points times searches, the
 *     final scoring included)
 */
public record IcpResult(
    RigidTransform sourceToTarget,
    double fitness,
    double inlierRmseMm,
    int iterations,
    boolean converged,
    long nearestNeighbourQueries) {}
