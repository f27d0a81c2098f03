package io.headrecon.geometry.surface;

import io.headrecon.geometry.TriangleMesh;
import io.headrecon.geometry.depth.DepthMap;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;

/**
 * Prints the CPU time (this thread) of fusing the 19 noisy views of {@link HeadScene} at 1 mm
 * voxels and of marching cubes, median of {@code args[0]} runs (default 7) after 2 warm-ups, and
 * the memory of the volume and mesh. Run from the repository root:
 *
 * <pre>
 * ./mvnw -B -ntp -o -q -pl geometry -am test-compile
 * java -cp geometry/target/classes:geometry/target/test-classes \
 *     io.headrecon.geometry.surface.TsdfHeadTiming 7
 * </pre>
 */
public final class TsdfHeadTiming {
  private TsdfHeadTiming() {}

  public static void main(String[] args) {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    List<DepthMap> depths = HeadScene.noisyDepths();
    ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    long[] integrateNs = new long[runs];
    long[] meshNs = new long[runs];
    TsdfVolume volume = null;
    TriangleMesh mesh = null;
    for (int r = -2; r < runs; r++) {
      long t0 = bean.getCurrentThreadCpuTime();
      volume = HeadScene.fuse(depths, TsdfOptions.defaults());
      long t1 = bean.getCurrentThreadCpuTime();
      mesh = volume.extractMesh();
      long t2 = bean.getCurrentThreadCpuTime();
      if (r >= 0) {
        integrateNs[r] = t1 - t0;
        meshNs[r] = t2 - t1;
      }
    }
    long[] totalNs = new long[runs];
    for (int r = 0; r < runs; r++) {
      totalNs[r] = integrateNs[r] + meshNs[r];
    }
    Arrays.sort(integrateNs);
    Arrays.sort(meshNs);
    Arrays.sort(totalNs);
    long meshBytes =
        4L * mesh.verticesMm().length * 2 + 4L * mesh.triangles().length + 3L * mesh.vertexCount();
    System.out.printf(
        "TSDF head scene (19 views %dx%d, 1 mm voxels), CPU median of %d: integrate %.0f ms"
            + " (%.1f ms/view), marching cubes %.0f ms, total %.0f ms (min %.0f, max %.0f);"
            + " volume %.1f MB in %d blocks; mesh %d vertices, %d triangles, %.1f MB%n",
        HeadScene.SIZE_PX,
        HeadScene.SIZE_PX,
        runs,
        integrateNs[runs / 2] / 1e6,
        integrateNs[runs / 2] / 1e6 / depths.size(),
        meshNs[runs / 2] / 1e6,
        totalNs[runs / 2] / 1e6,
        totalNs[0] / 1e6,
        totalNs[runs - 1] / 1e6,
        volume.memoryBytes() / 1e6,
        volume.blockCount(),
        mesh.vertexCount(),
        mesh.triangleCount(),
        meshBytes / 1e6);
  }
}
