package io.headrecon.geometry.registration.icp;

import io.headrecon.geometry.PointCloud;
import io.headrecon.geometry.RigidTransform;

/**
 * Iterative closest point driver: for each stage of the coarse-to-fine schedule, repeatedly finds
 * correspondences ({@link CorrespondenceSearch}), estimates an increment ({@link
 * PointToPointEstimation} or {@link PointToPlaneEstimation}) and applies it until the stage's
 * {@link ConvergenceCriteria} hold. Single-threaded; safe to call from several threads at once with
 * different sources.
 */
public final class Icp {
  private Icp() {}

  /** Aligns {@code source} to {@code target} starting from {@code initialSourceToTarget}. */
  public static IcpResult align(
      PointCloud source,
      PointCloud target,
      RigidTransform initialSourceToTarget,
      IcpOptions options) {
    return align(source, IcpTarget.of(target), initialSourceToTarget, options);
  }

  /** As above with a prepared (indexed) target. */
  public static IcpResult align(
      PointCloud source,
      IcpTarget target,
      RigidTransform initialSourceToTarget,
      IcpOptions options) {
    return align(IcpSource.of(source), target, initialSourceToTarget, options);
  }

  /**
   * As above with a prepared source as well (its visiting order computed once, so that aligning the
   * same source many times builds no kd-tree over it).
   */
  public static IcpResult align(
      IcpSource prepared,
      IcpTarget target,
      RigidTransform initialSourceToTarget,
      IcpOptions options) {
    PointCloud source = prepared.cloud();
    if (options.method() == IcpOptions.Method.POINT_TO_PLANE && !target.cloud().hasNormals()) {
      throw new IllegalArgumentException("point-to-plane ICP needs a target cloud with normals");
    }
    TransformationEstimation estimation =
        options.method() == IcpOptions.Method.POINT_TO_PLANE
            ? new PointToPlaneEstimation()
            : new PointToPointEstimation();
    float[] src = source.positionsMm();
    float[] moved = new float[src.length];
    CorrespondenceSearch search = new CorrespondenceSearch(target, prepared);
    Correspondences pairs = new Correspondences();
    RigidTransform current = initialSourceToTarget;
    ConvergenceCriteria criteria = options.convergence();
    int iterations = 0;
    boolean converged = false;
    double[] schedule = options.maxCorrespondenceDistancesMm();
    for (double maxDistance : schedule) {
      converged = false;
      double previousRmse = -1;
      double kernelScale = options.kernelScaleFraction() * maxDistance;
      for (int it = 0; it < criteria.maxIterations(); it++) {
        transform(src, current, moved);
        search.find(moved, maxDistance, pairs);
        RigidTransform increment =
            estimation.estimate(moved, target.cloud(), pairs, options.kernel(), kernelScale);
        iterations++;
        if (increment == null) {
          break; // too few pairs: keep the pose, try the next stage
        }
        current = increment.after(current);
        double rmse = pairs.rmseMm();
        if (criteria.hasConverged(increment, previousRmse, rmse)) {
          converged = true;
          break;
        }
        previousRmse = rmse;
      }
    }
    // final score at the final pose and the finest distance
    transform(src, current, moved);
    search.find(moved, schedule[schedule.length - 1], pairs);
    double fitness = source.size() == 0 ? 0 : pairs.count() / (double) source.size();
    long queries = (long) (iterations + 1) * source.size();
    return new IcpResult(current, fitness, pairs.rmseMm(), iterations, converged, queries);
  }

  /**
   * Scores {@code source} at a fixed {@code sourceToTarget} pose, without iterating: the fraction
   * of its points with a target point closer than {@code maxDistanceMm} and the RMS distance of
   * those pairs (mm). The result has 0 iterations and is not {@code converged}.
   */
  public static IcpResult evaluate(
      IcpSource source, IcpTarget target, RigidTransform sourceToTarget, double maxDistanceMm) {
    float[] src = source.cloud().positionsMm();
    float[] moved = new float[src.length];
    transform(src, sourceToTarget, moved);
    Correspondences pairs = new Correspondences();
    new CorrespondenceSearch(target, source).find(moved, maxDistanceMm, pairs);
    double fitness = source.size() == 0 ? 0 : pairs.count() / (double) source.size();
    return new IcpResult(sourceToTarget, fitness, pairs.rmseMm(), 0, false, source.size());
  }

  private static void transform(float[] src, RigidTransform t, float[] out) {
    double r0 = t.r(0, 0), r1 = t.r(0, 1), r2 = t.r(0, 2);
    double r3 = t.r(1, 0), r4 = t.r(1, 1), r5 = t.r(1, 2);
    double r6 = t.r(2, 0), r7 = t.r(2, 1), r8 = t.r(2, 2);
    double t0 = t.t(0), t1 = t.t(1), t2 = t.t(2);
    for (int i = 0; i < src.length; i += 3) {
      double x = src[i], y = src[i + 1], z = src[i + 2];
      out[i] = (float) (r0 * x + r1 * y + r2 * z + t0);
      out[i + 1] = (float) (r3 * x + r4 * y + r5 * z + t1);
      out[i + 2] = (float) (r6 * x + r7 * y + r8 * z + t2);
    }
  }
}
