package org.dnsmesh.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.dnsmesh.quality.contract.FreshnessSla;
import org.junit.jupiter.api.Test;

class FreshnessSlaTest {
  @Test
  void readsIntervalWithGraceAndPlainDurations() {
    assertThat(FreshnessSla.parse("within 15 minutes of the hour"))
        .isEqualTo(FreshnessSla.afterEach(Duration.ofHours(1), Duration.ofMinutes(15)));
    assertThat(FreshnessSla.parse("1h+15m")).isEqualTo(FreshnessSla.afterEach(Duration.ofHours(1), Duration.ofMinutes(15)));
    assertThat(FreshnessSla.parse("within 2h of the day")).isEqualTo(FreshnessSla.afterEach(Duration.ofDays(1), Duration.ofHours(2)));
    assertThat(FreshnessSla.parse("PT30M")).isEqualTo(FreshnessSla.maxAge(Duration.ofMinutes(30)));
    assertThat(FreshnessSla.parse("2 hours")).isEqualTo(FreshnessSla.maxAge(Duration.ofHours(2)));
  }

  @Test
  void badTextIsNamed() {
    assertThatThrownBy(() -> FreshnessSla.parse("soonish"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'soonish'");
  }

  @Test
  void hourWithGraceRequiresThePreviousHourAfterTheGracePeriod() {
    FreshnessSla sla = FreshnessSla.parse("within 15 minutes of the hour");
    Instant now = Instant.parse("2026-11-20T12:10:00Z");
    // hour 11 is due at 12:15: not yet required, but pending
    assertThat(sla.requiredWatermark(now)).isEqualTo(Instant.parse("2026-11-20T11:00:00Z"));
    assertThat(sla.pendingWatermark(now)).isEqualTo(Instant.parse("2026-11-20T12:00:00Z"));
    assertThat(sla.requiredWatermark(Instant.parse("2026-11-20T12:16:00Z"))).isEqualTo(Instant.parse("2026-11-20T12:00:00Z"));
  }

  @Test
  void plainMaxAgeIsAtRiskAfterEightyPercent() {
    FreshnessSla sla = FreshnessSla.maxAge(Duration.ofMinutes(10));
    Instant now = Instant.parse("2026-11-20T12:10:00Z");
    assertThat(sla.requiredWatermark(now)).isEqualTo(Instant.parse("2026-11-20T12:00:00Z"));
    assertThat(sla.pendingWatermark(now)).isEqualTo(Instant.parse("2026-11-20T12:02:00Z"));
  }
}
