package org.dnsmesh.products.na;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.dnsmesh.products.na.NxdomainTopGenerators.Hourly;
import org.junit.jupiter.api.Test;

class NxdomainTopGeneratorsTest {

  @Test
  void topTwoPerHourWithTiesByClientId() throws Exception {
    List<Hourly> top = NxdomainTopGenerators.hourly(NaFixtures.rows(NaFixtures.sampleLog()), 2);
    Instant ten = Instant.parse("2026-01-05T10:00:00Z");
    Instant eleven = Instant.parse("2026-01-05T11:00:00Z");
    String c10 = NaFixtures.clientId("10.1.0.10");
    String c11 = NaFixtures.clientId("10.1.0.11");
    String c12 = NaFixtures.clientId("10.1.0.12");
    // .10 and .11 both have 3 NXDOMAIN at 10:00; the tie is ordered by client_id.
    String first = c10.compareTo(c11) < 0 ? c10 : c11;
    String second = first.equals(c10) ? c11 : c10;
    assertThat(top).containsExactly(
        new Hourly(ten, 1, first, 3, first.equals(c10) ? 4 : 3, first.equals(c10) ? 0.75 : 1.0),
        new Hourly(ten, 2, second, 3, second.equals(c10) ? 4 : 3, second.equals(c10) ? 0.75 : 1.0),
        new Hourly(eleven, 1, c12, 1, 1, 1.0));
  }

  @Test
  void topOneKeepsOnlyTheLargest() throws Exception {
    List<Hourly> top = NxdomainTopGenerators.hourly(NaFixtures.rows(NaFixtures.sampleLog()), 1);
    assertThat(top).extracting(Hourly::rank).containsExactly(1, 1);
    assertThat(top.get(0).nxdomainCount()).isEqualTo(3);
  }
}
