package io.headrecon.transforms.recon;

import io.headrecon.proto.Landmark;
import io.headrecon.proto.ViewGroundTruth;
import io.headrecon.transforms.io.BeamFiles;
import io.headrecon.transforms.io.Failures;
import io.headrecon.transforms.io.ViewImage;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;

/**
 * Takes a view's depth from the ground truth its manifest names (16-bit depth PNG times {@code
 * depthScaleMmPerUnit}, landmarks from the manifest), to measure fusion apart from the network.
 */
public class GroundTruthDepthFn extends DoFn<KV<String, ViewImage>, KV<String, ViewDepth>> {
  private final Counter views = Metrics.counter(GroundTruthDepthFn.class, "viewsWithDepth");
  private final Counter failures = Metrics.counter(GroundTruthDepthFn.class, "viewsFailed");

  @ProcessElement
  public void process(@Element KV<String, ViewImage> element, MultiOutputReceiver out) {
    ViewImage v = element.getValue();
    ViewGroundTruth gt = v.view().getGroundTruth();
    try {
      if (gt.getDepthUri().isEmpty()) {
        throw new IllegalArgumentException(
            "--depthSource=groundtruth but the manifest gives no groundTruth.depthUri for this"
                + " view");
      }
      float[] depth =
          readDepthPng(
              BeamFiles.read(gt.getDepthUri(), 256L << 20),
              gt.getDepthUri(),
              gt.getDepthScaleMmPerUnit(),
              v.image().widthPx(),
              v.image().heightPx());
      int n = gt.getLandmarks().getPointsCount();
      float[] px = new float[2 * n];
      float[] z = new float[n];
      boolean[] visible = new boolean[n];
      for (int i = 0; i < n; i++) {
        Landmark p = gt.getLandmarks().getPoints(i);
        px[2 * i] = p.getXPx();
        px[2 * i + 1] = p.getYPx();
        z[i] = p.getDepthMm();
        visible[i] = p.getVisible();
      }
      views.inc();
      out.get(EstimateDepth.DEPTHS)
          .output(
              KV.of(element.getKey(), new ViewDepth(v.view(), v.image(), depth, px, z, visible)));
    } catch (Exception e) {
      failures.inc();
      out.get(EstimateDepth.FAILURES)
          .output(Failures.of(v.subjectId(), v.viewId(), "depth", gt.getDepthUri(), e));
    }
  }

  /**
   * Decodes a 16-bit grayscale depth PNG into millimetres.
   *
   * @param scaleMmPerUnit millimetres per PNG unit; 0 stays 0 (no surface)
   */
  public static float[] readDepthPng(
      byte[] png, String source, double scaleMmPerUnit, int expectedWidth, int expectedHeight)
      throws IOException {
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    if (image == null) {
      throw new IOException(source + ": not a PNG depth image");
    }
    if (image.getType() != BufferedImage.TYPE_USHORT_GRAY) {
      throw new IOException(source + ": depth PNG must be 16-bit grayscale");
    }
    if (image.getWidth() != expectedWidth || image.getHeight() != expectedHeight) {
      throw new IOException(
          source
              + ": depth is "
              + image.getWidth()
              + "x"
              + image.getHeight()
              + ", image is "
              + expectedWidth
              + "x"
              + expectedHeight);
    }
    Raster raster = image.getRaster();
    float[] depth = new float[expectedWidth * expectedHeight];
    for (int y = 0; y < expectedHeight; y++) {
      for (int x = 0; x < expectedWidth; x++) {
        depth[y * expectedWidth + x] = (float) (raster.getSample(x, y, 0) * scaleMmPerUnit);
      }
    }
    return depth;
  }
}
