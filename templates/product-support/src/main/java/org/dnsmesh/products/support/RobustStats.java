package org.dnsmesh.products.support;

import java.util.Arrays;

/**
 * Robust location and scale: median, MAD (median absolute deviation) and the robust z-score
 * {@code z = (x - median) / (1.4826 * MAD)}. 1.4826 = 1/Φ⁻¹(0.75) makes 1.4826·MAD estimate the standard deviation
 * for normal data. When MAD is 0 (over half the values equal), the scale falls back to
 * {@code 1.2533 * meanAbsoluteDeviation} (1.2533 = sqrt(π/2), same consistency for normal data); when that is 0
 * too, every value equals the median and z is 0.
 */
public final class RobustStats {

  public static final double MAD_CONSTANT = 1.4826;
  public static final double MEAN_AD_CONSTANT = 1.2533;

  private final double median;
  private final double scale;

  private RobustStats(double median, double scale) {
    this.median = median;
    this.scale = scale;
  }

  public static RobustStats of(double[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("robust statistics need at least one value");
    }
    double median = median(values);
    double[] deviations = new double[values.length];
    double sum = 0;
    for (int i = 0; i < values.length; i++) {
      deviations[i] = Math.abs(values[i] - median);
      sum += deviations[i];
    }
    double mad = median(deviations);
    double scale = mad > 0 ? MAD_CONSTANT * mad : MEAN_AD_CONSTANT * (sum / values.length);
    return new RobustStats(median, scale);
  }

  /** Median: the middle value, or the mean of the two middle values for an even count. */
  public static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
  }

  public double median() {
    return median;
  }

  /** The scale z divides by (1.4826·MAD, or the mean-absolute-deviation fallback). */
  public double scale() {
    return scale;
  }

  public double z(double value) {
    return scale == 0 ? 0.0 : (value - median) / scale;
  }
}
