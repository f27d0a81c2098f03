package io.headrecon.transforms.fusion;

import io.headrecon.geometry.PinholeCamera;
import io.headrecon.geometry.mvs.MvsNeighbours;
import io.headrecon.geometry.mvs.MvsOptions;
import io.headrecon.geometry.mvs.MvsView;
import io.headrecon.geometry.mvs.PhotoConsistencyRefinement;
import io.headrecon.geometry.mvs.RefinedDepth;
import io.headrecon.transforms.records.ViewDepth;
import java.util.ArrayList;
import java.util.List;

/**
 * Refines each placed view's network depth against its neighbours' photos ({@link
 * PhotoConsistencyRefinement}: a plane sweep around the network depth with normalised
 * cross-correlation): the network depth is the prior and stays where the photos carry no texture.
 * Views whose depth is metric (ground truth) pass unchanged with full confidence. Plain Java.
 */
public final class DepthRefinement {
  /** Neighbours per view: the nearest four by optical-axis angle, 5° to 25° away. */
  static final int NEIGHBOURS = 4;

  static final double MIN_NEIGHBOUR_ANGLE_DEG = 5;
  static final double MAX_NEIGHBOUR_ANGLE_DEG = 25;

  private DepthRefinement() {}

  /**
   * Refined views.
   *
   * @param views each view with its refined depth (same order as the input)
   * @param confidence per view, per pixel photo-consistency confidence in [0, 1]; null for views
   *     that were not refined (metric depth, or no neighbour)
   * @param confidentFraction per view, the fraction of its depth pixels matched with confidence
   *     (NaN when not refined)
   */
  public record Refined(
      List<ViewDepth> views, List<float[]> confidence, double[] confidentFraction) {}

  /**
   * Refines {@code views}.
   *
   * @param cameras per view, its camera placed in one common frame (the reference view's), or null
   *     for views that were not placed (they pass unchanged)
   */
  public static Refined refine(List<ViewDepth> views, List<PinholeCamera> cameras) {
    int n = views.size();
    List<Integer> placed = new ArrayList<>();
    List<PinholeCamera> placedCameras = new ArrayList<>();
    List<MvsView> mvs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (cameras.get(i) != null) {
        placed.add(i);
        placedCameras.add(cameras.get(i));
        ViewDepth v = views.get(i);
        mvs.add(
            MvsView.ofPackedRgb(v.viewId(), cameras.get(i), v.image().packedRgb(), v.depthMm()));
      }
    }
    List<ViewDepth> out = new ArrayList<>(views);
    List<float[]> confidence = new ArrayList<>();
    double[] fraction = new double[n];
    for (int i = 0; i < n; i++) {
      confidence.add(null);
      fraction[i] = Double.NaN;
    }
    MvsOptions options = MvsOptions.defaults();
    for (int k = 0; k < placed.size(); k++) {
      int i = placed.get(k);
      ViewDepth v = views.get(i);
      if (!v.isRelative()) {
        continue;
      }
      List<MvsView> neighbours = new ArrayList<>();
      for (int j :
          MvsNeighbours.nearest(
              placedCameras, k, NEIGHBOURS, MIN_NEIGHBOUR_ANGLE_DEG, MAX_NEIGHBOUR_ANGLE_DEG)) {
        neighbours.add(mvs.get(j));
      }
      if (neighbours.isEmpty()) {
        continue;
      }
      RefinedDepth r = PhotoConsistencyRefinement.refine(mvs.get(k), neighbours, options);
      out.set(i, v.withDepthMm(r.depth().valuesMm()));
      confidence.set(i, r.confidence());
      fraction[i] = r.confidentFraction();
    }
    return new Refined(out, confidence, fraction);
  }
}
