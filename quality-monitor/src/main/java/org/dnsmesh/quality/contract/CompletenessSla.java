package org.dnsmesh.quality.contract;

import java.time.Duration;
import java.util.Objects;

/**
 * Completeness and validity targets of a contract.
 *
 * @param nullRate allowed share of nulls in required columns
 * @param invalidShare allowed share of values outside enums / ranges
 * @param duplicateShare allowed share of rows whose key occurs more than once
 * @param window how far back from now the SQL checks look (the newest partitions only), and over which records are
 *     counted (by commit / dead-letter time)
 * @param recordLoss allowed share of input records that reached neither the table nor the quarantine table
 *     (dead-lettered as unparsed source lines: {@code unparsed / (written + quarantined + unparsed)}); {@link #UNPROMISED} when the
 *     contract promises no completeness
 */
public record CompletenessSla(Threshold nullRate, Threshold invalidShare, Threshold duplicateShare, Duration window,
    Threshold recordLoss) {
  /** No promise on records: a loss share is at most 1, never above it, so it is measured but never judged. */
  public static final Threshold UNPROMISED = new Threshold(1, 1);

  public CompletenessSla {
    Objects.requireNonNull(recordLoss, "recordLoss");
    Objects.requireNonNull(nullRate, "nullRate");
    Objects.requireNonNull(invalidShare, "invalidShare");
    Objects.requireNonNull(duplicateShare, "duplicateShare");
    Objects.requireNonNull(window, "window");
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("completeness window must be positive, got " + window);
    }
  }

  /** Without a record promise ({@link #UNPROMISED}). */
  public CompletenessSla(Threshold nullRate, Threshold invalidShare, Threshold duplicateShare, Duration window) {
    this(nullRate, invalidShare, duplicateShare, window, UNPROMISED);
  }

  /**
   * Strict defaults: no nulls in required columns, no invalid values, no duplicate keys, last 2 hours; record loss
   * unpromised (the {@code record_drift} check has its own thresholds for quarantine).
   */
  public static CompletenessSla strict() {
    return new CompletenessSla(Threshold.ZERO, Threshold.ZERO, Threshold.ZERO, Duration.ofHours(2));
  }
}
