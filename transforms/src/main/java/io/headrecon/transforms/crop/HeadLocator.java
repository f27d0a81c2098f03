package io.headrecon.transforms.crop;

import io.headrecon.model.DecodedView;
import io.headrecon.model.DepthModelRunner;
import io.headrecon.model.DepthNetContract;
import io.headrecon.model.DepthNetOutputDecoder;
import io.headrecon.proto.HeadCropBox;
import io.headrecon.proto.Intrinsics;
import io.headrecon.transforms.image.RgbImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Finds the head in a photo of any size and framing and crops it as the network's training images
 * frame a head ({@link TrainingFraming}), in two steps:
 *
 * <ol>
 *   <li>A first box: the largest face of the Haar cascades ({@link FaceDetector}; frontal, profile
 *       and mirrored profile), or, when they find none, the network's own mask on the whole photo
 *       squeezed into the input (a coarse pass).
 *   <li>Fine passes: the network runs on the crop, the average head is fitted to its landmarks
 *       ({@link HeadPoseEstimation}) and the crop moves to where the training framing puts that
 *       head, until it moves by less than 2 % of its side (at most {@link #MAX_FINE_PASSES}).
 * </ol>
 *
 * <p>A box the landmarks move away from the cascade's face (its centre outside the crop, or the
 * face smaller than a fifth or larger than four fifths of the crop) is not trusted: the first box
 * stays. A photo in which neither the cascades nor the network find a head gets no crop and a
 * reason ({@link NoHeadException}), never a guess.
 */
public final class HeadLocator {
  /** Centre tolerance of {@link #framesLikeTraining}, fraction of the photo's side. */
  static final double SNAP_CENTRE_FRACTION = 0.06;

  /** Side tolerance of {@link #framesLikeTraining}, fraction. */
  static final double SNAP_SIDE_FRACTION = 0.12;

  /** Fine passes at most, each one network run. */
  public static final int MAX_FINE_PASSES = 3;

  /**
   * Face box of the frontal cascade to crop, measured on the dataset's frontal views: the crop is
   * {@code 2.22} face sides wide, centred {@code 0.26} face sides below the box's centre.
   */
  static final double CROP_SIDES_PER_FACE = 2.22;

  static final double CROP_CENTRE_BELOW_FACE = 0.26;

  /**
   * The network's mask (head, neck and shoulders) spans about this fraction of the training
   * framing's crop, measured on testdata's masks (the larger of its width and height).
   */
  static final double MASK_SPAN_OF_CROP = 0.80;

  /** Least luma standard deviation (8-bit levels) of a crop found without the cascades. */
  static final double MIN_LUMA_STD = 4;

  /** Mask passes of the coarse search when the cascades find no face. */
  static final int MASK_PASSES = 2;

  /** Smallest mask area, as a fraction of the input, that counts as a head in the coarse pass. */
  static final double MIN_MASK_FRACTION = 0.01;

  private static final int SIZE = DepthNetContract.INPUT_SIZE_PX;

  /** One run of the network on a 180 × 180 input. */
  @FunctionalInterface
  public interface Network {
    DecodedView run(RgbImage input) throws Exception;
  }

  /**
   * {@code runner} as the crop's network: one view per run, decoded with a nominal 1000 mm
   * reference depth (only the mask and landmarks are used, never the depth's reference).
   */
  public static Network network(DepthModelRunner runner) {
    return input -> {
      float[] nchw = new float[DepthModelRunner.FLOATS_PER_VIEW];
      DepthModelRunner.fillInput(input.packedRgb(), nchw, 0);
      DepthModelRunner.Outputs o = runner.run(nchw, 1);
      return DepthNetOutputDecoder.decode(
          o.depth(), o.mask(), o.landmarks(), o.visibility(), 0, 1000);
    };
  }

  /** No head in the photo; the message says what was tried. */
  public static final class NoHeadException extends Exception {
    public NoHeadException(String message) {
      super(message);
    }
  }

  /**
   * Where the head is.
   *
   * @param crop the crop, pixels of the photo
   * @param box the same for metrics.json, with how it was found
   */
  public record Located(HeadCrop crop, HeadCropBox box) {}

  private HeadLocator() {}

  /**
   * @param photo the upright, decoded photo
   * @param camera its intrinsics, pixels of {@code photo}
   * @param network runs the depth network on a 180 × 180 input
   */
  public static Located locate(RgbImage photo, Intrinsics camera, Network network)
      throws Exception {
    Optional<FaceDetector.Face> face = FaceDetector.largestFace(photo);
    Framed chosen;
    int passes;
    if (face.isPresent() && face.get().strict()) {
      chosen =
          refine(photo, camera, network, fromFace(face.get()), face.get(), sourceOf(face.get()));
      passes = chosen.passes();
    } else {
      // No face the strict cascades vouch for. A square photo that the landmarks find framed as
      // in training is taken as it is; otherwise the window search, the relaxed cascades' face
      // when there is one and the photo whole compete: a candidate the landmarks could frame wins
      // over one they could not, then the one whose mask follows the picture best.
      requireImageContent(photo, new HeadCrop(0, 0, Math.max(photo.widthPx(), photo.heightPx())));
      List<Framed> candidates = new ArrayList<>();
      passes = 0;
      if (photo.widthPx() == photo.heightPx()) {
        Framed whole =
            refine(
                photo, camera, network, new HeadCrop(0, 0, photo.widthPx()), null, "whole_photo");
        passes += whole.passes();
        candidates.add(whole);
      }
      if (candidates.isEmpty() || !framesLikeTraining(candidates.get(0).crop(), photo)) {
        HeadCrop window = searchWindows(photo, network);
        passes += windowCount(photo);
        requireImageContent(photo, window);
        candidates.add(refine(photo, camera, network, window, null, "network_mask"));
        if (face.isPresent()) {
          candidates.add(
              refine(
                  photo, camera, network, fromFace(face.get()), face.get(), sourceOf(face.get())));
        }
      }
      chosen = candidates.get(0);
      for (Framed other : candidates) {
        if (other != candidates.get(0)) {
          passes += other.passes();
        }
        if (other.betterThan(chosen)) {
          chosen = other;
        }
      }
    }
    HeadCrop crop = chosen.crop();
    boolean snapped = false;
    if (framesLikeTraining(crop, photo)) {
      crop = new HeadCrop(0, 0, photo.widthPx());
      snapped = true;
    }
    HeadCropBox.Builder box =
        HeadCropBox.newBuilder()
            .setX0Px(crop.x0Px())
            .setY0Px(crop.y0Px())
            .setSidePx(crop.sidePx())
            .setPhotoWidthPx(photo.widthPx())
            .setPhotoHeightPx(photo.heightPx())
            .setSource(
                chosen.source()
                    + (snapped && !chosen.source().startsWith("whole_photo") ? "+whole_photo" : ""))
            .setPasses(passes);
    if (!Double.isNaN(chosen.yawDeg())) {
      box.setHeadYawDeg(chosen.yawDeg());
    }
    return new Located(crop, box.build());
  }

  /** A crop after the fine passes, with how well the network's last mask followed the picture. */
  private record Framed(
      HeadCrop crop, String source, int passes, double yawDeg, double maskContrast) {
    boolean framedByLandmarks() {
      return !Double.isNaN(yawDeg);
    }

    /** A crop the landmarks framed beats one they could not; then the higher mask contrast. */
    boolean betterThan(Framed other) {
      if (framedByLandmarks() != other.framedByLandmarks()) {
        return framedByLandmarks();
      }
      return maskContrast > other.maskContrast;
    }
  }

  private static HeadCrop fromFace(FaceDetector.Face f) {
    return HeadCrop.centredOn(
        f.centreXPx(),
        f.centreYPx() + CROP_CENTRE_BELOW_FACE * f.sidePx(),
        CROP_SIDES_PER_FACE * f.sidePx());
  }

  private static String sourceOf(FaceDetector.Face f) {
    return f.kind() == FaceDetector.Kind.FRONTAL ? "cascade_frontal" : "cascade_profile";
  }

  /**
   * The fine passes from {@code first}: the crop follows the landmarks while it keeps {@code face}
   * (when given) or stays near {@code first}, until it settles.
   */
  private static Framed refine(
      RgbImage photo,
      Intrinsics camera,
      Network network,
      HeadCrop first,
      FaceDetector.Face face,
      String source)
      throws Exception {
    HeadCrop crop = first;
    boolean framed = false;
    double yawDeg = Double.NaN;
    double contrast = 0;
    int passes = 0;
    for (int pass = 0; pass < MAX_FINE_PASSES; pass++) {
      RgbImage input = crop.resample(photo, SIZE);
      DecodedView out = network.run(input);
      passes++;
      contrast = maskContrast(input, out.maskProbability());
      Optional<HeadPose> pose =
          HeadPoseEstimation.fit(landmarksXy(out), visible(out), crop.intrinsics(camera, SIZE));
      if (pose.isEmpty()) {
        break;
      }
      HeadCrop next = TrainingFraming.cropFor(pose.get(), camera, SIZE);
      if (face != null ? !agrees(next, face) : !near(next, first)) {
        break;
      }
      yawDeg = pose.get().yawDeg();
      boolean settled =
          Math.hypot(next.centreXPx() - crop.centreXPx(), next.centreYPx() - crop.centreYPx())
                  < 0.02 * crop.sidePx()
              && Math.abs(next.sidePx() / (double) crop.sidePx() - 1) < 0.02;
      crop = next;
      framed = true;
      if (settled) {
        break;
      }
    }
    if (framed) {
      // The contrast of the crop returned, not of the one before the last move.
      RgbImage input = crop.resample(photo, SIZE);
      contrast = maskContrast(input, network.run(input).maskProbability());
      passes++;
    }
    return new Framed(crop, framed ? source + "+landmarks" : source, passes, yawDeg, contrast);
  }

  /**
   * Whether a square photo already frames the head as the training data does: the crop found is
   * within the training framing's own spread between heads (centre within {@value
   * #SNAP_CENTRE_FRACTION} of the side, side within {@value #SNAP_SIDE_FRACTION}; measured by
   * {@code TrainingFramingTest}) of the whole photo. Then the photo is taken whole: inside that
   * spread the landmarks cannot tell a better framing, and a photo made by a rig like the dataset's
   * is its exact framing.
   */
  static boolean framesLikeTraining(HeadCrop crop, RgbImage photo) {
    if (photo.widthPx() != photo.heightPx()) {
      return false;
    }
    HeadCrop whole = new HeadCrop(0, 0, photo.widthPx());
    return Math.hypot(crop.centreXPx() - whole.centreXPx(), crop.centreYPx() - whole.centreYPx())
            <= SNAP_CENTRE_FRACTION * whole.sidePx()
        && Math.abs(crop.sidePx() / (double) whole.sidePx() - 1) <= SNAP_SIDE_FRACTION;
  }

  /**
   * Whether the passes moved the crop by less than half the first box's side and scaled it by less
   * than 2 times: landmarks on a crop that misses the head would otherwise send it anywhere.
   */
  static boolean near(HeadCrop next, HeadCrop first) {
    double ratio = next.sidePx() / (double) first.sidePx();
    return Math.hypot(next.centreXPx() - first.centreXPx(), next.centreYPx() - first.centreYPx())
            < first.sidePx() / 2.0
        && ratio < 2
        && ratio > 0.5;
  }

  /** Whether a crop keeps the cascade's face inside, at a plausible size. */
  static boolean agrees(HeadCrop crop, FaceDetector.Face face) {
    double[] c = {face.centreXPx(), face.centreYPx()};
    boolean inside =
        c[0] >= crop.x0Px()
            && c[0] < crop.x0Px() + crop.sidePx()
            && c[1] >= crop.y0Px()
            && c[1] < crop.y0Px() + crop.sidePx();
    double ratio = face.sidePx() / crop.sidePx();
    return inside && ratio >= 0.2 && ratio <= 0.8;
  }

  /** Smallest window of the search, pixels: a smaller head gives too coarse a depth map. */
  static final int MIN_WINDOW_PX = 96;

  /** Window sides of the search, as fractions of the photo's short side. */
  static final double[] WINDOW_SIDES = {1.0, 0.66, 0.44, 0.3};

  /**
   * Without a face from the cascades: the network runs on overlapping square windows of several
   * sizes (half-window steps), and the window whose mask separates the most distinct colours (mean
   * RGB inside the mask vs outside it) is taken. The network draws a head-shaped mask on any
   * window; only on a window that frames a head does it follow the picture.
   */
  static HeadCrop searchWindows(RgbImage photo, Network network) throws Exception {
    HeadCrop best = null;
    double bestScore = -1;
    for (HeadCrop window : windows(photo)) {
      RgbImage input = window.resample(photo, SIZE);
      DecodedView out = network.run(input);
      double score = maskContrast(input, out.maskProbability());
      if (score > bestScore) {
        bestScore = score;
        best = window;
      }
    }
    return best;
  }

  static int windowCount(RgbImage photo) {
    return windows(photo).size();
  }

  private static java.util.List<HeadCrop> windows(RgbImage photo) {
    java.util.List<HeadCrop> out = new java.util.ArrayList<>();
    int w = photo.widthPx();
    int h = photo.heightPx();
    for (double f : WINDOW_SIDES) {
      int side = (int) Math.round(f * Math.min(w, h));
      if (side < MIN_WINDOW_PX) {
        continue;
      }
      int step = Math.max(1, side / 2);
      for (int y = 0; y + side <= h || y == 0; y += step) {
        for (int x = 0; x + side <= w || x == 0; x += step) {
          out.add(new HeadCrop(x, y, side));
          if (x + side >= w) {
            break;
          }
        }
        if (y + side >= h) {
          break;
        }
      }
    }
    return out;
  }

  /**
   * How well a mask frames a head in {@code input}: the distance between the mean colours inside
   * and outside it (8-bit levels), times the square of the fraction of the top row and the upper
   * three quarters of the side columns it leaves free; 0 when nearly empty or full.
   */
  static double maskContrast(RgbImage input, float[] maskProbability) {
    double[] in = new double[3];
    double[] out = new double[3];
    int nIn = 0;
    int nOut = 0;
    int[] px = input.packedRgb();
    for (int i = 0; i < px.length; i++) {
      double[] sum = maskProbability[i] >= 0.5f ? in : out;
      sum[0] += (px[i] >>> 16) & 0xff;
      sum[1] += (px[i] >>> 8) & 0xff;
      sum[2] += px[i] & 0xff;
      if (maskProbability[i] >= 0.5f) {
        nIn++;
      } else {
        nOut++;
      }
    }
    if (nIn < MIN_MASK_FRACTION * px.length || nOut < MIN_MASK_FRACTION * px.length) {
      return 0;
    }
    double d = 0;
    for (int c = 0; c < 3; c++) {
      double diff = in[c] / nIn - out[c] / nOut;
      d += diff * diff;
    }
    // A head cut by the crop's top or sides (the neck may leave at the bottom) is not framed.
    int w = input.widthPx();
    int h = input.heightPx();
    int border = 0;
    int onBorder = 0;
    for (int i = 0; i < w; i++) {
      border++;
      onBorder += maskProbability[i] >= 0.5f ? 1 : 0;
    }
    for (int y = 0; y < h * 3 / 4; y++) {
      border += 2;
      onBorder += maskProbability[y * w] >= 0.5f ? 1 : 0;
      onBorder += maskProbability[y * w + w - 1] >= 0.5f ? 1 : 0;
    }
    double open = 1 - (double) onBorder / border;
    return Math.sqrt(d) * open * open;
  }

  /**
   * The network sees a head even in a flat grey picture: without a face from the cascades, the crop
   * must at least hold image content (luma standard deviation of at least {@link #MIN_LUMA_STD}
   * levels).
   */
  static void requireImageContent(RgbImage photo, HeadCrop crop) throws NoHeadException {
    RgbImage pixels = crop.resample(photo, SIZE);
    double sum = 0;
    double sumSq = 0;
    for (int rgb : pixels.packedRgb()) {
      double l =
          0.299 * ((rgb >>> 16) & 0xff) + 0.587 * ((rgb >>> 8) & 0xff) + 0.114 * (rgb & 0xff);
      sum += l;
      sumSq += l * l;
    }
    int n = pixels.packedRgb().length;
    double std = Math.sqrt(Math.max(0, sumSq / n - (sum / n) * (sum / n)));
    if (std < MIN_LUMA_STD) {
      throw new NoHeadException(
          String.format(
              java.util.Locale.ROOT,
              "no head found: no face for the frontal or profile cascades, and the %dx%d photo"
                  + " is nearly uniform where the network puts a head (luma standard deviation"
                  + " %.1f, at least %.0f needed)",
              photo.widthPx(),
              photo.heightPx(),
              std,
              MIN_LUMA_STD));
    }
  }

  /** The training framing's crop from the mask of a coarse pass over {@code whole}. */
  static HeadCrop fromMask(float[] maskProbability, HeadCrop whole, RgbImage photo)
      throws NoHeadException {
    int n = 0;
    for (float p : maskProbability) {
      if (p >= 0.5f) {
        n++;
      }
    }
    if (n < MIN_MASK_FRACTION * SIZE * SIZE) {
      throw new NoHeadException(
          "no head found: no face for the frontal or profile cascades, and the network's mask"
              + " over the whole "
              + photo.widthPx()
              + "x"
              + photo.heightPx()
              + " photo covers "
              + String.format(java.util.Locale.ROOT, "%.2f", 100.0 * n / (SIZE * SIZE))
              + " % of it (at least "
              + Math.round(100 * MIN_MASK_FRACTION)
              + " % needed)");
    }
    int[] xs = new int[n];
    int[] ys = new int[n];
    int i = 0;
    for (int y = 0; y < SIZE; y++) {
      for (int x = 0; x < SIZE; x++) {
        if (maskProbability[y * SIZE + x] >= 0.5f) {
          xs[i] = x;
          ys[i++] = y;
        }
      }
    }
    Arrays.sort(xs);
    Arrays.sort(ys);
    // 2nd and 98th percentiles: stray mask pixels do not stretch the box.
    double[] lo = whole.toPhoto(xs[n / 50], ys[n / 50], SIZE);
    double[] hi = whole.toPhoto(xs[n - 1 - n / 50], ys[n - 1 - n / 50], SIZE);
    double span = Math.max(hi[0] - lo[0], hi[1] - lo[1]);
    return HeadCrop.centredOn(
        (lo[0] + hi[0]) / 2, (lo[1] + hi[1]) / 2, Math.max(8, span / MASK_SPAN_OF_CROP));
  }

  private static float[] landmarksXy(DecodedView out) {
    int k = DepthNetContract.LANDMARK_COUNT;
    float[] xy = new float[2 * k];
    for (int i = 0; i < k; i++) {
      xy[2 * i] = out.landmarkXPx()[i];
      xy[2 * i + 1] = out.landmarkYPx()[i];
    }
    return xy;
  }

  private static boolean[] visible(DecodedView out) {
    boolean[] v = new boolean[DepthNetContract.LANDMARK_COUNT];
    for (int i = 0; i < v.length; i++) {
      v[i] = out.landmarkVisible(i);
    }
    return v;
  }
}
