package io.headrecon.transforms.records;

import io.headrecon.geometry.PointCloud;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.CustomCoder;

/**
 * Coder of {@link PointCloud}: positions (x, y, z per point, millimetres) as packed little-endian
 * floats, colours as RGB bytes or absent, normals as packed little-endian floats or absent; each
 * array length-prefixed (absent = length -1). 27 bytes per point with colours and normals.
 */
public final class PointCloudCoder extends CustomCoder<PointCloud> {
  private static final PointCloudCoder INSTANCE = new PointCloudCoder();

  private PointCloudCoder() {}

  public static PointCloudCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(PointCloud cloud, OutputStream outStream) throws IOException {
    DataOutputStream out = new DataOutputStream(outStream);
    write(cloud, out);
    out.flush();
  }

  @Override
  public PointCloud decode(InputStream inStream) throws IOException {
    return read(new DataInputStream(inStream));
  }

  static void write(PointCloud cloud, DataOutputStream out) throws IOException {
    Wire.writeFloats(out, cloud.positionsMm());
    Wire.writeBytes(out, cloud.colorsRgb());
    Wire.writeFloats(out, cloud.normals());
  }

  static PointCloud read(DataInputStream in) throws IOException {
    float[] positions = Wire.readFloats(in);
    byte[] colours = Wire.readBytes(in);
    float[] normals = Wire.readFloats(in);
    if (positions == null) {
      throw new IOException("corrupt record: point cloud without positions");
    }
    try {
      return PointCloud.of(positions, colours, normals);
    } catch (IllegalArgumentException e) {
      throw new IOException("corrupt record: " + e.getMessage(), e);
    }
  }
}
