package io.headrecon.geometry.fusion;

/**
 * How much search work one {@link MultiViewFusion#fuse} did: the counts behind its CPU time.
 *
 * @param kdTreeBuilds kd-trees built (ICP targets, source visiting orders, scoring indices)
 * @param kdTreePoints points over all those trees
 * @param icpAlignments ICP alignments run
 * @param icpIterations ICP iterations over all alignments (one correspondence search each)
 * @param nearestNeighbourQueries nearest-neighbour queries over all searches, the final scoring of
 *     each alignment and of each view included
 */
public record FusionWork(
    int kdTreeBuilds,
    long kdTreePoints,
    int icpAlignments,
    int icpIterations,
    long nearestNeighbourQueries) {

  /** No work (a single view, or a result made without fusing). */
  public static final FusionWork NONE = new FusionWork(0, 0, 0, 0, 0);

  /** Mutable tally while one fusion runs (single-threaded). */
  static final class Tally {
    private int trees;
    private long treePoints;
    private int alignments;
    private int iterations;
    private long queries;

    void tree(int points) {
      trees++;
      treePoints += points;
    }

    void alignment(int iterationCount, long queryCount) {
      alignments++;
      iterations += iterationCount;
      queries += queryCount;
    }

    void queries(long count) {
      queries += count;
    }

    FusionWork result() {
      return new FusionWork(trees, treePoints, alignments, iterations, queries);
    }
  }
}
