package io.headrecon.geometry.fusion;

import io.headrecon.geometry.Landmarks3d;
import io.headrecon.geometry.RigidTransform;
import io.headrecon.geometry.registration.LandmarkAlignment;
import io.headrecon.geometry.registration.RansacLandmarkAligner;
import java.util.Arrays;
import java.util.Optional;

/**
 * Initial camera-to-reference poses from landmarks: every pair of views that shares enough agreeing
 * landmarks is aligned (RANSAC + Umeyama); a maximum spanning tree over the inlier counts, rooted
 * at the reference view, chains the pairwise transforms so that a profile view that shares few
 * landmarks with the front is reached through its neighbours.
 */
final class LandmarkPoseTree {
  /** Parent view in the tree per view (-1 for the root and unreached views). */
  final int[] parent;

  /** Views in the order they were reached from the root (root first). */
  final int[] order;

  /** Reached views' camera-to-reference poses (null if unreached). */
  final RigidTransform[] cameraToReference;

  private LandmarkPoseTree(int[] parent, int[] order, RigidTransform[] poses) {
    this.parent = parent;
    this.order = order;
    this.cameraToReference = poses;
  }

  static LandmarkPoseTree build(
      Landmarks3d[] landmarks, int root, RansacLandmarkAligner aligner, int minShared) {
    int n = landmarks.length;
    // pairwise: transform i -> j and its inlier count
    RigidTransform[][] iToJ = new RigidTransform[n][n];
    int[][] weight = new int[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        if (landmarks[i] == null || landmarks[j] == null) {
          continue;
        }
        Optional<LandmarkAlignment> a = aligner.align(landmarks[i], landmarks[j]);
        if (a.isPresent() && a.get().inlierCount() >= minShared) {
          RigidTransform t = a.get().sourceToTarget().rigidPart();
          iToJ[i][j] = t;
          iToJ[j][i] = t.inverse();
          weight[i][j] = weight[j][i] = a.get().inlierCount();
        }
      }
    }
    // Prim's maximum spanning tree from the root
    int[] parent = new int[n];
    Arrays.fill(parent, -1);
    boolean[] inTree = new boolean[n];
    RigidTransform[] poses = new RigidTransform[n];
    int[] order = new int[n];
    int reached = 0;
    inTree[root] = true;
    poses[root] = RigidTransform.identity();
    order[reached++] = root;
    while (true) {
      int bestI = -1, bestJ = -1, bestW = 0;
      for (int i = 0; i < n; i++) {
        if (!inTree[i]) {
          continue;
        }
        for (int j = 0; j < n; j++) {
          if (!inTree[j] && weight[i][j] > bestW) {
            bestW = weight[i][j];
            bestI = i;
            bestJ = j;
          }
        }
      }
      if (bestJ < 0) {
        break;
      }
      inTree[bestJ] = true;
      parent[bestJ] = bestI;
      poses[bestJ] = poses[bestI].after(iToJ[bestJ][bestI]); // j -> i -> reference
      order[reached++] = bestJ;
    }
    return new LandmarkPoseTree(parent, Arrays.copyOf(order, reached), poses);
  }
}
