package io.headrecon.pipelines;

import io.headrecon.geometry.metrics.ReconstructionMetrics;
import io.headrecon.proto.HeadCropBox;
import io.headrecon.proto.Intrinsics;
import io.headrecon.proto.Landmark;
import io.headrecon.proto.ProtoJson;
import io.headrecon.proto.SubjectManifest;
import io.headrecon.proto.SubjectMetrics;
import io.headrecon.proto.View;
import io.headrecon.proto.ViewMetrics;
import io.headrecon.transforms.crop.HeadCrop;
import io.headrecon.transforms.crop.HeadPose;
import io.headrecon.transforms.crop.HeadPoseEstimation;
import io.headrecon.transforms.crop.TrainingFraming;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How close the pipeline's head crops are to the training framing of each view, found from the
 * view's true landmarks ({@link TrainingFraming#cropFor} of the average head fitted to them): the
 * crop centre's distance in pixels of the 180-pixel network input, and the side's relative error.
 */
final class CropAccuracy {
  private CropAccuracy() {}

  /** Per view: centre error (px at 180) and |side ratio - 1|. */
  record Errors(List<Double> centrePx, List<Double> side) {}

  /** Compares the crops in {@code runs}' metrics.json files with the data's true landmarks. */
  static Errors measure(Path data, Path runs, List<String> subjectIds) throws IOException {
    List<Double> centre = new ArrayList<>();
    List<Double> side = new ArrayList<>();
    for (String id : subjectIds) {
      Path metricsFile = runs.resolve(id).resolve("metrics.json");
      if (!Files.isRegularFile(metricsFile)) {
        continue;
      }
      SubjectMetrics metrics =
          ProtoJson.fromJson(
              Files.readString(metricsFile), SubjectMetrics.newBuilder(), metricsFile.toString());
      Map<String, HeadCropBox> crops = new HashMap<>();
      for (ViewMetrics v : metrics.getViewsList()) {
        if (v.hasHeadCrop()) {
          crops.put(v.getViewId(), v.getHeadCrop());
        }
      }
      SubjectManifest manifest =
          ProtoJson.parseManifest(Files.readString(data.resolve(id).resolve("manifest.json")), id);
      for (View view : manifest.getViewsList()) {
        HeadCropBox box = crops.get(view.getViewId());
        if (box == null || !view.getGroundTruth().hasLandmarks()) {
          continue;
        }
        Intrinsics k = view.getCamera().getIntrinsics();
        List<Landmark> points = view.getGroundTruth().getLandmarks().getPointsList();
        float[] xy = new float[2 * points.size()];
        boolean[] use = new boolean[points.size()];
        for (int i = 0; i < points.size(); i++) {
          xy[2 * i] = points.get(i).getXPx();
          xy[2 * i + 1] = points.get(i).getYPx();
          use[i] = points.get(i).getVisible();
        }
        Optional<HeadPose> pose = HeadPoseEstimation.fit(xy, use, k);
        if (pose.isEmpty()) {
          continue;
        }
        HeadCrop expected = TrainingFraming.cropFor(pose.get(), k, 180);
        // The box is in pixels of the decoded photo: scale it to the manifest's size.
        double s = (double) k.getWidthPx() / box.getPhotoWidthPx();
        double cx = (box.getX0Px() + box.getSidePx() / 2.0) * s - 0.5;
        double cy = (box.getY0Px() + box.getSidePx() / 2.0) * s - 0.5;
        double sidePx = box.getSidePx() * s;
        centre.add(
            Math.hypot(cx - expected.centreXPx(), cy - expected.centreYPx())
                / expected.sidePx()
                * 180);
        side.add(Math.abs(sidePx / expected.sidePx() - 1));
      }
    }
    return new Errors(centre, side);
  }

  /** A markdown paragraph of the errors: median, 90th percentile and worst. */
  static String markdown(String mode, Errors e) {
    if (e.centrePx().isEmpty()) {
      return "";
    }
    return String.format(
        Locale.ROOT,
        "Head crop (%s, %d views) against the training framing of each view's true landmarks:"
            + " centre off by %.1f / %.1f / %.1f px of the 180 px input (median / p90 / worst),"
            + " side off by %.1f / %.1f / %.1f %%.%n",
        mode,
        e.centrePx().size(),
        q(e.centrePx(), 0.5),
        q(e.centrePx(), 0.9),
        q(e.centrePx(), 1.0),
        100 * q(e.side(), 0.5),
        100 * q(e.side(), 0.9),
        100 * q(e.side(), 1.0));
  }

  private static double q(List<Double> values, double p) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return ReconstructionMetrics.quantile(sorted, p);
  }
}
