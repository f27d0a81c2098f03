package io.headrecon.geometry.fusion;

import io.headrecon.geometry.Landmarks3d;
import io.headrecon.geometry.PointCloud;
import io.headrecon.geometry.RigidTransform;
import io.headrecon.geometry.metrics.ReconstructionMetrics;
import io.headrecon.geometry.processing.NormalEstimation;
import io.headrecon.geometry.processing.PointSampling;
import io.headrecon.geometry.processing.StatisticalOutlierRemoval;
import io.headrecon.geometry.processing.VoxelGridMerge;
import io.headrecon.geometry.registration.icp.Icp;
import io.headrecon.geometry.registration.icp.IcpOptions;
import io.headrecon.geometry.registration.icp.IcpResult;
import io.headrecon.geometry.registration.icp.IcpSource;
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
 *       initial rotation is nearest a visited one, its "neighbour"); each view without a given pose
 *       is refined by ICP against that neighbour, then against the growing model: the {@link
 *       FusionOptions#overlapViews()} visited views nearest to it in rotation (the others do not
 *       overlap it). Views with a given pose skip this bootstrap when the bound keeps them within
 *       reach of the fine stages ({@link FusionOptions.PoseBound#isTight});
 *   <li>global passes: every view is re-aligned to its {@link FusionOptions#overlapViews()} nearest
 *       other views (as placed when the pass began), so that the error does not pile up around the
 *       head;
 *   <li>each placed view is scored against all the other views at its final pose (ICP fitness and
 *       inlier RMSE at the model ICP's finest distance); a view whose fitness is far below the
 *       median view's ({@link FusionOptions#minMergeFitnessRatio()}) disagrees with the others and
 *       is left out of the merge;
 *   <li>the other full-resolution clouds are mapped to the reference frame, merged on a voxel grid
 *       (colours and normals averaged) and, if enabled, cleaned by statistical outlier removal.
 * </ol>
 *
 * Views are thinned on a voxel grid for registration ({@link FusionOptions#registrationVoxelMm()},
 * the targets, each indexed once in its own camera frame for the neighbour step), and ICP moves a
 * well-spread subset of each ({@link FusionOptions#registrationSamples()}). {@link
 * FusionResult#work()} counts the kd-trees, ICP iterations and nearest-neighbour queries. Pure
 * function of its input; thread-safe.
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
    FusionWork.Tally tally = new FusionWork.Tally();

    // 1. clouds with normals (camera at the origin of each camera frame), thinned copies for ICP
    // (the targets) and well-spread samples of those (the sources, in spatially coherent order)
    PointCloud[] full = new PointCloud[n];
    PointCloud[] reg = new PointCloud[n];
    IcpTarget[] own = new IcpTarget[n]; // each view's registration cloud in its camera frame
    IcpSource[] src = new IcpSource[n];
    for (int v = 0; v < n; v++) {
      PointCloud c = views.get(v).cloudInCamera();
      if (!c.hasNormals() && c.size() >= 3) {
        c = NormalEstimation.facing(c, 16, new double[3]);
        tally.tree(c.size());
      }
      full[v] = c;
      reg[v] = VoxelGridMerge.merge(c, options.registrationVoxelMm());
      own[v] = IcpTarget.of(reg[v]);
      tally.tree(reg[v].size());
      src[v] =
          IcpSource.inStorageOrder(
              PointSampling.spread(reg[v], own[v].tree(), options.registrationSamples()));
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
    double[][] centroid = new double[n][];
    for (int v = 0; v < n; v++) {
      centroid[v] = reg[v].centroidMm();
    }
    Refiner refiner = new Refiner(src, pose, given, centroid, options.givenPoseBound(), tally);
    double[] modelSchedule = options.modelIcp().maxCorrespondenceDistancesMm();
    double finestModelMm = modelSchedule[modelSchedule.length - 1];
    for (int k = 1; k < order.size(); k++) {
      int v = order.get(k);
      int u = neighbour[v];
      if (given[v] != null && options.givenPoseBound().isTight(finestModelMm)) {
        continue; // placed already, within reach of the global passes' fine stages
      }
      refiner.refine(v, own[u], pose[u], options.neighbourIcp());
      refiner.refine(
          v,
          union(reg, pose, nearest(v, order.subList(0, k), pose, options.overlapViews()), tally),
          RigidTransform.identity(),
          options.modelIcp());
    }

    // 4. global passes: each view against its nearest other views (reference fixed), all as
    // placed when the pass began.
    for (int pass = 0; pass < options.globalPasses() && order.size() > 1; pass++) {
      RigidTransform[] atStart = pose.clone();
      for (int k = 1; k < order.size(); k++) {
        int v = order.get(k);
        List<Integer> others = new ArrayList<>(order);
        others.remove(Integer.valueOf(v));
        refiner.refine(
            v,
            union(reg, atStart, nearest(v, others, atStart, options.overlapViews()), tally),
            RigidTransform.identity(),
            options.modelIcp());
      }
    }

    // 5. each placed view scored against all the others at the final poses; a view that
    // disagrees with them (a bad crop, a failed depth estimate) is left out of the merge
    score(src, reg, pose, order, finestModelMm, fitness, rmse, tally);
    boolean[] merged = mergeable(order, fitness, options.minMergeFitnessRatio(), n);

    // 6. merge and clean
    List<PointCloud> placed = new ArrayList<>();
    for (int v : order) {
      if (merged[v]) {
        placed.add(full[v].transformed(pose[v]));
      }
    }
    PointCloud fused = merge(placed, options);
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
              residual[v],
              merged[v]));
    }
    return new FusionResult(fused, results, ref, tally.result());
  }

  /**
   * Which views go into the merged cloud: every placed view, except, when 3 or more views have a
   * fitness, those whose fitness is below {@code ratio} times the median of theirs (a view without
   * one is kept).
   */
  static boolean[] mergeable(List<Integer> order, double[] fitness, double ratio, int n) {
    boolean[] merged = new boolean[n];
    double[] scored =
        order.stream().mapToDouble(v -> fitness[v]).filter(Double::isFinite).toArray();
    double threshold = Double.NEGATIVE_INFINITY;
    if (scored.length >= 3 && ratio > 0) {
      Arrays.sort(scored);
      threshold = ratio * ReconstructionMetrics.quantile(scored, 0.5);
    }
    for (int v : order) {
      merged[v] = !(fitness[v] < threshold);
    }
    return merged;
  }

  /**
   * Up to {@code most} views of {@code candidates} whose rotations are nearest that of view {@code
   * v} (ties: candidate order).
   */
  private static List<Integer> nearest(
      int v, List<Integer> candidates, RigidTransform[] pose, int most) {
    List<Integer> sorted = new ArrayList<>(candidates);
    sorted.sort(java.util.Comparator.comparingDouble(u -> pose[v].rotationDistanceDeg(pose[u])));
    return sorted.subList(0, Math.min(most, sorted.size()));
  }

  /**
   * The union of the given views' registration clouds placed at {@code pose} (reference frame),
   * indexed (one kd-tree build).
   */
  private static IcpTarget union(
      PointCloud[] reg, RigidTransform[] pose, List<Integer> views, FusionWork.Tally tally) {
    List<PointCloud> parts = new ArrayList<>();
    for (int u : views) {
      parts.add(reg[u].transformed(pose[u]));
    }
    PointCloud cloud = PointCloud.concat(parts);
    tally.tree(cloud.size());
    return IcpTarget.of(cloud);
  }

  /**
   * The given views' registration clouds placed at {@code pose} (reference frame) in one index,
   * each point labelled with its view (one kd-tree build).
   */
  private static IcpTarget labelled(
      PointCloud[] reg, RigidTransform[] pose, List<Integer> views, FusionWork.Tally tally) {
    List<PointCloud> parts = new ArrayList<>();
    int total = 0;
    for (int u : views) {
      parts.add(reg[u].transformed(pose[u]));
      total += reg[u].size();
    }
    int[] labels = new int[total];
    int at = 0;
    for (int u : views) {
      Arrays.fill(labels, at, at + reg[u].size(), u);
      at += reg[u].size();
    }
    tally.tree(total);
    return IcpTarget.labelled(PointCloud.concat(parts), labels);
  }

  /**
   * Fitness and inlier RMSE of every placed view's samples against all the other placed views'
   * registration clouds at the final poses (pairs closer than {@code maxDistanceMm}): one labelled
   * index, each view skipping its own points.
   */
  private static void score(
      IcpSource[] src,
      PointCloud[] reg,
      RigidTransform[] pose,
      List<Integer> order,
      double maxDistanceMm,
      double[] fitness,
      double[] rmse,
      FusionWork.Tally tally) {
    if (order.size() < 2) {
      return;
    }
    IcpTarget all = labelled(reg, pose, order, tally);
    for (int v : order) {
      if (src[v].size() == 0) {
        continue;
      }
      IcpResult r = Icp.evaluate(src[v], all.excluding(v), pose[v], maxDistanceMm);
      tally.queries(r.nearestNeighbourQueries());
      fitness[v] = r.fitness();
      rmse[v] = r.fitness() > 0 ? r.inlierRmseMm() : Double.NaN;
    }
  }

  /**
   * ICP refinement of one view's pose at a time; a result with too little overlap, or one that
   * moves a given pose beyond its bound, leaves the pose unchanged.
   */
  private record Refiner(
      IcpSource[] src,
      RigidTransform[] pose,
      RigidTransform[] given,
      double[][] centroidInCameraMm,
      FusionOptions.PoseBound bound,
      FusionWork.Tally tally) {

    /**
     * Aligns view {@code v} to {@code target}, whose frame {@code targetToReference} maps to the
     * reference frame.
     */
    void refine(int v, IcpTarget target, RigidTransform targetToReference, IcpOptions icp) {
      if (src[v].size() < 6 || target.cloud().size() < 6) {
        return;
      }
      RigidTransform start = targetToReference.inverse().after(pose[v]);
      IcpResult r = Icp.align(src[v], target, start, icp);
      tally.alignment(r.iterations(), r.nearestNeighbourQueries());
      if (r.fitness() < MIN_FITNESS) {
        return;
      }
      RigidTransform refined = targetToReference.after(r.sourceToTarget());
      if (given[v] != null && !bound.admits(given[v], refined, centroidInCameraMm[v])) {
        return;
      }
      pose[v] = refined;
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
