package io.headrecon.transforms.io;

import io.headrecon.geometry.TriangleMesh;
import io.headrecon.geometry.io.DepthPng;
import io.headrecon.geometry.io.Ply;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/** Reads the ground truth a manifest names: 16-bit depth PNGs and the PLY head mesh. */
public final class GroundTruthFiles {
  private GroundTruthFiles() {}

  /** Largest ground-truth depth PNG read, bytes. */
  static final long MAX_DEPTH_BYTES = 256L << 20;

  /** Largest ground-truth mesh read, bytes. */
  static final long MAX_MESH_BYTES = 512L << 20;

  /**
   * Reads a 16-bit depth PNG as millimetres and checks its size against the photo's.
   *
   * @param scaleMmPerUnit millimetres per PNG unit (0 stays 0: no surface)
   * @throws IOException naming the file when it cannot be read or its size differs
   */
  public static float[] readDepthMm(
      String uri, double scaleMmPerUnit, int expectedWidthPx, int expectedHeightPx)
      throws IOException {
    DepthPng.DepthImage depth =
        DepthPng.read(
            new ByteArrayInputStream(BeamFiles.read(uri, MAX_DEPTH_BYTES)), scaleMmPerUnit, uri);
    if (depth.widthPx() != expectedWidthPx || depth.heightPx() != expectedHeightPx) {
      throw new IOException(
          uri
              + ": depth is "
              + depth.widthPx()
              + "x"
              + depth.heightPx()
              + " px, the image is "
              + expectedWidthPx
              + "x"
              + expectedHeightPx);
    }
    return depth.depthMm();
  }

  /** Reads the ground-truth head mesh (binary or ASCII PLY, world frame, millimetres). */
  public static TriangleMesh readMesh(String uri) throws IOException {
    return Ply.readMesh(new ByteArrayInputStream(BeamFiles.read(uri, MAX_MESH_BYTES)), uri);
  }
}
