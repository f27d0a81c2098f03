package io.headrecon.pipelines;

import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.DefaultValueFactory;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.Validation;

/** Options of the GenerateDataset pipeline; runner options (Dataflow, Flink) come on top. */
public interface GenerateDatasetOptions extends PipelineOptions {

  @Description(
      "Output prefix: <output>/<subjectId>/{manifest.json, <viewId>.png, gt/...}. Local path, "
          + "gs:// or s3://.")
  @Validation.Required
  String getOutput();

  void setOutput(String value);

  @Description(
      "Directory of the ICT face model (generic_neutral_mesh.obj, shapes.f32, shapes.json). "
          + "Default: ../shared/facemodel/ict-facekit relative to the repository root (the system "
          + "property headrecon.root, else the working directory).")
  @Default.InstanceFactory(FaceModelDefault.class)
  String getFaceModel();

  void setFaceModel(String value);

  @Description("Number of subjects to generate.")
  @Default.Integer(50)
  int getNumSubjects();

  void setNumSubjects(int value);

  @Description("Index of the first subject (ids subject-NNNN count up from it).")
  @Default.Integer(0)
  int getFirstSubject();

  void setFirstSubject(int value);

  @Description("Seed of every random choice; the same seed and options give identical files.")
  @Default.Long(42)
  long getSeed();

  void setSeed(long value);

  @Description("Camera yaw angles, degrees, comma-separated (0 = frontal, + = subject's left).")
  @Default.InstanceFactory(YawsDefault.class)
  List<Integer> getYawsDeg();

  void setYawsDeg(List<Integer> value);

  @Description("Image width, pixels.")
  @Default.Integer(180)
  int getWidthPx();

  void setWidthPx(int value);

  @Description("Image height, pixels.")
  @Default.Integer(180)
  int getHeightPx();

  void setHeightPx(int value);

  @Description("35 mm-equivalent focal length, millimetres (85 = portrait lens).")
  @Default.Double(85)
  double getFocalLength35mm();

  void setFocalLength35mm(double value);

  @Description(
      "With a value above --focalLength35mm: each subject's 35 mm-equivalent focal length is drawn"
          + " from U(--focalLength35mm, this), millimetres; 0 = one focal length for all.")
  @Default.Double(0)
  double getMaxFocalLength35mm();

  void setMaxFocalLength35mm(double value);

  @Description(
      "Lower end of the camera distance range, millimetres from the head's bounding-box centre;"
          + " with --maxCameraDistanceMm each view's distance is drawn from the range instead of"
          + " the distance fitted to the head (0 and 0 = fitted; needs --distanceJitterFraction=0).")
  @Default.Double(0)
  double getMinCameraDistanceMm();

  void setMinCameraDistanceMm(double value);

  @Description("Upper end of the camera distance range, millimetres; 0 = fitted to the head.")
  @Default.Double(0)
  double getMaxCameraDistanceMm();

  void setMaxCameraDistanceMm(double value);

  @Description(
      "Each view's principal point is moved off the image centre by up to this fraction of the"
          + " half width and half height (0 = centred): the head appears off-centre, as in a"
          + " cropped photograph. Use with a camera distance range that keeps the head inside.")
  @Default.Double(0)
  double getPrincipalOffsetFraction();

  void setPrincipalOffsetFraction(double value);

  @Description(
      "Where the written world frame's origin lies in the head model's frame (+y up, origin near"
          + " the head's centre), x,y,z millimetres: the mesh and the manifests' extrinsics are"
          + " written in that frame, e.g. 0,-1200,0 for a studio calibrated to a floor 1.2 m"
          + " below the head. Empty = the model's frame.")
  List<Double> getWorldOriginMm();

  void setWorldOriginMm(List<Double> value);

  @Description(
      "Background kinds drawn from uniformly per view, comma-separated: solid, gradient, noise,"
          + " clutter, studio, photo. Empty: with --look=realistic 45 % photos, 20 % studio"
          + " backdrops, 35 % procedural (photos become procedural when none were found); with"
          + " --look=legacy the four procedural kinds.")
  List<String> getBackgroundKinds();

  void setBackgroundKinds(List<String> value);

  @Description(
      "The key light's azimuth is drawn within +-this many degrees of the face's front (75 ="
          + " front lighting; up to 180 = from any side, rim-lit faces).")
  @Default.Double(75)
  double getKeyLightAzimuthMaxDeg();

  void setKeyLightAzimuthMaxDeg(double value);

  @Description("Camera elevation jitter: pitch drawn from U(-j, j) per view, degrees.")
  @Default.Double(0)
  double getPitchJitterDeg();

  void setPitchJitterDeg(double value);

  @Description("Camera roll jitter: roll drawn from U(-j, j) per view, degrees.")
  @Default.Double(0)
  double getRollJitterDeg();

  void setRollJitterDeg(double value);

  @Description("Camera distance jitter: distance multiplied by 1 + U(0, j) per view.")
  @Default.Double(0)
  double getDistanceJitterFraction();

  void setDistanceJitterFraction(double value);

  @Description("Fraction of the half-image kept free around the head at the nearest distance.")
  @Default.Double(0.06)
  double getFramingMargin();

  void setFramingMargin(double value);

  @Description("Expression names to draw from, comma-separated; empty = the whole library.")
  List<String> getExpressions();

  void setExpressions(List<String> value);

  @Description("Probability that a subject gets a random mix of 2-3 expressions.")
  @Default.Double(0.2)
  double getMixProbability();

  void setMixProbability(double value);

  @Description("Standard deviation of the identity weights (the model's prior is 1).")
  @Default.Double(1.0)
  double getIdentityScale();

  void setIdentityScale(double value);

  @Description("Colour samples per pixel along each axis (odd; depth is always exact).")
  @Default.Integer(3)
  int getSupersample();

  void setSupersample(int value);

  @Description("Largest sensor-noise sigma, 8-bit levels; each view draws U(0, max).")
  @Default.Double(2.0)
  double getMaxNoiseSigma();

  void setMaxNoiseSigma(double value);

  @Description("Depth PNG scale, millimetres per unit.")
  @Default.Double(0.05)
  double getDepthScaleMmPerUnit();

  void setDepthScaleMmPerUnit(double value);

  @Description("Fraction of subjects in the validation split.")
  @Default.Double(0.1)
  double getValFraction();

  void setValFraction(double value);

  @Description("Fraction of subjects in the test split.")
  @Default.Double(0.1)
  double getTestFraction();

  void setTestFraction(double value);

  @Description("Longest side of the contact-sheet thumbnails, pixels.")
  @Default.Integer(96)
  int getContactSheetThumbnailPx();

  void setContactSheetThumbnailPx(int value);

  @Description(
      "realistic: hair, facial hair, garments, studio lighting with cast shadows, photo and studio"
          + " backgrounds, camera effects, jittered crops. legacy: the bald busts of before issue"
          + " 15; with the same other options it writes the same files byte for byte (the options"
          + " below that say 'realistic look' are then unused).")
  @Default.String("realistic")
  String getLook();

  void setLook(String value);

  @Description(
      "Hair styles drawn from (realistic look), comma-separated: short, medium, long, curly,"
          + " tied_back, receding, bald; empty = all, weighted as in the wild.")
  List<String> getHairStyles();

  void setHairStyles(List<String> value);

  @Description(
      "Garments drawn from (realistic look), comma-separated: crew_neck, collar, hood, v_neck;"
          + " empty = all.")
  List<String> getGarments();

  void setGarments(List<String> value);

  @Description(
      "Debian packages whose photographs become backgrounds (realistic look), comma-separated;"
          + " taken from this machine's installed files at generation time, never downloaded;"
          + " a package that is not installed is reported and skipped. Each photo's licence"
          + " (from /usr/share/doc/<pkg>/copyright) goes into <output>/dataset.json.")
  @Default.InstanceFactory(PhotoPackagesDefault.class)
  List<String> getBackgroundPhotoPackages();

  void setBackgroundPhotoPackages(List<String> value);

  @Description(
      "Glob on the installed path of the packages' JPEG and PNG files to take (realistic look);"
          + " the default keeps mate-backgrounds' photographs.")
  @Default.String("**/nature/*")
  String getBackgroundPhotoGlob();

  void setBackgroundPhotoGlob(String value);

  @Description(
      "Crop jitter (realistic look): focal length times 1 + U(-j, j) per view, as the head"
          + " crop's scale error.")
  @Default.Double(0.08)
  double getCropScaleJitter();

  void setCropScaleJitter(double value);

  @Description(
      "Crop jitter (realistic look): principal point moved by U(-j, j) pixels per axis per view"
          + " (at 180 px width; scaled with the width).")
  @Default.Double(6)
  double getCropOffsetJitterPx();

  void setCropOffsetJitterPx(double value);

  @Description("Crop jitter (realistic look): roll about the optical axis, U(-j, j) degrees.")
  @Default.Double(5)
  double getCropRollJitterDeg();

  void setCropRollJitterDeg(double value);

  @Description(
      "Camera effects (realistic look): exposure, white balance, defocus, motion blur,"
          + " vignetting, sensor noise, tone curve and JPEG compression.")
  @Default.Boolean(true)
  boolean getCameraEffects();

  void setCameraEffects(boolean value);

  @Description("Lowest JPEG quality drawn (realistic look, 1-100).")
  @Default.Integer(40)
  int getMinJpegQuality();

  void setMinJpegQuality(int value);

  @Description("Highest JPEG quality drawn (realistic look, 1-100).")
  @Default.Integer(95)
  int getMaxJpegQuality();

  void setMaxJpegQuality(int value);

  /** mate-backgrounds: photographs under free licences (nature/). */
  class PhotoPackagesDefault implements DefaultValueFactory<List<String>> {
    @Override
    public List<String> create(PipelineOptions options) {
      return List.of("mate-backgrounds");
    }
  }

  /** ../shared/facemodel/ict-facekit relative to the repository root. */
  class FaceModelDefault implements DefaultValueFactory<String> {
    @Override
    public String create(PipelineOptions options) {
      String root = System.getProperty("headrecon.root", System.getProperty("user.dir"));
      return Paths.get(root).resolve("../shared/facemodel/ict-facekit").normalize().toString();
    }
  }

  /** −90° … +90° in 10° steps. */
  class YawsDefault implements DefaultValueFactory<List<Integer>> {
    @Override
    public List<Integer> create(PipelineOptions options) {
      List<Integer> yaws = new ArrayList<>();
      for (int yaw = -90; yaw <= 90; yaw += 10) {
        yaws.add(yaw);
      }
      return yaws;
    }
  }
}
