package org.dnsmesh.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.openlineage.client.OpenLineage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.dnsmesh.quality.alert.AlertEvent;
import org.dnsmesh.quality.alert.AlertManager;
import org.dnsmesh.quality.check.CheckEngine;
import org.dnsmesh.quality.check.SchemaDriftCheck;
import org.dnsmesh.quality.contract.ContractView;
import org.dnsmesh.quality.lineage.QualityFacets;
import org.dnsmesh.quality.metrics.QualityMetrics;
import org.dnsmesh.quality.model.CheckKey;
import org.dnsmesh.quality.model.CheckStatus;
import org.dnsmesh.quality.model.ProductId;
import org.dnsmesh.quality.model.TableKey;
import org.dnsmesh.quality.service.CycleReport;
import org.dnsmesh.quality.service.QualityMonitor;
import org.dnsmesh.quality.store.JdbcAlertStateStore;
import org.dnsmesh.quality.store.JdbcHeartbeatStore;
import org.dnsmesh.quality.store.JdbcHistoryStore;
import org.dnsmesh.quality.table.CatalogTableSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole cycles of the service's monitor: Iceberg catalog, PostgreSQL stores, metrics, lineage, heartbeat. */
class QualityMonitorIT {
  @TempDir
  Path warehouse;

  JdbcCatalog catalog;

  @AfterEach
  void close() throws Exception {
    if (catalog != null) {
      catalog.close();
    }
  }

  @Test
  void healthyCycleThenOutOfBandColumnAlertsOnceWithHistoryMetricsLineageAndHeartbeat() throws Exception {
    catalog = SyntheticTable.catalog(warehouse);
    SyntheticTable table = SyntheticTable.create(catalog, warehouse, "queries");
    Instant lastHour = SyntheticTable.EPOCH.plus(Duration.ofHours(5));
    table.appendHourly(SyntheticTable.EPOCH, lastHour.plusSeconds(1), hour -> 1000);
    ContractView contract = SyntheticTable.contract(table.key);
    // unique per run: the alert state in the test database outlives the run
    ContractView missing = SyntheticTable.contract(
        new TableKey(new ProductId("dns.gone-" + UUID.randomUUID()), "nowhere.gone"));

    MutableClock clock = new MutableClock(lastHour.plus(Duration.ofMinutes(10)));
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    RecordingPublisher alerts = new RecordingPublisher();
    List<OpenLineage.RunEvent> lineage = new ArrayList<>();
    JdbcHistoryStore history = new JdbcHistoryStore(TestDatabase.migrated());
    JdbcHeartbeatStore heartbeats = new JdbcHeartbeatStore(TestDatabase.migrated());
    String instance = "it-" + UUID.randomUUID();
    QualityMonitor monitor = new QualityMonitor(instance, () -> List.of(contract, missing),
        new CatalogTableSource(catalog, CatalogTableSource.dottedNames(), Duration.ofDays(2)),
        CheckEngine.metadataOnly(), history, new AlertManager(new JdbcAlertStateStore(TestDatabase.migrated()), alerts),
        new QualityMetrics(registry, clock), heartbeats, new QualityFacets("iceberg://dns", "dnsmesh.quality"),
        Optional.of(lineage::add), clock);

    CycleReport healthy = monitor.runCycle();

    assertThat(healthy.results()).filteredOn(r -> r.key().table().equals(table.key))
        .extracting(r -> r.status()).containsOnly(CheckStatus.OK).hasSize(3);
    assertThat(healthy.results()).filteredOn(r -> r.key().check().equals(QualityMonitor.TABLE_LOAD))
        .singleElement().satisfies(r -> assertThat(r.status()).isEqualTo(CheckStatus.BREACHED));
    assertThat(alerts.events).singleElement()
        .satisfies(event -> assertThat(event.key().check()).isEqualTo(QualityMonitor.TABLE_LOAD));
    alerts.events.clear();
    assertThat(heartbeats.last(instance)).hasValueSatisfying(h -> {
      assertThat(h.tablesChecked()).isEqualTo(2);
      assertThat(h.checkErrors()).isZero();
    });
    assertThat(registry.get("dnsmesh.quality.check.status").tag("check", "freshness").gauge().value()).isZero();
    assertThat(registry.get("dnsmesh.quality.monitor.last.cycle.age").gauge().value()).isZero();
    assertThat(lineage).singleElement().satisfies(event -> {
      OpenLineage.InputDataset input = event.getInputs().getFirst();
      assertThat(input.getName()).isEqualTo(table.key.table());
      assertThat(input.getInputFacets().getDataQualityMetrics().getRowCount()).isEqualTo(6000L);
      assertThat(input.getInputFacets().getDataQualityAssertions().getAssertions())
          .extracting(a -> a.getAssertion() + "=" + a.getSuccess())
          .containsExactly("freshness=true", "volume=true", "schema_drift=true");
    });

    table.clock.setNow(clock.instant().plusSeconds(1));
    table.addColumnOutOfBand("client_subnet");
    clock.set(clock.instant().plusSeconds(5));
    long started = System.nanoTime();
    CycleReport drift = monitor.runDriftCycle();
    // reported, not asserted: drift is seen at most one drift interval (5 s) plus this after the commit
    System.out.printf("drift-only cycle over 2 targets took %d ms%n", (System.nanoTime() - started) / 1_000_000);
    assertThat(drift.alerts()).hasSize(1);
    clock.set(clock.instant().plusSeconds(25));
    started = System.nanoTime();
    monitor.runCycle();
    System.out.printf("full metadata cycle over 2 targets took %d ms%n", (System.nanoTime() - started) / 1_000_000);
    clock.set(clock.instant().plusSeconds(30));
    CycleReport third = monitor.runCycle();

    assertThat(alerts.events).singleElement().satisfies(event -> {
      assertThat(event.type()).isEqualTo(AlertEvent.Type.OPENED);
      assertThat(event.key().check()).isEqualTo(SchemaDriftCheck.NAME);
      assertThat(event.findings()).singleElement().asString().startsWith("EXTRA client_subnet");
    });
    assertThat(third.alerts()).isEmpty();
    assertThat(history.history(new CheckKey(table.key, SchemaDriftCheck.NAME), SyntheticTable.EPOCH,
        clock.instant().plusSeconds(1))).extracting(r -> r.status())
        .containsExactly(CheckStatus.OK, CheckStatus.BREACHED, CheckStatus.BREACHED, CheckStatus.BREACHED);
    assertThat(registry.get("dnsmesh.quality.alerts").tag("type", "OPENED").tag("check", "schema_drift").counter()
        .count()).isEqualTo(1.0);
    assertThat(registry.get("dnsmesh.quality.check.status").tag("check", "schema_drift").gauge().value()).isEqualTo(2.0);

    clock.set(clock.instant().plus(Duration.ofMinutes(5)));
    assertThat(registry.get("dnsmesh.quality.monitor.last.cycle.age").gauge().value()).isEqualTo(300.0);
    assertThat(heartbeats.last(instance).orElseThrow().isStale(clock.instant(), Duration.ofSeconds(30))).isTrue();
  }
}
