package org.dnsmesh.quality.contract;

import java.time.Duration;
import java.util.Objects;

/**
 * Completeness and validity targets of a contract.
 *
 * @param nullRate allowed share of nulls in required columns
 * @param invalidShare allowed share of values outside enums / ranges
 * @param duplicateShare allowed share of rows whose key occurs more than once
 * @param window how far back from now the SQL checks look (the newest partitions only)
 */
public record CompletenessSla(Threshold nullRate, Threshold invalidShare, Threshold duplicateShare, Duration window) {
  public CompletenessSla {
    Objects.requireNonNull(nullRate, "nullRate");
    Objects.requireNonNull(invalidShare, "invalidShare");
    Objects.requireNonNull(duplicateShare, "duplicateShare");
    Objects.requireNonNull(window, "window");
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("completeness window must be positive, got " + window);
    }
  }

  /** Strict defaults: no nulls in required columns, no invalid values, no duplicate keys, last 2 hours. */
  public static CompletenessSla strict() {
    return new CompletenessSla(Threshold.ZERO, Threshold.ZERO, Threshold.ZERO, Duration.ofHours(2));
  }
}
