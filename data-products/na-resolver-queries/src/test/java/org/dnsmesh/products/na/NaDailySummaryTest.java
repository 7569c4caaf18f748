package org.dnsmesh.products.na;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.dnsmesh.products.support.DnsDailySummary;
import org.junit.jupiter.api.Test;

class NaDailySummaryTest {

  @Test
  void dailySummaryOfTheSampleLog() throws Exception {
    List<DnsDailySummary.Day> days = DnsDailySummary.of(NaFixtures.rows(NaFixtures.sampleLog()), "client_id",
        NaResolverQueries.RESOLVER_COLUMN);
    // 13 events, all answered, from 10:00:10 to 11:00:20 UTC (3,610 s); clients 10.1.0.10-13 (4); resolvers
    // 10.0.0.53 and 10.0.0.54; 7 + 1 NXDOMAIN, 1 SERVFAIL of 13 answered;
    // latencies: 11 x 12 ms, 450 ms, 20 ms -> nearest rank ceil(0.95 * 13) = 13th of sorted = 450 ms.
    assertThat(days).containsExactly(new DnsDailySummary.Day(LocalDate.parse("2026-01-05"), 13, 13, 3_610.0,
        13 / 3_610.0, 4, 2, 8 / 13.0, 1 / 13.0, 450.0));
  }

  /** A query that never got an answer (rcode unset) counts in qps but in neither rate's denominator. */
  @Test
  void ratesAreOverAnsweredQueriesOnly() {
    java.time.Instant t0 = java.time.Instant.parse("2026-01-05T10:00:00Z");
    List<org.dnsmesh.products.support.Row> rows = List.of(
        row(t0, "c1", "r1", "NXDOMAIN"), row(t0.plusSeconds(10), "c1", "r1", "NOERROR"),
        row(t0.plusSeconds(20), "c2", "r1", null), row(t0.plusSeconds(40), "c3", "r2", null));
    assertThat(DnsDailySummary.of(rows, "client_id", "server_ip")).containsExactly(new DnsDailySummary.Day(
        LocalDate.parse("2026-01-05"), 4, 2, 40.0, 4 / 40.0, 3, 2, 1 / 2.0, 0 / 2.0, null));
  }

  private static org.dnsmesh.products.support.Row row(java.time.Instant ts, String client, String resolver,
      String rcode) {
    java.util.Map<String, Object> values = new java.util.HashMap<>();
    values.put("event_ts", ts);
    values.put("client_id", client);
    values.put("server_ip", resolver);
    values.put("rcode", rcode);
    return new org.dnsmesh.products.support.Row(values);
  }
}
