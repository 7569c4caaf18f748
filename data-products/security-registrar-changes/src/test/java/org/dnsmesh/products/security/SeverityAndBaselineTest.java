package org.dnsmesh.products.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Severity against the scenario's independent table; the hourly baseline against a median/MAD computed here. */
class SeverityAndBaselineTest {

  @Test
  void severityIsCriticalityTimesConfidenceInThreeLevels() {
    for (Criticality criticality : Criticality.values()) {
      for (double confidence = 0.0; confidence <= 1.0; confidence += 0.05) {
        assertThat(Severity.of(criticality, confidence)).as(criticality + " x " + confidence)
            .isEqualTo(SecurityScenario.expectedSeverity(criticality, confidence));
      }
    }
  }

  @Test
  void aQuietZoneSpikesAtTheMinimumAndABusyZoneOnlyFarAboveItsOwnRhythm() {
    // quiet: one change every 6 hours for 3 days, then a burst
    HourlyBaseline quiet = new HourlyBaseline();
    for (long h = 0; h < 72; h += 6) {
      quiet.observe(h, 10, 6.0);
    }
    int fired = 0;
    for (int i = 1; i <= 12; i++) {
      if (quiet.observe(80, 10, 6.0)) {
        fired = i;
      }
    }
    assertThat(fired).isEqualTo(10);

    // busy: 40..59 changes every hour for 3 days (median and MAD computed here independently)
    HourlyBaseline busy = new HourlyBaseline();
    double[] history = new double[72];
    for (int h = 0; h < 72; h++) {
      int n = 40 + (h * 7) % 20;
      history[h] = n;
      for (int i = 0; i < n; i++) {
        assertThat(busy.observe(h, 10, 6.0)).isFalse();
      }
    }
    double[] sorted = history.clone();
    Arrays.sort(sorted);
    double median = (sorted[35] + sorted[36]) / 2;
    double[] deviations = Arrays.stream(history).map(v -> Math.abs(v - median)).sorted().toArray();
    double mad = (deviations[35] + deviations[36]) / 2;
    double threshold = median + 6.0 * Math.max(1.4826 * mad, 1.0);
    assertThat(busy.threshold(72, 10, 6.0)).isCloseTo(threshold, org.assertj.core.data.Offset.offset(1e-9));
    int firedAt = 0;
    for (int i = 1; i <= 200 && firedAt == 0; i++) {
      if (busy.observe(72, 10, 6.0)) {
        firedAt = i;
      }
    }
    assertThat(firedAt).isEqualTo((int) Math.ceil(threshold));
  }
}
