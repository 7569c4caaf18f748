package org.dnsmesh.quality.check;

import java.util.Arrays;
import java.util.List;

/**
 * Median and median absolute deviation of a sample; the MAD is scaled by 1.4826 so that k has the
 * meaning of standard deviations for normal data, but one outlier in history does not widen the band.
 */
public record RobustBand(double median, double scaledMad, int points) {
  private static final double NORMAL_CONSISTENCY = 1.4826;

  public static RobustBand of(List<Double> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("a robust band needs at least one value");
    }
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    double median = median(sorted);
    double[] deviations = Arrays.stream(sorted).map(v -> Math.abs(v - median)).sorted().toArray();
    return new RobustBand(median, NORMAL_CONSISTENCY * median(deviations), sorted.length);
  }

  /** Half-width for k, never below {@code minRelativeSpread * median} nor below 1 record. */
  public double halfWidth(double k, double minRelativeSpread) {
    return Math.max(Math.max(k * scaledMad, minRelativeSpread * Math.abs(median)), 1.0);
  }

  private static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
  }
}
