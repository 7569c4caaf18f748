package org.dnsmesh.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.dnsmesh.contracts.model.DataContract;
import org.dnsmesh.contracts.model.SchemaProperty;
import org.junit.jupiter.api.Test;

class AvroSchemasTest {

    private final DataContract example = DataContracts.read(TestContracts.EXAMPLE);

    @Test
    void mapsTheExampleObjectToARecord() {
        Schema schema = AvroSchemas.of(example, "dns_queries");
        assertThat(schema.getType()).isEqualTo(Schema.Type.RECORD);
        assertThat(schema.getFullName()).isEqualTo("dnsmesh.dns_resolution.dns_resolver_queries.dns_queries");
        assertThat(schema.getFields()).extracting(Schema.Field::name).startsWith("event_id", "event_ts", "client_ip");
        assertThat(schema.getField("event_id").schema().getLogicalType()).isEqualTo(LogicalTypes.uuid());
        assertThat(schema.getField("event_ts").schema().getLogicalType()).isEqualTo(LogicalTypes.timestampMicros());
        assertThat(schema.getField("latency_ms").schema().getType()).isEqualTo(Schema.Type.INT);
        assertThat(schema.getField("protocol").schema().getType()).isEqualTo(Schema.Type.ENUM);
        assertThat(schema.getField("protocol").schema().getEnumSymbols()).containsExactly("udp", "tcp", "dot", "doh", "doq");
        assertThat(schema.getField("query_name").doc()).startsWith("Queried domain name");
    }

    @Test
    void optionalFieldsAreNullUnionsWithNullDefault() {
        Schema.Field field = AvroSchemas.of(example, "dns_queries").getField("response_size");
        assertThat(field.schema().getType()).isEqualTo(Schema.Type.UNION);
        assertThat(field.schema().getTypes()).extracting(Schema::getType).containsExactly(Schema.Type.NULL, Schema.Type.INT);
        assertThat(field.hasDefaultValue()).isTrue();
        assertThat(field.defaultVal()).isEqualTo(org.apache.avro.JsonProperties.NULL_VALUE);
    }

    @Test
    void mapsDatesDecimalsNestedObjectsAndArrays() {
        String text = TestContracts.edit("      - name: tld\n", String.join("\n",
                "      - name: day",
                "        logicalType: date",
                "        required: true",
                "        classification: public",
                "      - name: cost",
                "        logicalType: number",
                "        physicalType: decimal(10, 2)",
                "        required: true",
                "        classification: public",
                "      - name: answers",
                "        logicalType: array",
                "        required: true",
                "        classification: internal",
                "        items:",
                "          logicalType: object",
                "          properties:",
                "            - name: rdata",
                "              logicalType: string",
                "              required: true",
                "              classification: internal",
                "            - name: ttl",
                "              logicalType: integer",
                "              classification: public",
                "      - name: tld",
                ""));
        Schema schema = AvroSchemas.of(DataContracts.parse(text, "nested.yaml"), "events");
        assertThat(schema.getField("day").schema().getLogicalType()).isEqualTo(LogicalTypes.date());
        assertThat(schema.getField("cost").schema().getLogicalType()).isEqualTo(LogicalTypes.decimal(10, 2));
        Schema answers = schema.getField("answers").schema();
        assertThat(answers.getType()).isEqualTo(Schema.Type.ARRAY);
        assertThat(answers.getElementType().getType()).isEqualTo(Schema.Type.RECORD);
        assertThat(answers.getElementType().getFullName()).isEqualTo("dnsmesh.dns.dns_base.events.answers_item");
        assertThat(answers.getElementType().getField("ttl").schema().getType()).isEqualTo(Schema.Type.UNION);
        // The derived schema is valid Avro: it parses back to itself.
        assertThat(new Schema.Parser().parse(schema.toString())).isEqualTo(schema);
    }

    @Test
    void mappingIsDeterministic() {
        Schema first = AvroSchemas.of(DataContracts.read(TestContracts.EXAMPLE), "dns_queries");
        Schema second = AvroSchemas.of(DataContracts.read(TestContracts.EXAMPLE), "dns_queries");
        assertThat(Fingerprints.of(first)).isEqualTo(Fingerprints.of(second));
    }

    @Test
    void crcIsOverTheParsingCanonicalFormAndTheIdentityOverTheIdentityForm() throws Exception {
        Schema schema = AvroSchemas.of(example, "dns_queries");
        AvroFingerprint fingerprint = Fingerprints.of(schema);
        assertThat(fingerprint.canonicalForm()).isEqualTo(SchemaNormalization.toParsingForm(schema)).doesNotContain("doc");
        assertThat(fingerprint.crc64()).isEqualTo(SchemaNormalization.parsingFingerprint64(schema));
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(fingerprint.identityForm().getBytes(StandardCharsets.UTF_8));
        assertThat(fingerprint.sha256()).isEqualTo(HexFormat.of().formatHex(digest)).hasSize(64);
        assertThat(fingerprint.crc64Hex()).hasSize(16);
    }

    @Test
    void fingerprintOfAPrimitiveMatchesTheAvroSpecification() {
        // CRC-64-AVRO of the canonical form "int" (cross-checked with Avro's own implementation and spec algorithm).
        Schema schema = Schema.create(Schema.Type.INT);
        assertThat(Fingerprints.crc64(schema)).isEqualTo(SchemaNormalization.fingerprint64("\"int\"".getBytes(StandardCharsets.UTF_8)));
        assertThat(Fingerprints.sha256(schema)).isEqualTo("3f2b87a9fe7cc9b13835598c3981cd45e3e355309e5090aa0933d7becb6fba45");
    }

    @Test
    void documentationDoesNotChangeTheFingerprint() {
        DataContract edited = DataContracts.parse(TestContracts.edit("description: Event id.", "description: Another text."), "e.yaml");
        assertThat(Fingerprints.of(AvroSchemas.of(edited, "events")).crc64())
                .isEqualTo(Fingerprints.of(AvroSchemas.of(DataContracts.parse(TestContracts.BASE, "b.yaml"), "events")).crc64());
    }

    @Test
    void unknownObjectIsAClearError() {
        assertThatThrownBy(() -> AvroSchemas.of(example, "nope"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no schema object 'nope'").hasMessageContaining("dns_queries");
    }

    @Test
    void propertyWithoutTypeIsAClearError() {
        DataContract contract = DataContracts.parse(TestContracts.edit("      - name: tld\n        logicalType: string\n", "      - name: tld\n"), "t.yaml");
        assertThatThrownBy(() -> AvroSchemas.of(contract, "events")).hasMessageContaining("property 'tld' has no logicalType");
    }

    /** The BASE contract with column tld turned into an ODCS v3.0-style {@code date} of this physical type. */
    static Schema tldAs(String logicalType, String physicalType) {
        DataContract contract = DataContracts.parse(TestContracts.edit(
                "      - name: tld\n        logicalType: string\n        physicalType: varchar\n",
                "      - name: tld\n        logicalType: " + logicalType + "\n        physicalType: \"" + physicalType + "\"\n"),
                "v30.yaml");
        Schema union = AvroSchemas.of(contract, "events").getField("tld").schema();
        return union.getTypes().get(1);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
        "timestamp, timestamp-micros", "TIMESTAMP(6), timestamp-micros", "timestamp with time zone, timestamp-micros",
        "timestamptz, timestamp-micros", "timestamp_tz, timestamp-micros", "timestamp_ntz, local-timestamp-micros",
        "timestamp(3) without time zone, local-timestamp-micros", "datetime, local-timestamp-micros",
        "time, time-micros", "time(6) without time zone, time-micros", "date, date", "varchar, date"})
    void odcs30DateWithATimestampOrTimePhysicalTypeKeepsItsTime(String physicalType, String avroLogicalType) {
        Schema schema = tldAs("date", physicalType);
        assertThat(schema.getLogicalType().getName()).isEqualTo(avroLogicalType);
        assertThat(schema.getType()).isEqualTo(avroLogicalType.equals("date") ? Schema.Type.INT : Schema.Type.LONG);
    }

    @Test
    void theOfficialV30ExampleMapsItsTimestampColumnToATimestamp() {
        // bitol-io all-data-types.odcs.yaml (v3.0.2): txn_timestamp is logicalType date, physicalType timestamp
        DataContract contract = DataContracts.read(java.nio.file.Path.of("src/test/resources/corpus/bitol/all-data-types.odcs.yaml"));
        SchemaProperty property = contract.schema().getFirst().property("txn_timestamp").orElseThrow();
        assertThat(AvroSchemas.typeOf(property, "x").getTypes().get(1).getLogicalType().getName()).isEqualTo("timestamp-micros");
        SchemaProperty date = contract.schema().getFirst().property("txn_ref_date").orElseThrow();
        assertThat(AvroSchemas.typeOf(date, "x").getTypes().get(1).getLogicalType().getName()).isEqualTo("date");
    }

    /** The Avro logical type of a property, whether or not it is wrapped in a null union (optional). */
    static String avroLogicalType(String corpusFile, String property) {
        DataContract contract = DataContracts.read(java.nio.file.Path.of("src/test/resources/corpus/" + corpusFile));
        SchemaProperty found = contract.schema().stream().flatMap(o -> o.property(property).stream()).findFirst().orElseThrow();
        Schema type = AvroSchemas.typeOf(found, "x");
        Schema value = type.getType() == Schema.Type.UNION ? type.getTypes().get(1) : type;
        return value.getLogicalType() == null ? value.getType().getName() : value.getLogicalType().getName();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
        // real contracts that say "timestamp" the v3.0 way: logicalType date + a timestamp physicalType (expected by
        // reading each physical type: zoned -> timestamp-micros, without zone -> local-timestamp-micros)
        "datacontract-cli/athena-iceberg-example.odcs.yaml, ts, timestamp-micros",                  // timestamp(6)
        "datacontract-cli/imports-iceberg.odcs.yaml, order_timestamp, timestamp-micros",           // timestamptz
        "datacontract-cli/imports-bigquery.odcs.yaml, order_timestamp, timestamp-micros",          // TIMESTAMP
        "datacontract-cli/examples-orders.odcs.yaml, order_timestamp, timestamp-micros",           // TIMESTAMP
        "datacontract-cli/lint-valid.odcs.yaml, delivery_date, timestamp-micros",                  // timestamp_tz
        "datacontract-cli/imports-pydantic-model.odcs.yaml, order_timestamp, local-timestamp-micros", // datetime
        "bitol/table-column-description-v3.0.2.odcs.yaml, txn_ref_dt, date"})                     // date
    void realV30ContractsKeepTheTimeOfTheirTimestampColumns(String file, String property, String expected) {
        assertThat(avroLogicalType(file, property)).isEqualTo(expected);
    }

    @Test
    void anEmptyObjectIsRefusedWithItsLocation() {
        DataContract contract = DataContracts.parse(TestContracts.edit(
                "      - name: tld\n        logicalType: string\n", "      - name: tld\n        logicalType: object\n"), "o.yaml");
        int index = contract.schemaObject("events").orElseThrow().properties().indexOf(
                contract.schemaObject("events").orElseThrow().property("tld").orElseThrow());
        assertThatThrownBy(() -> AvroSchemas.of(contract, "events"))
                .isInstanceOf(AvroMappingException.class)
                .hasMessageContaining("property 'tld' is an object without properties")
                .extracting(e -> ((AvroMappingException) e).pointer()).isEqualTo("/schema/0/properties/" + index);
    }

    @Test
    void aSchemaObjectWithoutPropertiesIsRefused() {
        DataContract contract = DataContracts.read(java.nio.file.Path.of("src/test/resources/corpus/bitol/kafka-server.odcs.yaml"));
        assertThatThrownBy(() -> AvroSchemas.all(contract))
                .isInstanceOf(AvroMappingException.class)
                .hasMessageContaining("schema object 'Orders' has no properties")
                .extracting(e -> ((AvroMappingException) e).pointer()).isEqualTo("/schema/0");
    }
}
