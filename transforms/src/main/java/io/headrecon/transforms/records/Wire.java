package io.headrecon.transforms.records;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The byte layouts shared by the record coders: big-endian {@code int32} lengths and counts (as
 * {@link DataOutputStream} writes them), float arrays as packed little-endian IEEE 754 bytes, proto
 * messages as their wire bytes, strings as UTF-8. Every field is length-prefixed, so a record can
 * be nested in any other coder.
 */
final class Wire {
  private Wire() {}

  /** Length -1 marks a null string or array. */
  static final int NULL_LENGTH = -1;

  static void writeFloats(DataOutputStream out, float[] values) throws IOException {
    if (values == null) {
      out.writeInt(NULL_LENGTH);
      return;
    }
    out.writeInt(values.length);
    ByteBuffer bytes = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asFloatBuffer().put(values);
    out.write(bytes.array());
  }

  static float[] readFloats(DataInputStream in) throws IOException {
    int n = readLength(in, 4);
    if (n == NULL_LENGTH) {
      return null;
    }
    byte[] raw = new byte[4 * n];
    in.readFully(raw);
    float[] values = new float[n];
    ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
    return values;
  }

  /** One float as 4 little-endian IEEE 754 bytes, like an element of {@link #writeFloats}. */
  static void writeFloat(DataOutputStream out, float value) throws IOException {
    out.writeInt(Integer.reverseBytes(Float.floatToRawIntBits(value)));
  }

  static float readFloat(DataInputStream in) throws IOException {
    return Float.intBitsToFloat(Integer.reverseBytes(in.readInt()));
  }

  /** An int array: its length (big-endian int, -1 for null), then 4 little-endian bytes each. */
  static void writeInts(DataOutputStream out, int[] values) throws IOException {
    if (values == null) {
      out.writeInt(NULL_LENGTH);
      return;
    }
    out.writeInt(values.length);
    ByteBuffer buf = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    buf.asIntBuffer().put(values);
    out.write(buf.array());
  }

  static int[] readInts(DataInputStream in) throws IOException {
    int n = readLength(in, 4);
    if (n == NULL_LENGTH) {
      return null;
    }
    byte[] bytes = new byte[4 * n];
    in.readFully(bytes);
    int[] values = new int[n];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(values);
    return values;
  }

  /** One double as 8 little-endian IEEE 754 bytes. */
  static void writeDouble(DataOutputStream out, double value) throws IOException {
    out.writeLong(Long.reverseBytes(Double.doubleToRawLongBits(value)));
  }

  static double readDouble(DataInputStream in) throws IOException {
    return Double.longBitsToDouble(Long.reverseBytes(in.readLong()));
  }

  static void writeBytes(DataOutputStream out, byte[] values) throws IOException {
    if (values == null) {
      out.writeInt(NULL_LENGTH);
      return;
    }
    out.writeInt(values.length);
    out.write(values);
  }

  static byte[] readBytes(DataInputStream in) throws IOException {
    int n = readLength(in, 1);
    if (n == NULL_LENGTH) {
      return null;
    }
    byte[] values = new byte[n];
    in.readFully(values);
    return values;
  }

  /** Booleans as one byte each, 0 or 1. */
  static void writeBooleans(DataOutputStream out, boolean[] values) throws IOException {
    out.writeInt(values.length);
    for (boolean b : values) {
      out.writeByte(b ? 1 : 0);
    }
  }

  static boolean[] readBooleans(DataInputStream in) throws IOException {
    int n = readLength(in, 1);
    if (n < 0) {
      throw new IOException("corrupt record: boolean array length " + n);
    }
    boolean[] values = new boolean[n];
    for (int i = 0; i < n; i++) {
      values[i] = in.readByte() != 0;
    }
    return values;
  }

  /** A nullable string as UTF-8 bytes. */
  static void writeString(DataOutputStream out, String value) throws IOException {
    writeBytes(out, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
  }

  static String readString(DataInputStream in) throws IOException {
    byte[] bytes = readBytes(in);
    return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
  }

  static void writeProto(DataOutputStream out, Message message) throws IOException {
    writeBytes(out, message.toByteArray());
  }

  static <M extends Message> M readProto(DataInputStream in, Parser<M> parser) throws IOException {
    byte[] bytes = readBytes(in);
    if (bytes == null) {
      throw new IOException("corrupt record: missing proto message");
    }
    try {
      return parser.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new IOException("corrupt record: " + e.getMessage(), e);
    }
  }

  /** A length or {@link #NULL_LENGTH}; rejects lengths that cannot be a real array. */
  static int readLength(DataInputStream in, int bytesPerValue) throws IOException {
    int n = in.readInt();
    if (n < NULL_LENGTH || (long) n * bytesPerValue > Integer.MAX_VALUE - 8) {
      throw new IOException("corrupt record: array length " + n);
    }
    return n;
  }
}
