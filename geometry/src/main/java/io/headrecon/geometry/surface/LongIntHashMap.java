package io.headrecon.geometry.surface;

import java.util.Arrays;

/**
 * A map from {@code long} keys to non-negative {@code int} values with open addressing (linear
 * probing), no boxing and no removal: the block index of the sparse TSDF volume and the edge →
 * vertex index of marching cubes. Not thread-safe.
 */
final class LongIntHashMap {
  private static final int EMPTY = -1;

  private long[] keys;
  private int[] values;
  private int size;
  private int mask;

  LongIntHashMap(int expectedSize) {
    int capacity = Integer.highestOneBit(Math.max(16, expectedSize * 2 - 1)) << 1;
    keys = new long[capacity];
    values = new int[capacity];
    Arrays.fill(values, EMPTY);
    mask = capacity - 1;
  }

  int size() {
    return size;
  }

  /** The value stored for {@code key}, or -1. */
  int get(long key) {
    int slot = slot(key);
    while (values[slot] != EMPTY) {
      if (keys[slot] == key) {
        return values[slot];
      }
      slot = (slot + 1) & mask;
    }
    return EMPTY;
  }

  /**
   * Stores {@code value} (≥ 0) for {@code key} unless the key is present; returns the value kept.
   */
  int putIfAbsent(long key, int value) {
    int slot = slot(key);
    while (values[slot] != EMPTY) {
      if (keys[slot] == key) {
        return values[slot];
      }
      slot = (slot + 1) & mask;
    }
    keys[slot] = key;
    values[slot] = value;
    if (++size * 2 > keys.length) {
      grow();
    }
    return value;
  }

  private int slot(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32)) & mask;
  }

  private void grow() {
    long[] oldKeys = keys;
    int[] oldValues = values;
    keys = new long[oldKeys.length * 2];
    values = new int[oldKeys.length * 2];
    Arrays.fill(values, EMPTY);
    mask = keys.length - 1;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldValues[i] != EMPTY) {
        int slot = slot(oldKeys[i]);
        while (values[slot] != EMPTY) {
          slot = (slot + 1) & mask;
        }
        keys[slot] = oldKeys[i];
        values[slot] = oldValues[i];
      }
    }
  }
}
