package org.dnsmesh.catalog.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.avro.Schema;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;

class ContractGuardTest {
  private static final Schema CONTRACT = new Schema.Parser().parse("""
      {"type":"record","name":"Q","fields":[{"name":"qname","type":"string"},
       {"name":"rcode","type":["null","int"],"default":null}]}""");

  private static org.apache.iceberg.Schema table(Types.NestedField... fields) {
    return new org.apache.iceberg.Schema(fields);
  }

  @Test
  void sameOrWidenedOrOptionalAdditionsPass() {
    assertThat(ContractGuard.violation(CONTRACT, table(
        Types.NestedField.required(1, "qname", Types.StringType.get()),
        Types.NestedField.optional(2, "rcode", Types.LongType.get()),
        Types.NestedField.optional(3, "ttl", Types.IntegerType.get())))).isEmpty();
  }

  @Test
  void droppedRetypedTightenedOrRequiredAdditionsFail() {
    assertThat(ContractGuard.violation(CONTRACT, table(
        Types.NestedField.required(1, "qname", Types.StringType.get()))))
        .get().asString().contains("'rcode'").contains("dropped");
    assertThat(ContractGuard.violation(CONTRACT, table(
        Types.NestedField.required(1, "qname", Types.StringType.get()),
        Types.NestedField.optional(2, "rcode", Types.StringType.get()))))
        .get().asString().contains("retyped");
    assertThat(ContractGuard.violation(CONTRACT, table(
        Types.NestedField.required(1, "qname", Types.StringType.get()),
        Types.NestedField.required(2, "rcode", Types.IntegerType.get()))))
        .get().asString().contains("required");
    assertThat(ContractGuard.violation(CONTRACT, table(
        Types.NestedField.required(1, "qname", Types.StringType.get()),
        Types.NestedField.optional(2, "rcode", Types.IntegerType.get()),
        Types.NestedField.required(3, "zone", Types.StringType.get()))))
        .get().asString().contains("required column 'zone'");
  }

  /** Issue 15 (3): a contract published with a non-record Avro schema switched the guard off. */
  @Test
  void aNonRecordContractSchemaFailsClosed() {
    assertThat(ContractGuard.violation(Schema.create(Schema.Type.STRING), table(
        Types.NestedField.required(1, "qname", Types.StringType.get()))))
        .get().asString().contains("not a record");
  }
}
