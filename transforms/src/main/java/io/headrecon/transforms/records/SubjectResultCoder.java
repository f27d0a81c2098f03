package io.headrecon.transforms.records;

import io.headrecon.geometry.PointCloud;
import io.headrecon.geometry.TriangleMesh;
import io.headrecon.proto.SubjectManifest;
import io.headrecon.proto.SubjectMetrics;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * Coder of {@link SubjectResult}, registered through {@code @DefaultCoder}: subject id, the fused
 * cloud ({@link PointCloudCoder}), the output-frame flag, the metrics proto, the per-view clouds
 * and per-view depths (a count, then view id and value each, in map order), the manifest proto,
 * then a presence byte and the mesh ({@link TriangleMeshCoder}).
 */
public final class SubjectResultCoder extends CustomCoder<SubjectResult> {
  private static final SubjectResultCoder INSTANCE = new SubjectResultCoder();

  private SubjectResultCoder() {}

  public static SubjectResultCoder of() {
    return INSTANCE;
  }

  /** What {@code @DefaultCoder} on {@link SubjectResult} calls. */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.forCoder(TypeDescriptor.of(SubjectResult.class), INSTANCE);
  }

  @Override
  public void encode(SubjectResult value, OutputStream outStream) throws IOException {
    DataOutputStream out = new DataOutputStream(outStream);
    write(value, out);
    out.flush();
  }

  @Override
  public SubjectResult decode(InputStream inStream) throws IOException {
    return read(new DataInputStream(inStream));
  }

  static void write(SubjectResult value, DataOutputStream out) throws IOException {
    Wire.writeString(out, value.subjectId());
    PointCloudCoder.write(value.fusedInReference(), out);
    out.writeBoolean(value.inWorldFrame());
    Wire.writeProto(out, value.metrics());
    out.writeInt(value.viewCloudsInReference().size());
    for (Map.Entry<String, PointCloud> e : value.viewCloudsInReference().entrySet()) {
      Wire.writeString(out, e.getKey());
      PointCloudCoder.write(e.getValue(), out);
    }
    out.writeInt(value.viewDepthMm().size());
    for (Map.Entry<String, ViewDepth> e : value.viewDepthMm().entrySet()) {
      Wire.writeString(out, e.getKey());
      ViewDepthCoder.write(e.getValue(), out);
    }
    Wire.writeProto(out, value.manifest());
    out.writeBoolean(value.meshInReference() != null);
    if (value.meshInReference() != null) {
      TriangleMeshCoder.write(value.meshInReference(), out);
    }
  }

  static SubjectResult read(DataInputStream in) throws IOException {
    String subjectId = Wire.readString(in);
    PointCloud fused = PointCloudCoder.read(in);
    boolean inWorldFrame = in.readBoolean();
    SubjectMetrics metrics = Wire.readProto(in, SubjectMetrics.parser());
    int clouds = Wire.readLength(in, 1);
    Map<String, PointCloud> viewClouds = new LinkedHashMap<>();
    for (int i = 0; i < clouds; i++) {
      viewClouds.put(Wire.readString(in), PointCloudCoder.read(in));
    }
    int depths = Wire.readLength(in, 1);
    Map<String, ViewDepth> viewDepths = new LinkedHashMap<>();
    for (int i = 0; i < depths; i++) {
      viewDepths.put(Wire.readString(in), ViewDepthCoder.read(in));
    }
    SubjectManifest manifest = Wire.readProto(in, SubjectManifest.parser());
    TriangleMesh mesh = in.readBoolean() ? TriangleMeshCoder.read(in) : null;
    return new SubjectResult(
        subjectId, fused, inWorldFrame, metrics, viewClouds, viewDepths, manifest, mesh);
  }
}
