package io.headrecon.geometry.surface;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.headrecon.geometry.PinholeCamera;
import io.headrecon.geometry.TriangleMesh;
import io.headrecon.geometry.depth.DepthMap;
import io.headrecon.geometry.io.Ply;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens a TSDF mesh (binary PLY with normals and colours) with PCL, CloudCompare and MeshLab
 * through {@code check-mesh-peers.sh}; skipped unless one of the tools is installed (CI does not
 * install them: {@code geometry/check-mesh-peers.sh --install}).
 */
class MeshPeerToolsTest {

  private static boolean onPath(String tool) {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
  }

  @Test
  void peerToolsReadTheSameVerticesAndFaces(@TempDir Path dir)
      throws IOException, InterruptedException {
    assumeTrue(
        onPath("pcl_ply2obj") || onPath("CloudCompare") || onPath("meshlabserver"),
        "no PCL, CloudCompare or MeshLab installed");
    double[] centre = {1, 2, 3};
    double[] radii = {30, 25, 20};
    List<PinholeCamera> cameras = AnalyticScenes.camerasAround(8, 200, centre, 250, 100);
    TsdfVolume volume = TsdfVolume.create(TsdfOptions.defaults());
    for (PinholeCamera camera : cameras) {
      DepthMap depth = AnalyticScenes.renderEllipsoid(camera, centre, radii, 0, null);
      int[] colours = new int[100 * 100];
      java.util.Arrays.fill(colours, 0x3080C0);
      volume.integrate(depth, camera, null, colours);
    }
    TriangleMesh mesh = volume.extractMesh();
    Path ply = dir.resolve("mesh.ply");
    try (OutputStream out = Files.newOutputStream(ply)) {
      Ply.writeMesh(mesh, out);
    }
    Process process =
        new ProcessBuilder("bash", "check-mesh-peers.sh", ply.toString())
            .redirectErrorStream(true)
            .start();
    boolean done = process.waitFor(3, TimeUnit.MINUTES);
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    System.out.print(output);
    assertThat(done).isTrue();
    assertThat(output)
        .contains(mesh.vertexCount() + " vertices, " + mesh.triangleCount() + " faces")
        .doesNotContain("MISMATCH");
    assertThat(process.exitValue()).isZero();
  }
}
