package io.headrecon.transforms.crop;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.headrecon.proto.Intrinsics;
import io.headrecon.proto.Landmark;
import io.headrecon.proto.ProtoJson;
import io.headrecon.proto.SubjectManifest;
import io.headrecon.proto.View;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

/**
 * The training framing's constants are those of the dataset: refitted from the true landmarks of
 * testdata's 57 views, they match the shipped ones, and the crop they give each view is the view
 * itself within a few pixels.
 */
public class TrainingFramingTest {
  /** A view's true landmarks fitted with the average head. */
  record Posed(View view, HeadPose pose) {}

  static List<Posed> testdataPoses() throws Exception {
    List<Posed> out = new ArrayList<>();
    Path root = Paths.get("..", "testdata", "synthetic").toAbsolutePath().normalize();
    for (String subject : List.of("subject-0000", "subject-0001", "subject-0002")) {
      Path folder = root.resolve(subject);
      SubjectManifest manifest =
          ProtoJson.parseManifest(
              Files.readString(folder.resolve("manifest.json")), folder.toString());
      for (View view : manifest.getViewsList()) {
        List<Landmark> points = view.getGroundTruth().getLandmarks().getPointsList();
        float[] xy = new float[2 * points.size()];
        boolean[] use = new boolean[points.size()];
        for (int k = 0; k < points.size(); k++) {
          xy[2 * k] = points.get(k).getXPx();
          xy[2 * k + 1] = points.get(k).getYPx();
          use[k] = points.get(k).getVisible();
        }
        HeadPose pose =
            HeadPoseEstimation.fit(xy, use, view.getCamera().getIntrinsics()).orElseThrow();
        out.add(new Posed(view, pose));
      }
    }
    return out;
  }

  @Test
  public void constantsAreRefittedFromTheDatasetsViews() throws Exception {
    List<Posed> posed = testdataPoses();
    List<HeadPose> poses = new ArrayList<>();
    List<Intrinsics> cameras = new ArrayList<>();
    for (Posed p : posed) {
      poses.add(p.pose());
      cameras.add(p.view().getCamera().getIntrinsics());
    }
    TrainingFraming.Fitted fitted = TrainingFraming.fit(poses, cameras);
    System.out.printf(
        "aim %.2f %.2f %.2f mm, scale %.5f px/mm%n",
        fitted.aimInHeadMm()[0],
        fitted.aimInHeadMm()[1],
        fitted.aimInHeadMm()[2],
        fitted.inputPxPerMm());
    double worstCentre = 0;
    double worstScale = 0;
    for (Posed p : posed) {
      Intrinsics k = p.view().getCamera().getIntrinsics();
      HeadCrop crop = TrainingFraming.cropFor(p.pose(), k, 180);
      double centre = Math.hypot(crop.centreXPx() - k.getCxPx(), crop.centreYPx() - k.getCyPx());
      double scale = Math.abs(crop.sidePx() / 180.0 - 1);
      worstCentre = Math.max(worstCentre, centre);
      worstScale = Math.max(worstScale, scale);
      System.out.printf(
          "%s %s yaw %.1f (pose %.1f) crop %s resid %.2f%n",
          p.view().getSubjectId(),
          p.view().getViewId(),
          p.view().getYawDeg(),
          p.pose().yawDeg(),
          crop,
          p.pose().medianResidualPx());
    }
    System.out.printf("worst centre %.2f px, worst scale %.3f%n", worstCentre, worstScale);
    for (int a = 0; a < 3; a++) {
      assertEquals(TrainingFraming.AIM_IN_HEAD_MM[a], fitted.aimInHeadMm()[a], 2.0);
    }
    assertEquals(TrainingFraming.INPUT_PX_PER_MM, fitted.inputPxPerMm(), 0.005);
    assertTrue("centre off by " + worstCentre + " px", worstCentre < 6);
    assertTrue("scale off by " + worstScale, worstScale < 0.12);
  }
}
