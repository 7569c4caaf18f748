package org.dnsmesh.quality.contract;

import java.time.Duration;
import java.util.Objects;

/**
 * How volume anomalies are judged: added records per {@code interval}, compared against the same interval
 * of the day over the last {@code historyDays} days with a band median +- k * MAD.
 *
 * @param atRiskK k for the at-risk band
 * @param breachK k for the breach band
 * @param minHistory fewer historic points than this: no verdict (OK with a note)
 * @param minRelativeSpread floor of the band's half-width as a share of the median, so a perfectly flat
 *     history does not make every tiny wobble an anomaly
 */
public record VolumeSla(Duration interval, int historyDays, double atRiskK, double breachK, int minHistory,
    double minRelativeSpread) {
  public VolumeSla {
    Objects.requireNonNull(interval, "volume interval");
    if (interval.isZero() || interval.isNegative() || Duration.ofDays(1).toMillis() % interval.toMillis() != 0) {
      throw new IllegalArgumentException("volume interval must divide a day evenly, got " + interval);
    }
    if (historyDays < 1 || minHistory < 1 || atRiskK <= 0 || breachK < atRiskK || minRelativeSpread < 0) {
      throw new IllegalArgumentException("bad volume SLA: historyDays=" + historyDays + " minHistory=" + minHistory
          + " atRiskK=" + atRiskK + " breachK=" + breachK + " minRelativeSpread=" + minRelativeSpread);
    }
  }

  /** Hourly, 14 days of history, at risk beyond 3 MAD, breached beyond 5 MAD, at least 3 points, 10% floor. */
  public static VolumeSla hourlyDefault() {
    return new VolumeSla(Duration.ofHours(1), 14, 3, 5, 3, 0.10);
  }
}
