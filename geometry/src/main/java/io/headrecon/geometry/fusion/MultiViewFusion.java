package io.headrecon.geometry.fusion;

import io.headrecon.geometry.Landmarks3d;
import io.headrecon.geometry.PointCloud;
import io.headrecon.geometry.RigidTransform;
import io.headrecon.geometry.processing.NormalEstimation;
import io.headrecon.geometry.processing.StatisticalOutlierRemoval;
import io.headrecon.geometry.processing.VoxelGridMerge;
import io.headrecon.geometry.registration.icp.Icp;
import io.headrecon.geometry.registration.icp.IcpOptions;
import io.headrecon.geometry.registration.icp.IcpResult;
import io.headrecon.geometry.registration.icp.IcpTarget;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fuses the clouds of N views (1 to 50) of one head into one cloud in the reference view's camera
 * frame:
 *
 * <ol>
 *   <li>initial camera-to-reference poses: given ones (a calibrated rig), else landmarks chained
 *       through a maximum spanning tree of pairwise RANSAC alignments ({@link LandmarkPoseTree});
 *       ICP refines given poses only within {@link FusionOptions#givenPoseBound()};
 *   <li>views are visited from the reference outwards (each next view is the unvisited one whose
 *       initial rotation is nearest a visited one, its "neighbour"); each is refined by ICP against
 *       that neighbour, then against the growing model of all visited views;
 *   <li>global passes: every view is re-aligned to the union of all other views (as placed when the
 *       pass began, indexed once per pass), so that the error does not pile up around the head;
 *   <li>all full-resolution clouds are mapped to the reference frame, merged on a voxel grid
 *       (colours and normals averaged) and, if enabled, cleaned by statistical outlier removal.
 * </ol>
 *
 * Views are thinned on a voxel grid for registration. Pure function of its input; thread-safe.
 */
public final class MultiViewFusion {
  /** An ICP result with less overlap than this is not trusted to move a view. */
  private static final double MIN_FITNESS = 0.05;

  private MultiViewFusion() {}

  /** Fuses {@code input} with {@code options}. */
  public static FusionResult fuse(FusionInput input, FusionOptions options) {
    List<ViewInput> views = input.views();
    int n = views.size();
    int ref = input.referenceView();

    // 1. clouds with normals (camera at the origin of each camera frame), thinned copies for ICP
    PointCloud[] full = new PointCloud[n];
    PointCloud[] reg = new PointCloud[n];
    for (int v = 0; v < n; v++) {
      PointCloud c = views.get(v).cloudInCamera();
      if (!c.hasNormals() && c.size() >= 3) {
        c = NormalEstimation.facing(c, 16, new double[3]);
      }
      full[v] = c;
      reg[v] = VoxelGridMerge.merge(c, options.registrationVoxelMm());
    }

    // 2. initial poses
    RigidTransform[] pose = new RigidTransform[n];
    RigidTransform[] given = new RigidTransform[n];
    ViewResult.Initialisation[] init = new ViewResult.Initialisation[n];
    Arrays.fill(init, ViewResult.Initialisation.NONE);
    pose[ref] = RigidTransform.identity();
    init[ref] = ViewResult.Initialisation.REFERENCE;
    boolean needLandmarks = false;
    for (int v = 0; v < n; v++) {
      if (v != ref && views.get(v).initialCameraToReference() != null) {
        given[v] = views.get(v).initialCameraToReference();
        pose[v] = given[v];
        init[v] = ViewResult.Initialisation.GIVEN;
      } else if (v != ref) {
        needLandmarks = true;
      }
    }
    Landmarks3d[] landmarks = new Landmarks3d[n];
    for (int v = 0; v < n; v++) {
      landmarks[v] = views.get(v).landmarksInCamera();
    }
    if (needLandmarks) {
      LandmarkPoseTree tree =
          LandmarkPoseTree.build(
              landmarks, ref, options.landmarkAligner(), options.minSharedLandmarks());
      for (int v = 0; v < n; v++) {
        if (init[v] == ViewResult.Initialisation.NONE && tree.cameraToReference[v] != null) {
          pose[v] = tree.cameraToReference[v];
          init[v] = ViewResult.Initialisation.LANDMARKS;
        }
      }
    }

    // 3. visit from the reference outwards: neighbour ICP, then ICP against the growing model
    List<Integer> order = new ArrayList<>();
    int[] neighbour = new int[n];
    Arrays.fill(neighbour, -1);
    order.add(ref);
    boolean[] visited = new boolean[n];
    visited[ref] = true;
    while (true) {
      int next = -1, from = -1;
      double best = Double.POSITIVE_INFINITY;
      for (int v = 0; v < n; v++) {
        if (visited[v] || init[v] == ViewResult.Initialisation.NONE) {
          continue;
        }
        for (int u : order) {
          double d = pose[v].rotationDistanceDeg(pose[u]);
          if (d < best) {
            best = d;
            next = v;
            from = u;
          }
        }
      }
      if (next < 0) {
        break;
      }
      visited[next] = true;
      neighbour[next] = from;
      order.add(next);
    }
    double[] fitness = new double[n];
    double[] rmse = new double[n];
    Arrays.fill(fitness, Double.NaN);
    Arrays.fill(rmse, Double.NaN);
    Refiner refiner = new Refiner(reg, pose, given, options.givenPoseBound(), fitness, rmse);
    List<PointCloud> modelParts = new ArrayList<>();
    modelParts.add(reg[ref]);
    for (int k = 1; k < order.size(); k++) {
      int v = order.get(k);
      int u = neighbour[v];
      refiner.refine(v, reg[u].transformed(pose[u]), options.neighbourIcp());
      PointCloud model =
          VoxelGridMerge.merge(PointCloud.concat(modelParts), options.registrationVoxelMm());
      refiner.refine(v, model, options.modelIcp());
      modelParts.add(reg[v].transformed(pose[v]));
    }

    // 4. global passes: each view against all others (reference fixed). One labelled index per
    // pass over all views at the poses they had when the pass began; a view skips its own points.
    for (int pass = 0; pass < options.globalPasses() && order.size() > 1; pass++) {
      List<PointCloud> parts = new ArrayList<>();
      int total = 0;
      for (int u : order) {
        parts.add(reg[u].transformed(pose[u]));
        total += reg[u].size();
      }
      int[] labels = new int[total];
      int at = 0;
      for (int u : order) {
        Arrays.fill(labels, at, at + reg[u].size(), u);
        at += reg[u].size();
      }
      IcpTarget all = IcpTarget.labelled(PointCloud.concat(parts), labels);
      for (int k = 1; k < order.size(); k++) {
        int v = order.get(k);
        refiner.refine(v, all.excluding(v), options.modelIcp());
      }
    }

    // 5. merge and clean
    List<PointCloud> placed = new ArrayList<>();
    for (int v : order) {
      placed.add(full[v].transformed(pose[v]));
    }
    PointCloud fused = merge(placed, options);

    // 6. per-view report
    double[] residual = landmarkResiduals(landmarks, pose, visited);
    List<ViewResult> results = new ArrayList<>();
    for (int v = 0; v < n; v++) {
      results.add(
          new ViewResult(
              views.get(v).viewId(),
              visited[v],
              init[v],
              visited[v] ? pose[v] : null,
              fitness[v],
              rmse[v],
              residual[v]));
    }
    return new FusionResult(fused, results, ref);
  }

  /**
   * ICP refinement of one view's pose at a time, recording fitness and RMSE; a result with too
   * little overlap, or one that moves a given pose beyond its bound, leaves the pose unchanged.
   */
  private record Refiner(
      PointCloud[] reg,
      RigidTransform[] pose,
      RigidTransform[] given,
      FusionOptions.PoseBound bound,
      double[] fitness,
      double[] rmse) {

    void refine(int v, PointCloud targetInReference, IcpOptions icp) {
      if (targetInReference.size() < 6) {
        return;
      }
      refine(v, IcpTarget.of(targetInReference), icp);
    }

    void refine(int v, IcpTarget targetInReference, IcpOptions icp) {
      if (reg[v].size() < 6 || targetInReference.cloud().size() < 6) {
        return;
      }
      IcpResult r = Icp.align(reg[v], targetInReference, pose[v], icp);
      if (r.fitness() < MIN_FITNESS) {
        return;
      }
      if (given[v] != null && !bound.admits(given[v], r.sourceToTarget(), reg[v].centroidMm())) {
        return;
      }
      pose[v] = r.sourceToTarget();
      fitness[v] = r.fitness();
      rmse[v] = r.inlierRmseMm();
    }
  }

  /**
   * Step 5 alone: clouds already placed in one frame merged on the {@link
   * FusionOptions#mergeVoxelMm()} grid (colours and normals averaged) and, if enabled, cleaned by
   * statistical outlier removal.
   */
  public static PointCloud merge(List<PointCloud> placed, FusionOptions options) {
    PointCloud fused = VoxelGridMerge.merge(PointCloud.concat(placed), options.mergeVoxelMm());
    if (options.outlierNeighbours() > 0) {
      fused =
          StatisticalOutlierRemoval.filter(
              fused, options.outlierNeighbours(), options.outlierStdRatio());
    }
    return fused;
  }

  /** Per view: RMS distance of its mapped landmarks to the mean over views (mm), or NaN. */
  private static double[] landmarkResiduals(
      Landmarks3d[] landmarks, RigidTransform[] pose, boolean[] placed) {
    int n = landmarks.length;
    double[] out = new double[n];
    Arrays.fill(out, Double.NaN);
    int m = 0;
    for (Landmarks3d l : landmarks) {
      if (l != null) {
        m = Math.max(m, l.size());
      }
    }
    double[][] sum = new double[m][3];
    int[] count = new int[m];
    Landmarks3d[] mapped = new Landmarks3d[n];
    for (int v = 0; v < n; v++) {
      if (landmarks[v] == null || !placed[v]) {
        continue;
      }
      mapped[v] = landmarks[v].transformed(pose[v]);
      for (int i = 0; i < mapped[v].size(); i++) {
        if (mapped[v].isVisible(i)) {
          for (int a = 0; a < 3; a++) {
            sum[i][a] += mapped[v].coordinateMm(i, a);
          }
          count[i]++;
        }
      }
    }
    for (int v = 0; v < n; v++) {
      if (mapped[v] == null) {
        continue;
      }
      double ss = 0;
      int c = 0;
      for (int i = 0; i < mapped[v].size(); i++) {
        if (mapped[v].isVisible(i) && count[i] > 1) {
          for (int a = 0; a < 3; a++) {
            double d = mapped[v].coordinateMm(i, a) - sum[i][a] / count[i];
            ss += d * d;
          }
          c++;
        }
      }
      if (c > 0) {
        out[v] = Math.sqrt(ss / c);
      }
    }
    return out;
  }
}
