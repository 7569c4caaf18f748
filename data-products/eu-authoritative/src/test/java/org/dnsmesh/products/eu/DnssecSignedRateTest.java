package org.dnsmesh.products.eu;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.dnsmesh.products.eu.DnssecSignedRate.Daily;
import org.junit.jupiter.api.Test;

class DnssecSignedRateTest {

  @Test
  void signedShareOfAnswersPerZoneAndDay() throws Exception {
    LocalDate day = LocalDate.parse("2026-01-05");
    // example.com is signed: 11 valid answers, all NOERROR/NXDOMAIN; example.org is not signed.
    assertThat(DnssecSignedRate.daily(EuFixtures.valid(EuFixtures.rows(EuFixtures.sample())))).containsExactly(
        new Daily(day, "example.com", 11, 11, 1.0),
        new Daily(day, "example.org", 2, 0, 0.0));
  }

  @Test
  void servfailIsNeverSigned() throws Exception {
    var rows = EuFixtures.rows(EuFixtures.sample());
    assertThat(DnssecSignedRate.daily(rows)).contains(new Daily(LocalDate.parse("2026-01-05"), "example.com", 12, 11,
        11 / 12.0));
  }

  @Test
  void shareOfSignedZonesIsStable() {
    SignedZones half = SignedZones.share(50);
    assertThat(half.isSigned("example.com")).isEqualTo(half.isSigned("example.com"));
    assertThat(SignedZones.share(0).isSigned("example.com")).isFalse();
    assertThat(SignedZones.share(100).isSigned("example.com")).isTrue();
  }
}
