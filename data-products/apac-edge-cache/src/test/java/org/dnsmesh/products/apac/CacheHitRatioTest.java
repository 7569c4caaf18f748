package org.dnsmesh.products.apac;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.dnsmesh.products.apac.CacheHitRatio.Hourly;
import org.dnsmesh.products.support.DnsDailySummary;
import org.dnsmesh.products.support.Row;
import org.junit.jupiter.api.Test;

class CacheHitRatioTest {

  @Test
  void hitRatioPerHourPopAndQtype() throws Exception {
    Instant ten = Instant.parse("2026-01-05T10:00:00Z");
    Instant eleven = Instant.parse("2026-01-05T11:00:00Z");
    List<Row> rows = ApacFixtures.valid(ApacFixtures.rows(ApacFixtures.sample()));
    // sin/A: miss, hit, hit, miss after the 120 s TTL; nrt/A: other PoP miss, NXDOMAIN miss + negative hit,
    // two SERVFAIL misses (never cached); 11:00 sin/A: the entry expired at 10:05:20 -> miss.
    assertThat(CacheHitRatio.hourly(rows)).containsExactly(
        new Hourly(ten, "nrt", "A", 5, 1, 0.2),
        new Hourly(ten, "sin", "A", 4, 2, 0.5),
        new Hourly(ten, "sin", "AAAA", 1, 0, 0.0),
        new Hourly(eleven, "sin", "A", 1, 0, 0.0));
  }

  @Test
  void dailySummaryCountsResolversAsPseudonymisedClients() throws Exception {
    List<Row> rows = ApacFixtures.valid(ApacFixtures.rows(ApacFixtures.sample()));
    // 11 answered events from 10:00:00 to 11:00:05 UTC (3,605 s); the edge's clients are resolvers: 5 of each
    assertThat(DnsDailySummary.of(rows, "client_id", ApacEdgeCache.RESOLVER_COLUMN)).containsExactly(
        new DnsDailySummary.Day(LocalDate.parse("2026-01-05"), 11, 11, 3_605.0, 11 / 3_605.0, 5, 5, 2 / 11.0, 2 / 11.0,
            1.0));
  }

  @Test
  void syntheticTrafficHitsTheCacheMostly() throws Exception {
    List<Row> rows = ApacFixtures.rows(ApacEdgeCache.source(2_000, 3));
    assertThat(ApacFixtures.valid(rows)).hasSize(2_000);
    long hits = rows.stream().filter(r -> r.isTrue("cache_hit")).count();
    assertThat(hits).isEqualTo(ApacFixtures.rows(ApacEdgeCache.source(2_000, 3)).stream()
        .filter(r -> r.isTrue("cache_hit")).count());
    assertThat(hits).isBetween(200L, 1_900L);
  }
}
