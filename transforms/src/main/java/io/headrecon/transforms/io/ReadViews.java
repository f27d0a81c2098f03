package io.headrecon.transforms.io;

import io.headrecon.proto.Camera;
import io.headrecon.proto.FailureRecord;
import io.headrecon.proto.Intrinsics;
import io.headrecon.proto.ManifestUris;
import io.headrecon.proto.ProtoJson;
import io.headrecon.proto.SubjectManifest;
import io.headrecon.proto.View;
import io.headrecon.proto.ViewGroundTruth;
import io.headrecon.transforms.image.ImageDecoding;
import io.headrecon.transforms.image.RgbImage;
import io.headrecon.transforms.records.SubjectFiles;
import io.headrecon.transforms.records.SubjectInput;
import io.headrecon.transforms.records.SubjectInputCoder;
import io.headrecon.transforms.records.ViewImage;
import io.headrecon.transforms.records.ViewImageCoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.extensions.protobuf.ProtoCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Reads each subject's manifest (once: the parsed manifest travels on as a {@link SubjectInput})
 * and decodes its photos into {@link ViewImage}s keyed by subject.
 */
public class ReadViews extends PTransform<PCollection<SubjectFiles>, PCollectionTuple> {
  public static final TupleTag<KV<String, ViewImage>> VIEWS = new TupleTag<>() {};

  /** Every subject whose manifest was read (or that has none), with the parsed manifest. */
  public static final TupleTag<SubjectInput> SUBJECTS = new TupleTag<>() {};

  public static final TupleTag<FailureRecord> FAILURES = new TupleTag<>() {};

  /** Largest manifest read, bytes. */
  static final long MAX_MANIFEST_BYTES = 16L << 20;

  private final long maxImagePixels;
  private final Intrinsics defaultIntrinsics;

  private ReadViews(long maxImagePixels, Intrinsics defaultIntrinsics) {
    this.maxImagePixels = maxImagePixels;
    this.defaultIntrinsics = defaultIntrinsics;
  }

  /**
   * @param maxImagePixels largest width × height decoded, checked before decoding
   * @param defaultIntrinsics camera intrinsics for views the manifest does not describe, at the
   *     reference image size (scaled to each image's size)
   */
  public static ReadViews of(long maxImagePixels, Intrinsics defaultIntrinsics) {
    return new ReadViews(maxImagePixels, defaultIntrinsics);
  }

  @Override
  public PCollectionTuple expand(PCollection<SubjectFiles> subjects) {
    PCollectionTuple result =
        subjects.apply(
            "DecodeViews",
            ParDo.of(new ReadViewsFn(maxImagePixels, defaultIntrinsics))
                .withOutputTags(VIEWS, TupleTagList.of(FAILURES).and(SUBJECTS)));
    result.get(SUBJECTS).setCoder(SubjectInputCoder.of());
    result.get(VIEWS).setCoder(KvCoder.of(StringUtf8Coder.of(), ViewImageCoder.of()));
    result.get(FAILURES).setCoder(ProtoCoder.of(FailureRecord.class));
    return result;
  }

  /** Parses the manifest, then reads and decodes every image of one subject. */
  static class ReadViewsFn extends DoFn<SubjectFiles, KV<String, ViewImage>> {
    private final Counter decoded = Metrics.counter(ReadViews.class, "viewsDecoded");
    private final Counter viewFailures = Metrics.counter(ReadViews.class, "viewsFailed");
    private final Counter manifestFailures = Metrics.counter(ReadViews.class, "manifestsFailed");
    private final long maxImagePixels;
    private final Intrinsics defaultIntrinsics;

    ReadViewsFn(long maxImagePixels, Intrinsics defaultIntrinsics) {
      this.maxImagePixels = maxImagePixels;
      this.defaultIntrinsics = defaultIntrinsics;
    }

    @ProcessElement
    public void process(@Element SubjectFiles subject, MultiOutputReceiver out) {
      Map<String, View> manifestViews = new HashMap<>();
      SubjectManifest resolved = SubjectManifest.getDefaultInstance();
      if (subject.manifestUri() != null) {
        try {
          String json =
              new String(
                  BeamFiles.read(subject.manifestUri(), MAX_MANIFEST_BYTES),
                  StandardCharsets.UTF_8);
          SubjectManifest manifest = ProtoJson.parseManifest(json, subject.manifestUri());
          if (!manifest.getSubjectId().equals(subject.subjectId())) {
            throw new IllegalArgumentException(
                subject.manifestUri()
                    + ": subjectId '"
                    + manifest.getSubjectId()
                    + "' does not match its folder '"
                    + subject.subjectId()
                    + "'");
          }
          resolved = resolveUris(manifest, subject.manifestUri(), subject.folderUri());
          for (View view : resolved.getViewsList()) {
            manifestViews.put(view.getViewId(), view);
          }
        } catch (Exception e) {
          manifestFailures.inc();
          out.get(FAILURES)
              .output(Failures.of(subject.subjectId(), "", "manifest", subject.manifestUri(), e));
          return;
        }
      }
      out.get(SUBJECTS).output(new SubjectInput(subject, resolved));
      for (String uri : subject.imageUris()) {
        String viewId = SubjectFiles.viewIdOf(uri);
        try {
          RgbImage image =
              ImageDecoding.decodeRgb(
                  BeamFiles.read(uri, Math.max(1L << 20, maxImagePixels * 8)), uri, maxImagePixels);
          View described = manifestViews.get(viewId);
          View view =
              (described != null ? described.toBuilder() : View.newBuilder())
                  .setSubjectId(subject.subjectId())
                  .setViewId(viewId)
                  .setImageUri(uri)
                  .setCamera(cameraFor(described, image, uri, subject.manifestUri()))
                  .build();
          decoded.inc();
          out.get(VIEWS).output(KV.of(subject.subjectId(), new ViewImage(view, image)));
        } catch (Exception e) {
          viewFailures.inc();
          out.get(FAILURES).output(Failures.of(subject.subjectId(), viewId, "decode", uri, e));
        }
      }
    }

    private Camera cameraFor(View described, RgbImage image, String uri, String manifestUri) {
      if (described != null && described.hasCamera()) {
        Intrinsics k = described.getCamera().getIntrinsics();
        if (k.getWidthPx() != image.widthPx() || k.getHeightPx() != image.heightPx()) {
          throw new IllegalArgumentException(
              uri
                  + ": image is "
                  + image.widthPx()
                  + "x"
                  + image.heightPx()
                  + " px but "
                  + manifestUri
                  + " view '"
                  + described.getViewId()
                  + "' camera intrinsics widthPx x heightPx say "
                  + k.getWidthPx()
                  + "x"
                  + k.getHeightPx());
        }
        return described.getCamera();
      }
      double sx = (double) image.widthPx() / defaultIntrinsics.getWidthPx();
      double sy = (double) image.heightPx() / defaultIntrinsics.getHeightPx();
      return Camera.newBuilder()
          .setIntrinsics(
              Intrinsics.newBuilder()
                  .setFxPx(defaultIntrinsics.getFxPx() * sx)
                  .setFyPx(defaultIntrinsics.getFyPx() * sy)
                  .setCxPx((defaultIntrinsics.getCxPx() + 0.5) * sx - 0.5)
                  .setCyPx((defaultIntrinsics.getCyPx() + 0.5) * sy - 0.5)
                  .setWidthPx(image.widthPx())
                  .setHeightPx(image.heightPx()))
          .build();
    }

    /**
     * The manifest with every ground-truth URI (mesh, depth, mask) resolved against its own, each
     * checked to lie inside the subject folder once symbolic links are resolved.
     */
    private static SubjectManifest resolveUris(
        SubjectManifest manifest, String manifestUri, String folderUri) throws IOException {
      SubjectManifest.Builder b = manifest.toBuilder().clearViews();
      for (View view : manifest.getViewsList()) {
        b.addViews(resolveUris(view, manifestUri, folderUri));
      }
      String mesh = manifest.getGroundTruth().getMeshUri();
      if (!mesh.isEmpty()) {
        b.getGroundTruthBuilder().setMeshUri(resolveInside(manifestUri, mesh, folderUri));
      }
      return b.build();
    }

    private static View resolveUris(View view, String manifestUri, String folderUri)
        throws IOException {
      View.Builder b = view.toBuilder();
      if (view.hasGroundTruth()) {
        ViewGroundTruth gt = view.getGroundTruth();
        ViewGroundTruth.Builder resolved = gt.toBuilder();
        if (!gt.getDepthUri().isEmpty()) {
          resolved.setDepthUri(resolveInside(manifestUri, gt.getDepthUri(), folderUri));
        }
        if (!gt.getMaskUri().isEmpty()) {
          resolved.setMaskUri(resolveInside(manifestUri, gt.getMaskUri(), folderUri));
        }
        b.setGroundTruth(resolved);
      }
      return b.build();
    }

    private static String resolveInside(String manifestUri, String uri, String folderUri)
        throws IOException {
      String resolved = ManifestUris.resolve(manifestUri, uri);
      BeamFiles.checkInside(resolved, folderUri);
      return resolved;
    }
  }
}
