package org.dnsmesh.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.dnsmesh.contracts.DataContracts;
import org.junit.jupiter.api.Test;

class RetentionPoliciesTest {

  private static String contract(String contractProperties, String sla, String tables) {
    return """
        apiVersion: v3.1.0
        kind: DataContract
        id: lifecycle-test
        name: lifecycle-test
        version: 2.1.0
        status: active
        domain: na
        %s
        %s
        schema:
        %s
        """.formatted(contractProperties, sla, tables);
  }

  private static final String RAW = """
          - name: raw_events
            physicalType: table
            customProperties:
              - property: partitioning
                value: ["day(event_ts)", "identity(tld)"]
            properties:
              - name: event_ts
                logicalType: timestamp
                physicalType: timestamp(6) with time zone
                classification: internal
              - name: client_ip
                logicalType: string
                physicalType: varchar
                classification: restricted
              - name: tld
                logicalType: string
                physicalType: varchar
                classification: public
        """;

  private static final String AGGREGATE = """
          - name: hourly
            physicalType: table
            customProperties:
              - property: partitioning
                value: ["hour(hour)"]
            properties:
              - name: hour
                logicalType: timestamp
                physicalType: timestamp(6) with time zone
                classification: public
              - name: answers
                logicalType: integer
                physicalType: bigint
                classification: public
        """;

  private static final String SLA_400 = """
        slaProperties:
          - property: retention
            value: 400
            unit: d
        """;

  private static final String CLASSIFIED = """
        customProperties:
          - property: timeTravel
            value: 3d
          - property: retentionByClassification
            value: {restricted: 30d, internal: 90d}
        """;

  private static RetentionPolicies.Result parse(String text) {
    return RetentionPolicies.of(DataContracts.parse(text, "test.yaml"));
  }

  @Test
  void classificationDecidesForRawDataAndTheSlaForAggregates() {
    RetentionPolicies.Result result = parse(contract(CLASSIFIED, SLA_400, RAW + AGGREGATE));
    assertThat(result.unmanaged()).isEmpty();
    assertThat(result.managed()).containsExactly(
        new TableRetention(new TrinoTable("na", "na", "raw_events"), "event_ts", Duration.ofDays(30),
            Duration.ofDays(3), ChronoUnit.DAYS, "2.1.0", "classification restricted 30d"),
        new TableRetention(new TrinoTable("na", "na", "hourly"), "hour", Duration.ofDays(400),
            Duration.ofDays(3), ChronoUnit.HOURS, "2.1.0", "SLA retention 400d"));
  }

  @Test
  void aTablesOwnRetentionWinsAndTheDefaultWindowIsSevenDays() {
    String own = RAW.replace("""
              - property: partitioning
        """, """
              - property: retention
                value: 12h
              - property: retentionColumn
                value: event_ts
              - property: partitioning
        """);
    TableRetention retention = parse(contract("", SLA_400, own)).managed().getFirst();
    assertThat(retention.retention()).isEqualTo(Duration.ofHours(12));
    assertThat(retention.rule()).isEqualTo("table retention PT12H");
    assertThat(retention.timeTravel()).isEqualTo(Duration.ofDays(RetentionPolicies.DEFAULT_TIME_TRAVEL_DAYS));
  }

  @Test
  void withoutAnyRetentionTheTableIsListedAsKept() {
    RetentionPolicies.Result result = parse(contract("", "", AGGREGATE));
    assertThat(result.managed()).isEmpty();
    assertThat(result.unmanaged()).containsOnlyKeys("na.na.hourly");
  }

  @Test
  void aRetentionWithoutATimeColumnIsNotEnforcedAndSaysWhy() {
    RetentionPolicies.Result result = parse(contract("", SLA_400, RAW.replace("day(event_ts)", "bucket(4, tld)")));
    assertThat(result.managed()).isEmpty();
    assertThat(result.unmanaged().get("na.na.raw_events")).contains("retentionColumn");
  }

  @Test
  void aRetentionColumnThatIsNoColumnIsRefused() {
    String wrong = RAW.replace("""
              - property: partitioning
        """, """
              - property: retentionColumn
                value: seen_at
              - property: partitioning
        """);
    assertThatThrownBy(() -> parse(contract("", SLA_400, wrong))).hasMessageContaining("seen_at");
  }

  @Test
  void theShippedProductContractsAllDeclareAnEnforceableRetention() {
    for (String product : new String[] {"na-resolver-queries", "eu-authoritative", "apac-edge-cache"}) {
      Path file = Path.of("..", "data-products", product, "datacontract.yaml");
      RetentionPolicies.Result result = RetentionPolicies.of(DataContracts.read(file));
      assertThat(result.managed()).as(product).isNotEmpty();
      assertThat(result.unmanaged()).as(product).isEmpty();
    }
  }

  @Test
  void cutoffIsRoundedDownToThePartitionSoWholePartitionsGoAndNoRowIsDroppedEarly() {
    Instant now = Instant.parse("2026-12-07T13:45:10.123Z");
    TrinoTable table = new TrinoTable("na", "na", "t");
    TableRetention days = new TableRetention(table, "ts", Duration.ofDays(30), Duration.ofDays(7), ChronoUnit.DAYS,
        "1", "r");
    assertThat(days.cutoff(now)).isEqualTo(Instant.parse("2026-11-07T00:00:00Z"));
    assertThat(days.cutoff(now)).isBeforeOrEqualTo(now.minus(Duration.ofDays(30)));
    TableRetention months = new TableRetention(table, "ts", Duration.ofDays(30), Duration.ofDays(7),
        ChronoUnit.MONTHS, "1", "r");
    assertThat(months.cutoff(now)).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
    TableRetention years = new TableRetention(table, "ts", Duration.ofDays(30), Duration.ofDays(7),
        ChronoUnit.YEARS, "1", "r");
    assertThat(years.cutoff(now)).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    TableRetention seconds = new TableRetention(table, "ts", Duration.ofHours(1), Duration.ofDays(7),
        ChronoUnit.SECONDS, "1", "r");
    assertThat(seconds.cutoff(now)).isEqualTo(Instant.parse("2026-12-07T12:45:10Z"));
    assertThat(days.snapshotCutoff(now)).isEqualTo(now.minus(Duration.ofDays(7)));
  }

  @Test
  void literalsFollowTheColumnType() {
    Instant cutoff = Instant.parse("2026-11-07T00:00:00Z");
    assertThat(TrinoTableMaintenance.literalOfType("timestamp(6) with time zone", cutoff))
        .isEqualTo("TIMESTAMP '2026-11-07 00:00:00.000000 UTC'");
    assertThat(TrinoTableMaintenance.literalOfType("timestamp(3)", cutoff))
        .isEqualTo("TIMESTAMP '2026-11-07 00:00:00.000000'");
    assertThat(TrinoTableMaintenance.literalOfType("date", cutoff)).isEqualTo("DATE '2026-11-07'");
    assertThatThrownBy(() -> TrinoTableMaintenance.literalOfType("bigint", cutoff)).hasMessageContaining("bigint");
  }

  @Test
  void tableNamesThatCouldBreakOutOfQuotesAreRefused() {
    assertThatThrownBy(() -> TrinoTable.parse("na.na.x\"; DROP TABLE y; --")).isInstanceOf(IllegalArgumentException.class);
    assertThat(TrinoTable.parse("na.na.queries").metadataTable("snapshots")).isEqualTo("\"na\".\"na\".\"queries$snapshots\"");
  }
}
