package io.headrecon.transforms.fusion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.headrecon.geometry.PinholeCamera;
import io.headrecon.geometry.RigidTransform;
import io.headrecon.geometry.multiview.ReferenceDepthEstimate;
import io.headrecon.model.ProtoGeometry;
import io.headrecon.proto.Camera;
import io.headrecon.proto.Landmark;
import io.headrecon.proto.ManifestUris;
import io.headrecon.proto.ProtoJson;
import io.headrecon.proto.SubjectManifest;
import io.headrecon.proto.View;
import io.headrecon.transforms.image.RgbImage;
import io.headrecon.transforms.io.GroundTruthFiles;
import io.headrecon.transforms.records.ViewDepth;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The scale of network depth comes from the views: testdata's true depth, turned into relief around
 * a wrong provisional reference as the network decoder would give it, is put back at its true
 * distance.
 */
class MetricScaleTest {
  private static final double PROVISIONAL_MM = 1000;
  private static final String SUBJECT = "subject-0000";
  private static List<Truth> subject;

  /** One testdata view: its true camera, depth (mm) and landmarks (pixels). */
  private record Truth(
      String viewId,
      PinholeCamera camera,
      float[] depthMm,
      double[] landmarksPx,
      boolean[] landmarkVisible) {}

  @BeforeAll
  static void load() throws Exception {
    Path folder = Paths.get("..", "testdata", "synthetic", SUBJECT).toAbsolutePath().normalize();
    String manifestUri = folder.resolve("manifest.json").toString();
    SubjectManifest manifest =
        ProtoJson.parseManifest(Files.readString(folder.resolve("manifest.json")), manifestUri);
    subject = new ArrayList<>();
    for (View v : manifest.getViewsList()) {
      PinholeCamera camera = ProtoGeometry.camera(v.getCamera());
      float[] depth =
          GroundTruthFiles.readDepthMm(
              ManifestUris.resolve(manifestUri, v.getGroundTruth().getDepthUri()),
              v.getGroundTruth().getDepthScaleMmPerUnit(),
              camera.widthPx(),
              camera.heightPx());
      List<Landmark> points = v.getGroundTruth().getLandmarks().getPointsList();
      double[] px = new double[2 * points.size()];
      boolean[] visible = new boolean[points.size()];
      for (int k = 0; k < points.size(); k++) {
        px[2 * k] = points.get(k).getXPx();
        px[2 * k + 1] = points.get(k).getYPx();
        visible[k] = points.get(k).getVisible();
      }
      subject.add(new Truth(v.getViewId(), camera, depth, px, visible));
    }
  }

  /** Z of the head origin (testdata's world origin) in the view's camera frame, mm. */
  private static double trueReferenceMm(Truth v) {
    return v.camera().worldToCamera().apply(new double[3])[2];
  }

  /** The views as relief around {@link #PROVISIONAL_MM}, each with the camera {@code cameras}. */
  private static List<ViewDepth> relativeViews(Function<Truth, Camera> cameras) {
    List<ViewDepth> out = new ArrayList<>();
    for (Truth v : subject) {
      float shift = (float) (PROVISIONAL_MM - trueReferenceMm(v));
      float[] depth = v.depthMm().clone();
      for (int i = 0; i < depth.length; i++) {
        if (depth[i] > 0) {
          depth[i] += shift;
        }
      }
      int w = v.camera().widthPx();
      float[] px = new float[v.landmarksPx().length];
      float[] z = new float[v.landmarkVisible().length];
      for (int k = 0; k < z.length; k++) {
        px[2 * k] = (float) v.landmarksPx()[2 * k];
        px[2 * k + 1] = (float) v.landmarksPx()[2 * k + 1];
        int x = (int) Math.round(px[2 * k]);
        int y = (int) Math.round(px[2 * k + 1]);
        boolean inside = x >= 0 && y >= 0 && x < w && y < v.camera().heightPx();
        z[k] = inside ? depth[y * w + x] : 0f;
      }
      View view =
          View.newBuilder()
              .setSubjectId(SUBJECT)
              .setViewId(v.viewId())
              .setCamera(cameras.apply(v))
              .build();
      out.add(
          new ViewDepth(
              view,
              new RgbImage(w, v.camera().heightPx(), new int[depth.length]),
              depth,
              px,
              z,
              v.landmarkVisible(),
              Float.NaN,
              PROVISIONAL_MM));
    }
    return out;
  }

  @Test
  void calibratedViewsGetTheirReferenceFromTriangulatedLandmarksWhereverTheWorldOriginIs() {
    // The rig's world origin 1.2 m below the head (and turned), as a studio calibrates to its floor
    RigidTransform headToFloor =
        RigidTransform.fromAxisAngle(0, 1, 0, 30, new double[] {150, 1200, -80});
    for (RigidTransform worldToHead : List.of(RigidTransform.identity(), headToFloor.inverse())) {
      MetricScale.Anchored anchored =
          MetricScale.anchor(
              relativeViews(
                  v ->
                      ProtoGeometry.toProto(
                          v.camera()
                              .withWorldToCamera(v.camera().worldToCamera().after(worldToHead)))));
      assertThat(anchored.landmarksTriangulated()).isGreaterThan(50);
      for (int i = 0; i < subject.size(); i++) {
        ReferenceDepthEstimate e = anchored.estimates().get(i);
        assertThat(e.source()).isEqualTo(ReferenceDepthEstimate.Source.TRIANGULATED_LANDMARKS);
        assertThat(e.depthMm())
            .as(subject.get(i).viewId())
            .isCloseTo(trueReferenceMm(subject.get(i)), within(3.0));
      }
      assertThat(anchored.usesHeadSizePrior()).isFalse();
    }
  }

  @Test
  void uncalibratedViewsGetTheirReferenceFromTheHeadSizePrior() {
    MetricScale.Anchored anchored =
        MetricScale.anchor(
            relativeViews(
                v -> {
                  PinholeCamera c = v.camera();
                  return ProtoGeometry.toProto(c).toBuilder().clearExtrinsics().build();
                }));
    assertThat(anchored.landmarksTriangulated()).isZero();
    assertThat(anchored.usesHeadSizePrior()).isTrue();
    for (int i = 0; i < subject.size(); i++) {
      ReferenceDepthEstimate e = anchored.estimates().get(i);
      double truth = trueReferenceMm(subject.get(i));
      assertThat(e.source()).isEqualTo(ReferenceDepthEstimate.Source.HEAD_SIZE_PRIOR);
      // this head is near the average one (subject-0001's is 8 % smaller and comes out 8 % near)
      assertThat(e.depthMm()).as(subject.get(i).viewId()).isCloseTo(truth, within(0.03 * truth));
      assertThat(anchored.views().get(i).referenceDepthMm()).isEqualTo(e.depthMm());
    }
  }

  @Test
  void metricDepthPassesUnchanged() {
    List<ViewDepth> views = relativeViews(v -> ProtoGeometry.toProto(v.camera()));
    List<ViewDepth> metric = new ArrayList<>();
    for (ViewDepth v : views) {
      metric.add(
          new ViewDepth(
              v.view(),
              v.image(),
              v.depthMm(),
              v.landmarksPx(),
              v.landmarkDepthMm(),
              v.landmarkVisible(),
              Float.NaN,
              Double.NaN));
    }
    MetricScale.Anchored anchored = MetricScale.anchor(metric);
    for (int i = 0; i < metric.size(); i++) {
      assertThat(anchored.views().get(i)).isSameAs(metric.get(i));
      assertThat(anchored.estimates().get(i)).isNull();
    }
  }
}
