package org.dnsmesh.products.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.dnsmesh.productkit.source.DnsEventSource;
import org.dnsmesh.products.apac.ApacEdgeCache;
import org.dnsmesh.products.apac.CacheHitRatio;
import org.dnsmesh.products.eu.DnssecSignedRate;
import org.dnsmesh.products.eu.EuAuthoritative;
import org.dnsmesh.products.eu.LatencyByZone;
import org.dnsmesh.products.eu.SignedZones;
import org.dnsmesh.products.na.NaResolverQueries;
import org.dnsmesh.products.na.NxdomainTopGenerators;
import org.dnsmesh.products.na.OutlierClients;
import org.dnsmesh.products.pdns.PassiveDns;
import org.dnsmesh.products.pdns.RrsetHistory;
import org.dnsmesh.products.support.DnsDailySummary;
import org.dnsmesh.products.support.EventTransform;
import org.dnsmesh.products.support.ProductContract;

/**
 * One regional product as the demo runs it: its contract file in the checkout, a bounded source (the product's
 * sample data or its synthetic generator with a fixed seed, so every fresh mesh gets the same rows), its transform
 * and its derived tables.
 */
record DemoProduct(String module, ProductContract contract, Supplier<EventTransform> transform, SourceFactory source,
    List<DerivedTable<?>> derived, List<MergedTable> merged) {

  /** Synthetic events per synthetic product: enough for every derived table to have rows, small enough to take seconds. */
  static final int SYNTHETIC_EVENTS = 2_000;
  static final long SEED = 20261201L;

  @FunctionalInterface
  interface SourceFactory {
    DnsEventSource open(Path home) throws IOException;
  }

  DemoProduct {
    Objects.requireNonNull(module, "module");
    Objects.requireNonNull(contract, "contract");
    Objects.requireNonNull(transform, "transform");
    Objects.requireNonNull(source, "source");
    derived = List.copyOf(derived);
    merged = List.copyOf(merged);
  }

  /** A product whose outputs are all recomputed per day. */
  DemoProduct(String module, ProductContract contract, Supplier<EventTransform> transform, SourceFactory source,
      List<DerivedTable<?>> derived) {
    this(module, contract, transform, source, derived, List.of());
  }

  /** {@code data-products/<module>/datacontract.yaml}: what {@code mesh product publish} publishes by hand too. */
  Path contractFile(Path home) {
    return home.resolve("data-products").resolve(module).resolve("datacontract.yaml");
  }

  String domain() {
    return contract.domain();
  }

  /** The output tables besides the raw one: derived (per day) and merged. */
  List<String> derivedTables() {
    List<String> tables = new java.util.ArrayList<>(derived.stream().map(d -> domain() + "." + d.table()).toList());
    merged.forEach(m -> tables.add(domain() + "." + m.table()));
    return tables;
  }

  static List<DemoProduct> all() {
    return List.of(na(), naPassiveDns(), eu(), apac());
  }

  /**
   * NA passive DNS: the same sample Zeek log (three transactions carry answers); the rrset history merged from the
   * answers table's new rows.
   */
  static DemoProduct naPassiveDns() {
    return new DemoProduct("na-passive-dns", PassiveDns.contract(), PassiveDns::transform,
        home -> PassiveDns.source(home.resolve("data-products/na-passive-dns/src/test/resources/sample-dns.log")),
        List.of(), List.of(MergedTable.rrsetHistory(new RrsetHistory(PassiveDns.rrsetContract()))));
  }

  /** NA: the product's sample Zeek dns.log (13 transactions, one of which the contract rejects). */
  static DemoProduct na() {
    return new DemoProduct("na-resolver-queries", NaResolverQueries.contract(), NaResolverQueries::transform,
        home -> NaResolverQueries.source(home.resolve("data-products/na-resolver-queries/src/test/resources/sample-dns.log")),
        List.of(
            new DerivedTable<>("nxdomain_top_generators_hourly", NxdomainTopGenerators.Hourly.class,
                rows -> NxdomainTopGenerators.hourly(rows, 10)),
            new DerivedTable<>("outlier_clients_daily", OutlierClients.Daily.class,
                rows -> OutlierClients.daily(rows, OutlierClients.DEFAULT_THRESHOLD)),
            new DerivedTable<>("dns_daily_summary", DnsDailySummary.Day.class,
                rows -> DnsDailySummary.of(rows, "client_id", NaResolverQueries.RESOLVER_COLUMN))));
  }

  /** EU: synthetic authoritative traffic; a fifth of the zones signed. */
  static DemoProduct eu() {
    return new DemoProduct("eu-authoritative", EuAuthoritative.contract(),
        () -> EuAuthoritative.transform(SignedZones.share(20)),
        home -> EuAuthoritative.source(SYNTHETIC_EVENTS, SEED),
        List.of(
            new DerivedTable<>("latency_by_zone_hourly", LatencyByZone.Hourly.class, LatencyByZone::hourly),
            new DerivedTable<>("dnssec_signed_rate_daily", DnssecSignedRate.Daily.class, DnssecSignedRate::daily)));
  }

  /** APAC: synthetic edge traffic over the default PoP directory. */
  static DemoProduct apac() {
    return new DemoProduct("apac-edge-cache", ApacEdgeCache.contract(),
        () -> ApacEdgeCache.transform(ApacEdgeCache.defaultPops()),
        home -> ApacEdgeCache.source(SYNTHETIC_EVENTS, SEED),
        List.of(
            new DerivedTable<>("cache_hit_ratio_hourly", CacheHitRatio.Hourly.class, CacheHitRatio::hourly),
            new DerivedTable<>("dns_daily_summary", DnsDailySummary.Day.class,
                rows -> DnsDailySummary.of(rows, "client_id", ApacEdgeCache.RESOLVER_COLUMN))));
  }
}
