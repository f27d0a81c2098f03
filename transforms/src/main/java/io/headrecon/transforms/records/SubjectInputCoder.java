package io.headrecon.transforms.records;

import io.headrecon.proto.SubjectManifest;
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
 * Coder of {@link SubjectInput}, registered through {@code @DefaultCoder}: the files as {@link
 * SubjectFilesCoder} writes them, then the manifest proto's wire bytes.
 */
public final class SubjectInputCoder extends CustomCoder<SubjectInput> {
  private static final SubjectInputCoder INSTANCE = new SubjectInputCoder();

  private SubjectInputCoder() {}

  public static SubjectInputCoder of() {
    return INSTANCE;
  }

  /** What {@code @DefaultCoder} on {@link SubjectInput} calls. */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.forCoder(TypeDescriptor.of(SubjectInput.class), INSTANCE);
  }

  @Override
  public void encode(SubjectInput value, OutputStream outStream) throws IOException {
    DataOutputStream out = new DataOutputStream(outStream);
    write(value, out);
    out.flush();
  }

  @Override
  public SubjectInput decode(InputStream inStream) throws IOException {
    return read(new DataInputStream(inStream));
  }

  static void write(SubjectInput value, DataOutputStream out) throws IOException {
    SubjectFilesCoder.write(value.files(), out);
    Wire.writeProto(out, value.manifest());
  }

  static SubjectInput read(DataInputStream in) throws IOException {
    SubjectFiles files = SubjectFilesCoder.read(in);
    return new SubjectInput(files, Wire.readProto(in, SubjectManifest.parser()));
  }
}
