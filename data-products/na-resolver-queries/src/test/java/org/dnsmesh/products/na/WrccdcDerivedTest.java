package org.dnsmesh.products.na;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.dnsmesh.products.support.DnsDailySummary;
import org.dnsmesh.products.support.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Derived numbers on the real WRCCDC 2018 Zeek log ({@code ../shared/data}); skipped visibly when absent. */
class WrccdcDerivedTest {

  static List<Row> rows;

  @BeforeAll
  static void read() throws Exception {
    Path log = NaFixtures.sharedData("wrccdc2018_zeek_dns.log");
    rows = NaFixtures.rows(log);
  }

  /** The raw address behind the top generator, found independently of the derived table. */
  private static String clientWithMostNxdomains() throws Exception {
    java.util.Map<String, Long> nx = new java.util.HashMap<>();
    org.dnsmesh.productkit.source.DnsEventSource source = NaResolverQueries.source(NaFixtures.sharedData(
        "wrccdc2018_zeek_dns.log"));
    org.dnsmesh.productkit.normalize.DnsNormalizer normalizer = new org.dnsmesh.productkit.normalize.DnsNormalizer(
        org.dnsmesh.productkit.normalize.UnicodeNames.DROP);
    org.dnsmesh.productkit.normalize.CaptureDuplicateFilter duplicates =
        org.dnsmesh.productkit.normalize.CaptureDuplicateFilter.oneMillisecond();
    source.readAll(new org.dnsmesh.productkit.source.DnsEventSource.Sink() {
      @Override
      public void event(org.dnsmesh.productkit.source.RawDnsEvent raw) {
        var normalized = normalizer.normalizeWithKey(raw);
        if (!duplicates.isDuplicate(normalized.transactionKey(), normalized.event().eventTs())
            && "NXDOMAIN".equals(normalized.event().rcode())
            && normalized.event().eventTs().toString().startsWith("2018-03-24T17")) {
          nx.merge(raw.clientIp(), 1L, Long::sum);
        }
      }

      @Override
      public void unparsed(org.dnsmesh.productkit.source.UnparsedRecord record) {}
    });
    return nx.entrySet().stream().max(java.util.Map.Entry.comparingByValue()).orElseThrow().getKey();
  }

  @Test
  void derivedTablesOnTheRealLog() throws Exception {
    IndependentDailySummary truth = IndependentDailySummary.of(NaFixtures.sharedData("wrccdc2018_zeek_dns.log"));
    assertThat(rows).hasSize((int) truth.queries());
    List<DnsDailySummary.Day> days = DnsDailySummary.of(rows, "client_id", NaResolverQueries.RESOLVER_COLUMN);
    System.out.println("WRCCDC dns_daily_summary: " + days);
    List<NxdomainTopGenerators.Hourly> top = NxdomainTopGenerators.hourly(rows, 5);
    System.out.println("WRCCDC nxdomain_top_generators_hourly: " + top);
    List<OutlierClients.Daily> outliers = OutlierClients.daily(rows, OutlierClients.DEFAULT_THRESHOLD).stream()
        .filter(OutlierClients.Daily::outlier).toList();
    System.out.println("WRCCDC outlier_clients_daily: " + outliers.size() + " outliers");
    assertThat(days).containsExactly(truth.day());
    assertThat(top).hasSize(5);
    assertThat(top.get(0).hour()).isEqualTo(java.time.Instant.parse("2018-03-24T17:00:00Z"));
    // the fourth client's NXDOMAIN without a query (Zeek '-') is quarantined, not in the table: 57 of 804, not 58 of 805
    assertThat(top).extracting(NxdomainTopGenerators.Hourly::nxdomainCount).containsExactly(109L, 71L, 66L, 57L, 52L);
    assertThat(top).extracting(NxdomainTopGenerators.Hourly::queries).containsExactly(913L, 704L, 434L, 804L, 205L);
    assertThat(top.get(0).clientId()).isEqualTo(NaFixtures.clientId(clientWithMostNxdomains()));
    assertThat(outliers).hasSize(42);
    assertThat(OutlierClients.daily(rows, OutlierClients.DEFAULT_THRESHOLD)).hasSize(77);
  }

  /**
   * The daily summary's definitions, computed again from the log's own text with none of the product's code: fields
   * by the {@code #fields} header, capture copies (same transaction fields within 1 ms of the last sighting)
   * dropped, rows without a query left out (the contract requires {@code query_name}), then the counts.
   */
  @Test
  void independentSummaryHasTheExpectedShape() throws Exception {
    IndependentDailySummary truth = IndependentDailySummary.of(NaFixtures.sharedData("wrccdc2018_zeek_dns.log"));
    // what the log is known to hold (../shared/data/SOURCES.txt): one day, 21 minutes, 77 clients
    assertThat(truth.day().day()).isEqualTo(java.time.LocalDate.parse("2018-03-24"));
    assertThat(truth.day().captureSeconds()).isBetween(20 * 60.0, 22 * 60.0);
    assertThat(truth.day().uniqueClients()).isEqualTo(77);
    assertThat(truth.day().answered()).isLessThan(truth.queries());
  }

  /**
   * With {@code excludeTraffic: [netbios, mdns, llmnr]} in the contract, the capture's NetBIOS lookups (port 137)
   * and {@code .local} names are left out at ingest and counted as excluded; the daily summary then counts only
   * unicast DNS resolvers. Expected values from the independent computation with the same exclusion.
   */
  @Test
  void linkLocalTrafficExcludedWhenTheContractSaysSo(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    Path log = NaFixtures.sharedData("wrccdc2018_zeek_dns.log");
    String contract = new String(NaResolverQueries.class.getResourceAsStream(NaResolverQueries.CONTRACT).readAllBytes(),
        java.nio.charset.StandardCharsets.UTF_8).replace("""
              - property: kafkaKey
                value: query_name
        """, """
              - property: kafkaKey
                value: query_name
              - property: excludeTraffic
                value: [netbios, mdns, llmnr]
        """);
    Path file = java.nio.file.Files.writeString(dir.resolve("datacontract.yaml"), contract);
    org.dnsmesh.products.support.ProductContract excluding =
        org.dnsmesh.products.support.ProductContract.load(file, NaResolverQueries.OBJECT);
    assertThat(excluding.excludedTraffic()).hasSize(3);
    List<Row> kept = new java.util.ArrayList<>();
    org.dnsmesh.productkit.pipeline.IngestSummary summary = new org.dnsmesh.products.support.ProductIngest(excluding,
        NaResolverQueries.transform(), NaFixtures.KEYS).rows(NaResolverQueries.source(log),
        org.dnsmesh.productkit.normalize.CaptureDuplicateFilter.oneMillisecond(), r -> kept.add(new Row(r)));

    IndependentDailySummary truth = IndependentDailySummary.of(log, true);
    System.out.println("WRCCDC without link-local traffic: " + summary.describe() + " " + truth.day());
    assertThat(summary.excluded()).isEqualTo(truth.excluded());
    assertThat(kept).hasSize((int) truth.queries());
    assertThat(DnsDailySummary.of(kept, "client_id", NaResolverQueries.RESOLVER_COLUMN)).containsExactly(truth.day());
    assertThat(truth.day().uniqueResolvers()).isLessThan(215);
  }
}
