package io.headrecon.synth.dataset;

import io.headrecon.geometry.io.DepthPng;
import io.headrecon.synth.face.ExpressionLibrary;
import io.headrecon.synth.look.GarmentKind;
import io.headrecon.synth.look.HairStyle;
import io.headrecon.synth.render.Background;
import io.headrecon.synth.render.BackgroundPhotos;
import io.headrecon.synth.render.CameraRig;
import io.headrecon.synth.render.Lighting;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything that decides what the dataset generator draws and writes, except the subject index.
 * Immutable and serializable (it travels inside the DoFn). Build with {@link #builder()}.
 *
 * <p>{@link Look#REALISTIC} (the default) renders heads with hair, facial hair, a garment, studio
 * lighting with cast shadows, photographic, studio and procedural backgrounds, camera effects and
 * jittered crops; {@link Look#LEGACY} renders bald busts as before issue 15 and, with the same
 * other settings, writes the same files byte for byte (the realistic look's settings are then
 * unused).
 */
public final class DatasetSpec implements Serializable {
  private static final long serialVersionUID = 2L;

  /** How the subjects look. */
  public enum Look {
    /** Bald busts on procedural backgrounds, as generated before issue 15. */
    LEGACY,
    /** Hair, clothing, studio lighting with shadows, photo backgrounds, camera effects. */
    REALISTIC
  }

  final String output;
  final String faceModel;
  final long seed;
  final int[] yawsDeg;
  final int widthPx;
  final int heightPx;
  final double focalLength35mm;
  final double maxFocalLength35mm;
  final double minDistanceMm;
  final double principalOffsetFraction;
  final double maxDistanceMm;
  final double[] worldOriginMm;
  final List<Background.Kind> backgroundKinds;
  final double keyLightAzimuthMaxDeg;
  final double pitchJitterDeg;
  final double rollJitterDeg;
  final double distanceJitterFraction;
  final double framingMargin;
  final List<String> expressions;
  final double mixProbability;
  final double identityScale;
  final int supersample;
  final double maxNoiseSigma;
  final double depthScaleMmPerUnit;
  final double valFraction;
  final double testFraction;
  final int contactSheetThumbnailPx;
  final Look look;
  final List<HairStyle> hairStyles;
  final List<GarmentKind> garments;
  final BackgroundPhotos backgroundPhotos;
  final double cropScaleJitter;
  final double cropOffsetJitterPx;
  final double cropRollJitterDeg;
  final boolean cameraEffects;
  final int minJpegQuality;
  final int maxJpegQuality;

  private DatasetSpec(Builder b) {
    output = b.output;
    faceModel = b.faceModel;
    seed = b.seed;
    yawsDeg = b.yawsDeg.clone();
    widthPx = b.widthPx;
    heightPx = b.heightPx;
    focalLength35mm = b.focalLength35mm;
    maxFocalLength35mm = b.maxFocalLength35mm;
    minDistanceMm = b.minDistanceMm;
    principalOffsetFraction = b.principalOffsetFraction;
    maxDistanceMm = b.maxDistanceMm;
    worldOriginMm = b.worldOriginMm.clone();
    backgroundKinds = List.copyOf(b.backgroundKinds);
    keyLightAzimuthMaxDeg = b.keyLightAzimuthMaxDeg;
    pitchJitterDeg = b.pitchJitterDeg;
    rollJitterDeg = b.rollJitterDeg;
    distanceJitterFraction = b.distanceJitterFraction;
    framingMargin = b.framingMargin;
    expressions = List.copyOf(b.expressions);
    mixProbability = b.mixProbability;
    identityScale = b.identityScale;
    supersample = b.supersample;
    maxNoiseSigma = b.maxNoiseSigma;
    depthScaleMmPerUnit = b.depthScaleMmPerUnit;
    valFraction = b.valFraction;
    testFraction = b.testFraction;
    contactSheetThumbnailPx = b.contactSheetThumbnailPx;
    look = b.look;
    hairStyles = List.copyOf(b.hairStyles);
    garments = List.copyOf(b.garments);
    backgroundPhotos = b.backgroundPhotos;
    cropScaleJitter = b.cropScaleJitter;
    cropOffsetJitterPx = b.cropOffsetJitterPx;
    cropRollJitterDeg = b.cropRollJitterDeg;
    cameraEffects = b.cameraEffects;
    minJpegQuality = b.minJpegQuality;
    maxJpegQuality = b.maxJpegQuality;
  }

  public Look look() {
    return look;
  }

  /** The photographs backgrounds are cropped from (empty: procedural and studio only). */
  public BackgroundPhotos backgroundPhotos() {
    return backgroundPhotos;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Output prefix (local path, gs:// or s3://). */
  public String output() {
    return output;
  }

  /** Directory of the ICT face model (local path, gs:// or s3://). */
  public String faceModel() {
    return faceModel;
  }

  public long seed() {
    return seed;
  }

  /**
   * The camera settings of the rig, with the lower end of the focal-length range (see {@link
   * #focalLengthRange()}).
   */
  public CameraRig.Settings rigSettings() {
    return new CameraRig.Settings(
        widthPx,
        heightPx,
        focalLength35mm,
        pitchJitterDeg,
        rollJitterDeg,
        distanceJitterFraction,
        framingMargin,
        minDistanceMm,
        maxDistanceMm,
        principalOffsetFraction);
  }

  /**
   * Whether each subject draws its 35 mm-equivalent focal length from [{@code focalLength35mm},
   * {@code maxFocalLength35mm}] (all its views share it) instead of using {@code focalLength35mm}.
   */
  public boolean focalLengthRange() {
    return maxFocalLength35mm > focalLength35mm;
  }

  /**
   * Where the origin of the written world frame lies in the head model's frame (+y up, origin near
   * the head's centre), millimetres: the ground-truth mesh and the manifests' world-to-camera
   * extrinsics are written in a frame whose origin is there, axes unchanged. (0, 0, 0) = the
   * model's frame; (0, −1200, 0) = a studio calibrated to a floor 1.2 m below the head.
   */
  public double[] worldOriginMm() {
    return worldOriginMm.clone();
  }

  /** The subject id of index {@code i}: "subject-0000", "subject-0001", … */
  public static String subjectId(int index) {
    return String.format("subject-%04d", index);
  }

  /**
   * Builder with the generator's defaults (19 views, 180×180, 85 mm, no camera jitter, the
   * realistic look with crop jitter of ±8 % scale, ±6 px offset at 180 px and ±5° roll, no
   * background photos until {@link Builder#backgroundPhotos} gives some).
   */
  public static final class Builder {
    private String output;
    private String faceModel;
    private long seed = 42;
    private int[] yawsDeg = defaultYaws();
    private int widthPx = 180;
    private int heightPx = 180;
    private double focalLength35mm = 85;
    private double maxFocalLength35mm;
    private double minDistanceMm;
    private double principalOffsetFraction;
    private double maxDistanceMm;
    private double[] worldOriginMm = new double[3];
    private List<Background.Kind> backgroundKinds = List.of();
    private double keyLightAzimuthMaxDeg = Lighting.DEFAULT_KEY_AZIMUTH_MAX_DEG;
    private double pitchJitterDeg;
    private double rollJitterDeg;
    private double distanceJitterFraction;
    private double framingMargin = 0.06;
    private List<String> expressions = List.of();
    private double mixProbability = 0.2;
    private double identityScale = 1.0;
    private int supersample = 3;
    private double maxNoiseSigma = 2.0;
    private double depthScaleMmPerUnit = DepthPng.DEFAULT_SCALE_MM_PER_UNIT;
    private double valFraction = 0.1;
    private double testFraction = 0.1;
    private int contactSheetThumbnailPx = 96;
    private Look look = Look.REALISTIC;
    private List<HairStyle> hairStyles = List.of();
    private List<GarmentKind> garments = List.of();
    private BackgroundPhotos backgroundPhotos = BackgroundPhotos.none();
    private double cropScaleJitter = 0.08;
    private double cropOffsetJitterPx = 6;
    private double cropRollJitterDeg = 5;
    private boolean cameraEffects = true;
    private int minJpegQuality = 40;
    private int maxJpegQuality = 95;

    /** The look (default {@link Look#REALISTIC}). */
    public Builder look(Look v) {
      look = v;
      return this;
    }

    /** Hair styles drawn from, weighted as in the wild (empty = all). Realistic look only. */
    public Builder hairStyles(List<HairStyle> v) {
      hairStyles = v == null ? List.of() : v;
      return this;
    }

    /** Garments drawn from, weighted as in the wild (empty = all). Realistic look only. */
    public Builder garments(List<GarmentKind> v) {
      garments = v == null ? List.of() : v;
      return this;
    }

    /** Photographs to crop {@link Background.Kind#PHOTO} backgrounds from. Realistic look only. */
    public Builder backgroundPhotos(BackgroundPhotos v) {
      backgroundPhotos = v == null ? BackgroundPhotos.none() : v;
      return this;
    }

    /**
     * Per view, the crop around the head is jittered as the head crop's own error: focal length
     * times 1 + U(-scale, scale), principal point moved by U(-offset, offset) pixels per axis (at
     * 180 px width; scaled with the width), and a roll of U(-roll, roll) degrees about the optical
     * axis. Realistic look only.
     */
    public Builder cropJitter(double scale, double offsetPxAt180, double rollDeg) {
      cropScaleJitter = scale;
      cropOffsetJitterPx = offsetPxAt180;
      cropRollJitterDeg = rollDeg;
      return this;
    }

    /**
     * Camera effects (exposure, white balance, defocus, motion blur, vignetting, noise, tone curve)
     * and JPEG compression at a quality drawn from [min, max] for 85 % of the views; off = the
     * rendered colours as sRGB. Realistic look only.
     */
    public Builder cameraEffects(boolean on, int minQuality, int maxQuality) {
      cameraEffects = on;
      minJpegQuality = minQuality;
      maxJpegQuality = maxQuality;
      return this;
    }

    /** −90° … +90° in 10° steps. */
    public static int[] defaultYaws() {
      List<Integer> yaws = new ArrayList<>();
      for (int yaw = -90; yaw <= 90; yaw += 10) {
        yaws.add(yaw);
      }
      return yaws.stream().mapToInt(Integer::intValue).toArray();
    }

    public Builder output(String v) {
      output = v;
      return this;
    }

    public Builder faceModel(String v) {
      faceModel = v;
      return this;
    }

    public Builder seed(long v) {
      seed = v;
      return this;
    }

    public Builder yawsDeg(int... v) {
      yawsDeg = v.clone();
      return this;
    }

    public Builder sizePx(int width, int height) {
      widthPx = width;
      heightPx = height;
      return this;
    }

    public Builder focalLength35mm(double v) {
      focalLength35mm = v;
      return this;
    }

    /**
     * Each subject's 35 mm-equivalent focal length drawn from U(min, max), millimetres; min = max
     * is one fixed focal length, as {@link #focalLength35mm}.
     */
    public Builder focalLength35mmRange(double min, double max) {
      focalLength35mm = min;
      maxFocalLength35mm = max;
      return this;
    }

    /**
     * Each view's camera distance from the head's bounding-box centre drawn from U(min, max),
     * millimetres, instead of the distance fitted to the head (0, 0 = fitted, the default; the
     * distance jitter must then be 0).
     */
    public Builder cameraDistanceRangeMm(double min, double max) {
      minDistanceMm = min;
      maxDistanceMm = max;
      return this;
    }

    /**
     * Each view's principal point moved off the image centre by up to this fraction of the half
     * image (0 = centred, the default): the head appears off-centre ({@link
     * io.headrecon.synth.render.CameraRig.Settings}).
     */
    public Builder principalOffsetFraction(double fraction) {
      principalOffsetFraction = fraction;
      return this;
    }

    /** See {@link DatasetSpec#worldOriginMm()}; millimetres, head model frame. */
    public Builder worldOriginMm(double x, double y, double z) {
      worldOriginMm = new double[] {x, y, z};
      return this;
    }

    /** Background kinds drawn from, uniformly per view (empty = all kinds). */
    public Builder backgroundKinds(List<Background.Kind> v) {
      backgroundKinds = v == null ? List.of() : v;
      return this;
    }

    /** The key light's azimuth limit, degrees from the face's +z (75 = front; 180 = any side). */
    public Builder keyLightAzimuthMaxDeg(double v) {
      keyLightAzimuthMaxDeg = v;
      return this;
    }

    public Builder jitter(double pitchDeg, double rollDeg, double distanceFraction) {
      pitchJitterDeg = pitchDeg;
      rollJitterDeg = rollDeg;
      distanceJitterFraction = distanceFraction;
      return this;
    }

    public Builder framingMargin(double v) {
      framingMargin = v;
      return this;
    }

    /** Expression names to draw from (empty = the whole library). */
    public Builder expressions(List<String> v) {
      expressions = v == null ? List.of() : v;
      return this;
    }

    public Builder mixProbability(double v) {
      mixProbability = v;
      return this;
    }

    public Builder identityScale(double v) {
      identityScale = v;
      return this;
    }

    public Builder supersample(int v) {
      supersample = v;
      return this;
    }

    public Builder maxNoiseSigma(double v) {
      maxNoiseSigma = v;
      return this;
    }

    public Builder depthScaleMmPerUnit(double v) {
      depthScaleMmPerUnit = v;
      return this;
    }

    public Builder splitFractions(double val, double test) {
      valFraction = val;
      testFraction = test;
      return this;
    }

    public Builder contactSheetThumbnailPx(int v) {
      contactSheetThumbnailPx = v;
      return this;
    }

    /**
     * Checks and builds.
     *
     * @throws IllegalArgumentException naming the first bad setting
     */
    public DatasetSpec build() {
      require(output != null && !output.isEmpty(), "output is required");
      require(faceModel != null && !faceModel.isEmpty(), "faceModel is required");
      require(yawsDeg.length > 0, "the yaw list is empty");
      java.util.Set<Integer> seen = new java.util.HashSet<>();
      for (int yaw : yawsDeg) {
        require(yaw >= -180 && yaw <= 180, "yaw " + yaw + " is outside -180..180 degrees");
        require(seen.add(yaw), "yaw " + yaw + " appears twice in the yaw list");
      }
      ExpressionLibrary library = ExpressionLibrary.standard();
      for (String name : expressions) {
        library.get(name); // names the unknown expression and the known ones
      }
      require(supersample >= 1 && supersample % 2 == 1, "supersample must be odd and >= 1");
      require(mixProbability >= 0 && mixProbability <= 1, "mixProbability must be in [0, 1]");
      require(identityScale >= 0, "identityScale must not be negative");
      require(maxNoiseSigma >= 0, "maxNoiseSigma must not be negative");
      require(depthScaleMmPerUnit > 0, "depthScaleMmPerUnit must be positive");
      require(
          valFraction >= 0 && testFraction >= 0 && valFraction + testFraction <= 1,
          "valFraction and testFraction must be >= 0 with a sum <= 1");
      require(contactSheetThumbnailPx > 0, "contactSheetThumbnailPx must be positive");
      require(
          maxFocalLength35mm == 0 || maxFocalLength35mm >= focalLength35mm,
          "the focal-length range's max must be >= its min");
      for (double c : worldOriginMm) {
        require(Double.isFinite(c) && Math.abs(c) < 1e6, "worldOriginMm must be finite, < 1 km");
      }
      require(
          keyLightAzimuthMaxDeg >= 0 && keyLightAzimuthMaxDeg <= 180,
          "keyLightAzimuthMaxDeg must be in [0, 180]");
      require(look != null, "look is required");
      require(
          cropScaleJitter >= 0 && cropScaleJitter < 0.5,
          "cropScaleJitter must be in [0, 0.5), got " + cropScaleJitter);
      require(
          cropOffsetJitterPx >= 0 && cropOffsetJitterPx < 45,
          "cropOffsetJitterPx must be in [0, 45) px, got " + cropOffsetJitterPx);
      require(
          cropRollJitterDeg >= 0 && cropRollJitterDeg <= 45,
          "cropRollJitterDeg must be in [0, 45] degrees, got " + cropRollJitterDeg);
      require(
          minJpegQuality >= 1 && maxJpegQuality <= 100 && minJpegQuality <= maxJpegQuality,
          "JPEG qualities must satisfy 1 <= min <= max <= 100, got "
              + minJpegQuality
              + ".."
              + maxJpegQuality);
      DatasetSpec spec = new DatasetSpec(this);
      spec.rigSettings(); // checks size, focal length, jitter, margin, distance range
      return spec;
    }

    private static void require(boolean ok, String message) {
      if (!ok) {
        throw new IllegalArgumentException(message);
      }
    }
  }
}
