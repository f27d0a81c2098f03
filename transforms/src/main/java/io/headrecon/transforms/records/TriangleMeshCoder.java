package io.headrecon.transforms.records;

import io.headrecon.geometry.TriangleMesh;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.CustomCoder;

/**
 * Coder of {@link TriangleMesh}: vertex positions (millimetres) as packed little-endian floats,
 * colours as RGB bytes or absent, normals as packed little-endian floats or absent, triangles as
 * packed little-endian int index triples; each array length-prefixed (absent = length -1).
 */
public final class TriangleMeshCoder extends CustomCoder<TriangleMesh> {
  private static final TriangleMeshCoder INSTANCE = new TriangleMeshCoder();

  private TriangleMeshCoder() {}

  public static TriangleMeshCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(TriangleMesh mesh, OutputStream outStream) throws IOException {
    DataOutputStream out = new DataOutputStream(outStream);
    write(mesh, out);
    out.flush();
  }

  @Override
  public TriangleMesh decode(InputStream inStream) throws IOException {
    return read(new DataInputStream(inStream));
  }

  static void write(TriangleMesh mesh, DataOutputStream out) throws IOException {
    Wire.writeFloats(out, mesh.verticesMm());
    Wire.writeBytes(out, mesh.colorsRgb());
    Wire.writeFloats(out, mesh.normals());
    Wire.writeInts(out, mesh.triangles());
  }

  static TriangleMesh read(DataInputStream in) throws IOException {
    float[] vertices = Wire.readFloats(in);
    byte[] colors = Wire.readBytes(in);
    float[] normals = Wire.readFloats(in);
    int[] triangles = Wire.readInts(in);
    if (vertices == null || triangles == null) {
      throw new IOException("corrupt mesh record: no vertices or triangles");
    }
    try {
      return TriangleMesh.of(vertices, colors, normals, triangles);
    } catch (IllegalArgumentException e) {
      throw new IOException("corrupt mesh record: " + e.getMessage(), e);
    }
  }
}
