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
  void agreesWithTheMapFilterOnARandomStream() {
    java.util.SplittableRandom random = new java.util.SplittableRandom(6);
    CaptureDuplicateFilter filter = CaptureDuplicateFilter.oneMillisecond();
    MapDuplicateFilter reference = MapDuplicateFilter.oneMillisecond();
    String[] keys = new String[200_000]; // most keys come back after more than a minute: forgotten by both
    for (int i = 0; i < keys.length; i++) {
      keys[i] = i % 10 == 0 ? "not-hex-" + i // other keys take the map path
          : EventIds.transactionKey("C" + i, "10.0.0." + (i % 250), 53, "192.0.2.1", 53, "udp", i, "example.com",
              "A", "NOERROR", java.util.List.of());
    }
    long micros = 0;
    for (int i = 0; i < 400_000; i++) {
      micros += random.nextInt(600); // ~3,300 events a second of event time: sweeps every ~60,000 events
      long at = micros - (random.nextInt(20) == 0 ? random.nextInt(2_000) : 0); // some a little out of order
      String key = keys[random.nextInt(keys.length)];
      Instant ts = T0.plusNanos(at * 1_000);
      assertThat(filter.isDuplicate(key, ts)).as("event %d", i).isEqualTo(reference.isDuplicate(key, ts));
      if (random.nextInt(50) == 0) { // a capture's copy a few microseconds later
        Instant copy = ts.plusNanos(3_000);
        assertThat(filter.isDuplicate(key, copy)).isEqualTo(reference.isDuplicate(key, copy)).isTrue();
      }
    }
    assertThat(filter.duplicates()).isEqualTo(reference.duplicates()).isGreaterThan(7_000);
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
