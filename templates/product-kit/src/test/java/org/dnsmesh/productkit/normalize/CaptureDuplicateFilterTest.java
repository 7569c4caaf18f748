package org.dnsmesh.productkit.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CaptureDuplicateFilterTest {

  private static final Instant T0 = Instant.parse("2026-01-05T00:00:00Z");

  @Test
  void copiesWithinTheWindowAreDuplicatesRetransmissionsAreNot() {
    CaptureDuplicateFilter filter = CaptureDuplicateFilter.oneMillisecond();
    assertThat(filter.isDuplicate("k", T0)).isFalse();
    assertThat(filter.isDuplicate("k", T0.plusNanos(900_000))).as("0.9 ms later: the capture's copy").isTrue();
    assertThat(filter.isDuplicate("k", T0.plusSeconds(2))).as("2 s later: a retransmission").isFalse();
    assertThat(filter.duplicates()).isEqualTo(1);
  }

  @Test
  void remembersAboutAMinuteOfKeysOnAnEndlessStream() {
    CaptureDuplicateFilter filter = CaptureDuplicateFilter.oneMillisecond();
    int perSecond = 1_000;
    for (int i = 0; i < 300 * perSecond; i++) { // five minutes of 1,000 distinct transactions a second
      assertThat(filter.isDuplicate("k" + i, T0.plusMillis(i))).isFalse();
    }
    assertThat(filter.tracked()).as("a minute of keys (60,000), at most twice that between sweeps")
        .isLessThanOrEqualTo(2 * 60 * perSecond + 10_000).isGreaterThanOrEqualTo(60 * perSecond);
    assertThat(filter.isDuplicate("k" + (300 * perSecond - 1), T0.plusMillis(300 * perSecond - 1)))
        .as("the newest keys are still known").isTrue();
  }
}
