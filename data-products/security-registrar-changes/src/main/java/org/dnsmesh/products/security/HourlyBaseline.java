package org.dnsmesh.products.security;

import org.dnsmesh.products.support.RobustStats;

/**
 * One entity's changes per event-time hour over the last {@value #HISTORY_HOURS} hours (a ring), judged against its
 * own rhythm: an hour is a spike when its count reaches {@code max(minimum, median + k·max(scale, 1))} of the
 * previous hours (zero-filled since the entity was first seen; {@link RobustStats}: median and 1.4826·MAD, or the
 * mean-absolute-deviation fallback), and the entity has at least {@value #MIN_HISTORY_HOURS} hours of history. A
 * quiet zone with one change a day and a busy zone with hundreds an hour each get their own threshold. Fires at most
 * once per hour. Mutable keyed state, stored as JSON.
 *
 * <p>Order-tolerant: after a repartition the events of one entity arrive from several upstream partitions in any
 * order, so an event of an earlier hour (still inside the ring) counts and gets its verdict like a current one, and
 * moves the entity's first hour back. Which event crosses the threshold may differ between interleavings; whether
 * the hour fires does not, as long as its history arrived first.
 */
public final class HourlyBaseline {
  public static final int HISTORY_HOURS = 168;
  public static final int MIN_HISTORY_HOURS = 24;
  private static final int RING = HISTORY_HOURS + 1;
  /** Fired hours remembered (once per hour); older ones are outside any verdict's reach anyway. */
  private static final int FIRED_MEMORY = 16;

  public long firstHour = -1;
  public long lastHour = -1;
  public java.util.List<Long> firedHours = new java.util.ArrayList<>();
  public int[] counts = new int[RING];

  /** Counts one event at {@code hour}; returns true when this event makes the hour a spike (first time only). */
  public boolean observe(long hour, int minimum, double k) {
    if (firstHour < 0) {
      firstHour = hour;
      lastHour = hour;
    }
    if (hour > lastHour) {
      for (long h = lastHour + 1; h <= hour && h <= lastHour + RING; h++) {
        counts[(int) Math.floorMod(h, (long) RING)] = 0;
      }
      lastHour = hour;
    } else if (hour <= lastHour - RING) {
      return false; // older than the ring: neither counted nor judged
    }
    firstHour = Math.min(firstHour, hour);
    int current = ++counts[(int) Math.floorMod(hour, (long) RING)];
    if (firedHours.contains(hour) || hour - firstHour < MIN_HISTORY_HOURS || current < minimum) {
      return false;
    }
    if (current >= threshold(hour, minimum, k)) {
      firedHours.add(hour);
      while (firedHours.size() > FIRED_MEMORY) {
        firedHours.removeFirst();
      }
      return true;
    }
    return false;
  }

  /** The spike threshold for {@code hour} from the hours before it (only those the ring still holds). */
  public double threshold(long hour, int minimum, double k) {
    long from = Math.max(Math.max(firstHour, hour - HISTORY_HOURS), lastHour - HISTORY_HOURS);
    int n = (int) (hour - from);
    if (n <= 0) {
      return Double.POSITIVE_INFINITY;
    }
    double[] history = new double[n];
    for (int i = 0; i < n; i++) {
      history[i] = counts[(int) Math.floorMod(from + i, (long) RING)];
    }
    RobustStats stats = RobustStats.of(history);
    return Math.max(minimum, stats.median() + k * Math.max(stats.scale(), 1.0));
  }

  public int count(long hour) {
    return hour > lastHour || hour <= lastHour - RING ? 0 : counts[(int) Math.floorMod(hour, (long) RING)];
  }
}
