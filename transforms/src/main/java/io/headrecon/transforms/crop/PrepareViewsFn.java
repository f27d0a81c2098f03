package io.headrecon.transforms.crop;

import com.google.protobuf.ByteString;
import io.headrecon.model.ExecutionProvider;
import io.headrecon.model.ProtoGeometry;
import io.headrecon.proto.HeadCropBox;
import io.headrecon.proto.PreparedView;
import io.headrecon.proto.View;
import io.headrecon.transforms.depth.DepthModelFiles;
import io.headrecon.transforms.image.ImageDecoding;
import io.headrecon.transforms.image.RgbImage;
import io.headrecon.transforms.io.BeamFiles;
import io.headrecon.transforms.io.Failures;
import io.headrecon.transforms.io.ReadViews;
import io.headrecon.transforms.records.ViewImage;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;

/**
 * For review before a run: finds the head in each decoded photo ({@link HeadLocator}) and emits the
 * view as a manifest would hold it (camera and head box in the photo's full-size pixels) with a
 * thumbnail showing the box; a photo without a head becomes a failure record (stage {@code
 * head_crop}) and still gets a thumbnail without a box.
 */
public class PrepareViewsFn extends DoFn<KV<String, ViewImage>, KV<String, PreparedView>> {
  /** Long side of the thumbnails, pixels. */
  public static final int THUMBNAIL_PX = 256;

  private final Counter found = Metrics.counter(PrepareViewsFn.class, "headsFound");
  private final Counter notFound = Metrics.counter(PrepareViewsFn.class, "headsNotFound");
  private final String model;
  private final ExecutionProvider provider;
  private final long maxImagePixels;

  private transient HeadLocator.Network network;

  /**
   * @param model the pipeline's {@code --model} ({@link DepthModelFiles})
   * @param provider where the network runs
   * @param maxImagePixels the pipeline's {@code --maxImagePixels}, for the header re-read
   */
  public PrepareViewsFn(String model, ExecutionProvider provider, long maxImagePixels) {
    this.model = model;
    this.provider = provider;
    this.maxImagePixels = maxImagePixels;
  }

  @Setup
  public void setup() {
    network = HeadLocator.network(DepthModelFiles.runner(model, provider));
  }

  @ProcessElement
  public void process(@Element KV<String, ViewImage> element, MultiOutputReceiver out)
      throws IOException {
    ViewImage photo = element.getValue();
    View view = photo.view();
    // The decoded photo may be smaller than the file: the manifest needs full-size pixels.
    int[] full = fullSize(view.getImageUri());
    double scale = (double) full[0] / photo.image().widthPx();
    View.Builder prepared =
        view.toBuilder()
            .setCamera(
                view.getCamera().toBuilder()
                    .setIntrinsics(
                        ProtoGeometry.resized(view.getCamera().getIntrinsics(), full[0], full[1])));
    HeadCrop crop = null;
    try {
      HeadLocator.Located located =
          HeadLocator.locate(photo.image(), view.getCamera().getIntrinsics(), network);
      crop = located.crop();
      HeadCropBox box = located.box();
      prepared.setHeadCrop(
          box.toBuilder()
              .setX0Px((int) Math.round((box.getX0Px() + 0.5) * scale - 0.5))
              .setY0Px((int) Math.round((box.getY0Px() + 0.5) * scale - 0.5))
              .setSidePx((int) Math.round(box.getSidePx() * scale))
              .setPhotoWidthPx(full[0])
              .setPhotoHeightPx(full[1]));
      found.inc();
    } catch (Exception e) {
      notFound.inc();
      out.get(PrepareViews.FAILURES)
          .output(
              Failures.of(photo.subjectId(), photo.viewId(), "head_crop", view.getImageUri(), e));
    }
    out.get(PrepareViews.PREPARED)
        .output(
            KV.of(
                element.getKey(),
                PreparedView.newBuilder()
                    .setView(prepared)
                    .setThumbnailPng(ByteString.copyFrom(thumbnail(photo.image(), crop)))
                    .setWidthPx(full[0])
                    .setHeightPx(full[1])
                    .build()));
  }

  private int[] fullSize(String uri) throws IOException {
    byte[] bytes = BeamFiles.read(uri, ReadViews.maxPhotoBytes(maxImagePixels));
    try (ImageDecoding.Photo p = ImageDecoding.open(bytes, uri, maxImagePixels)) {
      return new int[] {p.widthPx(), p.heightPx()};
    }
  }

  /** The photo at most {@link #THUMBNAIL_PX} on its long side, the crop drawn in green. */
  static byte[] thumbnail(RgbImage photo, HeadCrop crop) throws IOException {
    double s = Math.min(1.0, (double) THUMBNAIL_PX / Math.max(photo.widthPx(), photo.heightPx()));
    int w = Math.max(1, (int) Math.round(photo.widthPx() * s));
    int h = Math.max(1, (int) Math.round(photo.heightPx() * s));
    RgbImage small = photo.resized(w, h);
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    image.setRGB(0, 0, w, h, small.packedRgb(), 0, w);
    if (crop != null) {
      Graphics2D g = image.createGraphics();
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setColor(new Color(0x20e040));
      g.setStroke(new BasicStroke(2));
      g.drawRect(
          (int) Math.round(crop.x0Px() * s),
          (int) Math.round(crop.y0Px() * s),
          (int) Math.round(crop.sidePx() * s),
          (int) Math.round(crop.sidePx() * s));
      g.dispose();
    }
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ImageIO.write(image, "png", png);
    return png.toByteArray();
  }
}
