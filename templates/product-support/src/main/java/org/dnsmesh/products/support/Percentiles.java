package org.dnsmesh.products.support;

import java.util.Arrays;

/**
 * Percentiles by the <b>nearest-rank</b> method: the p-th percentile of n sorted values is the value at rank
 * {@code ceil(p/100 * n)} (1-based), so it is always an observed value (p50 of 1..10 is 5, p95 is 10).
 */
public final class Percentiles {

  private Percentiles() {}

  /** Nearest-rank percentile of {@code values} (copied and sorted); {@code null} when there are none. */
  public static Double nearestRank(double[] values, double percentile) {
    if (percentile <= 0 || percentile > 100) {
      throw new IllegalArgumentException("percentile must be in (0, 100], was " + percentile);
    }
    if (values.length == 0) {
      return null;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sortedNearestRank(sorted, percentile);
  }

  /** As {@link #nearestRank} for values already sorted ascending. */
  public static double sortedNearestRank(double[] sorted, double percentile) {
    int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
    return sorted[Math.max(1, rank) - 1];
  }
}
