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

  /**
   * Issue 17: on a mesh whose {@code na.dns_daily_summary} predates its new columns, adding them was refused because
   * the derived table was checked against the raw table's record. Only the table a contract object describes is.
   */
  @Test
  void aDerivedTableIsNotCheckedAgainstTheRawTablesRecord() throws Exception {
    java.nio.file.Path file = java.nio.file.Path.of("../data-products/na-resolver-queries/datacontract.yaml");
    String document = java.nio.file.Files.readString(file);
    org.dnsmesh.contracts.model.DataContract contract = org.dnsmesh.contracts.DataContracts.parse(document, "na");
    Schema raw = org.dnsmesh.contracts.AvroSchemas.of(contract, "resolver_queries");
    ContractVersion version = new ContractVersion("na", "na-resolver-queries", "1.0.0", document, raw.toString(),
        "fp", "publisher-na", java.time.Instant.EPOCH);
    org.apache.iceberg.Schema summary = table(
        Types.NestedField.required(1, "day", Types.DateType.get()),
        Types.NestedField.required(2, "queries", Types.LongType.get()),
        Types.NestedField.optional(3, "answered", Types.LongType.get()));
    assertThat(ContractGuard.violation(raw, summary)).as("what the guard said before").get().asString()
        .contains("would be dropped");

    assertThat(ContractGuard.describedBy(version, "dns_daily_summary", 4)).isEmpty();
    assertThat(ContractGuard.describedBy(version, "resolver_queries", 4)).contains(raw);
    assertThat(ContractGuard.describedBy(version, "queries", 1)).as("one table, one object: they pair up")
        .contains(raw);
  }
}
