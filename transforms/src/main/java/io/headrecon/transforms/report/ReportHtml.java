package io.headrecon.transforms.report;

import io.headrecon.proto.FailureRecord;
import io.headrecon.proto.SubjectMetrics;
import io.headrecon.proto.ViewMetrics;
import io.headrecon.transforms.io.Csv;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** The QC report's HTML: the run's index page and one page per subject. */
final class ReportHtml {
  private ReportHtml() {}

  /**
   * One subject's line in the index: its summary CSV row ({@code WriteResults.SUMMARY_HEADER}
   * order) and whether its page has renders.
   */
  record Entry(List<String> row, boolean hasRenders) {
    String subjectId() {
      return row.get(0);
    }

    String status() {
      return row.get(1);
    }

    String verdict() {
      String s = status();
      int colon = s.indexOf(':');
      return colon < 0 ? s : s.substring(0, colon);
    }

    double number(int column) {
      String s = column < row.size() ? row.get(column) : "";
      try {
        return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
      } catch (NumberFormatException e) {
        return Double.NaN;
      }
    }

    /** Views registered per view, [0, 1]; NaN when unknown. */
    double registeredFraction() {
      double total = number(2);
      return total > 0 ? number(3) / total : Double.NaN;
    }

    /** 0 = failed, 1 = low quality, 2 = ok: the worst first. */
    int rank() {
      return switch (verdict()) {
        case "failed" -> 0;
        case "low_quality" -> 1;
        default -> 2;
      };
    }

    static Entry parse(String line) {
      List<String> cells = Csv.parse(line).get(0);
      boolean renders = "1".equals(cells.get(cells.size() - 1));
      return new Entry(cells.subList(0, cells.size() - 1), renders);
    }

    String line() {
      List<String> cells = new ArrayList<>(row);
      cells.add(hasRenders ? "1" : "0");
      return Csv.row(cells);
    }
  }

  /** The subject id of a summary CSV row: its first field. */
  static String subjectIdOfRow(String row) {
    List<List<String>> parsed = Csv.parse(row);
    return parsed.isEmpty() ? "" : parsed.get(0).get(0);
  }

  /** Worst first: failed, low quality, ok; then fewer views registered, then larger Chamfer. */
  static final Comparator<Entry> WORST_FIRST =
      Comparator.comparingInt(Entry::rank)
          .thenComparingDouble(e -> nanLast(e.registeredFraction(), false))
          .thenComparingDouble(e -> nanLast(e.number(5), true))
          .thenComparing(Entry::subjectId);

  private static double nanLast(double v, boolean descending) {
    if (Double.isNaN(v)) {
      return Double.MAX_VALUE;
    }
    return descending ? -v : v;
  }

  /**
   * A subject's page and asset folder name: the id with characters outside [A-Za-z0-9_-] as ~XX.
   */
  static String pageName(String subjectId) {
    StringBuilder out = new StringBuilder();
    for (byte b : subjectId.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      char ch = (char) (b & 0xff);
      if ((ch >= 'a' && ch <= 'z')
          || (ch >= 'A' && ch <= 'Z')
          || (ch >= '0' && ch <= '9')
          || ch == '_'
          || ch == '-') {
        out.append(ch);
      } else {
        out.append(String.format(Locale.ROOT, "~%02X", b & 0xff));
      }
    }
    return out.isEmpty() ? "~" : out.toString();
  }

  static String esc(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (char ch : s.toCharArray()) {
      switch (ch) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(ch);
      }
    }
    return out.toString();
  }

  private static String head(String title, String lib) {
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>"
        + esc(title)
        + "</title>\n<link rel=\"stylesheet\" href=\""
        + lib
        + "report.css\">\n</head>\n<body>\n";
  }

  static String fmt(double v, int decimals) {
    return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%." + decimals + "f", v);
  }

  /** A key quality figure of the index's distributions. */
  private record Figure(String name, int decimals, ToDoubleFunction<Entry> value) {}

  private static final List<Figure> FIGURES =
      List.of(
          new Figure("Views registered (fraction)", 2, Entry::registeredFraction),
          new Figure("Chamfer mean (mm)", 2, e -> e.number(5)),
          new Figure("F-score at 2 mm", 3, e -> e.number(6)),
          new Figure("Mean ICP inlier RMSE (mm)", 2, e -> e.number(7)),
          new Figure("Fused points", 0, e -> e.number(4)),
          new Figure("Time per subject (s)", 1, e -> e.number(8) / 1000));

  /**
   * The run's index page.
   *
   * @param runInfo the run header's rows, label to value
   * @param entries every subject, in any order
   */
  static String index(Map<String, String> runInfo, List<Entry> entries) {
    List<Entry> sorted = new ArrayList<>(entries);
    sorted.sort(WORST_FIRST);
    long ok = entries.stream().filter(e -> e.rank() == 2).count();
    long low = entries.stream().filter(e -> e.rank() == 1).count();
    long failed = entries.stream().filter(e -> e.rank() == 0).count();
    StringBuilder h = new StringBuilder(head("headrecon QC report", "lib/"));
    h.append("<h1>headrecon QC report</h1>\n<section id=\"run\"><table class=\"kv\">\n");
    for (Map.Entry<String, String> e : runInfo.entrySet()) {
      h.append("<tr><th>").append(esc(e.getKey())).append("</th><td>");
      h.append(esc(e.getValue())).append("</td></tr>\n");
    }
    h.append("</table>\n<p class=\"counts\">");
    h.append("<span class=\"verdict ok\">ok ").append(ok).append("</span> ");
    h.append("<span class=\"verdict low_quality\">low_quality ").append(low).append("</span> ");
    h.append("<span class=\"verdict failed\">failed ").append(failed).append("</span> ");
    h.append("of ").append(entries.size()).append(" subjects</p>\n</section>\n");
    h.append("<section id=\"distributions\"><h2>Key quality figures</h2>\n<div class=\"dists\">");
    for (Figure f : FIGURES) {
      double[] values =
          entries.stream().mapToDouble(f.value()).filter(v -> !Double.isNaN(v)).sorted().toArray();
      h.append(distribution(f.name(), values, f.decimals()));
    }
    h.append("</div></section>\n");
    h.append("<section id=\"subjects\"><h2>Subjects (worst first)</h2>\n");
    h.append("<p class=\"filters\"><input id=\"filter\" type=\"search\" placeholder=\"filter by")
        .append(" subject or reason\"> <select id=\"status\"><option value=\"\">all</option>")
        .append("<option>failed</option><option>low_quality</option><option>ok</option>")
        .append("</select> <span id=\"shown\"></span></p>\n");
    h.append("<table id=\"subject-table\" class=\"subjects\"><thead><tr>");
    String[][] columns = {
      {"", "none"}, {"subject", "text"}, {"verdict", "rank"}, {"views reg.", "num"},
      {"points", "num"}, {"Chamfer mm", "num"}, {"F@2mm", "num"}, {"ICP RMSE mm", "num"},
      {"time s", "num"}, {"reason", "text"}
    };
    for (String[] c : columns) {
      h.append("<th data-type=\"").append(c[1]).append("\">").append(esc(c[0])).append("</th>");
    }
    h.append("</tr></thead>\n<tbody>\n");
    for (Entry e : sorted) {
      String page = "subjects/" + pageName(e.subjectId());
      String reason = e.row().size() > 9 ? e.row().get(9) : "";
      String status = e.status();
      String why = status.contains(":") ? status.substring(status.indexOf(':') + 1) : "";
      h.append("<tr data-verdict=\"").append(esc(e.verdict())).append("\">");
      h.append("<td>");
      if (e.hasRenders()) {
        h.append("<a href=\"")
            .append(esc(page))
            .append(".html\"><img class=\"thumb\" src=\"")
            .append(esc(page))
            .append("/thumb.png\" alt=\"\" loading=\"lazy\"></a>");
      }
      h.append("</td><td><a class=\"subject\" href=\"")
          .append(esc(page))
          .append(".html\">")
          .append(esc(e.subjectId()))
          .append("</a></td>");
      h.append("<td data-v=\"")
          .append(e.rank())
          .append("\"><span class=\"verdict ")
          .append(esc(e.verdict()))
          .append("\">")
          .append(esc(status))
          .append("</span></td>");
      h.append(numCell(e.registeredFraction(), e.row().get(3) + " / " + e.row().get(2), e))
          .append(numCell(e.number(4), fmt(e.number(4), 0), e))
          .append(numCell(e.number(5), fmt(e.number(5), 2), e))
          .append(numCell(e.number(6), fmt(e.number(6), 3), e))
          .append(numCell(e.number(7), fmt(e.number(7), 2), e))
          .append(numCell(e.number(8) / 1000, fmt(e.number(8) / 1000, 1), e));
      h.append("<td class=\"reason\">").append(esc(reason.isEmpty() ? why : reason));
      h.append("</td></tr>\n");
    }
    h.append("</tbody></table></section>\n<script src=\"lib/report.js\"></script>\n");
    h.append("</body></html>\n");
    return h.toString();
  }

  private static String numCell(double sortValue, String text, Entry e) {
    String v = Double.isNaN(sortValue) ? "" : Double.toString(sortValue);
    return "<td class=\"num\" data-v=\""
        + v
        + "\">"
        + esc(text.equals(" / ") ? "" : text)
        + "</td>";
  }

  /** Quantiles and a 10-bin SVG histogram of one figure over the run's subjects. */
  static String distribution(String name, double[] sorted, int decimals) {
    StringBuilder h =
        new StringBuilder("<div class=\"dist\"><h3>").append(esc(name)).append("</h3>");
    if (sorted.length == 0) {
      return h.append("<p>no values</p></div>\n").toString();
    }
    double min = sorted[0];
    double max = sorted[sorted.length - 1];
    h.append("<p>min ")
        .append(fmt(min, decimals))
        .append(" · median ")
        .append(fmt(quantile(sorted, 0.5), decimals))
        .append(" · p90 ")
        .append(fmt(quantile(sorted, 0.9), decimals))
        .append(" · max ")
        .append(fmt(max, decimals))
        .append(" (n=")
        .append(sorted.length)
        .append(")</p>");
    int bins = 10;
    int[] counts = new int[bins];
    for (double v : sorted) {
      int b = max > min ? (int) Math.min(bins - 1, (v - min) / (max - min) * bins) : 0;
      counts[b]++;
    }
    int top = java.util.Arrays.stream(counts).max().orElse(1);
    h.append("<svg class=\"hist\" viewBox=\"0 0 200 50\" width=\"200\" height=\"50\">");
    for (int b = 0; b < bins; b++) {
      double height = 48.0 * counts[b] / top;
      h.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%d\" y=\"%.1f\" width=\"18\" height=\"%.1f\"><title>%d</title></rect>",
              b * 20 + 1,
              50 - height,
              height,
              counts[b]));
    }
    return h.append("</svg></div>\n").toString();
  }

  static double quantile(double[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
  }

  /** What a subject page shows, gathered by the page step. */
  record SubjectPage(
      Entry entry,
      SubjectMetrics metrics,
      List<FailureRecord> failures,
      List<String> photoViewIds,
      List<String> depthViewIds,
      String geometryFile,
      String frame) {}

  /** A subject's page; its pictures lie in the folder {@link #pageName} beside it. */
  static String subjectPage(SubjectPage p) {
    Entry e = p.entry();
    String dir = pageName(e.subjectId()) + "/";
    StringBuilder h = new StringBuilder(head(e.subjectId() + " – headrecon QC", "../lib/"));
    h.append("<p><a href=\"../index.html\">← all subjects</a></p>\n");
    h.append("<h1>")
        .append(esc(e.subjectId()))
        .append(" <span id=\"verdict\" class=\"verdict ")
        .append(esc(e.verdict()))
        .append("\">")
        .append(esc(e.status()))
        .append("</span></h1>\n");
    SubjectMetrics m = p.metrics();
    if (m != null) {
      h.append("<table class=\"kv\">");
      kv(h, "views registered", m.getViewsRegistered() + " of " + m.getViewsTotal());
      kv(h, "fused points", Long.toString(m.getFusedPointCount()));
      kv(h, "depth source", m.getDepthSource());
      if (!m.getQualityReasonsList().isEmpty()) {
        kv(h, "quality reasons", String.join(", ", m.getQualityReasonsList()));
      }
      if (m.hasChamferMeanMm()) {
        kv(
            h,
            "Chamfer mean / median mm",
            fmt(m.getChamferMeanMm(), 2) + " / " + fmt(m.getChamferMedianMm(), 2));
        kv(
            h,
            "F-score 1 / 2 / 5 mm",
            fmt(m.getFscore1Mm(), 3)
                + " / "
                + fmt(m.getFscore2Mm(), 3)
                + " / "
                + fmt(m.getFscore5Mm(), 3));
      }
      StringBuilder stages = new StringBuilder();
      m.getStageMillisMap().entrySet().stream()
          .sorted(Map.Entry.comparingByKey())
          .forEach(
              s ->
                  stages
                      .append(s.getKey())
                      .append(' ')
                      .append(fmt(s.getValue() / 1000, 1))
                      .append(" s  "));
      kv(h, "stage times", stages.toString().trim());
      if (p.geometryFile() != null) {
        kv(
            h,
            "geometry",
            p.geometryFile() + (p.frame() == null ? "" : " (frame: " + p.frame() + ")"));
      }
      h.append("</table>\n");
    }
    h.append("<section id=\"failures\"><h2>Failure reasons</h2>\n");
    if (p.failures().isEmpty()) {
      h.append("<p>none</p>\n");
    } else {
      h.append("<table class=\"failures\"><tr><th>stage</th><th>view</th><th>reason</th>")
          .append("<th>file</th></tr>\n");
      for (FailureRecord f : p.failures()) {
        h.append("<tr class=\"failure\"><td>")
            .append(esc(f.getStage()))
            .append("</td><td>")
            .append(esc(f.getViewId()))
            .append("</td><td class=\"reason\">")
            .append(esc(f.getReason()))
            .append("</td><td><code>")
            .append(esc(f.getInputUri()))
            .append("</code></td></tr>\n");
      }
      h.append("</table>\n");
    }
    h.append("</section>\n");
    if (e.hasRenders()) {
      h.append("<section id=\"renders\"><h2>Fused head</h2>\n<div class=\"renders\">");
      for (String v : List.of("front", "side", "top")) {
        h.append("<figure><img src=\"")
            .append(dir)
            .append(v)
            .append(".png\" alt=\"")
            .append(v)
            .append("\"><figcaption>")
            .append(v)
            .append("</figcaption></figure>");
      }
      h.append("</div>\n<h2>3-D viewer</h2><p class=\"hint\">drag to turn, wheel to zoom</p>\n");
      h.append("<canvas id=\"viewer\" width=\"480\" height=\"480\"></canvas>\n");
      h.append("<p id=\"viewer-status\"></p>\n");
      h.append("<script src=\"../lib/three.min.js\"></script>\n<script src=\"")
          .append(dir)
          .append("cloud.js\"></script>\n<script src=\"../lib/viewer.js\"></script>\n");
      h.append("</section>\n");
    }
    if (m != null && m.getViewsCount() > 0) {
      h.append("<section id=\"views\"><h2>Views</h2>\n<table class=\"views\"><tr><th>view</th>")
          .append("<th>registered</th><th>points</th><th>ICP fitness</th><th>ICP RMSE mm</th>")
          .append("<th>landmark residual mm</th><th>landmarks</th><th>rotation error °</th>")
          .append("<th>mask area</th><th>mask uncertain</th><th>depth range mm</th></tr>\n");
      for (ViewMetrics v : m.getViewsList()) {
        h.append("<tr><td>")
            .append(esc(v.getViewId()))
            .append("</td><td>")
            .append(v.getRegistered() ? "yes" : "<b>no</b>")
            .append("</td><td>")
            .append(v.getPointCount())
            .append("</td><td>")
            .append(fmt(v.getIcpFitness(), 3))
            .append("</td><td>")
            .append(fmt(v.getIcpInlierRmseMm(), 2))
            .append("</td><td>")
            .append(fmt(v.getLandmarkResidualMm(), 2))
            .append("</td><td>")
            .append(v.getLandmarksUsed())
            .append("</td><td>")
            .append(v.hasRotationErrorDeg() ? fmt(v.getRotationErrorDeg(), 2) : "")
            .append("</td><td>")
            .append(v.hasMaskAreaFraction() ? fmt(v.getMaskAreaFraction(), 3) : "")
            .append("</td><td>")
            .append(v.hasMaskUncertainFraction() ? fmt(v.getMaskUncertainFraction(), 3) : "")
            .append("</td><td>")
            .append(v.hasDepthRangeMm() ? fmt(v.getDepthRangeMm(), 1) : "")
            .append("</td></tr>\n");
      }
      h.append("</table></section>\n");
    }
    if (!p.photoViewIds().isEmpty()) {
      h.append("<section id=\"photos\"><h2>Photos (mask and landmarks) and depth maps</h2>\n")
          .append("<div class=\"photos\">");
      for (String v : p.photoViewIds()) {
        h.append("<figure><img src=\"")
            .append(dir)
            .append("photos/")
            .append(esc(pageName(v)))
            .append(".png\" alt=\"")
            .append(esc(v))
            .append("\">");
        if (p.depthViewIds().contains(v)) {
          h.append("<img src=\"")
              .append(dir)
              .append("depth/")
              .append(esc(pageName(v)))
              .append(".png\" alt=\"depth ")
              .append(esc(v))
              .append("\">");
        }
        h.append("<figcaption>").append(esc(v)).append("</figcaption></figure>");
      }
      h.append("</div></section>\n");
    }
    h.append("</body></html>\n");
    return h.toString();
  }

  private static void kv(StringBuilder h, String k, String v) {
    h.append("<tr><th>").append(esc(k)).append("</th><td>").append(esc(v)).append("</td></tr>");
  }
}
