package io.headrecon.synth.dataset;

import io.headrecon.geometry.io.DepthPng;
import io.headrecon.synth.face.ExpressionLibrary;
import io.headrecon.synth.render.CameraRig;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything that decides what the dataset generator draws and writes, except the subject index.
 * Immutable and serializable (it travels inside the DoFn). Build with {@link #builder()}.
 */
public final class DatasetSpec implements Serializable {
  private static final long serialVersionUID = 1L;

  final String output;
  final String faceModel;
  final long seed;
  final int[] yawsDeg;
  final int widthPx;
  final int heightPx;
  final double focalLength35mm;
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

  private DatasetSpec(Builder b) {
    output = b.output;
    faceModel = b.faceModel;
    seed = b.seed;
    yawsDeg = b.yawsDeg.clone();
    widthPx = b.widthPx;
    heightPx = b.heightPx;
    focalLength35mm = b.focalLength35mm;
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

  /** The camera settings of the rig. */
  public CameraRig.Settings rigSettings() {
    return new CameraRig.Settings(
        widthPx,
        heightPx,
        focalLength35mm,
        pitchJitterDeg,
        rollJitterDeg,
        distanceJitterFraction,
        framingMargin);
  }

  /** The subject id of index {@code i}: "subject-0000", "subject-0001", … */
  public static String subjectId(int index) {
    return String.format("subject-%04d", index);
  }

  /** Builder with the generator's defaults (19 views, 180×180, 85 mm, no jitter). */
  public static final class Builder {
    private String output;
    private String faceModel;
    private long seed = 42;
    private int[] yawsDeg = defaultYaws();
    private int widthPx = 180;
    private int heightPx = 180;
    private double focalLength35mm = 85;
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
      DatasetSpec spec = new DatasetSpec(this);
      spec.rigSettings(); // checks size, focal length, jitter, margin
      return spec;
    }

    private static void require(boolean ok, String message) {
      if (!ok) {
        throw new IllegalArgumentException(message);
      }
    }
  }
}
