package io.headrecon.synth.render;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javax.imageio.ImageIO;

/**
 * Finds background photographs in installed Debian packages, by package name: the package's file
 * list ({@code /var/lib/dpkg/info/<pkg>.list}) gives the files, its version comes from {@code
 * /var/lib/dpkg/status}, and each file's licence and copyright from the package's machine-readable
 * copyright file ({@code /usr/share/doc/<pkg>/copyright}, DEP-5: the last {@code Files:} stanza
 * whose pattern matches the installed path's tail). Only JPEG and PNG files whose installed path
 * matches a glob are taken. Nothing is downloaded or copied: a package that is not installed is
 * reported and skipped.
 */
public final class DebianPhotos {
  private DebianPhotos() {}

  /** Files smaller than this on their shorter side are skipped (icons, thumbnails), pixels. */
  public static final int MIN_SIDE_PX = 320;

  /**
   * The photos of {@code packages} installed under {@code root} ("/" on a real system), sorted by
   * path within each package, packages in the order given.
   *
   * @param glob a {@link java.nio.file.FileSystem#getPathMatcher glob} on the installed absolute
   *     path, e.g. {@code /usr/share/backgrounds/mate/nature/*}; "**" takes every JPEG and PNG
   * @param notes receives one line per package not installed, file skipped or copyright not found
   */
  public static BackgroundPhotos load(
      List<String> packages, String glob, Path root, Consumer<String> notes) {
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
    List<BackgroundPhotos.Photo> photos = new ArrayList<>();
    for (String pkg : packages) {
      if (!pkg.matches("[a-z0-9][a-z0-9+.-]+")) {
        throw new IllegalArgumentException("not a Debian package name: '" + pkg + "'");
      }
      Path list = listFile(root, pkg);
      if (list == null) {
        notes.accept(
            "package "
                + pkg
                + " is not installed (apt-get install "
                + pkg
                + "): no background photos from it");
        continue;
      }
      String version = version(root, pkg);
      List<Stanza> stanzas = copyright(root, pkg, notes);
      List<String> files;
      try {
        files = Files.readAllLines(list, StandardCharsets.UTF_8);
      } catch (IOException e) {
        notes.accept("cannot read " + list + ": " + e.getMessage());
        continue;
      }
      List<String> images = new ArrayList<>();
      for (String f : files) {
        String lower = f.toLowerCase(Locale.ROOT);
        boolean image = lower.endsWith(".jpg") || lower.endsWith(".jpeg") || lower.endsWith(".png");
        if (image && matcher.matches(Path.of(f))) {
          images.add(f);
        }
      }
      images.sort(null);
      int taken = 0;
      for (String f : images) {
        Path file = root.resolve(f.substring(1));
        try {
          byte[] bytes = Files.readAllBytes(file);
          BufferedImage image = ImageIO.read(new java.io.ByteArrayInputStream(bytes));
          if (image == null) {
            notes.accept(f + " (" + pkg + "): not decodable, skipped");
            continue;
          }
          if (Math.min(image.getWidth(), image.getHeight()) < MIN_SIDE_PX) {
            continue;
          }
          Stanza s = match(stanzas, f);
          if (s == null) {
            notes.accept(f + " (" + pkg + "): no licence in its copyright file, skipped");
            continue;
          }
          photos.add(
              BackgroundPhotos.Photo.of(
                  f, pkg, version, s.license(), s.copyright(), sha256(bytes), image));
          taken++;
        } catch (IOException | RuntimeException e) {
          notes.accept(f + " (" + pkg + "): " + e + ", skipped");
        }
      }
      if (taken == 0) {
        notes.accept("package " + pkg + " has no JPEG or PNG photo matching " + glob);
      }
    }
    return BackgroundPhotos.of(photos);
  }

  private static Path listFile(Path root, String pkg) {
    Path info = root.resolve("var/lib/dpkg/info");
    for (String name : List.of(pkg + ".list", pkg + ":all.list", pkg + ":amd64.list")) {
      if (Files.isRegularFile(info.resolve(name))) {
        return info.resolve(name);
      }
    }
    return null;
  }

  /** The installed version from dpkg's status file, or "" when it cannot be found. */
  static String version(Path root, String pkg) {
    Path status = root.resolve("var/lib/dpkg/status");
    if (!Files.isRegularFile(status)) {
      return "";
    }
    try {
      boolean inPackage = false;
      for (String line : Files.readAllLines(status, StandardCharsets.UTF_8)) {
        if (line.startsWith("Package: ")) {
          inPackage = line.substring(9).trim().equals(pkg);
        } else if (inPackage && line.startsWith("Version: ")) {
          return line.substring(9).trim();
        }
      }
    } catch (IOException e) {
      return "";
    }
    return "";
  }

  /** One {@code Files:} stanza of a DEP-5 copyright file. */
  record Stanza(List<String> patterns, String copyright, String license) {}

  /** The {@code Files:} stanzas of the package's copyright file, in file order. */
  static List<Stanza> copyright(Path root, String pkg, Consumer<String> notes) {
    Path file = root.resolve("usr/share/doc").resolve(pkg).resolve("copyright");
    List<Stanza> out = new ArrayList<>();
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      notes.accept("package " + pkg + ": no copyright file " + file);
      return out;
    }
    List<String> patterns = new ArrayList<>();
    StringBuilder copyright = new StringBuilder();
    String license = null;
    String field = "";
    lines = new ArrayList<>(lines);
    lines.add(""); // ends the last stanza
    for (String line : lines) {
      if (line.isBlank()) {
        if (!patterns.isEmpty() && license != null) {
          out.add(new Stanza(List.copyOf(patterns), copyright.toString().trim(), license));
        }
        patterns.clear();
        copyright.setLength(0);
        license = null;
        field = "";
        continue;
      }
      boolean continuation = Character.isWhitespace(line.charAt(0));
      if (!continuation) {
        int colon = line.indexOf(':');
        field = colon < 0 ? "" : line.substring(0, colon).trim();
        String value = colon < 0 ? "" : line.substring(colon + 1).trim();
        switch (field) {
          case "Files" -> patterns.addAll(List.of(value.split("\\s+")));
          case "Copyright" -> copyright.append(value);
          case "License" -> license = value;
          default -> {}
        }
      } else if (field.equals("Files")) {
        patterns.addAll(List.of(line.trim().split("\\s+")));
      } else if (field.equals("Copyright")) {
        copyright.append("; ").append(line.trim());
      }
    }
    return out;
  }

  /**
   * The last stanza with a pattern matching the tail of {@code installedPath} ({@code *} matches
   * any characters, {@code ?} one), or null.
   */
  static Stanza match(List<Stanza> stanzas, String installedPath) {
    Stanza found = null;
    for (Stanza s : stanzas) {
      for (String pattern : s.patterns()) {
        if (matchesTail(pattern, installedPath)) {
          found = s;
        }
      }
    }
    return found;
  }

  private static boolean matchesTail(String pattern, String path) {
    StringBuilder regex = new StringBuilder("(.*/)?");
    StringBuilder literal = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      if (c == '*' || c == '?') {
        if (literal.length() > 0) {
          regex.append(java.util.regex.Pattern.quote(literal.toString()));
          literal.setLength(0);
        }
        regex.append(c == '*' ? ".*" : ".");
      } else {
        literal.append(c);
      }
    }
    if (literal.length() > 0) {
      regex.append(java.util.regex.Pattern.quote(literal.toString()));
    }
    return path.matches(regex.toString());
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
