package org.dnsmesh.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dnsmesh.quality.check.CheckInput;
import org.dnsmesh.quality.check.RobustBand;
import org.dnsmesh.quality.check.VolumeCheck;
import org.dnsmesh.quality.model.CheckResult;
import org.dnsmesh.quality.model.CheckStatus;
import org.dnsmesh.quality.model.ProductId;
import org.dnsmesh.quality.model.TableKey;
import org.dnsmesh.quality.table.SnapshotView;
import org.dnsmesh.quality.table.TableView;
import org.junit.jupiter.api.Test;

class VolumeCheckTest {
  static final Instant DAY0 = Instant.parse("2026-11-10T00:00:00Z");
  static final TableKey KEY = new TableKey(new ProductId("dns.p"), "t");
  static final Instant NOW = DAY0.plus(Duration.ofDays(7)).plus(Duration.ofHours(13)).plus(Duration.ofMinutes(10));

  /** Seven days of one commit per hour (with the given count at 12:xx on day 7), daily rhythm by hour of day. */
  static CheckResult run(long lastCount) {
    List<SnapshotView> snapshots = new ArrayList<>();
    long id = 1;
    for (Instant at = DAY0; at.isBefore(NOW); at = at.plus(Duration.ofHours(1))) {
      int hour = (int) Duration.between(DAY0, at).toHours() % 24;
      long count = at.equals(DAY0.plus(Duration.ofDays(7)).plus(Duration.ofHours(12))) ? lastCount
          : 1000 + hour * 100 + (id % 3) * 10;
      snapshots.add(new SnapshotView(id++, at.plus(Duration.ofMinutes(5)), "append", count, 0, 0));
    }
    TableView view = new TableView(KEY, SyntheticTable.SCHEMA, List.of(), snapshots, Optional.empty());
    return new VolumeCheck().run(new CheckInput(SyntheticTable.contract(KEY), view, NOW, Map.of()));
  }

  @Test
  void normalHourIsWithinTheBandOfTheSameHourOnEarlierDays() {
    CheckResult result = run(2210);
    assertThat(result.status()).isEqualTo(CheckStatus.OK);
    assertThat(result.measurements().get("expected_records")).isBetween(2200.0, 2220.0);
  }

  @Test
  void dropAndSpikeBreach() {
    assertThat(run(300).status()).isEqualTo(CheckStatus.BREACHED);
    assertThat(run(300).findings()).singleElement().asString().startsWith("drop: 300 records");
    CheckResult spike = run(9000);
    assertThat(spike.status()).isEqualTo(CheckStatus.BREACHED);
    assertThat(spike.findings()).singleElement().asString().startsWith("spike: 9000 records");
  }

  @Test
  void moderateDeviationIsAtRisk() {
    assertThat(run(2040).status()).isEqualTo(CheckStatus.AT_RISK);
  }

  @Test
  void compactionsAreNeitherVolumeNorFreshness() {
    List<SnapshotView> snapshots = new ArrayList<>();
    for (int day = 3; day >= 1; day--) {
      Instant at = NOW.minus(Duration.ofDays(day)).minus(Duration.ofMinutes(65));
      snapshots.add(new SnapshotView(day, at, "append", 1000, 0, 0));
    }
    Instant lastHour = NOW.minus(Duration.ofMinutes(65));
    snapshots.add(new SnapshotView(10, lastHour, "append", 1000, 0, 0));
    snapshots.add(new SnapshotView(11, lastHour.plusSeconds(60), "replace", 50_000, 50_000, 0));
    TableView view = new TableView(KEY, SyntheticTable.SCHEMA, List.of(), snapshots, Optional.empty());

    assertThat(new VolumeCheck().run(new CheckInput(SyntheticTable.contract(KEY), view, NOW, Map.of())).status())
        .isEqualTo(CheckStatus.OK);
    assertThat(view.newestDataSnapshot()).map(SnapshotView::snapshotId).contains(10L);
  }

  @Test
  void tooLittleHistoryGivesNoVerdict() {
    SnapshotView only = new SnapshotView(1, NOW.minus(Duration.ofMinutes(65)), "append", 5, 0, 5);
    TableView view = new TableView(KEY, SyntheticTable.SCHEMA, List.of(), List.of(only), Optional.empty());
    CheckResult result = new VolumeCheck().run(new CheckInput(SyntheticTable.contract(KEY), view, NOW, Map.of()));
    assertThat(result.status()).isEqualTo(CheckStatus.OK);
    assertThat(result.summary()).contains("not enough history");
  }

  @Test
  void oneOutlierInHistoryDoesNotWidenTheBand() {
    RobustBand band = RobustBand.of(List.of(100.0, 102.0, 98.0, 101.0, 5000.0));
    assertThat(band.median()).isEqualTo(101.0);
    assertThat(band.scaledMad()).isLessThan(5);
  }
}
