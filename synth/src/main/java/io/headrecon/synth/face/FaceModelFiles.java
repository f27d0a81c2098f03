package io.headrecon.synth.face;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Where the files of the ICT face model come from: a local directory here; the Beam layer supplies
 * one that reads through Beam FileSystems (gs://, s3://).
 */
public interface FaceModelFiles {
  /** The neutral head mesh (OBJ, centimetres). */
  String NEUTRAL_MESH = "generic_neutral_mesh.obj";

  /** The shape deltas (little-endian float32, centimetres). */
  String SHAPES = "shapes.f32";

  /** Shape names, landmark ids and sub-geometry ranges. */
  String SHAPES_JSON = "shapes.json";

  /** The files a model directory must hold, in the order they are read. */
  String[] REQUIRED = {SHAPES_JSON, NEUTRAL_MESH, SHAPES};

  /**
   * Opens one of the model's files for reading.
   *
   * @throws java.io.FileNotFoundException or {@link NoSuchFileException} when it is missing
   */
  InputStream open(String fileName) throws IOException;

  /** Size of one of the model's files in bytes, or -1 when unknown. */
  long sizeBytes(String fileName) throws IOException;

  /** The full location of one of the model's files, for messages. */
  String locate(String fileName);

  /** The model in a local directory. */
  static FaceModelFiles directory(Path dir) {
    return new FaceModelFiles() {
      @Override
      public InputStream open(String fileName) throws IOException {
        return Files.newInputStream(dir.resolve(fileName));
      }

      @Override
      public long sizeBytes(String fileName) throws IOException {
        return Files.size(dir.resolve(fileName));
      }

      @Override
      public String locate(String fileName) {
        return dir.resolve(fileName).toString();
      }
    };
  }
}
