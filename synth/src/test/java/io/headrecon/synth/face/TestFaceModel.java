package io.headrecon.synth.face;

import java.nio.file.Path;
import java.nio.file.Paths;

/** The shipped ICT face model for tests, loaded once per test JVM. */
public final class TestFaceModel {
  private static IctFaceModel model;

  private TestFaceModel() {}

  /** The model directory: ../shared/facemodel/ict-facekit relative to the repository root. */
  public static Path directory() {
    String root = System.getProperty("headrecon.root", Paths.get("..").toString());
    return Paths.get(root).resolve("../shared/facemodel/ict-facekit").normalize();
  }

  public static synchronized IctFaceModel get() {
    if (model == null) {
      model = IctFaceModel.load(FaceModelFiles.directory(directory()));
    }
    return model;
  }
}
