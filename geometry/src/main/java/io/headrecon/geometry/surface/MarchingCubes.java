package io.headrecon.geometry.surface;

import io.headrecon.geometry.TriangleMesh;
import java.util.Arrays;

/**
 * Marching cubes over a sparse {@link TsdfVolume}: the zero crossing of the truncated signed
 * distance as an indexed triangle mesh in world millimetres. Cubes span voxel centres, including
 * across block borders (a cube whose corner block is missing is skipped), and a cube is dropped
 * when one of its corners has a weight below the threshold. One vertex per crossed voxel edge is
 * shared by every cube around that edge, placed by linear interpolation of the distance, with the
 * colour interpolated alike (when the volume has colours from some view; a corner without colour
 * observations takes the other corner's colour). Triangles are counter-clockwise seen from outside
 * (the side of positive distance, towards the cameras); vertex normals are the normalised
 * area-weighted sums of the adjacent triangles' normals, so they point outwards too. Output order
 * is deterministic (blocks by z, y, x; cubes in block order).
 */
public final class MarchingCubes {
  private MarchingCubes() {}

  /**
   * The mesh of {@code volume}'s zero crossing.
   *
   * @param minWeight cubes with a corner of lower accumulated weight are skipped (at least a tiny
   *     positive value is used, so that never-observed voxels never count)
   */
  public static TriangleMesh extract(TsdfVolume volume, double minWeight) {
    double voxel = volume.options().voxelSizeMm();
    boolean colors = volume.hasColors();
    float threshold = (float) Math.max(minWeight, Float.MIN_NORMAL);
    Output out = new Output(colors);
    LongIntHashMap vertexOfEdge = new LongIntHashMap(1 << 14);
    VoxelBlock[] around = new VoxelBlock[8];
    float[] value = new float[8];
    VoxelBlock[] cornerBlock = new VoxelBlock[8];
    int[] cornerSlot = new int[8];
    int[] edgeVertex = new int[12];
    int p = VoxelBlock.SIZE + 1; // the block's voxels plus one layer of the neighbours' voxels
    float[] padded = new float[p * p * p];
    int[] cornerOffset = new int[8];
    for (int c = 0; c < 8; c++) {
      cornerOffset[c] = (c & 1) + ((c >> 1) & 1) * p + (c >> 2) * p * p;
    }
    for (VoxelBlock block : volume.blocksInOrder()) {
      for (int n = 0; n < 8; n++) {
        around[n] =
            volume.block(block.bx + (n & 1), block.by + ((n >> 1) & 1), block.bz + (n >> 2));
      }
      // distances of the cube corners, NaN where too light or not allocated
      for (int k = 0, at = 0; k < p; k++) {
        for (int j = 0; j < p; j++) {
          for (int i = 0; i < p; i++, at++) {
            VoxelBlock b =
                around[
                    (i >> VoxelBlock.SHIFT)
                        + 2 * (j >> VoxelBlock.SHIFT)
                        + 4 * (k >> VoxelBlock.SHIFT)];
            int s = VoxelBlock.slot(i & VoxelBlock.MASK, j & VoxelBlock.MASK, k & VoxelBlock.MASK);
            padded[at] = b != null && b.weight[s] >= threshold ? b.sdfMm[s] : Float.NaN;
          }
        }
      }
      for (int k = 0; k < VoxelBlock.SIZE; k++) {
        for (int j = 0; j < VoxelBlock.SIZE; j++) {
          cubes:
          for (int i = 0; i < VoxelBlock.SIZE; i++) {
            int base = i + j * p + k * p * p;
            int config = 0;
            for (int c = 0; c < 8; c++) {
              float f = padded[base + cornerOffset[c]];
              if (f != f) { // NaN
                continue cubes;
              }
              value[c] = f;
              if (f < 0) {
                config |= 1 << c;
              }
            }
            if (config == 0 || config == 255) {
              continue;
            }
            for (int c = 0; c < 8; c++) {
              int ci = i + (c & 1), cj = j + ((c >> 1) & 1), ck = k + (c >> 2);
              cornerBlock[c] =
                  around[
                      (ci >> VoxelBlock.SHIFT)
                          + 2 * (cj >> VoxelBlock.SHIFT)
                          + 4 * (ck >> VoxelBlock.SHIFT)];
              cornerSlot[c] =
                  VoxelBlock.slot(ci & VoxelBlock.MASK, cj & VoxelBlock.MASK, ck & VoxelBlock.MASK);
            }
            int[] tris = MarchingCubesTable.TRIANGLES[config];
            if (tris.length == 0) {
              continue;
            }
            int gx = block.bx * VoxelBlock.SIZE + i;
            int gy = block.by * VoxelBlock.SIZE + j;
            int gz = block.bz * VoxelBlock.SIZE + k;
            Arrays.fill(edgeVertex, -1);
            for (int t = 0; t < tris.length; t++) {
              int e = tris[t];
              if (edgeVertex[e] < 0) {
                int c0 = MarchingCubesTable.EDGE_CORNERS[e][0];
                int c1 = MarchingCubesTable.EDGE_CORNERS[e][1];
                int x0 = gx + (c0 & 1), y0 = gy + ((c0 >> 1) & 1), z0 = gz + (c0 >> 2);
                long key = edgeKey(x0, y0, z0, MarchingCubesTable.EDGE_AXIS[e]);
                int v = vertexOfEdge.get(key);
                if (v < 0) {
                  v = out.vertexCount();
                  vertexOfEdge.putIfAbsent(key, v);
                  double f0 = value[c0], f1 = value[c1];
                  double a = f0 / (f0 - f1);
                  double[] axisStep = {0, 0, 0};
                  axisStep[MarchingCubesTable.EDGE_AXIS[e]] = a;
                  out.addVertex(
                      (x0 + axisStep[0]) * voxel,
                      (y0 + axisStep[1]) * voxel,
                      (z0 + axisStep[2]) * voxel,
                      cornerBlock[c0],
                      cornerSlot[c0],
                      cornerBlock[c1],
                      cornerSlot[c1],
                      a);
                }
                edgeVertex[e] = v;
              }
            }
            for (int t = 0; t < tris.length; t += 3) {
              out.addTriangle(
                  edgeVertex[tris[t]], edgeVertex[tris[t + 1]], edgeVertex[tris[t + 2]]);
            }
          }
        }
      }
    }
    return out.toMesh();
  }

  /** A unique key of a voxel edge: its lower end's global voxel indices and its axis. */
  private static long edgeKey(int x, int y, int z, int axis) {
    long mask = (1L << 20) - 1;
    return ((((long) z + (1 << 19)) & mask) << 42)
        | ((((long) y + (1 << 19)) & mask) << 22)
        | ((((long) x + (1 << 19)) & mask) << 2)
        | axis;
  }

  /** Growable vertex, colour and triangle arrays. */
  private static final class Output {
    private float[] xyz = new float[3 * 1024];
    private byte[] rgb;
    private int vertices;
    private int[] triangles = new int[3 * 2048];
    private int triangleInts;

    Output(boolean colors) {
      rgb = colors ? new byte[3 * 1024] : null;
    }

    int vertexCount() {
      return vertices;
    }

    void addVertex(
        double x, double y, double z, VoxelBlock b0, int s0, VoxelBlock b1, int s1, double a) {
      if (3 * vertices == xyz.length) {
        xyz = Arrays.copyOf(xyz, 2 * xyz.length);
        if (rgb != null) {
          rgb = Arrays.copyOf(rgb, 2 * rgb.length);
        }
      }
      xyz[3 * vertices] = (float) x;
      xyz[3 * vertices + 1] = (float) y;
      xyz[3 * vertices + 2] = (float) z;
      if (rgb != null) {
        // a corner without colour observations takes the other's colour
        double t = b1.colorWeight[s1] > 0 ? (b0.colorWeight[s0] > 0 ? a : 1) : 0;
        for (int ch = 0; ch < 3; ch++) {
          double c0 = b0.rgb[3 * s0 + ch] & 0xFF;
          double c1 = b1.rgb[3 * s1 + ch] & 0xFF;
          rgb[3 * vertices + ch] = (byte) Math.round(c0 + t * (c1 - c0));
        }
      }
      vertices++;
    }

    void addTriangle(int a, int b, int c) {
      if (triangleInts + 3 > triangles.length) {
        triangles = Arrays.copyOf(triangles, 2 * triangles.length);
      }
      triangles[triangleInts++] = a;
      triangles[triangleInts++] = b;
      triangles[triangleInts++] = c;
    }

    TriangleMesh toMesh() {
      float[] v = Arrays.copyOf(xyz, 3 * vertices);
      int[] t = Arrays.copyOf(triangles, triangleInts);
      double[] sum = new double[3 * vertices];
      for (int f = 0; f < t.length; f += 3) {
        int i0 = 3 * t[f], i1 = 3 * t[f + 1], i2 = 3 * t[f + 2];
        double ux = v[i1] - v[i0], uy = v[i1 + 1] - v[i0 + 1], uz = v[i1 + 2] - v[i0 + 2];
        double wx = v[i2] - v[i0], wy = v[i2 + 1] - v[i0 + 1], wz = v[i2 + 2] - v[i0 + 2];
        double nx = uy * wz - uz * wy, ny = uz * wx - ux * wz, nz = ux * wy - uy * wx;
        for (int corner : new int[] {i0, i1, i2}) {
          sum[corner] += nx;
          sum[corner + 1] += ny;
          sum[corner + 2] += nz;
        }
      }
      float[] normals = new float[3 * vertices];
      for (int i = 0; i < vertices; i++) {
        double x = sum[3 * i], y = sum[3 * i + 1], z = sum[3 * i + 2];
        double len = Math.sqrt(x * x + y * y + z * z);
        if (len > 0) {
          normals[3 * i] = (float) (x / len);
          normals[3 * i + 1] = (float) (y / len);
          normals[3 * i + 2] = (float) (z / len);
        }
      }
      return TriangleMesh.of(v, rgb == null ? null : Arrays.copyOf(rgb, 3 * vertices), normals, t);
    }
  }
}
