package io.headrecon.training.data;

import io.headrecon.model.DepthNetContract;
import io.headrecon.model.DepthNetOutputDecoder;
import io.headrecon.proto.Intrinsics;
import io.headrecon.proto.Landmark;
import io.headrecon.proto.ProtoJson;
import io.headrecon.proto.SubjectManifest;
import io.headrecon.proto.View;
import io.headrecon.proto.ViewGroundTruth;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Reads a generated dataset directory: {@code <root>/<subjectId>/manifest.json} (a {@link
 * SubjectManifest}) with, per view, the RGB photo, a 16-bit depth PNG ({@code depth_mm = value *
 * depthScaleMmPerUnit}, 0 = no surface), an 8-bit mask PNG (255 = head) and 68 landmarks. Relative
 * URIs resolve against the manifest's folder. Views without camera extrinsics or ground truth are
 * rejected with an error naming the file.
 */
public final class DatasetReader {
  private DatasetReader() {}

  /** The manifests under {@code root}, sorted by subject folder name. */
  public static List<Path> manifests(Path root) {
    if (!Files.isDirectory(root)) {
      throw new IllegalArgumentException("dataset directory does not exist: " + root);
    }
    try (Stream<Path> dirs = Files.list(root)) {
      List<Path> manifests =
          dirs.map(d -> d.resolve("manifest.json")).filter(Files::isRegularFile).sorted().toList();
      if (manifests.isEmpty()) {
        throw new IllegalArgumentException(
            "no <subject>/manifest.json under dataset directory " + root);
      }
      return manifests;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list dataset directory " + root, e);
    }
  }

  /** Every view of every subject whose split is in {@code splits}, in subject then view order. */
  public static List<ViewSample> read(Path root, Set<String> splits) {
    List<ViewSample> samples = new ArrayList<>();
    for (Path manifestPath : manifests(root)) {
      SubjectManifest manifest = readManifest(manifestPath);
      if (!splits.contains(manifest.getSplit())) {
        continue;
      }
      for (View view : manifest.getViewsList()) {
        samples.add(readView(manifestPath, manifest, view));
      }
    }
    return samples;
  }

  /** Parses and checks one manifest. */
  public static SubjectManifest readManifest(Path manifestPath) {
    try {
      return ProtoJson.parseManifest(
          Files.readString(manifestPath, StandardCharsets.UTF_8), manifestPath.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read manifest " + manifestPath, e);
    }
  }

  /** Decodes one view of a manifest with its ground truth. */
  public static ViewSample readView(Path manifestPath, SubjectManifest manifest, View view) {
    Path folder = manifestPath.getParent();
    String where = manifestPath + ": view '" + view.getViewId() + "'";
    if (!view.hasGroundTruth() || !view.getGroundTruth().hasLandmarks()) {
      throw new IllegalArgumentException(where + " has no ground truth with landmarks");
    }
    if (!view.hasCamera() || !view.getCamera().hasExtrinsics()) {
      throw new IllegalArgumentException(
          where + " has no camera extrinsics (needed for the reference depth)");
    }
    ViewGroundTruth gt = view.getGroundTruth();
    String imageUri = view.getImageUri().isEmpty() ? view.getViewId() + ".png" : view.getImageUri();
    BufferedImage image = readImage(folder, imageUri, where + " image");
    int size = image.getWidth();
    if (size != DepthNetContract.INPUT_SIZE_PX || image.getHeight() != size) {
      throw new IllegalArgumentException(
          where
              + " image is "
              + image.getWidth()
              + "x"
              + image.getHeight()
              + " px; the network needs "
              + DepthNetContract.INPUT_SIZE_PX
              + "x"
              + DepthNetContract.INPUT_SIZE_PX);
    }
    byte[] rgb = new byte[3 * size * size];
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        int argb = image.getRGB(x, y);
        int i = 3 * (y * size + x);
        rgb[i] = (byte) (argb >> 16);
        rgb[i + 1] = (byte) (argb >> 8);
        rgb[i + 2] = (byte) argb;
      }
    }
    Raster depthRaster =
        sameSize(readImage(folder, gt.getDepthUri(), where + " depth"), size, where);
    Raster maskRaster = sameSize(readImage(folder, gt.getMaskUri(), where + " mask"), size, where);
    float[] depthMm = new float[size * size];
    boolean[] mask = new boolean[size * size];
    double scale = gt.getDepthScaleMmPerUnit();
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        depthMm[y * size + x] = (float) (depthRaster.getSample(x, y, 0) * scale);
        mask[y * size + x] = maskRaster.getSample(x, y, 0) >= 128;
      }
    }
    float[] landmarks = new float[2 * DepthNetContract.LANDMARK_COUNT];
    boolean[] visible = new boolean[DepthNetContract.LANDMARK_COUNT];
    for (int k = 0; k < DepthNetContract.LANDMARK_COUNT; k++) {
      Landmark p = gt.getLandmarks().getPoints(k);
      landmarks[2 * k] = p.getXPx();
      landmarks[2 * k + 1] = p.getYPx();
      visible[k] = p.getVisible();
    }
    Intrinsics in = view.getCamera().getIntrinsics();
    return new ViewSample(
        manifest.getSubjectId(),
        view.getViewId(),
        manifest.getSplit(),
        view.hasYawDeg() ? view.getYawDeg() : Double.NaN,
        size,
        rgb,
        depthMm,
        mask,
        landmarks,
        visible,
        DepthNetOutputDecoder.referenceDepthMm(view.getCamera().getExtrinsics()),
        new double[] {in.getFxPx(), in.getFyPx(), in.getCxPx(), in.getCyPx()});
  }

  private static BufferedImage readImage(Path folder, String uri, String what) {
    if (uri.isEmpty()) {
      throw new IllegalArgumentException(what + ": no URI in the manifest");
    }
    Path path = folder.resolve(uri).normalize();
    try {
      BufferedImage image = ImageIO.read(path.toFile());
      if (image == null) {
        throw new IllegalArgumentException(what + ": not a readable image: " + path);
      }
      return image;
    } catch (IOException e) {
      throw new UncheckedIOException(what + ": cannot read " + path, e);
    }
  }

  private static Raster sameSize(BufferedImage image, int size, String where) {
    if (image.getWidth() != size || image.getHeight() != size) {
      throw new IllegalArgumentException(
          where
              + ": ground-truth image is "
              + image.getWidth()
              + "x"
              + image.getHeight()
              + " px, the photo "
              + size
              + "x"
              + size);
    }
    return image.getRaster();
  }
}
