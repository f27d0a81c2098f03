package io.headrecon.proto;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;

/**
 * Reads and writes the data contracts as JSON with protobuf's {@link JsonFormat}, so that manifests
 * and metrics are readable by people and tools. Field names are lowerCamelCase; fields at their
 * default value are printed too, so a reader sees every field.
 */
public final class ProtoJson {
  private static final JsonFormat.Printer PRINTER =
      JsonFormat.printer().alwaysPrintFieldsWithNoPresence();
  private static final JsonFormat.Printer LINE_PRINTER = PRINTER.omittingInsignificantWhitespace();
  private static final JsonFormat.Parser PARSER = JsonFormat.parser();

  private ProtoJson() {}

  /** Prints {@code message} as indented JSON. */
  public static String toJson(Message message) {
    try {
      return PRINTER.print(message);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("cannot print " + message.getDescriptorForType(), e);
    }
  }

  /** Prints {@code message} as compact JSON on one line (for JSON-lines files). */
  public static String toJsonLine(Message message) {
    try {
      return LINE_PRINTER.print(message);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("cannot print " + message.getDescriptorForType(), e);
    }
  }

  /**
   * Parses JSON into a new message of the builder's type.
   *
   * @param json the JSON text
   * @param builder an empty builder, e.g. {@code SubjectManifest.newBuilder()}
   * @param source where the JSON came from (a URI), named in the error when it does not parse
   */
  @SuppressWarnings("unchecked")
  public static <T extends Message> T fromJson(
      String json, Message.Builder builder, String source) {
    try {
      PARSER.merge(json, builder);
      return (T) builder.build();
    } catch (InvalidProtocolBufferException e) {
      throw new ContractViolationException(
          source
              + ": not a valid "
              + builder.getDescriptorForType().getName()
              + " JSON: "
              + e.getMessage(),
          e);
    }
  }

  /** Parses a {@link SubjectManifest} and checks it with {@link Contracts#checkManifest}. */
  public static SubjectManifest parseManifest(String json, String source) {
    SubjectManifest manifest = fromJson(json, SubjectManifest.newBuilder(), source);
    Contracts.checkManifest(manifest, source);
    return manifest;
  }
}
