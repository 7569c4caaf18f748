package org.dnsmesh.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.dnsmesh.contracts.DataContracts;
import org.dnsmesh.contracts.model.DataContract;
import org.dnsmesh.quality.contract.Comparison;
import org.dnsmesh.quality.contract.ContractColumn;
import org.dnsmesh.quality.contract.ContractView;
import org.dnsmesh.quality.contract.FreshnessSla;
import org.dnsmesh.quality.contract.OdcsContractViews;
import org.dnsmesh.quality.contract.QualityRule;
import org.dnsmesh.quality.contract.CompletenessSla;
import org.dnsmesh.quality.contract.Threshold;
import org.dnsmesh.quality.model.ProductId;
import org.junit.jupiter.api.Test;

/** The adapter on the real NA product contract and on small contracts for the edge cases. */
class OdcsContractViewsTest {
  private static final Path NA_CONTRACT = Path.of("../data-products/na-resolver-queries/datacontract.yaml");

  @Test
  void theNaProductContractBecomesAView() {
    DataContract contract = DataContracts.read(NA_CONTRACT);
    OdcsContractViews.Result result = OdcsContractViews.view(contract, new ProductId("na.na-resolver-queries"),
        "na.na.resolver_queries", "resolver_queries");
    ContractView view = result.view();

    assertThat(view.table().table()).isEqualTo("na.na.resolver_queries");
    assertThat(view.contractVersion()).isEqualTo("1.0.0");
    assertThat(view.eventTimeColumn()).contains("event_ts");
    assertThat(view.keyColumns()).containsExactly("event_id");
    assertThat(view.freshness()).isEqualTo(FreshnessSla.maxAge(Duration.ofMinutes(15)));
    assertThat(view.completeness().nullRate()).isEqualTo(new Threshold(0, 0.001));
    // 99.9 % of input records reach the table: breached past a 0.1 % loss, at risk past half of it
    assertThat(view.completeness().recordLoss()).isEqualTo(new Threshold(0.0005, 0.001));
    assertThat(view.column("event_ts").orElseThrow().physicalType()).isEqualTo("timestamptz");
    assertThat(view.column("query_name").orElseThrow()).satisfies(c -> {
      assertThat(c.required()).isTrue();
      assertThat(c.logicalType()).isEqualTo("string");
      assertThat(c.physicalType()).as("engine type names are not compared exactly").isNull();
    });
    assertThat(view.column("protocol").orElseThrow().allowedValues()).containsExactly("udp", "tcp");
    ContractColumn latency = view.column("latency_ms").orElseThrow();
    assertThat(latency.minimum()).isEqualTo(0.0);
    assertThat(latency.maximum()).isEqualTo(60000.0);
    assertThat(view.rules()).singleElement().satisfies(rule -> {
      assertThat(rule.kind()).isEqualTo(QualityRule.Kind.SQL);
      assertThat(rule.expression()).isEqualTo("SELECT count(*) FROM ${object} WHERE latency_ms > 60000");
      assertThat(rule.comparison()).isEqualTo(Comparison.MUST_BE);
    });
    assertThat(result.notes()).anySatisfy(note -> assertThat(note).contains("daily_row_count").contains("rowCount"));
  }

  @Test
  void aTableTheContractDoesNotDescribeIsRefusedWithTheReason() {
    DataContract contract = DataContracts.read(NA_CONTRACT);
    assertThatThrownBy(() -> OdcsContractViews.view(contract, new ProductId("na.p"), "na.na.other", "other"))
        .isInstanceOf(OdcsContractViews.InvalidContractException.class)
        .hasMessageContaining("no schema object named 'other'").hasMessageContaining("resolver_queries");
  }

  @Test
  void withoutSlasTheDefaultsApplyAndAreNoted() {
    DataContract contract = DataContracts.parse("""
        apiVersion: v3.1.0
        kind: DataContract
        id: t1
        version: 2.1.0
        status: active
        schema:
          - name: events
            properties:
              - {name: ts, logicalType: timestamp, physicalType: timestamp, required: true}
              - {name: n, logicalType: integer, required: false}
        """, "inline");
    OdcsContractViews.Result result = OdcsContractViews.view(contract, new ProductId("d.p"), "d.s.events", "events");
    assertThat(result.view().freshness()).isEqualTo(FreshnessSla.maxAge(OdcsContractViews.DEFAULT_MAX_AGE));
    assertThat(result.view().eventTimeColumn()).as("first required timestamp").contains("ts");
    assertThat(result.view().column("ts").orElseThrow().physicalType()).isEqualTo("timestamp");
    assertThat(result.view().completeness().nullRate()).isEqualTo(Threshold.ZERO);
    assertThat(result.view().completeness().recordLoss()).isEqualTo(CompletenessSla.UNPROMISED);
    assertThat(result.notes()).anySatisfy(note -> assertThat(note).contains("no freshness SLA"));
  }

  @Test
  void objectNamesInSqlRulesBecomeThePlaceholder() {
    DataContract contract = DataContracts.parse("""
        apiVersion: v3.1.0
        kind: DataContract
        id: t2
        version: 1.0.0
        status: active
        schema:
          - name: events
            physicalName: events_v1
            quality:
              - {name: a, type: sql, query: "SELECT count(*) FROM events_v1 e JOIN events x ON true", mustBeLessThan: 5}
              - {name: b, type: sql, query: "SELECT count(*) FROM {object} WHERE events_total > 0", mustBeBetween: [1, 2]}
              - {name: c, type: library, metric: volume.added_records, mustBeGreaterThan: 10}
              - {name: d, type: text, description: "looks right"}
            properties:
              - {name: ts, logicalType: timestamp, required: true}
        """, "inline");
    List<QualityRule> rules = OdcsContractViews.view(contract, new ProductId("d.p"), "d.s.events_v1", "events_v1")
        .view().rules();
    assertThat(rules).extracting(QualityRule::expression).containsExactly(
        "SELECT count(*) FROM ${object} e JOIN ${object} x ON true",
        "SELECT count(*) FROM ${object} WHERE events_total > 0",
        "volume.added_records");
    assertThat(rules.get(1).comparison()).isEqualTo(Comparison.MUST_BE_BETWEEN);
    assertThat(rules.get(1).upper()).isEqualTo(2.0);
  }
}
