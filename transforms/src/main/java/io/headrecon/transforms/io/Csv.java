package io.headrecon.transforms.io;

import java.util.ArrayList;
import java.util.List;

/**
 * CSV rows per RFC 4180: fields holding a comma, a double quote, CR or LF are quoted, with quotes
 * doubled; {@link #parse} reads them back (also quoted line breaks).
 */
public final class Csv {
  private Csv() {}

  /** One row of {@code fields}, without a line break. */
  public static String row(String... fields) {
    return row(List.of(fields));
  }

  /** One row of {@code fields}, without a line break. */
  public static String row(List<String> fields) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        b.append(',');
      }
      b.append(field(fields.get(i)));
    }
    return b.toString();
  }

  /** One field, quoted when it must be. */
  public static String field(String value) {
    if (value.indexOf(',') < 0
        && value.indexOf('"') < 0
        && value.indexOf('\r') < 0
        && value.indexOf('\n') < 0) {
      return value;
    }
    return '"' + value.replace("\"", "\"\"") + '"';
  }

  /**
   * The rows of a CSV text (CRLF or LF line ends; a final line break is optional).
   *
   * @throws IllegalArgumentException when a quoted field is not closed or a quote stands inside an
   *     unquoted field
   */
  public static List<List<String>> parse(String text) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < n && text.charAt(i + 1) == '"') {
            field.append('"');
            i += 2;
            continue;
          }
          quoted = false;
        } else {
          field.append(c);
        }
        i++;
        continue;
      }
      if (c == '"') {
        if (field.length() > 0 || wasQuoted) {
          throw new IllegalArgumentException("CSV: quote inside an unquoted field at " + i);
        }
        quoted = true;
        wasQuoted = true;
      } else if (c == ',') {
        row.add(field.toString());
        field.setLength(0);
        wasQuoted = false;
      } else if (c == '\r' || c == '\n') {
        row.add(field.toString());
        field.setLength(0);
        wasQuoted = false;
        rows.add(row);
        row = new ArrayList<>();
        if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
          i++;
        }
      } else {
        if (wasQuoted) {
          throw new IllegalArgumentException("CSV: text after a closing quote at " + i);
        }
        field.append(c);
      }
      i++;
    }
    if (quoted) {
      throw new IllegalArgumentException("CSV: quoted field not closed");
    }
    if (field.length() > 0 || wasQuoted || !row.isEmpty()) {
      row.add(field.toString());
      rows.add(row);
    }
    return rows;
  }
}
