package org.dnsmesh.catalog.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ContractLifecycleTest {
  private static final LocalDate SUNSET = LocalDate.of(2027, 3, 1);

  private static String statusAt(String instant) {
    return ContractLifecycle.of(Optional.of(SUNSET), Clock.fixed(Instant.parse(instant), ZoneOffset.UTC)).status();
  }

  @Test
  void deprecatedThroughItsSunsetDayRetiredAfterUtc() {
    assertThat(ContractLifecycle.of(Optional.empty(), Clock.systemUTC())).isEqualTo(new ContractLifecycle("active", null));
    assertThat(statusAt("2027-02-28T12:00:00Z")).isEqualTo("deprecated");
    assertThat(statusAt("2027-03-01T23:59:59Z")).isEqualTo("deprecated");
    assertThat(statusAt("2027-03-02T00:00:00Z")).isEqualTo("retired");
  }
}
