package org.dnsmesh.catalog.governance;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.avro.Schema;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;

/**
 * Column types for the Trino rules: a mask is {@code CAST(... AS <type>)}, so an array column needs Trino's
 * {@code array(element)} (a passive-DNS table's {@code answers}), not the bare name "array" or "list" Trino rejects.
 */
class ContractColumnsTest {

  @Test
  void arraysAreTrinoArraysOfTheirElementType() {
    assertThat(ContractColumns.trinoType(Types.ListType.ofRequired(1, Types.StringType.get())))
        .isEqualTo("array(varchar)");
    assertThat(ContractColumns.trinoType(Types.ListType.ofOptional(1, Types.LongType.get())))
        .isEqualTo("array(bigint)");
    assertThat(ContractColumns.trinoType(Schema.createArray(Schema.create(Schema.Type.STRING))))
        .isEqualTo("array(varchar)");
    assertThat(ContractColumns.trinoType(Schema.createUnion(Schema.create(Schema.Type.NULL),
        Schema.createArray(Schema.create(Schema.Type.LONG))))).isEqualTo("array(bigint)");
  }

  @Test
  void scalarsAreUnchanged() {
    assertThat(ContractColumns.trinoType(Types.StringType.get())).isEqualTo("varchar");
    assertThat(ContractColumns.trinoType(Schema.create(Schema.Type.LONG))).isEqualTo("bigint");
  }
}
