package io.headrecon.geometry.metrics;

import io.headrecon.geometry.PointCloud;
import io.headrecon.geometry.TriangleMesh;
import io.headrecon.geometry.index.KdTree3;
import io.headrecon.geometry.index.Query;
import io.headrecon.geometry.processing.PointSampling;
import java.util.Arrays;
import java.util.Random;

/**
 * Distances between a reconstructed cloud and a reference cloud (e.g. dense samples of the
 * ground-truth surface, see {@link MeshSampling}), both in the same frame, millimetres.
 *
 * <p>Accuracy: reconstruction → reference nearest distances; completeness: reference →
 * reconstruction. Chamfer (mean) is the average of the two directions' means; F-score at τ is the
 * harmonic mean of precision (share of reconstruction within τ) and recall (share of reference
 * within τ). Normal consistency is the mean |n_rec · n_ref| over nearest pairs in both directions
 * (NaN without normals on both).
 *
 * @param accuracyMeanMm mean reconstruction → reference distance
 * @param accuracyMedianMm median reconstruction → reference distance
 * @param accuracyP95Mm 95th percentile reconstruction → reference distance
 * @param completenessMeanMm mean reference → reconstruction distance
 * @param completenessMedianMm median reference → reconstruction distance
 * @param completenessP95Mm 95th percentile reference → reconstruction distance
 * @param chamferMeanMm (accuracy mean + completeness mean) / 2
 * @param fScore1mm F-score at 1 mm
 * @param fScore2mm F-score at 2 mm
 * @param fScore5mm F-score at 5 mm
 * @param completeness5mm fraction of reference points with a reconstruction point within 5 mm (the
 *     recall behind {@code fScore5mm})
 * @param normalConsistency mean absolute cosine between nearest pairs' normals, or NaN
 */
public record ReconstructionMetrics(
    double accuracyMeanMm,
    double accuracyMedianMm,
    double accuracyP95Mm,
    double completenessMeanMm,
    double completenessMedianMm,
    double completenessP95Mm,
    double chamferMeanMm,
    double fScore1mm,
    double fScore2mm,
    double fScore5mm,
    double completeness5mm,
    double normalConsistency) {

  /** A cloud with its kd-tree, built once and reusable for several comparisons. */
  public record Indexed(PointCloud cloud, KdTree3 tree) {
    /** Indexes {@code cloud} (one kd-tree build). */
    public static Indexed of(PointCloud cloud) {
      return new Indexed(cloud, KdTree3.of(cloud));
    }
  }

  /** Compares {@code reconstruction} with {@code reference} (same frame, mm). */
  public static ReconstructionMetrics compute(PointCloud reconstruction, PointCloud reference) {
    return compute(Indexed.of(reconstruction), Indexed.of(reference), Integer.MAX_VALUE);
  }

  /**
   * As {@link #compute(PointCloud, PointCloud)} with prepared indices, each direction's distances
   * measured from at most {@code maxQueries} of its points, taken at even steps through the cloud's
   * order ({@link io.headrecon.geometry.processing.PointSampling#even}; every point when it has no
   * more): the means, quantiles and fractions are then estimates, unbiased when the order is random
   * (area-uniform samples) or spatially even.
   */
  public static ReconstructionMetrics compute(
      Indexed reconstructionIndexed, Indexed referenceIndexed, int maxQueries) {
    PointCloud reconstruction = reconstructionIndexed.cloud();
    PointCloud reference = referenceIndexed.cloud();
    if (reconstruction.size() == 0 || reference.size() == 0) {
      throw new IllegalArgumentException(
          "metrics need non-empty clouds: reconstruction "
              + reconstruction.size()
              + ", reference "
              + reference.size()
              + " points");
    }
    boolean normals = reconstruction.hasNormals() && reference.hasNormals();
    double[] accNormalSum = new double[1];
    double[] compNormalSum = new double[1];
    double[] acc =
        nearest(
            PointSampling.spread(reconstruction, reconstructionIndexed.tree(), maxQueries),
            reference,
            referenceIndexed.tree(),
            normals,
            accNormalSum);
    double[] comp =
        nearest(
            PointSampling.spread(reference, referenceIndexed.tree(), maxQueries),
            reconstruction,
            reconstructionIndexed.tree(),
            normals,
            compNormalSum);
    // each direction's mean cosine weighted by its full point count, as if every point was queried
    double normalConsistency =
        (accNormalSum[0] / acc.length * reconstruction.size()
                + compNormalSum[0] / comp.length * reference.size())
            / (reconstruction.size() + reference.size());
    double[] accSorted = acc.clone();
    double[] compSorted = comp.clone();
    Arrays.sort(accSorted);
    Arrays.sort(compSorted);
    double accMean = mean(acc);
    double compMean = mean(comp);
    return new ReconstructionMetrics(
        accMean,
        quantile(accSorted, 0.5),
        quantile(accSorted, 0.95),
        compMean,
        quantile(compSorted, 0.5),
        quantile(compSorted, 0.95),
        (accMean + compMean) / 2,
        fScore(accSorted, compSorted, 1),
        fScore(accSorted, compSorted, 2),
        fScore(accSorted, compSorted, 5),
        countBelow(compSorted, 5) / (double) compSorted.length,
        normals ? normalConsistency : Double.NaN);
  }

  /**
   * Compares a reconstructed mesh with {@code reference} (same frame, mm) as {@link #compute} does
   * for a cloud: the mesh's surface is sampled uniformly by area ({@link
   * MeshSampling#sampleAtDensity}, with face normals) and the samples are the reconstruction.
   *
   * @param samplesPerMm2 density of the mesh samples, per mm² (at ρ they add about 0.5/√ρ mm to the
   *     reference → reconstruction distances: 0.16 mm at 10)
   * @param random seeds the sampling, so that metrics repeat exactly
   */
  public static ReconstructionMetrics computeForMesh(
      TriangleMesh reconstruction, PointCloud reference, double samplesPerMm2, Random random) {
    return compute(MeshSampling.sampleAtDensity(reconstruction, samplesPerMm2, random), reference);
  }

  /** Nearest distances (mm) from each point of {@code from} to {@code to}. */
  public static double[] nearestDistancesMm(PointCloud from, PointCloud to) {
    return nearest(from, to, KdTree3.of(to), false, new double[1]);
  }

  private static double[] nearest(
      PointCloud from, PointCloud to, KdTree3 toTree, boolean normals, double[] nSum) {
    Query q = toTree.newQuery();
    float[] p = from.positionsMm();
    float[] nf = from.normals();
    float[] nt = to.normals();
    double[] d = new double[from.size()];
    int hint = -1;
    for (int i = 0; i < d.length; i++) {
      int j =
          q.nearestWithHint(p[3 * i], p[3 * i + 1], p[3 * i + 2], Double.POSITIVE_INFINITY, hint);
      d[i] = Math.sqrt(q.lastDistanceSquaredMm2());
      if (normals) {
        nSum[0] +=
            Math.abs(
                nf[3 * i] * nt[3 * j]
                    + nf[3 * i + 1] * nt[3 * j + 1]
                    + nf[3 * i + 2] * nt[3 * j + 2]);
      }
      hint = j;
    }
    return d;
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }

  /** Linear-interpolated quantile {@code q} in [0, 1] of sorted values (at least one). */
  public static double quantile(double[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int i = (int) Math.floor(pos);
    int j = Math.min(sorted.length - 1, i + 1);
    return sorted[i] + (pos - i) * (sorted[j] - sorted[i]);
  }

  private static double fScore(double[] accSorted, double[] compSorted, double tauMm) {
    double precision = countBelow(accSorted, tauMm) / (double) accSorted.length;
    double recall = countBelow(compSorted, tauMm) / (double) compSorted.length;
    return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
  }

  private static int countBelow(double[] sorted, double tau) {
    int lo = 0, hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] <= tau) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
