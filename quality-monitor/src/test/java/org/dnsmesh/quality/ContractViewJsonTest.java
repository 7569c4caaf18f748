package org.dnsmesh.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.dnsmesh.quality.contract.Comparison;
import org.dnsmesh.quality.contract.ContractView;
import org.dnsmesh.quality.contract.FreshnessSla;
import org.dnsmesh.quality.contract.QualityRule;
import org.dnsmesh.quality.service.ContractViewJson;
import org.junit.jupiter.api.Test;

class ContractViewJsonTest {
  static final String JSON = """
      {"targets": [{
        "product": "dns.resolver-queries", "table": "resolver.queries", "contractVersion": "1.2.0",
        "eventTimeColumn": "event_time", "keyColumns": ["event_time", "qname"],
        "freshness": "within 15 minutes of the hour",
        "completeness": {"nullRate": {"atRisk": 0.0001, "breach": 0.001}, "window": "PT1H"},
        "volume": {"historyDays": 7},
        "columns": [
          {"name": "event_time", "logicalType": "timestamp", "required": true},
          {"name": "qname", "logicalType": "string", "required": true},
          {"name": "rcode", "logicalType": "string", "allowedValues": ["NOERROR", "NXDOMAIN"]},
          {"name": "ttl", "logicalType": "integer", "minimum": 0, "maximum": 86400}],
        "rules": [
          {"name": "no_long_ttls", "type": "sql", "query": "SELECT count(*) FROM ${object} WHERE ttl > 86400", "mustBe": 0},
          {"name": "volume_band", "type": "metric", "metric": "volume.added_records", "mustBeBetween": [100, 5000]}]
      }]}""";

  @Test
  void readsTargets() {
    ContractView view = ContractViewJson.readAll(JSON, "targets.json").getFirst();
    assertThat(view.table().product().value()).isEqualTo("dns.resolver-queries");
    assertThat(view.freshness()).isEqualTo(FreshnessSla.afterEach(Duration.ofHours(1), Duration.ofMinutes(15)));
    assertThat(view.completeness().nullRate().breach()).isEqualTo(0.001);
    assertThat(view.completeness().invalidShare().breach()).isZero();
    assertThat(view.completeness().window()).isEqualTo(Duration.ofHours(1));
    assertThat(view.volume().historyDays()).isEqualTo(7);
    assertThat(view.column("ttl").orElseThrow().maximum()).isEqualTo(86400.0);
    assertThat(view.rules()).containsExactly(
        QualityRule.sql("no_long_ttls", "SELECT count(*) FROM ${object} WHERE ttl > 86400", Comparison.MUST_BE, 0),
        new QualityRule("volume_band", QualityRule.Kind.METRIC, "volume.added_records", Comparison.MUST_BE_BETWEEN, 100, 5000));
  }

  @Test
  void errorsNameTheFileTargetAndField() {
    assertThatThrownBy(() -> ContractViewJson.readAll("[{\"product\": \"p\", \"table\": \"t\"}]", "targets.json"))
        .hasMessageContaining("targets.json target #0").hasMessageContaining("'freshness'");
    assertThatThrownBy(() -> ContractViewJson.readAll(
        "[{\"product\": \"p\", \"table\": \"t\", \"freshness\": \"1h\", \"keyColumns\": [\"id\"]}]", "x.json"))
        .hasMessageContaining("key column 'id'");
    assertThat(ContractViewJson.readAll("[]", "empty.json")).isEqualTo(List.of());
  }
}
