package org.dnsmesh.productkit.normalize;

import java.util.Arrays;

/**
 * 128-bit keys (two longs) to the last time they were seen, in flat arrays with linear probing: one probe is one
 * memory access, where a {@code HashMap<String, Long>} of the same keys was four dependent ones (slot, node, key,
 * boxed time) over ~120 bytes per entry. Forgetting is a rebuild that keeps the entries seen since a horizon.
 * Not thread-safe.
 */
final class RecentKeyTimes {

  /** Marks a free slot (no event is at the smallest long of microseconds). */
  static final long NONE = Long.MIN_VALUE;

  private long[] high;
  private long[] low;
  private long[] times;
  private int size;

  RecentKeyTimes() {
    allocate(1 << 10);
  }

  /** Records {@code time} for the key and returns the time it had before, or {@link #NONE}. */
  long put(long keyHigh, long keyLow, long time) {
    if (size + 1 > (times.length >>> 1)) {
      rehash(times.length << 1, NONE);
    }
    int mask = times.length - 1;
    for (int i = index(keyHigh, keyLow, mask); ; i = (i + 1) & mask) {
      if (times[i] == NONE) {
        high[i] = keyHigh;
        low[i] = keyLow;
        times[i] = time;
        size++;
        return NONE;
      }
      if (high[i] == keyHigh && low[i] == keyLow) {
        long previous = times[i];
        times[i] = time;
        return previous;
      }
    }
  }

  /** Forgets every key last seen before {@code horizon}. */
  void forgetBefore(long horizon) {
    int kept = 0;
    for (long time : times) {
      if (time != NONE && time >= horizon) {
        kept++;
      }
    }
    rehash(Math.max(1 << 10, Integer.highestOneBit(Math.max(1, kept)) << 2), horizon);
  }

  int size() {
    return size;
  }

  /** Moves the entries seen at or after {@code horizon} ({@link #NONE}: all) into arrays of {@code capacity}. */
  private void rehash(int capacity, long horizon) {
    long[] oldHigh = high;
    long[] oldLow = low;
    long[] oldTimes = times;
    allocate(capacity);
    int mask = capacity - 1;
    for (int j = 0; j < oldTimes.length; j++) {
      long time = oldTimes[j];
      if (time == NONE || (horizon != NONE && time < horizon)) {
        continue;
      }
      int i = index(oldHigh[j], oldLow[j], mask);
      while (times[i] != NONE) {
        i = (i + 1) & mask;
      }
      high[i] = oldHigh[j];
      low[i] = oldLow[j];
      times[i] = time;
      size++;
    }
  }

  private void allocate(int capacity) {
    high = new long[capacity];
    low = new long[capacity];
    times = new long[capacity];
    Arrays.fill(times, NONE);
    size = 0;
  }

  private static int index(long keyHigh, long keyLow, int mask) {
    long h = keyHigh * 0x9E3779B97F4A7C15L ^ keyLow; // the keys are SHA-256 bits already: mixing is cheap insurance
    return (int) (h ^ (h >>> 32)) & mask;
  }
}
