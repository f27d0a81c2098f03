package io.headrecon.synth.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import io.headrecon.geometry.io.DepthPng;
import io.headrecon.synth.face.TestFaceModel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/**
 * The legacy look reproduces the committed sample (testdata/synthetic, made before issue 15 with
 * {@code --numSubjects=3 --seed=2026} and the defaults of then): photos, masks, mesh, contact sheet
 * and manifest byte for byte, depth maps value for value (their PNGs have since gained text chunks
 * naming scale and intrinsics). This is what keeps the old split reproducible.
 */
class LegacyLookTest {
  @Test
  void theLegacyLookWritesTheCommittedSampleAgain() throws IOException {
    Path sample =
        Paths.get(System.getProperty("headrecon.root", ".."))
            .resolve("testdata/synthetic/subject-0000");
    DatasetSpec spec =
        DatasetSpec.builder()
            .output("unused")
            .faceModel(TestFaceModel.directory().toString())
            .seed(2026)
            .look(DatasetSpec.Look.LEGACY)
            .build();
    SubjectGenerator.Subject subject = new SubjectGenerator(TestFaceModel.get(), spec).generate(0);
    assertThat(subject.files()).hasSize(3 * 19 + 3);
    for (SubjectGenerator.OutputFile file : subject.files()) {
      byte[] committed = Files.readAllBytes(sample.resolve(file.relativePath()));
      if (file.relativePath().endsWith("_depth.png")) {
        float[] expected = DepthPng.read(new ByteArrayInputStream(committed), 0.05, "c").depthMm();
        float[] actual = DepthPng.read(new ByteArrayInputStream(file.bytes()), 0.05, "g").depthMm();
        assertThat(actual).as(file.relativePath()).containsExactly(expected);
      } else {
        assertThat(file.bytes()).as(file.relativePath()).isEqualTo(committed);
      }
    }
  }
}
