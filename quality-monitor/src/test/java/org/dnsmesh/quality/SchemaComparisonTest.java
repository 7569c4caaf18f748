package org.dnsmesh.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Types;
import org.dnsmesh.quality.check.Drift;
import org.dnsmesh.quality.check.SchemaComparison;
import org.dnsmesh.quality.contract.ContractColumn;
import org.dnsmesh.quality.model.ProductId;
import org.dnsmesh.quality.model.TableKey;
import org.junit.jupiter.api.Test;

class SchemaComparisonTest {
  final List<ContractColumn> contract = SyntheticTable.contract(new TableKey(new ProductId("p"), "t")).columns();

  @Test
  void matchingSchemaHasNoDrift() {
    assertThat(SchemaComparison.compare(SyntheticTable.SCHEMA, List.of(), contract)).isEmpty();
  }

  @Test
  void missingRetypedAndLoosenedColumnsAreReported() {
    Schema table = new Schema(
        Types.NestedField.required(1, "event_time", Types.StringType.get()),
        Types.NestedField.optional(2, "qname", Types.StringType.get()),
        Types.NestedField.optional(4, "ttl", Types.DoubleType.get()));

    assertThat(SchemaComparison.compare(table, List.of(), contract)).extracting(Drift::toString).containsExactly(
        "RETYPED event_time: contract says timestamp, table has string",
        "NULLABILITY qname: required in the contract, optional in the table",
        "MISSING rcode: not in the table's current schema",
        "RETYPED ttl: contract says integer, table has double");
  }

  @Test
  void physicalTypeIsComparedExactly() {
    ContractColumn ttl = new ContractColumn("ttl", "integer", "int", false, List.of(), null, null);
    Schema table = new Schema(Types.NestedField.optional(4, "ttl", Types.LongType.get()));
    assertThat(SchemaComparison.compare(table, List.of(), List.of(ttl))).extracting(Drift::kind)
        .containsExactly(Drift.Kind.RETYPED);
  }

  @Test
  void unknownLogicalTypeIsAClearError() {
    ContractColumn odd = ContractColumn.of("event_time", "moment", true);
    assertThatThrownBy(() -> SchemaComparison.compare(SyntheticTable.SCHEMA, List.of(), List.of(odd)))
        .hasMessageContaining("event_time").hasMessageContaining("'moment'");
  }
}
