package io.headrecon.geometry.io;

import io.headrecon.geometry.PointCloud;
import io.headrecon.geometry.TriangleMesh;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Stanford PLY files, positions in millimetres. Writes binary little-endian clouds ({@code x y z}
 * float, {@code red green blue} uchar, {@code nx ny nz} float, each group only when present) and
 * meshes (vertices plus {@code vertex_indices} faces as {@code list uchar int}), the layout that
 * CloudCompare, MeshLab, Open3D and PCL read unchanged. Reads binary little-endian and ASCII files
 * with any scalar types and extra properties (ignored); faces with more than three corners are
 * fanned into triangles.
 */
public final class Ply {
  private Ply() {}

  /** Start of the header comment that names the frame of the coordinates. */
  public static final String FRAME_COMMENT = "comment frame: ";

  /** Writes a cloud as binary little-endian PLY. */
  public static void writeCloud(PointCloud cloud, OutputStream out) throws IOException {
    write(cloud.positionsMm(), cloud.colorsRgb(), cloud.normals(), null, null, out);
  }

  /**
   * Writes a cloud as binary little-endian PLY whose header says its frame ({@link
   * #FRAME_COMMENT}{@code frame}).
   *
   * @param frame the coordinates' frame in words, one line, e.g. {@code world}
   */
  public static void writeCloud(PointCloud cloud, String frame, OutputStream out)
      throws IOException {
    if (frame.contains("\n") || frame.contains("\r")) {
      throw new IllegalArgumentException("PLY frame comment must be one line: " + frame);
    }
    write(cloud.positionsMm(), cloud.colorsRgb(), cloud.normals(), null, frame, out);
  }

  /**
   * The frame named in a PLY header ({@link #FRAME_COMMENT}), or null when it names none.
   *
   * @param headerBytes the file's first bytes (the header; more is fine)
   */
  public static String frameOf(byte[] headerBytes) {
    String text =
        new String(headerBytes, 0, Math.min(headerBytes.length, 4096), StandardCharsets.ISO_8859_1);
    int end = text.indexOf("end_header");
    for (String line : (end < 0 ? text : text.substring(0, end)).split("\n")) {
      if (line.startsWith(FRAME_COMMENT)) {
        return line.substring(FRAME_COMMENT.length()).trim();
      }
    }
    return null;
  }

  /**
   * Writes a mesh (vertices, optional colours, optional normals, triangles) as binary little-endian
   * PLY, vertex properties in the same layout as {@link #writeCloud}.
   */
  public static void writeMesh(TriangleMesh mesh, OutputStream out) throws IOException {
    write(mesh.verticesMm(), mesh.colorsRgb(), mesh.normals(), mesh.triangles(), null, out);
  }

  /** {@link #writeMesh(TriangleMesh, OutputStream)} with the frame named in the header. */
  public static void writeMesh(TriangleMesh mesh, String frame, OutputStream out)
      throws IOException {
    if (frame.contains("\n") || frame.contains("\r")) {
      throw new IllegalArgumentException("PLY frame comment must be one line: " + frame);
    }
    write(mesh.verticesMm(), mesh.colorsRgb(), mesh.normals(), mesh.triangles(), frame, out);
  }

  private static void write(
      float[] xyz, byte[] rgb, float[] normals, int[] triangles, String frame, OutputStream out)
      throws IOException {
    int n = xyz.length / 3;
    StringBuilder header = new StringBuilder();
    header.append("ply\nformat binary_little_endian 1.0\ncomment headrecon, units: millimetres\n");
    if (frame != null) {
      header.append(FRAME_COMMENT).append(frame).append('\n');
    }
    header.append("element vertex ").append(n).append('\n');
    header.append("property float x\nproperty float y\nproperty float z\n");
    if (rgb != null) {
      header.append("property uchar red\nproperty uchar green\nproperty uchar blue\n");
    }
    if (normals != null) {
      header.append("property float nx\nproperty float ny\nproperty float nz\n");
    }
    if (triangles != null) {
      header.append("element face ").append(triangles.length / 3).append('\n');
      header.append("property list uchar int vertex_indices\n");
    }
    header.append("end_header\n");
    out.write(header.toString().getBytes(StandardCharsets.US_ASCII));
    int stride = 12 + (rgb != null ? 3 : 0) + (normals != null ? 12 : 0);
    ByteBuffer buf =
        ByteBuffer.allocate(Math.max(stride, 13) * 4096).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < n; i++) {
      if (buf.remaining() < stride) {
        flush(buf, out);
      }
      buf.putFloat(xyz[3 * i]).putFloat(xyz[3 * i + 1]).putFloat(xyz[3 * i + 2]);
      if (rgb != null) {
        buf.put(rgb[3 * i]).put(rgb[3 * i + 1]).put(rgb[3 * i + 2]);
      }
      if (normals != null) {
        buf.putFloat(normals[3 * i]).putFloat(normals[3 * i + 1]).putFloat(normals[3 * i + 2]);
      }
    }
    if (triangles != null) {
      for (int f = 0; f < triangles.length / 3; f++) {
        if (buf.remaining() < 13) {
          flush(buf, out);
        }
        buf.put((byte) 3)
            .putInt(triangles[3 * f])
            .putInt(triangles[3 * f + 1])
            .putInt(triangles[3 * f + 2]);
      }
    }
    flush(buf, out);
    out.flush();
  }

  private static void flush(ByteBuffer buf, OutputStream out) throws IOException {
    out.write(buf.array(), 0, buf.position());
    buf.clear();
  }

  /** Reads the vertices of a PLY file (binary little-endian or ASCII) as a cloud. */
  public static PointCloud readCloud(InputStream in, String source) throws IOException {
    return read(in, source).vertexCloud();
  }

  /**
   * Reads a PLY mesh with its vertex colours and normals where present; a file without faces gives
   * a mesh with no triangles.
   */
  public static TriangleMesh readMesh(InputStream in, String source) throws IOException {
    return read(in, source).toMesh();
  }

  private record Property(String name, String type, String countType) {}

  private record Element(String name, int count, List<Property> properties) {}

  private static final class Parsed {
    float[] xyz;
    byte[] rgb;
    float[] normals;
    int[] triangles = new int[0];

    PointCloud vertexCloud() {
      return PointCloud.of(xyz, rgb, normals);
    }

    TriangleMesh toMesh() {
      return TriangleMesh.of(xyz, rgb, normals, triangles);
    }
  }

  private static Parsed read(InputStream raw, String source) throws IOException {
    DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16));
    if (!"ply".equals(readLine(in, source))) {
      throw new IOException(source + ": not a PLY file (first line is not 'ply')");
    }
    String format = null;
    List<Element> elements = new ArrayList<>();
    while (true) {
      String line = readLine(in, source).trim();
      if (line.equals("end_header")) {
        break;
      }
      String[] t = line.split("\\s+");
      switch (t[0]) {
        case "format" -> format = t[1];
        case "element" ->
            elements.add(new Element(t[1], Integer.parseInt(t[2]), new ArrayList<>()));
        case "property" -> {
          if (elements.isEmpty()) {
            throw new IOException(source + ": property before any element");
          }
          Property p =
              t[1].equals("list") ? new Property(t[4], t[3], t[2]) : new Property(t[2], t[1], null);
          elements.get(elements.size() - 1).properties().add(p);
        }
        default -> {
          // comment, obj_info: ignored
        }
      }
    }
    boolean ascii;
    if ("ascii".equals(format)) {
      ascii = true;
    } else if ("binary_little_endian".equals(format)) {
      ascii = false;
    } else {
      throw new IOException(source + ": unsupported PLY format '" + format + "'");
    }
    Parsed parsed = new Parsed();
    ValueReader reader = ascii ? new AsciiReader(in, source) : new BinaryReader(in, source);
    for (Element e : elements) {
      if (e.name().equals("vertex")) {
        readVertices(e, reader, parsed, source);
      } else if (e.name().equals("face")) {
        readFaces(e, reader, parsed, source);
      } else {
        for (int i = 0; i < e.count(); i++) {
          for (Property p : e.properties()) {
            skip(p, reader);
          }
        }
      }
    }
    if (parsed.xyz == null) {
      throw new IOException(source + ": PLY file has no vertex element");
    }
    return parsed;
  }

  private static void readVertices(Element e, ValueReader r, Parsed parsed, String source)
      throws IOException {
    int n = e.count();
    List<Property> props = e.properties();
    int[] slot = new int[props.size()];
    boolean hasRgb = false;
    boolean hasNormals = false;
    for (int k = 0; k < props.size(); k++) {
      slot[k] =
          switch (props.get(k).name()) {
            case "x" -> 0;
            case "y" -> 1;
            case "z" -> 2;
            case "red", "r" -> 3;
            case "green", "g" -> 4;
            case "blue", "b" -> 5;
            case "nx" -> 6;
            case "ny" -> 7;
            case "nz" -> 8;
            default -> -1;
          };
      hasRgb |= slot[k] >= 3 && slot[k] <= 5;
      hasNormals |= slot[k] >= 6;
      if (props.get(k).countType() != null) {
        slot[k] = -2;
      }
    }
    float[] xyz = new float[3 * n];
    byte[] rgb = hasRgb ? new byte[3 * n] : null;
    float[] normals = hasNormals ? new float[3 * n] : null;
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < props.size(); k++) {
        Property p = props.get(k);
        int s = slot[k];
        if (s < 0) {
          skip(p, r);
        } else if (s < 3) {
          xyz[3 * i + s] = (float) r.read(p.type());
        } else if (s < 6) {
          double v = r.read(p.type());
          int c =
              p.type().startsWith("float") || p.type().equals("double")
                  ? (int) Math.round(v * 255)
                  : (int) v;
          rgb[3 * i + s - 3] = (byte) Math.max(0, Math.min(255, c));
        } else {
          normals[3 * i + s - 6] = (float) r.read(p.type());
        }
      }
    }
    parsed.xyz = xyz;
    parsed.rgb = rgb;
    parsed.normals = normals;
  }

  private static void readFaces(Element e, ValueReader r, Parsed parsed, String source)
      throws IOException {
    int[] tris = new int[3 * e.count()];
    int at = 0;
    for (int i = 0; i < e.count(); i++) {
      for (Property p : e.properties()) {
        if (p.countType() != null
            && (p.name().equals("vertex_indices") || p.name().equals("vertex_index"))) {
          int count = (int) r.read(p.countType());
          int[] corners = new int[count];
          for (int c = 0; c < count; c++) {
            corners[c] = (int) r.read(p.type());
          }
          for (int c = 1; c + 1 < count; c++) {
            if (at + 3 > tris.length) {
              tris = java.util.Arrays.copyOf(tris, tris.length * 2 + 3);
            }
            tris[at++] = corners[0];
            tris[at++] = corners[c];
            tris[at++] = corners[c + 1];
          }
        } else {
          skip(p, r);
        }
      }
    }
    parsed.triangles = java.util.Arrays.copyOf(tris, at);
  }

  private static void skip(Property p, ValueReader r) throws IOException {
    if (p.countType() != null) {
      int count = (int) r.read(p.countType());
      for (int c = 0; c < count; c++) {
        r.read(p.type());
      }
    } else {
      r.read(p.type());
    }
  }

  private static String readLine(DataInputStream in, String source) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException(source + ": PLY header ends early (no end_header)");
      }
      if (b == '\n') {
        break;
      }
      if (b != '\r') {
        line.write(b);
      }
      if (line.size() > 4096) {
        throw new IOException(source + ": PLY header line too long");
      }
    }
    return line.toString(StandardCharsets.US_ASCII);
  }

  private interface ValueReader {
    double read(String type) throws IOException;
  }

  private static final class BinaryReader implements ValueReader {
    private final DataInputStream in;
    private final String source;

    BinaryReader(DataInputStream in, String source) {
      this.in = in;
      this.source = source;
    }

    @Override
    public double read(String type) throws IOException {
      try {
        return switch (type) {
          case "char", "int8" -> in.readByte();
          case "uchar", "uint8" -> in.readUnsignedByte();
          case "short", "int16" -> Short.reverseBytes(in.readShort());
          case "ushort", "uint16" -> Short.reverseBytes(in.readShort()) & 0xffff;
          case "int", "int32" -> Integer.reverseBytes(in.readInt());
          case "uint", "uint32" -> Integer.reverseBytes(in.readInt()) & 0xffffffffL;
          case "float", "float32" -> Float.intBitsToFloat(Integer.reverseBytes(in.readInt()));
          case "double", "float64" -> Double.longBitsToDouble(Long.reverseBytes(in.readLong()));
          default -> throw new IOException(source + ": unknown PLY type '" + type + "'");
        };
      } catch (EOFException e) {
        throw new EOFException(source + ": PLY body is truncated");
      }
    }
  }

  private static final class AsciiReader implements ValueReader {
    private final DataInputStream in;
    private final String source;
    private final StringBuilder token = new StringBuilder();

    AsciiReader(DataInputStream in, String source) {
      this.in = in;
      this.source = source;
    }

    @Override
    public double read(String type) throws IOException {
      token.setLength(0);
      int b = in.read();
      while (b == ' ' || b == '\n' || b == '\r' || b == '\t') {
        b = in.read();
      }
      while (b >= 0 && b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        token.append((char) b);
        b = in.read();
      }
      if (token.length() == 0) {
        throw new EOFException(source + ": PLY body is truncated");
      }
      try {
        return Double.parseDouble(token.toString().toLowerCase(Locale.ROOT));
      } catch (NumberFormatException e) {
        throw new IOException(source + ": bad PLY value '" + token + "'", e);
      }
    }
  }
}
