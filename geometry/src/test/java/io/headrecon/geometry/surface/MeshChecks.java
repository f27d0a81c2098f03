package io.headrecon.geometry.surface;

import io.headrecon.geometry.TriangleMesh;
import java.util.HashMap;
import java.util.Map;

/** Topology checks of indexed triangle meshes for the surface tests. */
final class MeshChecks {
  private MeshChecks() {}

  /**
   * Number of directed edges that break a closed, consistently wound surface: every directed edge
   * (a → b) must occur exactly once and its reverse (b → a) exactly once.
   */
  static int brokenEdges(TriangleMesh mesh) {
    Map<Long, Integer> directed = directedEdges(mesh);
    int broken = 0;
    for (Map.Entry<Long, Integer> e : directed.entrySet()) {
      long key = e.getKey();
      long reverse = ((key & 0xFFFFFFFFL) << 32) | (key >>> 32);
      if (e.getValue() != 1 || directed.getOrDefault(reverse, 0) != 1) {
        broken++;
      }
    }
    return broken;
  }

  /** Euler characteristic V - E + F over the vertices used by triangles (2 for a sphere). */
  static int eulerCharacteristic(TriangleMesh mesh) {
    Map<Long, Integer> directed = directedEdges(mesh);
    long undirected =
        directed.keySet().stream()
            .map(k -> Math.min(k, ((k & 0xFFFFFFFFL) << 32) | (k >>> 32)))
            .distinct()
            .count();
    long used = java.util.Arrays.stream(mesh.triangles()).distinct().count();
    return (int) (used - undirected + mesh.triangleCount());
  }

  private static Map<Long, Integer> directedEdges(TriangleMesh mesh) {
    int[] t = mesh.triangles();
    Map<Long, Integer> directed = new HashMap<>();
    for (int f = 0; f < t.length; f += 3) {
      for (int k = 0; k < 3; k++) {
        long a = t[f + k], b = t[f + (k + 1) % 3];
        directed.merge((a << 32) | b, 1, Integer::sum);
      }
    }
    return directed;
  }
}
