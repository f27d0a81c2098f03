package io.headrecon.transforms.report;

import io.headrecon.geometry.PointCloud;
import io.headrecon.geometry.TriangleMesh;
import io.headrecon.geometry.io.DepthPng;
import io.headrecon.geometry.io.Ply;
import io.headrecon.proto.FailureRecord;
import io.headrecon.proto.Landmark;
import io.headrecon.proto.ManifestUris;
import io.headrecon.proto.ProtoJson;
import io.headrecon.proto.SubjectManifest;
import io.headrecon.proto.SubjectMetrics;
import io.headrecon.proto.View;
import io.headrecon.transforms.image.DecodedSize;
import io.headrecon.transforms.image.ImageDecoding;
import io.headrecon.transforms.image.RgbImage;
import io.headrecon.transforms.io.BeamFiles;
import io.headrecon.transforms.io.Csv;
import io.headrecon.transforms.io.OutputFiles;
import io.headrecon.transforms.io.WriteFailures;
import io.headrecon.transforms.records.SubjectFiles;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.beam.sdk.coders.CannotProvideCoderException;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.extensions.protobuf.ProtoCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the run's QC report under {@code <output>/report/}: {@code index.html} (run header,
 * verdict counts, distributions of the key figures, every subject worst first with a thumbnail),
 * one page per subject (photos with mask and landmarks, depth maps, front/side/top renders of the
 * fused head, a three.js viewer of its cloud or mesh, per-view metrics, failure reasons) and the
 * scripts they use, all relative links so that it works offline from the output folder.
 *
 * <p>Input: a {@link PCollectionTuple} with {@link #ROWS} (the summary rows), {@link #SUBJECTS}
 * (the listed subject folders, for photos and manifests) and {@link #FAILURES} (every failure
 * record). Subject outputs are read back from {@code <output>/<subjectId>/}, so subjects skipped by
 * a rerun are reported like the others.
 */
public class WriteReport extends PTransform<PCollectionTuple, PDone> {
  /** Input: one summary CSV row per subject ({@code WriteResults.SUMMARY_HEADER}). */
  public static final TupleTag<String> ROWS = new TupleTag<>() {};

  /** Input: the subject folders found under the input. */
  public static final TupleTag<SubjectFiles> SUBJECTS = new TupleTag<>() {};

  /** Input: the run's failure records. */
  public static final TupleTag<FailureRecord> FAILURES = new TupleTag<>() {};

  /** The report's folder name under the output, reserved as a run output name. */
  public static final String FOLDER = "report";

  /** The index page, relative to the output. */
  public static final String INDEX = FOLDER + "/index.html";

  /** Side of the front/side/top renders, pixels. */
  static final int RENDER_PX = 360;

  /** Side of the index thumbnails, pixels. */
  static final int THUMB_PX = 96;

  /** Long side of the photos shown, pixels. */
  static final int PHOTO_PX = 240;

  /** At most this many points of a cloud go to the 3-D viewer. */
  static final int VIEWER_POINTS = 60_000;

  /** Largest subject file read back (a fused cloud or mesh), bytes. */
  static final long MAX_READ_BYTES = 1L << 30;

  /** Largest photo read, pixels. */
  static final long MAX_PHOTO_PIXELS = 100_000_000L;

  static final String[] ASSETS = {"report.css", "report.js", "viewer.js"};

  static final TupleTag<String> ROW = new TupleTag<>() {};
  static final TupleTag<SubjectFiles> FOLDER_FILES = new TupleTag<>() {};
  static final TupleTag<FailureRecord> FAILURE = new TupleTag<>() {};

  private final String output;
  private final Map<String, String> runInfo;

  private WriteReport(String output, Map<String, String> runInfo) {
    this.output = output;
    this.runInfo = new LinkedHashMap<>(runInfo);
  }

  /**
   * @param output the run's output prefix
   * @param runInfo the report header's rows, label to value (input, options, model, runner, start)
   */
  public static WriteReport to(String output, Map<String, String> runInfo) {
    return new WriteReport(output, runInfo);
  }

  @Override
  public PDone expand(PCollectionTuple input) {
    PCollection<KV<String, String>> rows =
        input
            .get(ROWS)
            .apply(
                "KeyRows",
                WithKeys.of(ReportHtml::subjectIdOfRow).withKeyType(TypeDescriptors.strings()))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()));
    PCollection<KV<String, SubjectFiles>> folders =
        input
            .get(SUBJECTS)
            .apply(
                "KeySubjects",
                WithKeys.of(SubjectFiles::subjectId).withKeyType(TypeDescriptors.strings()));
    PCollection<KV<String, FailureRecord>> failures =
        input
            .get(FAILURES)
            .apply(
                "KeyFailures",
                WithKeys.of(FailureRecord::getSubjectId).withKeyType(TypeDescriptors.strings()))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), ProtoCoder.of(FailureRecord.class)));
    KeyedPCollectionTuple.of(ROW, rows)
        .and(FOLDER_FILES, folders)
        .and(FAILURE, failures)
        .apply("GroupBySubject", CoGroupByKey.create())
        .apply("WriteSubjectPages", ParDo.of(new WriteSubjectPageFn(output)))
        .setCoder(StringUtf8Coder.of())
        .apply("GatherEntries", Combine.globally(new GatherEntriesFn()))
        .apply("WriteIndex", ParDo.of(new WriteIndexFn(output, runInfo)));
    return PDone.in(input.getPipeline());
  }

  /** Gathers the index entries into one list. */
  static class GatherEntriesFn extends Combine.CombineFn<String, List<String>, List<String>> {
    @Override
    public List<String> createAccumulator() {
      return new ArrayList<>();
    }

    @Override
    public List<String> addInput(List<String> acc, String entry) {
      acc.add(entry);
      return acc;
    }

    @Override
    public List<String> mergeAccumulators(Iterable<List<String>> accs) {
      List<String> all = new ArrayList<>();
      accs.forEach(all::addAll);
      return all;
    }

    @Override
    public List<String> extractOutput(List<String> acc) {
      return acc;
    }

    @Override
    public Coder<List<String>> getAccumulatorCoder(CoderRegistry r, Coder<String> in)
        throws CannotProvideCoderException {
      return ListCoder.of(StringUtf8Coder.of());
    }

    @Override
    public Coder<List<String>> getDefaultOutputCoder(CoderRegistry r, Coder<String> in) {
      return ListCoder.of(StringUtf8Coder.of());
    }
  }

  /**
   * Writes one subject's page and pictures; emits its index entry ({@link ReportHtml.Entry#line}).
   * A picture that cannot be made is left out and logged; the page is always written.
   */
  static class WriteSubjectPageFn extends DoFn<KV<String, CoGbkResult>, String> {
    private static final Logger LOG = LoggerFactory.getLogger(WriteReport.class);
    private static final java.lang.management.ThreadMXBean THREADS =
        java.lang.management.ManagementFactory.getThreadMXBean();
    private final Counter pages = Metrics.counter(WriteReport.class, "subjectPagesWritten");
    private final Counter missing = Metrics.counter(WriteReport.class, "reportFiguresMissing");
    private final Counter cpuMicros = Metrics.counter(WriteReport.class, "subjectPageCpuMicros");
    private final String output;

    WriteSubjectPageFn(String output) {
      this.output = output;
    }

    @ProcessElement
    public void process(@Element KV<String, CoGbkResult> group, OutputReceiver<String> out)
        throws IOException {
      long cpuStart = THREADS.getCurrentThreadCpuTime();
      try {
        writePage(group, out);
      } finally {
        cpuMicros.inc((THREADS.getCurrentThreadCpuTime() - cpuStart) / 1000);
      }
    }

    private void writePage(KV<String, CoGbkResult> group, OutputReceiver<String> out)
        throws IOException {
      String row = group.getValue().getOnly(ROW, null);
      if (row == null) {
        return; // listed but never reported: cannot happen, every subject has a row
      }
      String id = group.getKey();
      SubjectFiles files = group.getValue().getOnly(FOLDER_FILES, null);
      List<FailureRecord> failures = new ArrayList<>();
      group.getValue().getAll(FAILURE).forEach(failures::add);
      failures.sort(Comparator.comparing(WriteFailures::sortKey));
      String pageDir =
          BeamFiles.join(output, FOLDER + "/subjects/" + ReportHtml.pageName(id) + "/");
      String subjectDir = BeamFiles.join(output, id + "/");

      SubjectMetrics metrics = null;
      boolean verdictOk = !row.contains(",failed:");
      SubjectManifest manifest = readManifest(files);
      if (verdictOk) {
        try {
          String json =
              new String(
                  BeamFiles.read(subjectDir + OutputFiles.METRICS_JSON, MAX_READ_BYTES),
                  StandardCharsets.UTF_8);
          metrics = ProtoJson.fromJson(json, SubjectMetrics.newBuilder(), subjectDir);
        } catch (IOException | RuntimeException e) {
          figureMissing(id, "metrics.json", e);
        }
      }
      boolean renders = false;
      String geometryFile = null;
      String frame = null;
      if (metrics != null) {
        for (String name : new String[] {"mesh.ply", "fused.ply"}) {
          byte[] ply;
          try {
            ply = BeamFiles.read(subjectDir + name, MAX_READ_BYTES);
          } catch (IOException e) {
            continue; // mesh.ply is optional; fused.ply missing is reported below
          }
          try {
            writeGeometryFigures(ply, name, manifest, pageDir);
            geometryFile = name;
            frame = Ply.frameOf(ply);
            renders = true;
            break;
          } catch (IOException | RuntimeException e) {
            figureMissing(id, name, e);
          }
        }
      }
      List<String> photos = new ArrayList<>();
      List<String> depths = new ArrayList<>();
      if (files != null) {
        Map<String, View> views = new HashMap<>();
        if (manifest != null) {
          manifest.getViewsList().forEach(v -> views.put(v.getViewId(), v));
        }
        for (String uri : files.imageUris()) {
          String viewId = SubjectFiles.viewIdOf(uri);
          try {
            writePhoto(
                uri,
                views.get(viewId),
                files,
                pageDir + "photos/" + ReportHtml.pageName(viewId) + ".png");
            photos.add(viewId);
          } catch (IOException | RuntimeException e) {
            missing.inc(); // an unreadable photo is already a failure record of the view
            LOG.debug("report for {}: cannot show {}: {}", id, uri, e.toString());
            continue;
          }
          String depthUri = subjectDir + "views/" + viewId + "_depth.png";
          byte[] png;
          try {
            png = BeamFiles.read(depthUri, MAX_READ_BYTES);
          } catch (IOException e) {
            continue; // written only with --writeViewOutputs
          }
          try {
            writeDepth(png, depthUri, pageDir + "depth/" + ReportHtml.pageName(viewId) + ".png");
            depths.add(viewId);
          } catch (IOException | RuntimeException e) {
            figureMissing(id, depthUri, e);
          }
        }
      }
      ReportHtml.Entry entry = new ReportHtml.Entry(Csv.parse(row).get(0), renders);
      String html =
          ReportHtml.subjectPage(
              new ReportHtml.SubjectPage(
                  entry, metrics, failures, photos, depths, geometryFile, frame));
      byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
      OutputFiles.write(
          BeamFiles.join(output, FOLDER + "/subjects/" + ReportHtml.pageName(id) + ".html"),
          "text/html",
          o -> o.write(bytes));
      pages.inc();
      out.output(entry.line());
    }

    private void figureMissing(String id, String what, Exception e) {
      missing.inc();
      LOG.warn("report for {}: cannot show {}: {}", id, what, e.toString());
    }

    private SubjectManifest readManifest(SubjectFiles files) {
      if (files == null || files.manifestUri() == null) {
        return null;
      }
      try {
        String json =
            new String(BeamFiles.read(files.manifestUri(), MAX_READ_BYTES), StandardCharsets.UTF_8);
        return ProtoJson.fromJson(json, SubjectManifest.newBuilder(), files.manifestUri());
      } catch (IOException | RuntimeException e) {
        figureMissing(files.subjectId(), files.manifestUri(), e);
        return null;
      }
    }

    private void writeGeometryFigures(
        byte[] ply, String name, SubjectManifest manifest, String pageDir) throws IOException {
      PointCloud points;
      int[] triangles = null;
      if (name.equals("mesh.ply")) {
        TriangleMesh mesh = Ply.readMesh(new ByteArrayInputStream(ply), name);
        points = mesh.vertexCloud();
        triangles = mesh.triangles();
      } else {
        points = Ply.readCloud(new ByteArrayInputStream(ply), name);
      }
      double[] front = SubjectFigures.frontRotation(Ply.frameOf(ply), manifest);
      BufferedImage[] views = SubjectFigures.threeViews(points, front, RENDER_PX);
      String[] names = {"front", "side", "top"};
      for (int i = 0; i < 3; i++) {
        writePng(views[i], pageDir + names[i] + ".png");
      }
      writePng(scaled(views[0], THUMB_PX), pageDir + "thumb.png");
      byte[] script =
          SubjectFigures.viewerScript(points, triangles, front, VIEWER_POINTS)
              .getBytes(StandardCharsets.UTF_8);
      OutputFiles.write(pageDir + "cloud.js", "text/javascript", o -> o.write(script));
    }

    private void writePhoto(String uri, View view, SubjectFiles files, String target)
        throws IOException {
      byte[] bytes = BeamFiles.read(uri, MAX_READ_BYTES);
      RgbImage photo;
      int fullWidth;
      try (ImageDecoding.Photo p = ImageDecoding.open(bytes, uri, MAX_PHOTO_PIXELS)) {
        fullWidth = p.widthPx();
        int[] size = p.sizeFor(DecodedSize.longSideAtMost(PHOTO_PX));
        photo = p.decode(size[0], size[1]);
      }
      BufferedImage mask = null;
      List<Landmark> landmarks = List.of();
      if (view != null && view.hasGroundTruth()) {
        String maskUri = view.getGroundTruth().getMaskUri();
        if (!maskUri.isEmpty()) {
          String resolved = ManifestUris.resolve(files.manifestUri(), maskUri);
          BeamFiles.checkInside(resolved, files.folderUri());
          mask = ImageIO.read(new ByteArrayInputStream(BeamFiles.read(resolved, MAX_READ_BYTES)));
        }
        landmarks = view.getGroundTruth().getLandmarks().getPointsList();
      }
      double scale = photo.widthPx() / (double) fullWidth;
      writePng(SubjectFigures.photoOverlay(photo, scale, mask, landmarks), target);
    }

    private void writeDepth(byte[] png, String uri, String target) throws IOException {
      String scaleText = DepthPng.readText(png, uri).get(DepthPng.SCALE_KEY);
      double scale =
          scaleText == null ? DepthPng.DEFAULT_SCALE_MM_PER_UNIT : Double.parseDouble(scaleText);
      DepthPng.DepthImage depth;
      try (InputStream in = new ByteArrayInputStream(png)) {
        depth = DepthPng.read(in, scale, uri);
      }
      BufferedImage coloured = SubjectFigures.depthColoured(depth);
      int longSide = Math.max(depth.widthPx(), depth.heightPx());
      writePng(longSide > PHOTO_PX ? scaled(coloured, PHOTO_PX) : coloured, target);
    }
  }

  static BufferedImage scaled(BufferedImage image, int longSidePx) {
    double s = longSidePx / (double) Math.max(image.getWidth(), image.getHeight());
    int w = Math.max(1, (int) Math.round(image.getWidth() * s));
    int h = Math.max(1, (int) Math.round(image.getHeight() * s));
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.setRenderingHint(
        RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(image, 0, 0, w, h, null);
    g.dispose();
    return out;
  }

  static void writePng(BufferedImage image, String uri) throws IOException {
    OutputFiles.write(
        uri,
        "image/png",
        o -> {
          if (!ImageIO.write(image, "png", o)) {
            throw new IOException("no PNG writer");
          }
        });
  }

  /** Writes the index page and copies the scripts and three.js next to it. */
  static class WriteIndexFn extends DoFn<List<String>, Void> {
    private static final Logger LOG = LoggerFactory.getLogger(WriteReport.class);

    /** three.js as the org.webjars:three.js jar holds it. */
    static final String THREE_JS = "/META-INF/resources/webjars/three.js/r88/three.min.js";

    private final String output;
    private final Map<String, String> runInfo;

    WriteIndexFn(String output, Map<String, String> runInfo) {
      this.output = output;
      this.runInfo = runInfo;
    }

    @ProcessElement
    public void process(@Element List<String> lines) throws IOException {
      copyAsset(THREE_JS, "three.min.js");
      for (String asset : ASSETS) {
        copyAsset(asset, asset);
      }
      List<ReportHtml.Entry> entries = new ArrayList<>();
      for (String line : lines) {
        entries.add(ReportHtml.Entry.parse(line));
      }
      Map<String, String> info = new LinkedHashMap<>(runInfo);
      info.put("report written", Instant.now().toString());
      byte[] html = ReportHtml.index(info, entries).getBytes(StandardCharsets.UTF_8);
      String uri = BeamFiles.join(output, INDEX);
      OutputFiles.write(uri, "text/html", o -> o.write(html));
      LOG.info("QC report: {}", uri);
    }

    private void copyAsset(String resource, String name) throws IOException {
      byte[] bytes;
      try (InputStream in = WriteReport.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IOException("report asset " + resource + " is not on the class path");
        }
        bytes = in.readAllBytes();
      }
      String type = name.endsWith(".css") ? "text/css" : "text/javascript";
      OutputFiles.write(BeamFiles.join(output, FOLDER + "/lib/" + name), type, o -> o.write(bytes));
    }
  }
}
