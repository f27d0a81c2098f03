package io.headrecon.synth.mvs;

import io.headrecon.geometry.PinholeCamera;
import io.headrecon.geometry.mvs.MvsNeighbours;
import io.headrecon.geometry.mvs.MvsOptions;
import io.headrecon.geometry.mvs.MvsView;
import io.headrecon.geometry.mvs.PhotoConsistencyRefinement;
import io.headrecon.geometry.mvs.RefinedDepth;
import io.headrecon.proto.Landmark;
import io.headrecon.proto.View;
import io.headrecon.synth.dataset.SubjectGenerator;
import io.headrecon.synth.render.RenderedView;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Photo-consistency refinement of a rendered subject's views from a perturbed ground-truth prior:
 * per refined view the depth RMSE before and after (whole head and face), the confident fraction
 * and the CPU time.
 */
final class RenderedHeadRefinement {
  /** Figures of one refined view; RMSEs in millimetres against the rendered depth. */
  record ViewFigures(
      String viewId,
      double rmseBeforeMm,
      double rmseAfterMm,
      double faceRmseBeforeMm,
      double faceRmseAfterMm,
      double confidentRmseAfterMm,
      double confidentFraction,
      double cpuSeconds,
      float[] priorMm,
      RefinedDepth refined) {}

  private RenderedHeadRefinement() {}

  /**
   * Refines the views at {@code refineIndices} of {@code subject} against their nearest 4 views (5°
   * … 25° apart), each from the rendered depth plus a smooth error of {@code priorRmseMm}.
   */
  static List<ViewFigures> run(
      SubjectGenerator.Subject subject,
      int[] refineIndices,
      double priorRmseMm,
      long seed,
      MvsOptions options) {
    List<RenderedView> views = subject.views();
    List<PinholeCamera> cameras = new ArrayList<>();
    subject.cameras().forEach(c -> cameras.add(c.camera()));
    List<MvsView> photos = new ArrayList<>();
    for (int i = 0; i < views.size(); i++) {
      photos.add(
          MvsView.photoOnly(
              subject.cameras().get(i).viewId(), cameras.get(i), packedRgb(views.get(i).rgb())));
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    List<ViewFigures> out = new ArrayList<>();
    for (int i : refineIndices) {
      RenderedView view = views.get(i);
      int w = view.widthPx();
      float[] truth = view.depthMm();
      float[] prior = perturbed(truth, w, view.heightPx(), priorRmseMm, seed * 1000 + i);
      MvsView reference =
          MvsView.ofPackedRgb(
              subject.cameras().get(i).viewId(), cameras.get(i), packedRgb(view.rgb()), prior);
      List<MvsView> neighbours = new ArrayList<>();
      for (int j : MvsNeighbours.nearest(cameras, i, 4, 5, 25)) {
        neighbours.add(photos.get(j));
      }
      long start = threads.getCurrentThreadCpuTime();
      RefinedDepth refined = PhotoConsistencyRefinement.refine(reference, neighbours, options);
      double cpu = (threads.getCurrentThreadCpuTime() - start) * 1e-9;
      boolean[] face = faceMask(subject.manifest().getViews(i), w, view.heightPx());
      boolean[] confident = new boolean[truth.length];
      for (int p = 0; p < truth.length; p++) {
        confident[p] = refined.confidence()[p] >= options.minConfidence();
      }
      float[] after = refined.depth().valuesMm();
      out.add(
          new ViewFigures(
              subject.cameras().get(i).viewId(),
              rmseMm(prior, truth, null),
              rmseMm(after, truth, null),
              rmseMm(prior, truth, face),
              rmseMm(after, truth, face),
              rmseMm(after, truth, confident),
              refined.confidentFraction(),
              cpu,
              prior,
              refined));
    }
    return out;
  }

  static int[] packedRgb(BufferedImage image) {
    return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
  }

  /**
   * The rendered depth plus a smooth error like the depth network's: an offset and four
   * low-frequency waves (at most 1.2 cycles across the image), scaled so that the error's RMSE over
   * the head is {@code rmseMm}, about half of its square from the offset; 0 stays 0.
   */
  static float[] perturbed(float[] truthMm, int w, int h, double rmseMm, long seed) {
    Random r = new Random(seed);
    double[][] waves = new double[4][];
    for (int k = 0; k < waves.length; k++) {
      double angle = 2 * Math.PI * r.nextDouble();
      double cycles = 0.3 + 0.9 * r.nextDouble();
      waves[k] =
          new double[] {
            cycles * Math.cos(angle), cycles * Math.sin(angle), 2 * Math.PI * r.nextDouble()
          };
    }
    double[] wave = new double[truthMm.length];
    double sum = 0;
    double squares = 0;
    int n = 0;
    for (int p = 0; p < truthMm.length; p++) {
      if (truthMm[p] > 0) {
        double u = (p % w) / (double) w;
        double v = (p / w) / (double) h;
        double e = 0;
        for (double[] k : waves) {
          e += Math.cos(2 * Math.PI * (k[0] * u + k[1] * v) + k[2]);
        }
        wave[p] = e;
        sum += e;
        squares += e * e;
        n++;
      }
    }
    double mean = sum / n;
    double std = Math.sqrt(Math.max(1e-12, squares / n - mean * mean));
    double part = rmseMm / Math.sqrt(2);
    double offset = (r.nextBoolean() ? 1 : -1) * part;
    float[] out = new float[truthMm.length];
    for (int p = 0; p < out.length; p++) {
      if (truthMm[p] > 0) {
        out[p] = (float) (truthMm[p] + offset + part * (wave[p] - mean) / std);
      }
    }
    return out;
  }

  /**
   * The face: pixels inside the outline of the jaw line (landmarks 0 … 16) closed by the brows (26
   * … 17), as the ground truth projects them.
   */
  static boolean[] faceMask(View view, int w, int h) {
    List<Landmark> points = view.getGroundTruth().getLandmarks().getPointsList();
    Path2D.Double outline = new Path2D.Double();
    int[] order = new int[27];
    for (int k = 0; k <= 16; k++) {
      order[k] = k;
    }
    for (int k = 0; k < 10; k++) {
      order[17 + k] = 26 - k;
    }
    for (int k = 0; k < order.length; k++) {
      Landmark l = points.get(order[k]);
      if (k == 0) {
        outline.moveTo(l.getXPx(), l.getYPx());
      } else {
        outline.lineTo(l.getXPx(), l.getYPx());
      }
    }
    outline.closePath();
    boolean[] face = new boolean[w * h];
    for (int p = 0; p < face.length; p++) {
      face[p] = outline.contains(p % w, p / w);
    }
    return face;
  }

  static double rmseMm(float[] a, float[] truth, boolean[] where) {
    double s = 0;
    int n = 0;
    for (int p = 0; p < a.length; p++) {
      if (truth[p] > 0 && (where == null || where[p])) {
        double d = a[p] - truth[p];
        s += d * d;
        n++;
      }
    }
    return n == 0 ? Double.NaN : Math.sqrt(s / n);
  }

  static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
  }

  /**
   * A panel for eyes: photo | prior error | refined error | confidence | refined error where
   * confident (at least {@code minConfidence}); errors signed, red = too far, blue = too near,
   * saturating at {@code fullScaleMm}; confidence black … white.
   */
  static BufferedImage panel(
      BufferedImage photo,
      float[] truth,
      ViewFigures figures,
      double fullScaleMm,
      double minConfidence) {
    int w = photo.getWidth();
    int h = photo.getHeight();
    BufferedImage out = new BufferedImage(5 * w, h, BufferedImage.TYPE_INT_RGB);
    float[] after = figures.refined().depth().valuesMm();
    float[] confidence = figures.refined().confidence();
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int p = y * w + x;
        out.setRGB(x, y, photo.getRGB(x, y));
        if (truth[p] > 0) {
          out.setRGB(w + x, y, signed(figures.priorMm()[p] - truth[p], fullScaleMm));
          out.setRGB(2 * w + x, y, signed(after[p] - truth[p], fullScaleMm));
          int c = (int) Math.round(255 * confidence[p]);
          out.setRGB(3 * w + x, y, (c << 16) | (c << 8) | c);
          out.setRGB(
              4 * w + x,
              y,
              confidence[p] >= minConfidence ? signed(after[p] - truth[p], fullScaleMm) : 0x404040);
        } else {
          out.setRGB(w + x, y, 0x404040);
          out.setRGB(2 * w + x, y, 0x404040);
          out.setRGB(3 * w + x, y, 0x402020);
          out.setRGB(4 * w + x, y, 0x404040);
        }
      }
    }
    return out;
  }

  private static int signed(double errorMm, double fullScaleMm) {
    double t = Math.max(-1, Math.min(1, errorMm / fullScaleMm));
    int strong = 255;
    int weak = (int) Math.round(255 * (1 - Math.abs(t)));
    return t >= 0 ? (strong << 16) | (weak << 8) | weak : (weak << 16) | (weak << 8) | strong;
  }
}
