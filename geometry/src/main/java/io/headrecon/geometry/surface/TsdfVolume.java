package io.headrecon.geometry.surface;

import io.headrecon.geometry.PinholeCamera;
import io.headrecon.geometry.RigidTransform;
import io.headrecon.geometry.TriangleMesh;
import io.headrecon.geometry.depth.DepthMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A sparse, weighted truncated signed distance volume in world millimetres (voxel hashing): blocks
 * of 8³ voxels are allocated only where some depth pixel's truncation band passes, so memory
 * follows the observed surface area, not the bounding box. Depth maps are fused one at a time with
 * {@link #integrate}; {@link #extractMesh()} runs {@link MarchingCubes}.
 *
 * <p>Integration is the usual projective TSDF: every voxel of a block touched by the view is
 * projected into the depth map; its signed distance is {@code (D - z) · |ray|}, the distance along
 * the viewing ray from the voxel (camera Z depth {@code z}) to the observed surface (depth {@code
 * D}, bilinear between the 4 surrounding pixels; voxels whose 4 pixels are not all on one surface,
 * at silhouettes and depth discontinuities, are left to other views), positive in front of the
 * surface. Voxels more than the truncation behind the surface are skipped; the distance is clamped
 * to ± the truncation and averaged with the weight {@code confidence × cos(view angle)} of the
 * nearest pixel (the cosine only with {@link TsdfOptions#viewAngleWeighting()}); weights are capped
 * at {@link TsdfOptions#maxWeight()}. Voxels within half the truncation of the surface average the
 * nearest pixel's colour with the same weight (further out, a grazing ray's pixel shows a surface
 * point too far away). Pixels without depth or with weight 0 change nothing.
 *
 * <p>Mutable and not thread-safe; single-threaded and deterministic (the same views in the same
 * order give the identical volume). Points further than about 500 m × voxel size / 1 mm from the
 * world origin are ignored.
 */
public final class TsdfVolume {
  private final TsdfOptions options;
  private final LongIntHashMap index = new LongIntHashMap(4096);
  private final List<VoxelBlock> blocks = new ArrayList<>();
  private boolean colorsSeen;

  private TsdfVolume(TsdfOptions options) {
    this.options = options;
  }

  /** An empty volume. */
  public static TsdfVolume create(TsdfOptions options) {
    return new TsdfVolume(options);
  }

  public TsdfOptions options() {
    return options;
  }

  /** Number of allocated 8³ blocks. */
  public int blockCount() {
    return blocks.size();
  }

  /** Approximate heap footprint of the voxel data and its index, bytes. */
  public long memoryBytes() {
    long total = 12L * 2 * index.size() * 2 + 16L * blocks.size();
    for (VoxelBlock b : blocks) {
      total += b.bytes();
    }
    return total;
  }

  /**
   * Fuses one depth map.
   *
   * @param depth Z depth in millimetres in {@code camera}'s OpenCV frame, 0 or NaN for no surface;
   *     same size as the camera's image
   * @param camera intrinsics and world-to-camera pose (millimetres)
   * @param confidence per-pixel weight in [0, 1], row-major like the depth, or null for 1
   * @param colorsRgb per-pixel packed colour {@code 0xRRGGBB}, row-major, or null for none (voxels
   *     then keep their colour; ignored when colours are off)
   */
  public void integrate(DepthMap depth, PinholeCamera camera, float[] confidence, int[] colorsRgb) {
    int w = camera.widthPx();
    int h = camera.heightPx();
    if (depth.widthPx() != w || depth.heightPx() != h) {
      throw new IllegalArgumentException(
          "depth map "
              + depth.widthPx()
              + "x"
              + depth.heightPx()
              + " does not match the camera's "
              + w
              + "x"
              + h);
    }
    if (confidence != null && confidence.length != w * h) {
      throw new IllegalArgumentException(
          "confidence needs " + (w * h) + " values, got " + confidence.length);
    }
    if (colorsRgb != null && colorsRgb.length != w * h) {
      throw new IllegalArgumentException(
          "colours need " + (w * h) + " values, got " + colorsRgb.length);
    }
    colorsSeen |= colorsRgb != null && options.colors();
    float[] pixelWeight = pixelWeights(depth, camera, confidence);
    long[] touched = touchedBlocks(depth, camera, pixelWeight);
    for (long key : touched) {
      VoxelBlock block = blockFor(key);
      integrateBlock(block, depth.valuesMm(), camera, pixelWeight, colorsRgb);
    }
  }

  /** Whether voxels keep colours and some integrated view had colours. */
  public boolean hasColors() {
    return colorsSeen;
  }

  /** Builds the mesh of the zero crossing; see {@link MarchingCubes}. */
  public TriangleMesh extractMesh() {
    return MarchingCubes.extract(this, options.minMeshWeight());
  }

  /** The block at block coordinates (bx, by, bz), or null. */
  VoxelBlock block(int bx, int by, int bz) {
    if (!VoxelBlock.inRange(bx, by, bz)) {
      return null;
    }
    int i = index.get(VoxelBlock.key(bx, by, bz));
    return i < 0 ? null : blocks.get(i);
  }

  /** The allocated blocks ordered by z, then y, then x block coordinate. */
  List<VoxelBlock> blocksInOrder() {
    List<VoxelBlock> sorted = new ArrayList<>(blocks);
    sorted.sort(Comparator.comparingLong(VoxelBlock::key));
    return sorted;
  }

  /** Sets one voxel (global voxel indices), allocating its block: for tests of the mesher. */
  void setVoxel(int gx, int gy, int gz, float sdfMm, float weight) {
    VoxelBlock b =
        blockFor(
            VoxelBlock.key(gx >> VoxelBlock.SHIFT, gy >> VoxelBlock.SHIFT, gz >> VoxelBlock.SHIFT));
    int s = VoxelBlock.slot(gx & VoxelBlock.MASK, gy & VoxelBlock.MASK, gz & VoxelBlock.MASK);
    b.sdfMm[s] = sdfMm;
    b.weight[s] = weight;
  }

  private VoxelBlock blockFor(long key) {
    int i = index.putIfAbsent(key, blocks.size());
    if (i == blocks.size()) {
      blocks.add(
          new VoxelBlock(
              VoxelBlock.keyX(key), VoxelBlock.keyY(key), VoxelBlock.keyZ(key), options.colors()));
    }
    return blocks.get(i);
  }

  private static boolean valid(float d) {
    return d > 0 && d < Float.POSITIVE_INFINITY;
  }

  /**
   * Weight of each pixel: confidence × (with view-angle weighting) |cos| of the angle between the
   * pixel's ray and the surface normal from neighbouring pixels (one-sided at borders and
   * discontinuities; 1 where no neighbour has depth); 0 without depth.
   */
  private float[] pixelWeights(DepthMap depth, PinholeCamera camera, float[] confidence) {
    int w = depth.widthPx();
    int h = depth.heightPx();
    float[] d = depth.valuesMm();
    float[] out = new float[w * h];
    double fx = camera.fxPx(), fy = camera.fyPx(), cx = camera.cxPx(), cy = camera.cyPx();
    double jump = options.truncationMm();
    double[] a = new double[3];
    double[] b = new double[3];
    for (int v = 0; v < h; v++) {
      for (int u = 0; u < w; u++) {
        int i = v * w + u;
        float z = d[i];
        if (!valid(z)) {
          continue;
        }
        double c = 1;
        if (confidence != null) {
          c = confidence[i];
          if (!(c >= 0 && c <= 1)) {
            throw new IllegalArgumentException(
                "confidence at pixel (" + u + ", " + v + ") is not in [0, 1]: " + c);
          }
        }
        if (c > 0 && options.viewAngleWeighting()) {
          boolean hasA = difference(d, w, h, u, v, 1, 0, fx, fy, cx, cy, jump, a);
          boolean hasB = difference(d, w, h, u, v, 0, 1, fx, fy, cx, cy, jump, b);
          if (hasA && hasB) {
            double nx = a[1] * b[2] - a[2] * b[1];
            double ny = a[2] * b[0] - a[0] * b[2];
            double nz = a[0] * b[1] - a[1] * b[0];
            double rx = (u - cx) / fx, ry = (v - cy) / fy;
            double nLen = Math.sqrt(nx * nx + ny * ny + nz * nz);
            double rLen = Math.sqrt(rx * rx + ry * ry + 1);
            if (nLen > 0) {
              c *= Math.abs(nx * rx + ny * ry + nz) / (nLen * rLen);
            }
          }
        }
        out[i] = (float) c;
      }
    }
    return out;
  }

  /**
   * Camera-frame difference (mm) between the back-projections of the pixel's neighbours along (du,
   * dv): central where both have depth within {@code jumpMm}, else one-sided; false if none.
   */
  private static boolean difference(
      float[] d,
      int w,
      int h,
      int u,
      int v,
      int du,
      int dv,
      double fx,
      double fy,
      double cx,
      double cy,
      double jumpMm,
      double[] out) {
    float z = d[v * w + u];
    int u0 = u - du, v0 = v - dv, u1 = u + du, v1 = v + dv;
    boolean lo = u0 >= 0 && v0 >= 0 && near(d[v0 * w + u0], z, jumpMm);
    boolean hi = u1 < w && v1 < h && near(d[v1 * w + u1], z, jumpMm);
    if (!lo && !hi) {
      return false;
    }
    if (!lo) {
      u0 = u;
      v0 = v;
    }
    if (!hi) {
      u1 = u;
      v1 = v;
    }
    double za = d[v0 * w + u0], zb = d[v1 * w + u1];
    out[0] = (u1 - cx) / fx * zb - (u0 - cx) / fx * za;
    out[1] = (v1 - cy) / fy * zb - (v0 - cy) / fy * za;
    out[2] = zb - za;
    return true;
  }

  private static boolean near(float other, float z, double jumpMm) {
    return valid(other) && Math.abs(other - z) <= jumpMm;
  }

  /**
   * Keys of the blocks that the truncation bands of the pixels with positive weight pass through,
   * sorted and distinct (samples along each ray every half block).
   */
  private long[] touchedBlocks(DepthMap depth, PinholeCamera camera, float[] pixelWeight) {
    int w = depth.widthPx();
    int h = depth.heightPx();
    float[] d = depth.valuesMm();
    RigidTransform toWorld = camera.cameraToWorld();
    double voxel = options.voxelSizeMm();
    double trunc = options.truncationMm();
    double blockMm = VoxelBlock.SIZE * voxel;
    int steps = (int) Math.ceil(2 * trunc / (0.5 * blockMm));
    double[] p = new double[3];
    long[] keys = new long[1024];
    int n = 0;
    for (int v = 0; v < h; v++) {
      for (int u = 0; u < w; u++) {
        int i = v * w + u;
        if (!(pixelWeight[i] > 0)) {
          continue;
        }
        double rx = (u - camera.cxPx()) / camera.fxPx();
        double ry = (v - camera.cyPx()) / camera.fyPx();
        double zPerMm = 1 / Math.sqrt(rx * rx + ry * ry + 1); // Z per mm along the ray
        for (int s = 0; s <= steps; s++) {
          double z = d[i] + (-trunc + 2 * trunc * s / steps) * zPerMm;
          if (z <= 0) {
            continue;
          }
          toWorld.apply(rx * z, ry * z, z, p);
          // voxel g is centred at g × voxel; its block is floor(g / 8)
          double bx = Math.floor((Math.floor(p[0] / voxel + 0.5)) / VoxelBlock.SIZE);
          double by = Math.floor((Math.floor(p[1] / voxel + 0.5)) / VoxelBlock.SIZE);
          double bz = Math.floor((Math.floor(p[2] / voxel + 0.5)) / VoxelBlock.SIZE);
          if (!(Math.abs(bx) < VoxelBlock.LIMIT
              && Math.abs(by) < VoxelBlock.LIMIT
              && Math.abs(bz) < VoxelBlock.LIMIT)) {
            continue;
          }
          long key = VoxelBlock.key((int) bx, (int) by, (int) bz);
          if (n > 0 && keys[n - 1] == key) {
            continue;
          }
          if (n == keys.length) {
            keys = Arrays.copyOf(keys, 2 * n);
          }
          keys[n++] = key;
        }
      }
    }
    Arrays.sort(keys, 0, n);
    int m = 0;
    for (int k = 0; k < n; k++) {
      if (m == 0 || keys[m - 1] != keys[k]) {
        keys[m++] = keys[k];
      }
    }
    return Arrays.copyOf(keys, m);
  }

  private void integrateBlock(
      VoxelBlock block, float[] d, PinholeCamera camera, float[] pixelWeight, int[] colorsRgb) {
    int w = camera.widthPx();
    int h = camera.heightPx();
    double fx = camera.fxPx(), fy = camera.fyPx(), cx = camera.cxPx(), cy = camera.cyPx();
    double voxel = options.voxelSizeMm();
    double trunc = options.truncationMm();
    double maxWeight = options.maxWeight();
    double colorBand = 0.5 * trunc;
    byte[] rgb = colorsRgb == null ? null : block.rgb;
    RigidTransform toCamera = camera.worldToCamera();
    // camera-frame position of voxel (0, 0, 0) of the block and the steps along i, j, k
    double[] o = new double[3];
    toCamera.apply(
        block.bx * VoxelBlock.SIZE * voxel,
        block.by * VoxelBlock.SIZE * voxel,
        block.bz * VoxelBlock.SIZE * voxel,
        o);
    double[] ei = new double[3];
    double[] ej = new double[3];
    double[] ek = new double[3];
    toCamera.rotate(voxel, 0, 0, ei);
    toCamera.rotate(0, voxel, 0, ej);
    toCamera.rotate(0, 0, voxel, ek);
    int slot = 0;
    for (int k = 0; k < VoxelBlock.SIZE; k++) {
      for (int j = 0; j < VoxelBlock.SIZE; j++) {
        double rowX = o[0] + j * ej[0] + k * ek[0];
        double rowY = o[1] + j * ej[1] + k * ek[1];
        double rowZ = o[2] + j * ej[2] + k * ek[2];
        for (int i = 0; i < VoxelBlock.SIZE; i++, slot++) {
          double z = rowZ + i * ei[2];
          if (!(z > 0)) {
            continue;
          }
          double invZ = 1 / z;
          double xn = (rowX + i * ei[0]) * invZ;
          double yn = (rowY + i * ei[1]) * invZ;
          double u = fx * xn + cx;
          double v = fy * yn + cy;
          if (!(u >= 0 && v >= 0 && u <= w - 1 && v <= h - 1)) {
            continue; // outside the pixel centres: no 4 pixels to interpolate
          }
          int nearest = (int) (v + 0.5) * w + (int) (u + 0.5);
          float pw = pixelWeight[nearest];
          if (!(pw > 0)) {
            continue;
          }
          double surface = bilinear(d, w, h, u, v, trunc);
          if (Double.isNaN(surface)) {
            continue;
          }
          double sdf = (surface - z) * Math.sqrt(1 + xn * xn + yn * yn);
          if (sdf < -trunc) {
            continue;
          }
          double oldWeight = block.weight[slot];
          double sum = oldWeight + pw;
          block.sdfMm[slot] =
              (float) ((block.sdfMm[slot] * oldWeight + Math.min(sdf, trunc) * pw) / sum);
          if (rgb != null && Math.abs(sdf) <= colorBand) {
            int c = colorsRgb[nearest];
            double oldColorWeight = block.colorWeight[slot];
            double colorSum = oldColorWeight + pw;
            for (int ch = 0; ch < 3; ch++) {
              int old = rgb[3 * slot + ch] & 0xFF;
              int add = (c >>> (16 - 8 * ch)) & 0xFF;
              rgb[3 * slot + ch] = (byte) Math.round((old * oldColorWeight + add * pw) / colorSum);
            }
            block.colorWeight[slot] = (float) Math.min(colorSum, maxWeight);
          }
          block.weight[slot] = (float) Math.min(sum, maxWeight);
        }
      }
    }
  }

  /**
   * Depth at sub-pixel (u, v) within the pixel centres: bilinear between the 4 surrounding pixels
   * when all have depth within {@code jumpMm} of each other, else NaN (silhouettes and depth
   * discontinuities, where the nearest pixel's depth would be off by up to the jump).
   */
  private static double bilinear(float[] d, int w, int h, double u, double v, double jumpMm) {
    // 0 <= u <= w - 1 and 0 <= v <= h - 1 here
    if (w < 2 || h < 2) {
      return Double.NaN;
    }
    int u0 = Math.min((int) u, w - 2);
    int v0 = Math.min((int) v, h - 2);
    float a = d[v0 * w + u0], b = d[v0 * w + u0 + 1];
    float c = d[(v0 + 1) * w + u0], e = d[(v0 + 1) * w + u0 + 1];
    if (!(valid(a) && valid(b) && valid(c) && valid(e))) {
      return Double.NaN;
    }
    float lo = Math.min(Math.min(a, b), Math.min(c, e));
    float hi = Math.max(Math.max(a, b), Math.max(c, e));
    if (hi - lo > jumpMm) {
      return Double.NaN;
    }
    double fu = u - u0, fv = v - v0;
    return (a * (1 - fu) + b * fu) * (1 - fv) + (c * (1 - fu) + e * fu) * fv;
  }
}
