package io.headrecon.transforms.io;

import io.headrecon.proto.FailureRecord;
import io.headrecon.proto.HeadCropBox;
import io.headrecon.proto.PreparedView;
import io.headrecon.proto.ProtoJson;
import io.headrecon.proto.SubjectManifest;
import io.headrecon.proto.View;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.extensions.protobuf.ProtoCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Writes what PrepareSubjects found per subject: {@code <output>/<subjectId>/manifest.json} (the
 * views with the cameras and head boxes found; image URIs relative, no ground truth) and {@code
 * review.png} (the thumbnails with their boxes, for an operator to check), and one summary line per
 * view. An existing {@code manifest.json} is never replaced: the subject fails instead.
 */
public class WritePreparedSubjects
    extends PTransform<PCollection<KV<String, PreparedView>>, PCollectionTuple> {
  public static final TupleTag<KV<String, String>> SUMMARY_LINES = new TupleTag<>() {};
  public static final TupleTag<FailureRecord> FAILURES = new TupleTag<>() {};

  /** Header of the summary CSV. */
  public static final String SUMMARY_HEADER =
      "subject_id,view_id,width_px,height_px,fx_px,intrinsics_source,head_found,"
          + "head_x0_px,head_y0_px,head_side_px,head_source";

  private final String output;

  private WritePreparedSubjects(String output) {
    this.output = output;
  }

  /** Into the prefix {@code output}. */
  public static WritePreparedSubjects to(String output) {
    return new WritePreparedSubjects(output);
  }

  @Override
  public PCollectionTuple expand(PCollection<KV<String, PreparedView>> views) {
    PCollectionTuple result =
        views
            .apply("GroupBySubject", GroupByKey.create())
            .apply(
                "WriteManifestAndReview",
                ParDo.of(new WritePreparedSubjectFn(output))
                    .withOutputTags(SUMMARY_LINES, TupleTagList.of(FAILURES)));
    result.get(SUMMARY_LINES).setCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()));
    result.get(FAILURES).setCoder(ProtoCoder.of(FailureRecord.class));
    return result;
  }

  /** Writes one subject's manifest and review sheet. */
  static class WritePreparedSubjectFn
      extends DoFn<KV<String, Iterable<PreparedView>>, KV<String, String>> {
    private final Counter written = Metrics.counter(WritePreparedSubjects.class, "subjectsWritten");
    private final Counter failed = Metrics.counter(WritePreparedSubjects.class, "subjectsFailed");
    private final String output;

    WritePreparedSubjectFn(String output) {
      this.output = output;
    }

    @ProcessElement
    public void process(
        @Element KV<String, Iterable<PreparedView>> subject, MultiOutputReceiver out) {
      String subjectId = subject.getKey();
      List<PreparedView> views = new ArrayList<>();
      subject.getValue().forEach(views::add);
      views.sort(Comparator.comparing(v -> v.getView().getViewId()));
      String manifestUri = BeamFiles.join(output, subjectId + "/manifest.json");
      try {
        if (BeamFiles.exists(manifestUri)) {
          throw new IOException(
              manifestUri + " exists already: PrepareSubjects never replaces a manifest");
        }
        SubjectManifest.Builder manifest = SubjectManifest.newBuilder().setSubjectId(subjectId);
        for (PreparedView v : views) {
          String uri = v.getView().getImageUri();
          manifest.addViews(
              v.getView().toBuilder()
                  .setImageUri(uri.substring(uri.lastIndexOf('/') + 1))
                  .clearGroundTruth());
        }
        byte[] sheet = reviewSheet(views);
        OutputFiles.write(
            BeamFiles.join(output, subjectId + "/review.png"),
            "image/png",
            stream -> stream.write(sheet));
        byte[] json = ProtoJson.toJson(manifest.build()).getBytes(StandardCharsets.UTF_8);
        OutputFiles.write(manifestUri, "application/json", stream -> stream.write(json));
        for (PreparedView v : views) {
          out.get(SUMMARY_LINES).output(KV.of(subjectId + "/" + v.getView().getViewId(), line(v)));
        }
        written.inc();
      } catch (IOException | RuntimeException e) {
        failed.inc();
        out.get(FAILURES).output(Failures.of(subjectId, "", "prepare", manifestUri, e));
      }
    }

    private static String line(PreparedView v) {
      View view = v.getView();
      HeadCropBox box = view.getHeadCrop();
      boolean found = view.hasHeadCrop();
      return Csv.row(
          view.getSubjectId(),
          view.getViewId(),
          Integer.toString(v.getWidthPx()),
          Integer.toString(v.getHeightPx()),
          String.format(Locale.ROOT, "%.1f", view.getCamera().getIntrinsics().getFxPx()),
          view.getIntrinsicsSource(),
          Boolean.toString(found),
          found ? Integer.toString(box.getX0Px()) : "",
          found ? Integer.toString(box.getY0Px()) : "",
          found ? Integer.toString(box.getSidePx()) : "",
          found ? box.getSource() : "");
    }

    /** The thumbnails in rows of four, each labelled with its view id and how its box was found. */
    static byte[] reviewSheet(List<PreparedView> views) throws IOException {
      int cell = io.headrecon.transforms.crop.PrepareViewsFn.THUMBNAIL_PX;
      int label = 28;
      int columns = Math.min(4, Math.max(1, views.size()));
      int rows = (views.size() + columns - 1) / columns;
      BufferedImage sheet =
          new BufferedImage(
              columns * cell, Math.max(1, rows) * (cell + label), BufferedImage.TYPE_INT_RGB);
      Graphics2D g = sheet.createGraphics();
      g.setColor(Color.DARK_GRAY);
      g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
      for (int i = 0; i < views.size(); i++) {
        PreparedView v = views.get(i);
        int x = (i % columns) * cell;
        int y = (i / columns) * (cell + label);
        BufferedImage thumb =
            ImageIO.read(new ByteArrayInputStream(v.getThumbnailPng().toByteArray()));
        if (thumb != null) {
          g.drawImage(thumb, x + (cell - thumb.getWidth()) / 2, y, null);
        }
        View view = v.getView();
        g.setColor(view.hasHeadCrop() ? Color.WHITE : new Color(0xff6060));
        g.drawString(view.getViewId(), x + 4, y + cell + 12);
        g.drawString(
            view.hasHeadCrop() ? view.getHeadCrop().getSource() : "no head found",
            x + 4,
            y + cell + 25);
      }
      g.dispose();
      java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
      ImageIO.write(sheet, "png", png);
      return png.toByteArray();
    }
  }
}
