package io.headrecon.pipelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headrecon.proto.DatasetRecord;
import io.headrecon.proto.ProtoJson;
import io.headrecon.proto.SubjectManifest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateDatasetTest {

  static Path modelDirectory() {
    String root = System.getProperty("headrecon.root", "..");
    return Paths.get(root).resolve("../shared/facemodel/ict-facekit").normalize();
  }

  /** Small, fast options; {@code overrides} like "--seed=43" replace the defaults here. */
  private static GenerateDatasetOptions options(Path out, String... overrides) {
    Map<String, String> args = new TreeMap<>();
    for (String a :
        List.of(
            "--output=" + out,
            "--faceModel=" + modelDirectory(),
            "--numSubjects=2",
            "--firstSubject=10",
            "--yawsDeg=-90,0,45",
            "--widthPx=40",
            "--heightPx=48",
            "--pitchJitterDeg=5",
            "--rollJitterDeg=3",
            "--distanceJitterFraction=0.1",
            "--mixProbability=0.5",
            "--backgroundPhotoPackages=")) { // the same data with or without photo packages
      args.put(a.substring(0, a.indexOf('=')), a);
    }
    for (String a : overrides) {
      args.put(a.substring(0, a.indexOf('=')), a);
    }
    return PipelineOptionsFactory.fromArgs(args.values().toArray(new String[0]))
        .as(GenerateDatasetOptions.class);
  }

  @Test
  void twoRunsWithTheSameSeedWriteIdenticalBytes(@TempDir Path temp) throws IOException {
    Path a = temp.resolve("a");
    Path b = temp.resolve("b");
    Path c = temp.resolve("c");
    assertThat(GenerateDataset.run(options(a)).waitUntilFinish())
        .isEqualTo(PipelineResult.State.DONE);
    GenerateDataset.run(options(b)).waitUntilFinish();
    GenerateDataset.run(options(c, "--seed=43")).waitUntilFinish();
    Map<String, byte[]> filesA = files(a);
    Map<String, byte[]> filesB = files(b);
    assertThat(filesA.keySet())
        .contains(
            "subject-0010/manifest.json",
            "subject-0011/yaw_m090.png",
            "subject-0011/gt/yaw_p045_depth.png",
            "subject-0011/gt/yaw_p000_mask.png",
            "subject-0010/gt/mesh.ply",
            "subject-0010/gt/contact_sheet.png",
            GenerateDataset.FAILURES_FILE,
            "dataset.json");
    assertThat(filesA).hasSize(2 * (1 + 3 * 3 + 2) + 2);
    assertThat(filesB.keySet()).isEqualTo(filesA.keySet());
    for (String name : filesA.keySet()) {
      assertThat(filesB.get(name)).as(name).isEqualTo(filesA.get(name));
    }
    assertThat(filesA.get(GenerateDataset.FAILURES_FILE)).isEmpty();
    // another seed draws other heads
    assertThat(files(c).get("subject-0010/yaw_m090.png"))
        .isNotEqualTo(filesA.get("subject-0010/yaw_m090.png"));
    SubjectManifest manifest =
        ProtoJson.parseManifest(
            new String(filesA.get("subject-0010/manifest.json"), StandardCharsets.UTF_8),
            "manifest");
    assertThat(manifest.getViews(2).getViewId()).isEqualTo("yaw_p045");
    assertThat(manifest.getViews(2).getCamera().getIntrinsics().getHeightPx()).isEqualTo(48);
    assertThat(manifest.getViews(2).getPitchDeg()).isBetween(-5.0, 5.0).isNotEqualTo(0.0);
    // the dataset's record says what it is and that no photos were taken
    DatasetRecord record =
        ProtoJson.fromJson(
            new String(filesA.get("dataset.json"), StandardCharsets.UTF_8),
            DatasetRecord.newBuilder(),
            "dataset.json");
    assertThat(record.getLook()).isEqualTo("realistic");
    assertThat(record.getBackgroundPhotosList()).isEmpty();
    assertThat(record.getNotesList())
        .anySatisfy(n -> assertThat(n).contains("no background photos"));
    assertThat(manifest.getGroundTruth().getMeshParts().getPartsCount()).isGreaterThan(1);
  }

  @Test
  void theLegacyLookWritesNoRecordAndNoParts(@TempDir Path temp) throws IOException {
    Path out = temp.resolve("legacy");
    GenerateDataset.run(options(out, "--look=legacy", "--numSubjects=1")).waitUntilFinish();
    Map<String, byte[]> files = files(out);
    assertThat(files).hasSize(1 + 3 * 3 + 2 + 1).doesNotContainKey("dataset.json");
    SubjectManifest manifest =
        ProtoJson.parseManifest(
            new String(files.get("subject-0010/manifest.json"), StandardCharsets.UTF_8),
            "manifest");
    assertThat(manifest.getGroundTruth().hasMeshParts()).isFalse();
    assertThatThrownBy(() -> GenerateDataset.run(options(out, "--look=glossy")))
        .hasMessageContaining("--look")
        .hasMessageContaining("legacy, realistic");
    assertThatThrownBy(() -> GenerateDataset.run(options(out, "--hairStyles=short,mohawk")))
        .hasMessageContaining("mohawk")
        .hasMessageContaining("tied_back");
  }

  @Test
  void aMissingModelNamesTheOptionAndTheFile(@TempDir Path temp) {
    Path empty = temp.resolve("no-model");
    assertThatThrownBy(
            () -> GenerateDataset.run(options(temp.resolve("out"), "--faceModel=" + empty)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--faceModel=" + empty)
        .hasMessageContaining("shapes.json is missing")
        .hasMessageContaining("generic_neutral_mesh.obj")
        .hasMessageContaining("shapes.f32");
  }

  @Test
  void aTruncatedModelNamesTheOptionAndTheFile(@TempDir Path temp) throws IOException {
    Path model = temp.resolve("model");
    Files.createDirectories(model);
    for (String name : List.of("shapes.json", "generic_neutral_mesh.obj")) {
      Files.createSymbolicLink(model.resolve(name), modelDirectory().resolve(name));
    }
    try (InputStream in = Files.newInputStream(modelDirectory().resolve("shapes.f32"));
        OutputStream out = Files.newOutputStream(model.resolve("shapes.f32"))) {
      out.write(in.readNBytes(4096));
    }
    assertThatThrownBy(
            () -> GenerateDataset.run(options(temp.resolve("out"), "--faceModel=" + model)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--faceModel=" + model)
        .hasMessageContaining(model.resolve("shapes.f32").toString())
        .hasMessageContaining("truncated");
  }

  @Test
  void badOptionsAreNamed(@TempDir Path temp) {
    assertThatThrownBy(() -> GenerateDataset.run(options(temp.resolve("out"), "--yawsDeg=0,10,0")))
        .hasMessageContaining("yaw 0 appears twice");
    assertThatThrownBy(() -> GenerateDataset.run(options(temp.resolve("out"), "--supersample=2")))
        .hasMessageContaining("supersample");
    assertThatThrownBy(
            () -> GenerateDataset.run(options(temp.resolve("out"), "--expressions=smile,yawn")))
        .hasMessageContaining("yawn");
  }

  private static Map<String, byte[]> files(Path root) throws IOException {
    Map<String, byte[]> out = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
        out.put(root.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
      }
    }
    return out;
  }
}
