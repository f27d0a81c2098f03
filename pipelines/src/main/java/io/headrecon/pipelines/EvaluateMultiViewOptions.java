package io.headrecon.pipelines;

import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.DefaultValueFactory;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * Options of {@link EvaluateMultiView}: where it works, the held-out set it generates (framed and
 * drawn unlike the training set) and the model it evaluates. Runner options (DirectRunner by
 * default) pass on to the generation and reconstruction runs.
 */
public interface EvaluateMultiViewOptions extends PipelineOptions {

  @Description(
      "Working folder: <work>/data (the generated held-out set), <work>/inputs/<mode>, "
          + "<work>/runs/<mode> (pipeline outputs), <work>/evaluation.md and evaluation.json. "
          + "Default: out/evaluate-multiview under the repository root.")
  @Default.InstanceFactory(WorkDefault.class)
  String getWork();

  void setWork(String value);

  @Description(
      "Input modes to run, comma-separated: posesUnknown (photos + intrinsics), calibratedOffset "
          + "(extrinsics with the world origin --worldOriginBelowHeadMm below the head), "
          + "groundTruthDepth (ground-truth depth through the same fusion, calibrated), "
          + "calibratedAtHead (extrinsics with the origin at the head, the dataset's convention).")
  @Default.InstanceFactory(ModesDefault.class)
  List<String> getModes();

  void setModes(List<String> value);

  @Description("ONNX depth model; empty = the shipped model (as ReconstructHeads --model).")
  @Default.String("")
  String getDepthModel();

  void setDepthModel(String value);

  // Same annotations as GenerateDatasetOptions#getFaceModel: both interfaces meet in one registry.
  @Description(
      "Directory of the ICT face model (generic_neutral_mesh.obj, shapes.f32, shapes.json). "
          + "Default: ../shared/facemodel/ict-facekit relative to the repository root (the system "
          + "property headrecon.root, else the working directory).")
  @Default.InstanceFactory(GenerateDatasetOptions.FaceModelDefault.class)
  String getFaceModel();

  void setFaceModel(String value);

  @Description("Held-out subjects to generate.")
  @Default.Integer(8)
  int getHeldOutNumSubjects();

  void setHeldOutNumSubjects(int value);

  @Description(
      "Index of the first held-out subject: ids subject-9000 … (the training set used "
          + "subject-0000..0399).")
  @Default.Integer(9000)
  int getHeldOutFirstSubject();

  void setHeldOutFirstSubject(int value);

  @Description("Seed of the held-out set (the training set used 2026).")
  @Default.Long(7031)
  long getHeldOutSeed();

  void setHeldOutSeed(long value);

  @Description("Camera yaw angles, degrees, comma-separated.")
  @Default.InstanceFactory(GenerateDatasetOptions.YawsDefault.class)
  List<Integer> getHeldOutYawsDeg();

  void setHeldOutYawsDeg(List<Integer> value);

  @Description("Image width and height, pixels.")
  @Default.Integer(180)
  int getHeldOutSizePx();

  void setHeldOutSizePx(int value);

  @Description(
      "Each view's principal point moved off the image centre by up to this fraction of the half"
          + " image (GenerateDataset --principalOffsetFraction): the head off-centre. 0 = centred.")
  @Default.Double(0)
  double getHeldOutPrincipalOffsetFraction();

  void setHeldOutPrincipalOffsetFraction(double value);

  @Description(
      "Lower end of each subject's 35 mm-equivalent focal length, millimetres (training: 85 mm at "
          + "about 1 m; 44-50 mm at 560-640 mm frames an average head about as large).")
  @Default.Double(44)
  double getHeldOutMinFocalLength35mm();

  void setHeldOutMinFocalLength35mm(double value);

  @Description("Upper end of each subject's 35 mm-equivalent focal length, millimetres.")
  @Default.Double(50)
  double getHeldOutMaxFocalLength35mm();

  void setHeldOutMaxFocalLength35mm(double value);

  @Description("Nearest camera distance from the head's centre, millimetres (drawn per view).")
  @Default.Double(560)
  double getHeldOutMinCameraDistanceMm();

  void setHeldOutMinCameraDistanceMm(double value);

  @Description("Farthest camera distance from the head's centre, millimetres.")
  @Default.Double(640)
  double getHeldOutMaxCameraDistanceMm();

  void setHeldOutMaxCameraDistanceMm(double value);

  @Description("Standard deviation of the identity weights (training: 1).")
  @Default.Double(1.5)
  double getHeldOutIdentityScale();

  void setHeldOutIdentityScale(double value);

  @Description("Probability of a 2-3 expression mix per subject (training: 0.2).")
  @Default.Double(0.8)
  double getHeldOutMixProbability();

  void setHeldOutMixProbability(double value);

  @Description("Key light azimuth limit, degrees from the face's front (training: 75).")
  @Default.Double(150)
  double getHeldOutKeyLightAzimuthMaxDeg();

  void setHeldOutKeyLightAzimuthMaxDeg(double value);

  @Description(
      "Look of the held-out heads, as GenerateDataset --look: legacy (bald busts on plain"
          + " backgrounds, the set measured before issue 15) or realistic (hair, garments, photo"
          + " backgrounds, studio lighting, camera effects).")
  @Default.String("legacy")
  String getHeldOutLook();

  void setHeldOutLook(String value);

  @Description(
      "How far below the head's centre the calibrated world origin lies, millimetres (a studio "
          + "calibrated to the floor); the generated manifests and mesh are in that frame.")
  @Default.Double(1200)
  double getWorldOriginBelowHeadMm();

  void setWorldOriginBelowHeadMm(double value);

  @Description(
      "Density of the ground-truth surface samples, per mm² (the pipeline's metrics use 10; a"
          + " lower one is faster and adds about 0.5/sqrt(density) mm to accuracy distances).")
  @Default.Double(10)
  double getGtSamplesPerMm2();

  void setGtSamplesPerMm2(double value);

  @Description(
      "Regenerate the held-out set even when <work>/data already holds it with the same settings.")
  @Default.Boolean(false)
  boolean getRegenerate();

  void setRegenerate(boolean value);

  /** out/evaluate-multiview under the repository root (headrecon.root, else the working dir). */
  class WorkDefault implements DefaultValueFactory<String> {
    @Override
    public String create(PipelineOptions options) {
      String root = System.getProperty("headrecon.root", System.getProperty("user.dir"));
      return Paths.get(root).resolve("out/evaluate-multiview").normalize().toString();
    }
  }

  /** Every mode, in table order. */
  class ModesDefault implements DefaultValueFactory<List<String>> {
    @Override
    public List<String> create(PipelineOptions options) {
      List<String> modes = new ArrayList<>();
      for (EvaluationMode mode : EvaluationMode.values()) {
        modes.add(mode.optionName());
      }
      return modes;
    }
  }
}
