package io.headrecon.synth.face;

/**
 * The ICT face model could not be read: a file is missing, truncated or malformed. The message
 * names the file and the files a model directory must hold.
 */
public class FaceModelException extends RuntimeException {
  public FaceModelException(String message) {
    super(message);
  }

  public FaceModelException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The message tail telling what a model directory must hold. */
  static String expectedFiles() {
    return " (an ICT face model directory holds "
        + String.join(", ", FaceModelFiles.REQUIRED)
        + " as packed in shared/facemodel/ict-facekit)";
  }
}
