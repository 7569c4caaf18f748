package org.dnsmesh.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.dnsmesh.quality.check.CompletenessQueries;
import org.dnsmesh.quality.contract.ContractColumn;
import org.dnsmesh.quality.model.ProductId;
import org.dnsmesh.quality.model.TableKey;
import org.junit.jupiter.api.Test;

class CompletenessQueriesTest {
  final TableKey key = new TableKey(new ProductId("p"), "t");

  @Test
  void profileCountsNullsOfRequiredColumnsAndInvalidValuesInTheNewestWindowOnly() {
    CompletenessQueries.Profile profile = CompletenessQueries.profile(SyntheticTable.contract(key),
        "\"dns\".\"resolver\".\"queries\"", Instant.parse("2026-11-20T10:10:00Z"));

    assertThat(profile.requiredColumns()).extracting(ContractColumn::name).containsExactly("event_time", "qname");
    assertThat(profile.sql()).isEqualTo("""
        SELECT count(*) AS row_count,
          sum(CASE WHEN "event_time" IS NULL THEN 1 ELSE 0 END) AS null_0,
          sum(CASE WHEN "qname" IS NULL THEN 1 ELSE 0 END) AS null_1,
          sum(CASE WHEN "rcode" IS NOT NULL AND ("rcode" NOT IN ('NOERROR', 'NXDOMAIN', 'SERVFAIL')) THEN 1 ELSE 0 END) AS invalid_0,
          sum(CASE WHEN "ttl" IS NOT NULL AND ("ttl" < 0 OR "ttl" > 86400) THEN 1 ELSE 0 END) AS invalid_1
        FROM "dns"."resolver"."queries"
        WHERE "event_time" >= TIMESTAMP '2026-11-20 10:10:00.000 UTC'""");
  }

  @Test
  void literalsAndIdentifiersAreEscaped() {
    ContractColumn column = ContractColumn.of("we\"ird", "string", false).withAllowedValues(List.of("it's"));
    assertThat(CompletenessQueries.quote("we\"ird")).isEqualTo("\"we\"\"ird\"");
    String sql = CompletenessQueries.profile(new org.dnsmesh.quality.contract.ContractView(key, "1", List.of(column),
        java.util.Optional.empty(), List.of(), SyntheticTable.contract(key).freshness(),
        SyntheticTable.contract(key).completeness(), SyntheticTable.contract(key).volume(), List.of()), "t",
        Instant.EPOCH).sql();
    assertThat(sql).contains("NOT IN ('it''s')").doesNotContain("WHERE");
  }
}
