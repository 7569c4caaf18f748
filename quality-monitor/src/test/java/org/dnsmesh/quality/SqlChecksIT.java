package org.dnsmesh.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.apache.iceberg.Schema;
import org.dnsmesh.quality.check.CheckInput;
import org.dnsmesh.quality.check.CompletenessCheck;
import org.dnsmesh.quality.check.JdbcSqlRunner;
import org.dnsmesh.quality.check.QualityRuleCheck;
import org.dnsmesh.quality.contract.Comparison;
import org.dnsmesh.quality.contract.ContractView;
import org.dnsmesh.quality.contract.QualityRule;
import org.dnsmesh.quality.model.CheckResult;
import org.dnsmesh.quality.model.CheckStatus;
import org.dnsmesh.quality.model.ProductId;
import org.dnsmesh.quality.model.TableKey;
import org.dnsmesh.quality.table.TableView;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The generated completeness/validity SQL and contract SQL rules, executed for real. Trino is not available
 * to unit builds, so the SQL runs on PostgreSQL: the generator emits a subset both engines accept.
 */
class SqlChecksIT {
  static final Instant NOW = Instant.parse("2026-11-20T12:10:00Z");

  final JdbcSqlRunner runner = new JdbcSqlRunner(TestDatabase.dataSource(), 30);
  final String schema = "qc_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  final TableKey key = new TableKey(new ProductId("dns.resolver-queries"), "queries");
  final Function<TableKey, String> naming = k -> "\"" + schema + "\".\"" + k.table() + "\"";

  @BeforeEach
  void createTable() throws Exception {
    try (Connection connection = TestDatabase.dataSource().getConnection(); Statement statement = connection.createStatement()) {
      statement.execute("CREATE SCHEMA " + schema);
      statement.execute("CREATE TABLE " + schema + ".queries (event_time timestamp, qname text, rcode text, ttl bigint)");
    }
  }

  record Row(Instant at, String qname, String rcode, Long ttl) {
  }

  void insert(Instant at, String qname, String rcode, Long ttl) throws Exception {
    insert(List.of(new Row(at, qname, rcode, ttl)));
  }

  /** One connection for all rows: new PostgreSQL connections are slow on a loaded machine. */
  void insert(List<Row> rows) throws Exception {
    try (Connection connection = TestDatabase.dataSource().getConnection();
        PreparedStatement insert = connection.prepareStatement("INSERT INTO " + schema + ".queries VALUES (?, ?, ?, ?)")) {
      for (Row row : rows) {
        insert.setTimestamp(1, Timestamp.valueOf(java.time.LocalDateTime.ofInstant(row.at(), java.time.ZoneOffset.UTC)));
        insert.setString(2, row.qname());
        insert.setString(3, row.rcode());
        if (row.ttl() == null) {
          insert.setNull(4, java.sql.Types.BIGINT);
        } else {
          insert.setLong(4, row.ttl());
        }
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  void healthyRows() throws Exception {
    List<Row> rows = new java.util.ArrayList<>();
    for (int i = 0; i < 20; i++) {
      rows.add(new Row(NOW.minus(Duration.ofMinutes(5 + i)), "host" + i + ".example.", i % 2 == 0 ? "NOERROR" : "NXDOMAIN", 300L));
    }
    // old rows with nulls and bad values lie outside the window: only the newest partitions count
    rows.add(new Row(NOW.minus(Duration.ofDays(1)), null, "BOGUS", -5L));
    insert(rows);
  }

  CheckResult completeness(ContractView contract) throws Exception {
    return new CompletenessCheck(runner, naming).run(input(contract, Map.of()));
  }

  CheckInput input(ContractView contract, Map<String, Double> metrics) {
    return new CheckInput(contract, new TableView(key, new Schema(SyntheticTable.SCHEMA.columns()), List.of(), List.of(),
        java.util.Optional.empty()), NOW, metrics);
  }

  @Test
  void healthyWindowIsCompleteAndValid() throws Exception {
    healthyRows();
    CheckResult result = completeness(SyntheticTable.contract(key));
    assertThat(result.status()).isEqualTo(CheckStatus.OK);
    assertThat(result.measurements()).containsEntry("rows", 20.0).containsEntry("null_rate.qname", 0.0)
        .containsEntry("invalid_share.rcode", 0.0).containsEntry("duplicate_share", 0.0);
  }

  @Test
  void nullsInARequiredFieldBreach() throws Exception {
    healthyRows();
    insert(NOW.minusSeconds(30), null, "NOERROR", 300L);
    CheckResult result = completeness(SyntheticTable.contract(key));
    assertThat(result.status()).isEqualTo(CheckStatus.BREACHED);
    assertThat(result.measurements().get("null_rate.qname")).isEqualTo(1.0 / 21);
    assertThat(result.findings()).singleElement().asString().startsWith("nulls in required column qname");
  }

  @Test
  void valuesOutsideEnumsAndRangesAndDuplicateKeysAreMeasured() throws Exception {
    healthyRows();
    Instant at = NOW.minusSeconds(30);
    insert(at, "dup.example.", "REFUSED'; --", 300L);
    insert(at, "dup.example.", "NOERROR", 90_000L);
    CheckResult result = completeness(SyntheticTable.contract(key));
    assertThat(result.status()).isEqualTo(CheckStatus.BREACHED);
    assertThat(result.measurements()).containsEntry("invalid_share.rcode", 1.0 / 22)
        .containsEntry("invalid_share.ttl", 1.0 / 22).containsEntry("duplicate_share", 2.0 / 22);
    assertThat(result.findings()).hasSize(3);
  }

  @Test
  void contractSqlAndMetricRulesAreJudged() throws Exception {
    healthyRows();
    ContractView base = SyntheticTable.contract(key);
    ContractView contract = new ContractView(key, base.contractVersion(), base.columns(), base.eventTimeColumn(),
        base.keyColumns(), base.freshness(), base.completeness(), base.volume(), List.of(
            QualityRule.sql("no_long_ttls", "SELECT count(*) FROM ${object} WHERE ttl > 3600", Comparison.MUST_BE, 0),
            QualityRule.sql("enough_rows", "SELECT count(*) FROM ${object}", Comparison.MUST_BE_GREATER_THAN, 100),
            QualityRule.metric("volume_floor", "volume.added_records", Comparison.MUST_BE_GREATER_OR_EQUAL_TO, 500)));

    CheckResult result = new QualityRuleCheck(runner, naming).run(input(contract, Map.of("volume.added_records", 800.0)));

    assertThat(result.status()).isEqualTo(CheckStatus.BREACHED);
    assertThat(result.measurements()).containsEntry("no_long_ttls", 0.0).containsEntry("enough_rows", 21.0)
        .containsEntry("volume_floor", 800.0);
    assertThat(result.findings()).singleElement().asString().startsWith("enough_rows: 21.0 violates mustBeGreaterThan");
  }
}
