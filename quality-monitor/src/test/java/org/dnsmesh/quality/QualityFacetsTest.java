package org.dnsmesh.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.openlineage.client.OpenLineage;
import io.openlineage.client.OpenLineageClientUtils;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dnsmesh.quality.lineage.QualityFacets;
import org.dnsmesh.quality.model.CheckKey;
import org.dnsmesh.quality.model.CheckResult;
import org.dnsmesh.quality.model.CheckStatus;
import org.dnsmesh.quality.model.ProductId;
import org.dnsmesh.quality.model.TableKey;
import org.dnsmesh.quality.table.SnapshotView;
import org.dnsmesh.quality.table.TableView;
import org.junit.jupiter.api.Test;

class QualityFacetsTest {
  final TableKey key = new TableKey(new ProductId("dns.p"), "resolver.queries");
  final Instant at = Instant.parse("2026-11-20T10:00:00Z");

  @Test
  void completenessBecomesColumnMetricsAndAssertions() {
    TableView table = new TableView(key, SyntheticTable.SCHEMA, List.of(),
        List.of(new SnapshotView(1, at, "append", 100, 0, 5000)), Optional.empty());
    List<CheckResult> results = List.of(
        new CheckResult(new CheckKey(key, "freshness"), CheckStatus.AT_RISK, "s", Map.of(), List.of(), at),
        new CheckResult(new CheckKey(key, "completeness"), CheckStatus.BREACHED, "s",
            Map.of("rows", 200.0, "null_rate.qname", 0.05, "null_rate.event_time", 0.0, "invalid_share.rcode", 0.0),
            List.of(), at));

    OpenLineage.RunEvent event = new QualityFacets("iceberg://dns", "dnsmesh.quality")
        .runEvent(SyntheticTable.contract(key), table, results, at);

    OpenLineage.InputDatasetInputFacets facets = event.getInputs().getFirst().getInputFacets();
    assertThat(event.getJob().getName()).isEqualTo("quality-monitor.resolver.queries");
    assertThat(facets.getDataQualityMetrics().getRowCount()).isEqualTo(5000L);
    assertThat(facets.getDataQualityMetrics().getColumnMetrics().getAdditionalProperties().get("qname").getNullCount())
        .isEqualTo(10L);
    assertThat(facets.getDataQualityAssertions().getAssertions())
        .extracting(a -> a.getAssertion() + (a.getColumn() == null ? "" : "(" + a.getColumn() + ")") + "=" + a.getSuccess())
        .containsExactlyInAnyOrder("freshness=true", "completeness=false", "not_null(qname)=false",
            "not_null(event_time)=true", "valid_values(rcode)=true");
    assertThat(OpenLineageClientUtils.toJson(event)).contains("\"dataQualityAssertions\"").contains("\"dataQualityMetrics\"");
  }
}
