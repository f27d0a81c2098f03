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
 * Coder of {@link ViewImage}, registered through {@code @DefaultCoder}: the {@link
 * io.headrecon.proto.View} proto's wire bytes, then the image as {@link RgbImageCoder} writes it.
 */
public final class ViewImageCoder extends CustomCoder<ViewImage> {
  private static final ViewImageCoder INSTANCE = new ViewImageCoder();

  private ViewImageCoder() {}

  public static ViewImageCoder of() {
    return INSTANCE;
  }

  /** What {@code @DefaultCoder} on {@link ViewImage} calls. */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.forCoder(TypeDescriptor.of(ViewImage.class), INSTANCE);
  }

  @Override
  public void encode(ViewImage value, OutputStream outStream) throws IOException {
    DataOutputStream out = new DataOutputStream(outStream);
    write(value, out);
    out.flush();
  }

  @Override
  public ViewImage decode(InputStream inStream) throws IOException {
    return read(new DataInputStream(inStream));
  }

  static void write(ViewImage value, DataOutputStream out) throws IOException {
    Wire.writeProto(out, value.view());
    RgbImageCoder.write(value.image(), out);
  }

  static ViewImage read(DataInputStream in) throws IOException {
    View view = Wire.readProto(in, View.parser());
    return new ViewImage(view, RgbImageCoder.read(in));
  }
}
