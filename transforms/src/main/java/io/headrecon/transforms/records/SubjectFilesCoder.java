package io.headrecon.transforms.records;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * Coder of {@link SubjectFiles}, registered through {@code @DefaultCoder}: subject id, folder URI,
 * the image URIs (a count, then each) and the manifest URI (absent = length -1), all UTF-8.
 */
public final class SubjectFilesCoder extends CustomCoder<SubjectFiles> {
  private static final SubjectFilesCoder INSTANCE = new SubjectFilesCoder();

  private SubjectFilesCoder() {}

  public static SubjectFilesCoder of() {
    return INSTANCE;
  }

  /** What {@code @DefaultCoder} on {@link SubjectFiles} calls. */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.forCoder(TypeDescriptor.of(SubjectFiles.class), INSTANCE);
  }

  @Override
  public void encode(SubjectFiles value, OutputStream outStream) throws IOException {
    DataOutputStream out = new DataOutputStream(outStream);
    write(value, out);
    out.flush();
  }

  @Override
  public SubjectFiles decode(InputStream inStream) throws IOException {
    return read(new DataInputStream(inStream));
  }

  static void write(SubjectFiles value, DataOutputStream out) throws IOException {
    Wire.writeString(out, value.subjectId());
    Wire.writeString(out, value.folderUri());
    out.writeInt(value.imageUris().size());
    for (String uri : value.imageUris()) {
      Wire.writeString(out, uri);
    }
    Wire.writeString(out, value.manifestUri());
  }

  static SubjectFiles read(DataInputStream in) throws IOException {
    String subjectId = Wire.readString(in);
    String folderUri = Wire.readString(in);
    int n = Wire.readLength(in, 4);
    List<String> images = new ArrayList<>(Math.max(0, n));
    for (int i = 0; i < n; i++) {
      images.add(Wire.readString(in));
    }
    return new SubjectFiles(subjectId, folderUri, List.copyOf(images), Wire.readString(in));
  }
}
