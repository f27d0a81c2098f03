package io.headrecon.transforms.io;

import io.headrecon.model.ProtoGeometry;
import io.headrecon.proto.Camera;
import io.headrecon.proto.Contracts;
import io.headrecon.proto.FailureRecord;
import io.headrecon.proto.Intrinsics;
import io.headrecon.proto.ManifestUris;
import io.headrecon.proto.ProtoJson;
import io.headrecon.proto.SubjectManifest;
import io.headrecon.proto.View;
import io.headrecon.proto.ViewGroundTruth;
import io.headrecon.transforms.image.DecodedSize;
import io.headrecon.transforms.image.ImageDecoding;
import io.headrecon.transforms.image.PhotoIntrinsics;
import io.headrecon.transforms.image.RgbImage;
import io.headrecon.transforms.image.Undistortion;
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
 * and decodes its photos into {@link ViewImage}s keyed by subject: upright (EXIF orientation), at
 * the decoded size, undistorted when the manifest's camera has lens distortion, each with its
 * camera's intrinsics at that size (from the manifest, else EXIF, else the assumed lens; {@code
 * View.intrinsics_source} says which).
 */
public class ReadViews extends PTransform<PCollection<SubjectFiles>, PCollectionTuple> {
  public static final TupleTag<KV<String, ViewImage>> VIEWS = new TupleTag<>() {};

  /** Every subject whose manifest was read (or that has none), with the parsed manifest. */
  public static final TupleTag<SubjectInput> SUBJECTS = new TupleTag<>() {};

  public static final TupleTag<FailureRecord> FAILURES = new TupleTag<>() {};

  /** Largest manifest read, bytes. */
  static final long MAX_MANIFEST_BYTES = 16L << 20;

  /**
   * Largest photo file read, bytes, for a pixel limit of {@code maxImagePixels}: 8 bytes per pixel
   * (a 16-bit RGBA PNG stored raw), at least 1 MiB.
   */
  public static long maxPhotoBytes(long maxImagePixels) {
    return Math.max(1L << 20, maxImagePixels * 8);
  }

  /** Default of {@link #withSubjectPixelBudget}: decoded pixels held for one subject. */
  public static final long DEFAULT_MAX_SUBJECT_DECODED_PIXELS = 50_000_000L;

  private final long maxImagePixels;
  private final Intrinsics defaultIntrinsics;
  private final DecodedSize decodedSize;
  private final boolean fullSizeForGroundTruthDepth;
  private final long maxSubjectDecodedPixels;

  private ReadViews(
      long maxImagePixels,
      Intrinsics defaultIntrinsics,
      DecodedSize decodedSize,
      boolean fullSizeForGroundTruthDepth,
      long maxSubjectDecodedPixels) {
    this.maxImagePixels = maxImagePixels;
    this.defaultIntrinsics = defaultIntrinsics;
    this.decodedSize = decodedSize;
    this.fullSizeForGroundTruthDepth = fullSizeForGroundTruthDepth;
    this.maxSubjectDecodedPixels = maxSubjectDecodedPixels;
  }

  /**
   * @param maxImagePixels largest width × height decoded, checked before decoding
   * @param defaultIntrinsics camera intrinsics assumed for views that neither the manifest nor
   *     their EXIF describe, at the reference image size (scaled to each photo by its long side,
   *     {@link PhotoIntrinsics#assumed})
   */
  public static ReadViews of(long maxImagePixels, Intrinsics defaultIntrinsics) {
    return new ReadViews(
        maxImagePixels,
        defaultIntrinsics,
        DecodedSize.full(),
        false,
        DEFAULT_MAX_SUBJECT_DECODED_PIXELS);
  }

  /**
   * Decodes photos at {@code size} (full size by default) instead of every pixel; each view's
   * camera intrinsics are scaled to the decoded size exactly ({@link
   * io.headrecon.model.ProtoGeometry#resized}).
   *
   * @param fullSizeForGroundTruthDepth keep views whose manifest names a ground-truth depth map at
   *     full size, since that map must match the photo pixel for pixel
   */
  public ReadViews withDecodedSize(DecodedSize size, boolean fullSizeForGroundTruthDepth) {
    return new ReadViews(
        maxImagePixels,
        defaultIntrinsics,
        size,
        fullSizeForGroundTruthDepth,
        maxSubjectDecodedPixels);
  }

  /**
   * Most decoded pixels held for one subject ({@value #DEFAULT_MAX_SUBJECT_DECODED_PIXELS} by
   * default): views beyond it, in view order, become failure records naming the budget before they
   * are decoded.
   */
  public ReadViews withSubjectPixelBudget(long maxSubjectDecodedPixels) {
    if (maxSubjectDecodedPixels < 1) {
      throw new IllegalArgumentException(
          "--maxSubjectDecodedPixels must be >= 1, got " + maxSubjectDecodedPixels);
    }
    return new ReadViews(
        maxImagePixels,
        defaultIntrinsics,
        decodedSize,
        fullSizeForGroundTruthDepth,
        maxSubjectDecodedPixels);
  }

  @Override
  public PCollectionTuple expand(PCollection<SubjectFiles> subjects) {
    PCollectionTuple result =
        subjects.apply(
            "DecodeViews",
            ParDo.of(
                    new ReadViewsFn(
                        maxImagePixels,
                        defaultIntrinsics,
                        decodedSize,
                        fullSizeForGroundTruthDepth,
                        maxSubjectDecodedPixels))
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

    /** Views not decoded because their subject's decoded-pixel budget was spent. */
    private final Counter overBudget = Metrics.counter(ReadViews.class, "viewsOverPixelBudget");

    /** Views whose lens distortion was removed. */
    private final Counter undistorted = Metrics.counter(ReadViews.class, "viewsUndistorted");

    private final long maxImagePixels;
    private final Intrinsics defaultIntrinsics;
    private final DecodedSize decodedSize;
    private final boolean fullSizeForGroundTruthDepth;
    private final long maxSubjectDecodedPixels;

    ReadViewsFn(
        long maxImagePixels,
        Intrinsics defaultIntrinsics,
        DecodedSize decodedSize,
        boolean fullSizeForGroundTruthDepth,
        long maxSubjectDecodedPixels) {
      this.maxImagePixels = maxImagePixels;
      this.defaultIntrinsics = defaultIntrinsics;
      this.decodedSize = decodedSize;
      this.fullSizeForGroundTruthDepth = fullSizeForGroundTruthDepth;
      this.maxSubjectDecodedPixels = maxSubjectDecodedPixels;
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
      long decodedPixels = 0;
      for (String uri : subject.imageUris()) {
        String viewId = SubjectFiles.viewIdOf(uri);
        try {
          View described = manifestViews.get(viewId);
          RgbImage image;
          Camera camera;
          PhotoIntrinsics.Source intrinsicsSource;
          try (ImageDecoding.Photo photo =
              ImageDecoding.open(
                  BeamFiles.read(uri, maxPhotoBytes(maxImagePixels)), uri, maxImagePixels)) {
            if (described != null && described.hasCamera()) {
              camera =
                  manifestCamera(
                      described, photo.widthPx(), photo.heightPx(), uri, subject.manifestUri());
              intrinsicsSource = PhotoIntrinsics.Source.MANIFEST;
            } else {
              PhotoIntrinsics.Found found = PhotoIntrinsics.of(photo, defaultIntrinsics);
              camera = Camera.newBuilder().setIntrinsics(found.intrinsics()).build();
              intrinsicsSource = found.source();
            }
            boolean keepFull =
                fullSizeForGroundTruthDepth
                    && described != null
                    && !described.getGroundTruth().getDepthUri().isEmpty();
            int[] size = photo.sizeFor(keepFull ? DecodedSize.full() : decodedSize);
            long pixels = (long) size[0] * size[1];
            if (decodedPixels + pixels > maxSubjectDecodedPixels) {
              overBudget.inc();
              throw new ImageDecoding.BadImageException(
                  uri
                      + ": not decoded: its "
                      + size[0]
                      + "x"
                      + size[1]
                      + " decoded pixels would take subject '"
                      + subject.subjectId()
                      + "' past its decoded-pixel budget of "
                      + maxSubjectDecodedPixels
                      + " (--maxSubjectDecodedPixels; "
                      + decodedPixels
                      + " already decoded)");
            }
            image = photo.decode(size[0], size[1]);
            decodedPixels += pixels;
          }
          Intrinsics intrinsics =
              ProtoGeometry.resized(camera.getIntrinsics(), image.widthPx(), image.heightPx());
          if (Contracts.hasDistortion(camera)) {
            // Right after decoding, before anything looks at the pixels: from here on the view
            // is an ideal pinhole image with the same intrinsics and no distortion.
            image = Undistortion.undistorted(image, intrinsics, camera.getDistortion());
            undistorted.inc();
          }
          View view =
              (described != null ? described.toBuilder() : View.newBuilder())
                  .setSubjectId(subject.subjectId())
                  .setViewId(viewId)
                  .setImageUri(uri)
                  .setIntrinsicsSource(intrinsicsSource.label())
                  .setCamera(camera.toBuilder().setIntrinsics(intrinsics).clearDistortion())
                  .build();
          decoded.inc();
          out.get(VIEWS).output(KV.of(subject.subjectId(), new ViewImage(view, image)));
        } catch (Exception e) {
          viewFailures.inc();
          out.get(FAILURES).output(Failures.of(subject.subjectId(), viewId, "decode", uri, e));
        }
      }
    }

    /**
     * The manifest's camera of the upright photo at full size, checked to be of the photo's size.
     */
    private static Camera manifestCamera(
        View described, int widthPx, int heightPx, String uri, String manifestUri) {
      Intrinsics k = described.getCamera().getIntrinsics();
      if (k.getWidthPx() != widthPx || k.getHeightPx() != heightPx) {
        throw new IllegalArgumentException(
            uri
                + ": image is "
                + widthPx
                + "x"
                + heightPx
                + " px (upright) but "
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
