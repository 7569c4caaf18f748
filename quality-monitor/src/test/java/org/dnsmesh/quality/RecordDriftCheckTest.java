package org.dnsmesh.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dnsmesh.quality.check.CheckInput;
import org.dnsmesh.quality.check.QuarantineStats;
import org.dnsmesh.quality.check.RecordDriftCheck;
import org.dnsmesh.quality.contract.Threshold;
import org.dnsmesh.quality.model.CheckResult;
import org.dnsmesh.quality.model.CheckStatus;
import org.dnsmesh.quality.model.ProductId;
import org.dnsmesh.quality.model.TableKey;
import org.dnsmesh.quality.table.TableView;
import org.junit.jupiter.api.Test;

class RecordDriftCheckTest {
  final TableKey key = new TableKey(new ProductId("p"), "t");

  CheckResult run(Optional<QuarantineStats> stats) throws Exception {
    RecordDriftCheck check = new RecordDriftCheck((table, since, until) -> stats, Duration.ofHours(1),
        new Threshold(0.01, 0.05));
    TableView view = new TableView(key, SyntheticTable.SCHEMA, List.of(), List.of(), Optional.empty());
    return check.run(new CheckInput(SyntheticTable.contract(key), view, Instant.parse("2026-11-20T10:00:00Z"), Map.of()));
  }

  @Test
  void quarantineRatesByReasonAreJudged() throws Exception {
    CheckResult result = run(Optional.of(new QuarantineStats(900, Map.of("missing_qname", 80L, "bad_rcode", 20L))));
    assertThat(result.status()).isEqualTo(CheckStatus.BREACHED);
    assertThat(result.measurements()).containsEntry("quarantine_rate", 0.1)
        .containsEntry("quarantine_rate.missing_qname", 0.08).containsEntry("quarantine_rate.bad_rcode", 0.02);
    assertThat(result.findings()).containsExactly("bad_rcode: 20 of 1000 records (2.000%)",
        "missing_qname: 80 of 1000 records (8.000%)");
  }

  @Test
  void lowRatesAndNoReportsAreOk() throws Exception {
    assertThat(run(Optional.of(new QuarantineStats(10_000, Map.of("bad_rcode", 5L)))).status()).isEqualTo(CheckStatus.OK);
    assertThat(run(Optional.empty()).status()).isEqualTo(CheckStatus.OK);
  }
}
