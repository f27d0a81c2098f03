package io.headrecon.geometry.processing;

import io.headrecon.geometry.PointCloud;
import java.util.Arrays;

/**
 * Merges points falling into the same cubic voxel into one point: mean position, mean colour
 * (rounded) and normalised mean normal. Voxels are aligned to the cloud's minimum corner.
 */
public final class VoxelGridMerge {
  private static final int AXIS_BITS = 13; // 8192 voxels per axis
  private static final int INDEX_BITS = 63 - 3 * AXIS_BITS; // 24: up to 16 M points

  private VoxelGridMerge() {}

  /**
   * One point per occupied voxel of edge {@code voxelMm} millimetres.
   *
   * @throws IllegalArgumentException if the cloud spans more than 8191 voxels along an axis or has
   *     more than 2^24 points
   */
  public static PointCloud merge(PointCloud cloud, double voxelMm) {
    if (!(voxelMm > 0)) {
      throw new IllegalArgumentException("voxel size must be positive: " + voxelMm);
    }
    int n = cloud.size();
    if (n == 0) {
      return cloud;
    }
    if (n >= (1 << INDEX_BITS)) {
      throw new IllegalArgumentException("too many points for the voxel grid: " + n);
    }
    float[] p = cloud.positionsMm();
    double[] min = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
    double[] max = {-Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
    for (int i = 0; i < n; i++) {
      for (int a = 0; a < 3; a++) {
        min[a] = Math.min(min[a], p[3 * i + a]);
        max[a] = Math.max(max[a], p[3 * i + a]);
      }
    }
    for (int a = 0; a < 3; a++) {
      if ((max[a] - min[a]) / voxelMm >= (1 << AXIS_BITS) - 1) {
        throw new IllegalArgumentException(
            String.format(
                "cloud spans %.1f mm along axis %d: more than %d voxels of %.3f mm",
                max[a] - min[a], a, (1 << AXIS_BITS) - 1, voxelMm));
      }
    }
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      long k = 0;
      for (int a = 0; a < 3; a++) {
        k = (k << AXIS_BITS) | (long) ((p[3 * i + a] - min[a]) / voxelMm);
      }
      keys[i] = (k << INDEX_BITS) | i;
    }
    Arrays.sort(keys);
    byte[] rgb = cloud.colorsRgb();
    float[] nrm = cloud.normals();
    float[] outP = new float[3 * n];
    byte[] outC = rgb == null ? null : new byte[3 * n];
    float[] outN = nrm == null ? null : new float[3 * n];
    long indexMask = (1L << INDEX_BITS) - 1;
    int m = 0;
    int start = 0;
    while (start < n) {
      long voxel = keys[start] >>> INDEX_BITS;
      int end = start;
      double sx = 0, sy = 0, sz = 0, sr = 0, sg = 0, sb = 0, nx = 0, ny = 0, nz = 0;
      while (end < n && (keys[end] >>> INDEX_BITS) == voxel) {
        int i = (int) (keys[end] & indexMask);
        sx += p[3 * i];
        sy += p[3 * i + 1];
        sz += p[3 * i + 2];
        if (rgb != null) {
          sr += rgb[3 * i] & 0xFF;
          sg += rgb[3 * i + 1] & 0xFF;
          sb += rgb[3 * i + 2] & 0xFF;
        }
        if (nrm != null) {
          nx += nrm[3 * i];
          ny += nrm[3 * i + 1];
          nz += nrm[3 * i + 2];
        }
        end++;
      }
      int c = end - start;
      outP[3 * m] = (float) (sx / c);
      outP[3 * m + 1] = (float) (sy / c);
      outP[3 * m + 2] = (float) (sz / c);
      if (outC != null) {
        outC[3 * m] = (byte) Math.round(sr / c);
        outC[3 * m + 1] = (byte) Math.round(sg / c);
        outC[3 * m + 2] = (byte) Math.round(sb / c);
      }
      if (outN != null) {
        double len = Math.sqrt(nx * nx + ny * ny + nz * nz);
        if (len < 1e-9) { // opposing normals: keep the first
          int i = (int) (keys[start] & indexMask);
          nx = nrm[3 * i];
          ny = nrm[3 * i + 1];
          nz = nrm[3 * i + 2];
          len = Math.sqrt(nx * nx + ny * ny + nz * nz);
        }
        outN[3 * m] = (float) (nx / len);
        outN[3 * m + 1] = (float) (ny / len);
        outN[3 * m + 2] = (float) (nz / len);
      }
      m++;
      start = end;
    }
    return PointCloud.of(
        Arrays.copyOf(outP, 3 * m),
        outC == null ? null : Arrays.copyOf(outC, 3 * m),
        outN == null ? null : Arrays.copyOf(outN, 3 * m));
  }
}
