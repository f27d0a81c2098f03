package io.headrecon.geometry.surface;

/**
 * A dense block of {@value #SIZE}³ voxels of a {@link TsdfVolume}: truncated signed distance
 * (millimetres, positive in front of the surface, clamped to ± the truncation), accumulated weight
 * (0 = never observed) and optionally a weighted mean colour. Voxel (i, j, k) of block (bx, by, bz)
 * is the global voxel ({@code 8 bx + i}, …) centred at {@code (8 bx + i) × voxelSizeMm} world
 * millimetres; its slot is {@code i + 8 j + 64 k}.
 */
final class VoxelBlock {
  static final int SHIFT = 3;
  static final int SIZE = 1 << SHIFT;
  static final int MASK = SIZE - 1;
  static final int VOXELS = SIZE * SIZE * SIZE;

  /** Block coordinates stay within ±LIMIT so that global voxel indices fit in 20 bits. */
  static final int LIMIT = 1 << 16;

  private static final int KEY_BITS = 21;
  private static final long KEY_MASK = (1L << KEY_BITS) - 1;

  final int bx;
  final int by;
  final int bz;
  final float[] sdfMm = new float[VOXELS];
  final float[] weight = new float[VOXELS];
  final byte[] rgb;
  final float[] colorWeight;

  VoxelBlock(int bx, int by, int bz, boolean colors) {
    this.bx = bx;
    this.by = by;
    this.bz = bz;
    this.rgb = colors ? new byte[3 * VOXELS] : null;
    this.colorWeight = colors ? new float[VOXELS] : null;
  }

  static int slot(int i, int j, int k) {
    return i + (j << SHIFT) + (k << (2 * SHIFT));
  }

  /** Whether block coordinates are within the supported range. */
  static boolean inRange(int bx, int by, int bz) {
    return Math.abs(bx) < LIMIT && Math.abs(by) < LIMIT && Math.abs(bz) < LIMIT;
  }

  /** A unique key of block coordinates within ±{@link #LIMIT}, ordered by z, then y, then x. */
  static long key(int bx, int by, int bz) {
    return ((bz + (1L << (KEY_BITS - 1))) << (2 * KEY_BITS))
        | (((by + (1L << (KEY_BITS - 1))) & KEY_MASK) << KEY_BITS)
        | ((bx + (1L << (KEY_BITS - 1))) & KEY_MASK);
  }

  static int keyX(long key) {
    return (int) (key & KEY_MASK) - (1 << (KEY_BITS - 1));
  }

  static int keyY(long key) {
    return (int) ((key >>> KEY_BITS) & KEY_MASK) - (1 << (KEY_BITS - 1));
  }

  static int keyZ(long key) {
    return (int) (key >>> (2 * KEY_BITS)) - (1 << (KEY_BITS - 1));
  }

  long key() {
    return key(bx, by, bz);
  }

  /** Approximate heap footprint, bytes. */
  long bytes() {
    return 16 + 4L * VOXELS * 2 + (rgb == null ? 0 : 7L * VOXELS) + 3 * 16;
  }
}
