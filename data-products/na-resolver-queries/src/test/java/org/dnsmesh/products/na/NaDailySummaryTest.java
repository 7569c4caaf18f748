package org.dnsmesh.products.na;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.dnsmesh.products.support.DnsDailySummary;
import org.junit.jupiter.api.Test;

class NaDailySummaryTest {

  @Test
  void dailySummaryOfTheSampleLog() throws Exception {
    List<DnsDailySummary.Day> days = DnsDailySummary.of(NaFixtures.rows(NaFixtures.sampleLog()),
        NaResolverQueries.RESOLVER_COLUMN);
    // 13 events; 7 + 1 NXDOMAIN, 1 SERVFAIL; resolvers 10.0.0.53 and 10.0.0.54;
    // latencies: 11 x 12 ms, 450 ms, 20 ms -> nearest rank ceil(0.95 * 13) = 13th of sorted = 450 ms.
    assertThat(days).containsExactly(new DnsDailySummary.Day(LocalDate.parse("2026-01-05"), 13, 13 / 86_400.0, 2,
        8 / 13.0, 1 / 13.0, 450.0));
  }
}
