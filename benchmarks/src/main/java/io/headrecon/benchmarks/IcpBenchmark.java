package io.headrecon.benchmarks;

import io.headrecon.geometry.PointCloud;
import io.headrecon.geometry.RigidTransform;
import io.headrecon.geometry.index.KdTree3;
import io.headrecon.geometry.index.Query;
import io.headrecon.geometry.io.Ply;
import io.headrecon.geometry.processing.NormalEstimation;
import io.headrecon.geometry.registration.icp.ConvergenceCriteria;
import io.headrecon.geometry.registration.icp.CorrespondenceSearch;
import io.headrecon.geometry.registration.icp.Correspondences;
import io.headrecon.geometry.registration.icp.Icp;
import io.headrecon.geometry.registration.icp.IcpOptions;
import io.headrecon.geometry.registration.icp.IcpResult;
import io.headrecon.geometry.registration.icp.IcpTarget;
import io.headrecon.geometry.registration.icp.RobustKernel;
import io.headrecon.geometry.synthetic.SyntheticHead;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark (a command, not a test): ICP of two ~30k-point synthetic head clouds with this library
 * and with PCL's {@code pcl_icp} (package pcl-tools) on the identical files, in one run. Both use
 * point-to-point ICP, the same maximum correspondence distance and the same iteration count (our
 * convergence tests disabled; pcl_icp's defaults only stop it at an exact fixed point),
 * single-threaded. Reports median time per alignment, final RMSE and fitness (both computed here
 * with the same nearest-neighbour definition from each final transform), the time ratio, and
 * nearest-neighbour queries per second. Also times our point-to-plane default for reference.
 *
 * <p>Usage: {@code IcpBenchmark [--out DIR] [--points N] [--iterations N] [--distance MM] [--runs
 * N] [--pcl-bin DIR|none]}. See benchmarks/icp_vs_pcl.sh.
 */
public final class IcpBenchmark {
  private IcpBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of("target/icp-bench");
    int points = 30_000;
    int iterations = 30;
    double distanceMm = 10;
    int runs = 7;
    String pclBin = "/usr/bin";
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--out" -> out = Path.of(args[++i]);
        case "--points" -> points = Integer.parseInt(args[++i]);
        case "--iterations" -> iterations = Integer.parseInt(args[++i]);
        case "--distance" -> distanceMm = Double.parseDouble(args[++i]);
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--pcl-bin" -> pclBin = args[++i];
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    out = Files.createDirectories(out).toAbsolutePath();
    Random random = new Random(20241124L);
    PointCloud target = noisyHead(points, 0.5, 0.05, random);
    RigidTransform truth =
        RigidTransform.fromAxisAngle(0.3, 1, 0.2, 10, new double[] {8, -5, 6}); // source->target
    PointCloud source = noisyHead(points, 0.5, 0.05, random).transformed(truth.inverse());
    Path targetPly = out.resolve("target.ply");
    Path sourcePly = out.resolve("source.ply");
    write(target, targetPly);
    write(source, sourcePly);
    System.out.printf(
        Locale.ROOT,
        "clouds: target %d, source %d points (0.5 mm noise, 5%% outliers); true motion 10 deg, %.1f mm%n",
        target.size(),
        source.size(),
        Math.sqrt(8 * 8 + 5 * 5 + 6 * 6));
    System.out.printf(
        Locale.ROOT,
        "setting: point-to-point, max correspondence distance %.1f mm, %d iterations%n",
        distanceMm,
        iterations);

    // ---- ours, like for like: point-to-point, no kernel, fixed iterations, one stage
    IcpOptions likePcl =
        new IcpOptions(
            IcpOptions.Method.POINT_TO_POINT,
            RobustKernel.NONE,
            1,
            new double[] {distanceMm},
            ConvergenceCriteria.fixedIterations(iterations));
    long[] ours = new long[runs];
    IcpResult oursResult = null;
    for (int w = 0; w < 5; w++) { // JIT warm-up
      Icp.align(source, target, RigidTransform.identity(), likePcl);
    }
    for (int r = 0; r < runs; r++) {
      long t0 = System.nanoTime();
      oursResult =
          Icp.align(source, target, RigidTransform.identity(), likePcl); // incl. tree build
      ours[r] = System.nanoTime() - t0;
    }
    double oursMs = median(ours) / 1e6;
    Score oursScore = score(source, target, oursResult.sourceToTarget(), distanceMm);

    // ---- ours, point-to-plane defaults with convergence (what the pipeline uses)
    PointCloud targetWithNormals = NormalEstimation.facingAwayFrom(target, 16, new double[3]);
    IcpOptions p2plane =
        IcpOptions.pointToPlaneDefaults().withSchedule(distanceMm * 2, distanceMm, distanceMm / 2);
    long[] plane = new long[runs];
    IcpResult planeResult = null;
    for (int w = 0; w < 5; w++) {
      Icp.align(source, targetWithNormals, RigidTransform.identity(), p2plane);
    }
    for (int r = 0; r < runs; r++) {
      long t0 = System.nanoTime();
      planeResult = Icp.align(source, targetWithNormals, RigidTransform.identity(), p2plane);
      plane[r] = System.nanoTime() - t0;
    }
    Score planeScore = score(source, target, planeResult.sourceToTarget(), distanceMm);

    // ---- PCL
    Double pclMs = null;
    Score pclScore = null;
    String pclNote = "skipped";
    if (!pclBin.equals("none") && Files.isExecutable(Path.of(pclBin, "pcl_icp"))) {
      Path targetPcd = out.resolve("target.pcd");
      Path sourcePcd = out.resolve("source.pcd");
      run(
          out,
          List.of(
              pclBin + "/pcl_ply2pcd", "-format", "1", targetPly.toString(), targetPcd.toString()));
      run(
          out,
          List.of(
              pclBin + "/pcl_ply2pcd", "-format", "1", sourcePly.toString(), sourcePcd.toString()));
      Path work = Files.createDirectories(out.resolve("pcl-work")); // pcl_icp writes into its cwd
      List<String> one = pclCommand(pclBin, distanceMm, iterations, targetPcd, sourcePcd, 1);
      List<String> many = pclCommand(pclBin, distanceMm, iterations, targetPcd, sourcePcd, 11);
      run(work, one); // warm the page cache
      long[] perAlignment = new long[runs];
      long[] single = new long[runs];
      String firstOutput = null;
      for (int r = 0; r < runs; r++) {
        long t0 = System.nanoTime();
        firstOutput = run(work, one);
        long t1 = System.nanoTime();
        run(work, many);
        long t2 = System.nanoTime();
        single[r] = t1 - t0;
        perAlignment[r] = ((t2 - t1) - (t1 - t0)) / 10; // 11 vs 1 real alignments: start-up cancels
      }
      pclMs = median(perAlignment) / 1e6;
      RigidTransform pclTransform = parseLastMatrix(firstOutput);
      pclScore = score(source, target, pclTransform, distanceMm);
      pclNote =
          String.format(
              Locale.ROOT,
              "pcl_icp -d %s -r %s -i %d target.pcd source.pcd (PCL IterativeClosestPoint, defaults"
                  + " otherwise); one-alignment process wall %.1f ms median",
              fmt(distanceMm),
              fmt(distanceMm),
              iterations,
              median(single) / 1e6);
    }

    // ---- nearest-neighbour queries per second
    KdTree3 tree = KdTree3.of(target);
    Query q = tree.newQuery();
    float[] queries = source.transformed(truth).positionsMm();
    int nq = queries.length / 3;
    long sink = 0;
    for (int w = 0; w < 5; w++) {
      for (int i = 0; i < nq; i++) {
        sink += q.nearest(queries[3 * i], queries[3 * i + 1], queries[3 * i + 2], 1e9);
      }
    }
    long[] nn = new long[runs];
    for (int r = 0; r < runs; r++) {
      long t0 = System.nanoTime();
      for (int rep = 0; rep < 10; rep++) {
        for (int i = 0; i < nq; i++) {
          sink += q.nearest(queries[3 * i], queries[3 * i + 1], queries[3 * i + 2], 1e9);
        }
      }
      nn[r] = System.nanoTime() - t0;
    }
    double nnPerSec = 10.0 * nq / (median(nn) / 1e9);
    long[] build = new long[runs];
    for (int r = 0; r < runs; r++) {
      long t0 = System.nanoTime();
      sink += KdTree3.of(target).size();
      build[r] = System.nanoTime() - t0;
    }

    System.out.println();
    System.out.printf(
        Locale.ROOT,
        "%-34s %12s %10s %9s %10s %10s%n",
        "method",
        "ms/alignment",
        "RMSE mm",
        "fitness",
        "rot err",
        "trans err");
    print("headrecon point-to-point", oursMs, oursScore, oursResult.sourceToTarget(), truth);
    if (pclMs != null) {
      print("pcl_icp (PCL 1.13)", pclMs, pclScore, null, truth);
    }
    print(
        "headrecon point-to-plane (3 stages)",
        median(plane) / 1e6,
        planeScore,
        planeResult.sourceToTarget(),
        truth);
    if (pclMs != null) {
      System.out.printf(
          Locale.ROOT, "%nspeed-up point-to-point vs pcl_icp: %.2fx (pcl/ours)%n", pclMs / oursMs);
    }
    System.out.println("pcl: " + pclNote);
    System.out.printf(
        Locale.ROOT,
        "point-to-plane iterations %d; kd-tree build %.2f ms for %d points%n",
        planeResult.iterations(),
        median(build) / 1e6,
        target.size());
    System.out.printf(
        Locale.ROOT,
        "nearest-neighbour queries (unbounded, single thread): %.2f M/s (checksum %d)%n",
        nnPerSec / 1e6,
        sink % 7);
  }

  private static void print(
      String name, double ms, Score s, RigidTransform est, RigidTransform truth) {
    System.out.printf(
        Locale.ROOT,
        "%-34s %12.2f %10.4f %9.4f %10s %10s%n",
        name,
        ms,
        s.rmseMm,
        s.fitness,
        String.format(Locale.ROOT, "%.3f deg", s.transform.rotationDistanceDeg(truth)),
        String.format(Locale.ROOT, "%.3f mm", s.transform.translationDistanceMm(truth)));
  }

  private record Score(RigidTransform transform, double rmseMm, double fitness) {}

  private static Score score(
      PointCloud source, PointCloud target, RigidTransform sourceToTarget, double maxDistMm) {
    IcpTarget t = IcpTarget.of(target);
    CorrespondenceSearch search = new CorrespondenceSearch(t, source.size());
    Correspondences pairs = new Correspondences();
    search.find(source.transformed(sourceToTarget).positionsMm(), maxDistMm, pairs);
    return new Score(sourceToTarget, pairs.rmseMm(), pairs.count() / (double) source.size());
  }

  private static List<String> pclCommand(
      String bin, double d, int iterations, Path target, Path source, int alignments) {
    List<String> cmd =
        new ArrayList<>(
            List.of(bin + "/pcl_icp", "-d", fmt(d), "-r", fmt(d), "-i", "" + iterations));
    cmd.add(target.toAbsolutePath().toString());
    for (int k = 0; k < alignments; k++) {
      cmd.add((k % 2 == 0 ? source : target).toAbsolutePath().toString());
    }
    return cmd;
  }

  /**
   * The last 4x4 matrix pcl_icp prints. PCL 1.13's tool aligns every file in turn to the previous
   * one, starting with the first to itself (identity), so with two files the last matrix maps the
   * second (source) onto the first (target).
   */
  static RigidTransform parseLastMatrix(String output) {
    List<double[]> rows = new ArrayList<>();
    List<double[]> last = null;
    for (String line : output.split("\n")) {
      String[] parts = line.trim().split("\\s+");
      if (parts.length == 4) {
        try {
          double[] row = new double[4];
          for (int i = 0; i < 4; i++) {
            row[i] = Double.parseDouble(parts[i]);
          }
          rows.add(row);
          if (rows.size() == 4) {
            last = rows;
            rows = new ArrayList<>();
          }
        } catch (NumberFormatException notAMatrixRow) {
          rows.clear();
        }
      }
    }
    if (last == null) {
      throw new IllegalStateException("no 4x4 matrix in pcl_icp output:\n" + output);
    }
    rows = last;
    double[] r = new double[9];
    double[] t = new double[3];
    for (int i = 0; i < 3; i++) {
      System.arraycopy(rows.get(i), 0, r, 3 * i, 3);
      t[i] = rows.get(i)[3];
    }
    return RigidTransform.of(r, t);
  }

  private static String run(Path dir, List<String> cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IllegalStateException("command failed: " + cmd + "\n" + text);
    }
    return text;
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%s", v);
  }

  private static void write(PointCloud cloud, Path path) throws IOException {
    try (OutputStream os = Files.newOutputStream(path)) {
      Ply.writeCloud(cloud, os);
    }
  }

  private static double median(long[] values) {
    long[] s = values.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
  }

  /** Head samples with Gaussian noise (sigma, mm) and a fraction of uniform outliers. */
  private static PointCloud noisyHead(int n, double sigmaMm, double outliers, Random random) {
    float[] p = SyntheticHead.sample(n, random).positionsMm().clone();
    for (int i = 0; i < n; i++) {
      if (random.nextDouble() < outliers) {
        for (int a = 0; a < 3; a++) {
          p[3 * i + a] = (float) ((random.nextDouble() - 0.5) * 300);
        }
      } else {
        for (int a = 0; a < 3; a++) {
          p[3 * i + a] += (float) (random.nextGaussian() * sigmaMm);
        }
      }
    }
    return PointCloud.of(p);
  }
}
