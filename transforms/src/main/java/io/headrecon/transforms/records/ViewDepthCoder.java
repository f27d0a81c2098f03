package io.headrecon.transforms.records;

import io.headrecon.proto.View;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * Coder of {@link ViewDepth}, registered through {@code @DefaultCoder}: the {@link
 * io.headrecon.proto.View} proto's wire bytes, the image as {@link RgbImageCoder} writes it, then
 * depth (millimetres), landmark pixels and landmark depth (millimetres) as packed little-endian
 * floats and landmark visibility as one byte each, every array length-prefixed, then the mask
 * uncertain fraction as one little-endian float (NaN when unknown) and the reference depth as one
 * little-endian double (NaN for metric depth).
 */
public final class ViewDepthCoder extends CustomCoder<ViewDepth> {
  private static final ViewDepthCoder INSTANCE = new ViewDepthCoder();

  private ViewDepthCoder() {}

  public static ViewDepthCoder of() {
    return INSTANCE;
  }

  /** What {@code @DefaultCoder} on {@link ViewDepth} calls. */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.forCoder(TypeDescriptor.of(ViewDepth.class), INSTANCE);
  }

  @Override
  public void encode(ViewDepth value, OutputStream outStream) throws IOException {
    DataOutputStream out = new DataOutputStream(outStream);
    write(value, out);
    out.flush();
  }

  @Override
  public ViewDepth decode(InputStream inStream) throws IOException {
    return read(new DataInputStream(inStream));
  }

  static void write(ViewDepth value, DataOutputStream out) throws IOException {
    Wire.writeProto(out, value.view());
    RgbImageCoder.write(value.image(), out);
    Wire.writeFloats(out, value.depthMm());
    Wire.writeFloats(out, value.landmarksPx());
    Wire.writeFloats(out, value.landmarkDepthMm());
    Wire.writeBooleans(out, value.landmarkVisible());
    Wire.writeFloat(out, value.maskUncertainFraction());
    Wire.writeDouble(out, value.referenceDepthMm());
  }

  static ViewDepth read(DataInputStream in) throws IOException {
    View view = Wire.readProto(in, View.parser());
    return new ViewDepth(
        view,
        RgbImageCoder.read(in),
        Wire.readFloats(in),
        Wire.readFloats(in),
        Wire.readFloats(in),
        Wire.readBooleans(in),
        Wire.readFloat(in),
        Wire.readDouble(in));
  }
}
