package org.dnsmesh.products.eu;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.dnsmesh.products.eu.LatencyByZone.Hourly;
import org.junit.jupiter.api.Test;

class LatencyByZoneTest {

  @Test
  void nearestRankPercentilesPerZoneAndHour() throws Exception {
    Instant ten = Instant.parse("2026-01-05T10:00:00Z");
    Instant eleven = Instant.parse("2026-01-05T11:00:00Z");
    // example.com at 10:00: latencies 1..10 -> p50 = 5th, p95 = p99 = 10th value.
    assertThat(LatencyByZone.hourly(EuFixtures.valid(EuFixtures.rows(EuFixtures.sample())))).containsExactly(
        new Hourly(ten, "example.com", 10, 5.0, 10.0, 10.0),
        new Hourly(ten, "example.org", 2, 3.0, 7.0, 7.0),
        new Hourly(eleven, "example.com", 1, 2.5, 2.5, 2.5));
  }
}
