package org.dnsmesh.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.dnsmesh.quality.alert.AlertEvent;
import org.dnsmesh.quality.alert.AlertManager;
import org.dnsmesh.quality.alert.InMemoryAlertStateStore;
import org.dnsmesh.quality.check.CheckEngine;
import org.dnsmesh.quality.check.FreshnessCheck;
import org.dnsmesh.quality.check.SchemaDriftCheck;
import org.dnsmesh.quality.check.VolumeCheck;
import org.dnsmesh.quality.model.CheckResult;
import org.dnsmesh.quality.model.CheckStatus;
import org.dnsmesh.quality.table.TableView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each metadata check on real Iceberg tables (JdbcCatalog on PostgreSQL, local warehouse) with synthetic snapshots. */
class IcebergChecksIT {
  @TempDir
  static Path warehouse;

  static JdbcCatalog catalog;
  /**
   * Commits of ~1000 records at hh:05 for the hour before: hourly over the last 12 hours, and at the evaluated
   * hour on the 3 days before (all the volume band reads), so the history costs 15 commits, not 84.
   */
  static SyntheticTable healthy;
  static final Instant LAST_HOUR = SyntheticTable.EPOCH.plus(Duration.ofDays(3)).plus(Duration.ofHours(11));
  static final Instant NOW = LAST_HOUR.plus(Duration.ofMinutes(10));

  private final CheckEngine engine = CheckEngine.metadataOnly();
  private final RecordingPublisher publisher = new RecordingPublisher();
  private final AlertManager alerts = new AlertManager(new InMemoryAlertStateStore(), publisher);

  @BeforeAll
  static void createHistory() {
    catalog = SyntheticTable.catalog(warehouse);
    healthy = SyntheticTable.create(catalog, warehouse, "queries");
    Instant evaluated = LAST_HOUR.minus(Duration.ofHours(1));
    for (int day = 3; day >= 1; day--) {
      Instant at = evaluated.minus(Duration.ofDays(day));
      healthy.append(at.plus(Duration.ofMinutes(5)), normalVolume(day), at.minusSeconds(1));
    }
    healthy.appendHourly(LAST_HOUR.minus(Duration.ofHours(11)), LAST_HOUR.plusSeconds(1), IcebergChecksIT::normalVolume);
  }

  @AfterAll
  static void closeCatalog() throws Exception {
    catalog.close();
  }

  static long normalVolume(long hour) {
    return 1000 + (hour * 37) % 50;
  }

  @Test
  void healthyBaselineRaisesNoAlert() throws Exception {
    List<CheckResult> results = runAndAlert(healthy.view(), NOW);

    assertThat(statuses(results)).containsOnly(
        Map.entry(FreshnessCheck.NAME, CheckStatus.OK),
        Map.entry(VolumeCheck.NAME, CheckStatus.OK),
        Map.entry(SchemaDriftCheck.NAME, CheckStatus.OK));
    assertThat(byName(results, VolumeCheck.NAME).measurements()).containsKeys("expected_records", "band_lower");
    assertThat(publisher.events).isEmpty();
  }

  @Test
  void staleSnapshotsRaiseFreshnessAndANewCommitResolvesIt() throws Exception {
    SyntheticTable table = SyntheticTable.create(catalog, warehouse, "stale");
    table.appendHourly(LAST_HOUR.minus(Duration.ofHours(3)), LAST_HOUR.plusSeconds(1), IcebergChecksIT::normalVolume);

    CheckResult atRisk = byName(runAndAlert(table.view(), NOW.plus(Duration.ofHours(1))), FreshnessCheck.NAME);
    assertThat(atRisk.status()).isEqualTo(CheckStatus.AT_RISK);
    assertThat(publisher.events).isEmpty();

    Instant late = NOW.plus(Duration.ofHours(3));
    CheckResult stale = byName(runAndAlert(table.view(), late), FreshnessCheck.NAME);
    assertThat(stale.status()).isEqualTo(CheckStatus.BREACHED);
    assertThat(stale.findings()).anyMatch(f -> f.contains("newest commit"));
    runAndAlert(table.view(), late.plusSeconds(30));
    assertThat(publisher.events).singleElement().satisfies(event -> {
      assertThat(event.type()).isEqualTo(AlertEvent.Type.OPENED);
      assertThat(event.key().check()).isEqualTo(FreshnessCheck.NAME);
    });

    table.append(late.plusSeconds(60), 1000, late.minusSeconds(600));
    runAndAlert(table.view(), late.plusSeconds(90));
    assertThat(publisher.events).hasSize(2);
    assertThat(publisher.events.get(1).type()).isEqualTo(AlertEvent.Type.RESOLVED);
    assertThat(publisher.events.get(1).alertId()).isEqualTo(publisher.events.get(0).alertId());
  }

  @Test
  void volumeDropRaisesVolumeAlert() throws Exception {
    SyntheticTable table = SyntheticTable.create(catalog, warehouse, "dropped");
    // only the same hour of earlier days matters for the band, so history is sparse to keep the test fast
    Instant dropHour = LAST_HOUR.minus(Duration.ofHours(1));
    for (int day = 3; day >= 1; day--) {
      Instant at = dropHour.minus(Duration.ofDays(day));
      table.append(at.plus(Duration.ofMinutes(5)), normalVolume(day), at.minusSeconds(1));
    }
    table.append(dropHour.plus(Duration.ofMinutes(5)), 120, dropHour.minusSeconds(1));
    table.append(LAST_HOUR.plus(Duration.ofMinutes(5)), 1000, LAST_HOUR.minusSeconds(1));

    List<CheckResult> results = runAndAlert(table.view(), NOW);

    CheckResult volume = byName(results, VolumeCheck.NAME);
    assertThat(volume.status()).isEqualTo(CheckStatus.BREACHED);
    assertThat(volume.findings()).singleElement().asString().startsWith("drop: 120 records");
    assertThat(byName(results, FreshnessCheck.NAME).status()).isEqualTo(CheckStatus.OK);
    assertThat(publisher.events).singleElement()
        .satisfies(event -> assertThat(event.key().check()).isEqualTo(VolumeCheck.NAME));
  }

  @Test
  void addedColumnRaisesDriftAndRenameIsSeenByFieldId() throws Exception {
    SyntheticTable table = SyntheticTable.create(catalog, warehouse, "drifting");
    table.appendHourly(LAST_HOUR.minus(Duration.ofHours(2)), LAST_HOUR.plusSeconds(1), IcebergChecksIT::normalVolume);
    assertThat(byName(runAndAlert(table.view(), NOW), SchemaDriftCheck.NAME).status()).isEqualTo(CheckStatus.OK);

    table.clock.setNow(NOW.plusSeconds(1));
    table.addColumnOutOfBand("client_subnet");
    CheckResult drift = byName(runAndAlert(table.view(), NOW.plusSeconds(2)), SchemaDriftCheck.NAME);
    assertThat(drift.status()).isEqualTo(CheckStatus.BREACHED);
    assertThat(drift.findings()).singleElement().asString().startsWith("EXTRA client_subnet");
    assertThat(publisher.events).singleElement()
        .satisfies(event -> assertThat(event.key().check()).isEqualTo(SchemaDriftCheck.NAME));

    table.clock.setNow(NOW.plusSeconds(3));
    table.renameColumn("qname", "query_name");
    CheckResult renamed = byName(runAndAlert(table.view(), NOW.plusSeconds(4)), SchemaDriftCheck.NAME);
    assertThat(renamed.findings()).contains("RENAMED qname: field id 2 is now named 'query_name'")
        .noneMatch(f -> f.startsWith("EXTRA query_name"));
    assertThat(publisher.events).hasSize(1);
  }

  @Test
  void newestEventTimeComesFromFileBoundsNotFromAScan() {
    TableView view = healthy.view();
    assertThat(view.maxEventTime()).contains(LAST_HOUR.minusSeconds(1));
    assertThat(view.snapshots()).hasSize(3 + 12);
  }

  private List<CheckResult> runAndAlert(TableView view, Instant now) throws Exception {
    List<CheckResult> results = engine.run(SyntheticTable.contract(view.key()), view, now);
    for (CheckResult result : results) {
      alerts.onResult(result);
    }
    return results;
  }

  private static Map<String, CheckStatus> statuses(List<CheckResult> results) {
    return results.stream().collect(Collectors.toMap(r -> r.key().check(), CheckResult::status));
  }

  private static CheckResult byName(List<CheckResult> results, String check) {
    return results.stream().filter(r -> r.key().check().equals(check)).findFirst().orElseThrow();
  }
}
