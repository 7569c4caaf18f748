package org.dnsmesh.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.dnsmesh.quality.check.CheckInput;
import org.dnsmesh.quality.check.VolumeCheck;
import org.dnsmesh.quality.model.CheckKey;
import org.dnsmesh.quality.model.TableKey;
import org.dnsmesh.quality.table.SnapshotView;
import org.dnsmesh.quality.table.TableView;
import org.dnsmesh.quality.model.CheckResult;
import org.dnsmesh.quality.model.CheckStatus;
import org.dnsmesh.quality.model.ProductId;
import org.dnsmesh.quality.store.Heartbeat;
import org.dnsmesh.quality.store.JdbcHeartbeatStore;
import org.dnsmesh.quality.store.JdbcHistoryStore;
import org.dnsmesh.quality.store.QualityDatabase;
import org.dnsmesh.quality.store.SlaCompliance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** History, SLA compliance and heartbeat on the test PostgreSQL after the Flyway migrations. */
class QualityStoreIT {
  static final Instant T0 = Instant.parse("2026-11-20T00:00:00Z");

  final String product = "p-" + UUID.randomUUID();
  final JdbcHistoryStore history = new JdbcHistoryStore(TestDatabase.dataSource());

  @BeforeAll
  static void migrate() {
    TestDatabase.migrated();
  }

  @Test
  void migrationsAreRepeatableAndCreateTheTables() throws Exception {
    assertThat(QualityDatabase.migrate(TestDatabase.dataSource()).migrationsExecuted).isZero();
    try (Connection connection = TestDatabase.dataSource().getConnection();
        ResultSet tables = connection.getMetaData().getTables(null, "quality", "%", new String[] {"TABLE"})) {
      List<String> names = new ArrayList<>();
      while (tables.next()) {
        names.add(tables.getString("TABLE_NAME"));
      }
      assertThat(names).contains("check_result", "open_alert", "suppression", "heartbeat");
    }
  }

  @Test
  void storesHistoryAndTheLatestResultPerCheck() {
    CheckKey freshness = CheckKey.of(product, "dns.queries", "freshness");
    CheckKey volume = CheckKey.of(product, "dns.queries", "volume");
    history.record(List.of(
        new CheckResult(freshness, CheckStatus.OK, "fresh", Map.of("commit_age_seconds", 60.0), List.of(), T0),
        new CheckResult(freshness, CheckStatus.BREACHED, "stale", Map.of("commit_age_seconds", 9000.0, "nan", Double.NaN),
            List.of("too old"), T0.plusSeconds(60)),
        new CheckResult(volume, CheckStatus.OK, "ok", Map.of(), List.of(), T0)));

    List<CheckResult> stored = history.history(freshness, T0, T0.plusSeconds(3600));
    assertThat(stored).extracting(CheckResult::status).containsExactly(CheckStatus.OK, CheckStatus.BREACHED);
    assertThat(stored.get(1).measurements()).containsExactly(Map.entry("commit_age_seconds", 9000.0));
    assertThat(stored.get(1).findings()).containsExactly("too old");
    assertThat(history.latest(Optional.of(new ProductId(product))))
        .extracting(r -> r.key().check() + "=" + r.status())
        .containsExactly("freshness=BREACHED", "volume=OK");
  }

  @Test
  void slaComplianceIsTheShareOfObservedIntervalsWithoutBreach() {
    CheckKey freshness = CheckKey.of(product, "dns.queries", "freshness");
    List<CheckResult> results = new ArrayList<>();
    // 10 hours, two runs per hour; hour 3 has one breach, hour 7 only errors, hour 9 not observed at all
    for (int hour = 0; hour < 9; hour++) {
      for (int run = 0; run < 2; run++) {
        Instant at = T0.plus(Duration.ofHours(hour)).plus(Duration.ofMinutes(run * 30L));
        CheckStatus status = hour == 3 && run == 1 ? CheckStatus.BREACHED
            : hour == 7 ? CheckStatus.ERROR : CheckStatus.OK;
        results.add(new CheckResult(freshness, status, "s", Map.of(), List.of(), at));
      }
    }
    history.record(results);

    SlaCompliance compliance = history.compliance(freshness.table(), Optional.of("freshness"), T0,
        T0.plus(Duration.ofHours(10)), Duration.ofHours(1));

    assertThat(compliance).isEqualTo(new SlaCompliance(10, 8, 7));
    assertThat(compliance.percentInSla()).isEqualTo(87.5);
    assertThat(compliance.percentObserved()).isEqualTo(80.0);
  }

  @Test
  void volumeBandUsesRememberedMeasurementsOnceSnapshotsExpired() {
    TableKey table = new TableKey(new ProductId(product), "dns.queries");
    CheckKey volume = new CheckKey(table, VolumeCheck.NAME);
    Instant evaluated = T0.plus(Duration.ofDays(5)).plus(Duration.ofHours(12));
    List<CheckResult> past = new ArrayList<>();
    for (int day = 1; day <= 4; day++) {
      Instant measuredAt = evaluated.minus(Duration.ofDays(day)).plus(Duration.ofMinutes(70));
      past.add(new CheckResult(volume, CheckStatus.OK, "ok", Map.of("added_records", 1000.0 + day), List.of(), measuredAt));
    }
    history.record(past);
    // the table kept only today's snapshots: one small append in the evaluated hour
    TableView view = new TableView(table, SyntheticTable.SCHEMA, List.of(),
        List.of(new SnapshotView(1, evaluated.plusSeconds(300), "append", 150, 0, 150)), Optional.empty());
    CheckInput input = new CheckInput(SyntheticTable.contract(table), view, evaluated.plus(Duration.ofMinutes(70)), Map.of());

    CheckResult withMemory = new VolumeCheck(history).run(input);
    CheckResult snapshotsOnly = new VolumeCheck().run(input);

    assertThat(withMemory.status()).isEqualTo(CheckStatus.BREACHED);
    assertThat(withMemory.measurements().get("expected_records")).isEqualTo(1002.5);
    assertThat(snapshotsOnly.summary()).contains("not enough history");
  }

  @Test
  void heartbeatShowsWhenTheMonitorStopped() {
    JdbcHeartbeatStore beats = new JdbcHeartbeatStore(TestDatabase.dataSource());
    String instance = "monitor-" + UUID.randomUUID();
    beats.beat(new Heartbeat(instance, T0, T0.plusSeconds(2), 5, 0));
    beats.beat(new Heartbeat(instance, T0.plusSeconds(30), T0.plusSeconds(31), 5, 1));

    Heartbeat last = beats.last(instance).orElseThrow();
    assertThat(last.checkErrors()).isEqualTo(1);
    assertThat(last.isStale(T0.plusSeconds(60), Duration.ofSeconds(30))).isFalse();
    assertThat(last.isStale(T0.plusSeconds(200), Duration.ofSeconds(30))).isTrue();
    assertThat(last.staleness(T0.plusSeconds(200))).isEqualTo(Duration.ofSeconds(169));
  }
}
