package org.dnsmesh.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The schema identity tells apart what the CRC-64 (Parsing Canonical Form) cannot. */
class FingerprintsTest {

    static Schema record(Schema... fieldTypes) {
        List<Schema.Field> fields = new java.util.ArrayList<>();
        for (int i = 0; i < fieldTypes.length; i++) {
            fields.add(new Schema.Field("f" + i, fieldTypes[i]));
        }
        return Schema.createRecord("r", null, "ns", false, fields);
    }

    static Schema withLogical(org.apache.avro.LogicalType logical, Schema.Type type) {
        return logical.addToSchema(Schema.create(type));
    }

    /** Pairs the diff grades MAJOR that the Parsing Canonical Form (and so the CRC-64) does not tell apart. */
    static List<Arguments> collidingPairs() {
        return List.of(
                Arguments.of(record(Schema.create(Schema.Type.INT)), record(withLogical(LogicalTypes.date(), Schema.Type.INT))),
                Arguments.of(record(withLogical(LogicalTypes.timestampMicros(), Schema.Type.LONG)),
                    record(withLogical(LogicalTypes.localTimestampMicros(), Schema.Type.LONG))),
                Arguments.of(record(Schema.create(Schema.Type.STRING)), record(withLogical(LogicalTypes.uuid(), Schema.Type.STRING))),
                Arguments.of(record(withLogical(LogicalTypes.decimal(10, 2), Schema.Type.BYTES)),
                    record(withLogical(LogicalTypes.decimal(10, 3), Schema.Type.BYTES))),
                Arguments.of(record(withLogical(LogicalTypes.decimal(10, 2), Schema.Type.BYTES)),
                    record(withLogical(LogicalTypes.decimal(12, 2), Schema.Type.BYTES))),
                Arguments.of(record(withLogical(LogicalTypes.timeMicros(), Schema.Type.LONG)),
                    record(withLogical(LogicalTypes.timestampMicros(), Schema.Type.LONG))));
    }

    @ParameterizedTest
    @MethodSource("collidingPairs")
    void sameCrc64ButDifferentIdentity(Schema first, Schema second) {
        Schema[] pair = {first, second};
        AvroFingerprint a = Fingerprints.of(pair[0]);
        AvroFingerprint b = Fingerprints.of(pair[1]);
        // the collision the single-object header cannot avoid (computed by Avro itself)
        assertThat(SchemaNormalization.parsingFingerprint64(pair[0])).isEqualTo(SchemaNormalization.parsingFingerprint64(pair[1]));
        assertThat(a.crc64()).isEqualTo(b.crc64());
        // ...which the identity resolves
        assertThat(a.sha256()).isNotEqualTo(b.sha256());
        assertThat(a.identityForm()).isNotEqualTo(b.identityForm());
    }

    @Test
    void fieldOrderChangesBothFingerprints() {
        Schema ab = record(Schema.create(Schema.Type.INT), Schema.create(Schema.Type.STRING));
        Schema ba = Schema.createRecord("r", null, "ns", false, List.of(
                new Schema.Field("f1", Schema.create(Schema.Type.STRING)), new Schema.Field("f0", Schema.create(Schema.Type.INT))));
        assertThat(Fingerprints.of(ab).crc64()).isNotEqualTo(Fingerprints.of(ba).crc64());
        assertThat(Fingerprints.of(ab).sha256()).isNotEqualTo(Fingerprints.of(ba).sha256());
    }

    @Test
    void identityFormKeepsLogicalTypePrecisionAndScale() {
        Schema schema = record(withLogical(LogicalTypes.decimal(10, 2), Schema.Type.BYTES),
                Schema.createUnion(Schema.create(Schema.Type.NULL), withLogical(LogicalTypes.timestampMicros(), Schema.Type.LONG)));
        assertThat(Fingerprints.identityForm(schema)).isEqualTo("{\"name\":\"ns.r\",\"type\":\"record\",\"fields\":["
                + "{\"name\":\"f0\",\"type\":{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":10,\"scale\":2}},"
                + "{\"name\":\"f1\",\"type\":[\"null\",{\"type\":\"long\",\"logicalType\":\"timestamp-micros\"}]}]}");
    }

    @Test
    void withoutLogicalTypesTheIdentityFormIsTheParsingCanonicalForm() {
        Schema schema = AvroSchemas.of(DataContracts.parse(TestContracts.BASE, "b.yaml"), "events");
        Schema plain = new Schema.Parser().parse(SchemaNormalization.toParsingForm(schema)); // logical types stripped
        assertThat(Fingerprints.identityForm(plain)).isEqualTo(SchemaNormalization.toParsingForm(plain));
        assertThat(Fingerprints.identityForm(schema)).isNotEqualTo(SchemaNormalization.toParsingForm(schema));
    }

    @Test
    void crc64HexIsTheSingleObjectHeaderByteOrder() throws Exception {
        Schema schema = record(Schema.create(Schema.Type.INT));
        GenericRecord value = new GenericData.Record(schema);
        value.put("f0", 7);
        ByteBuffer message = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), schema).encode(value);
        byte[] bytes = Arrays.copyOfRange(message.array(), message.arrayOffset(), message.arrayOffset() + message.remaining());
        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        String header = HexFormat.of().formatHex(bytes, 2, 10);
        assertThat(Fingerprints.of(schema).crc64Hex()).isEqualTo(header);
        // Avro's byte[] fingerprint (the specification's byte order) agrees
        assertThat(HexFormat.of().formatHex(SchemaNormalization.parsingFingerprint("CRC-64-AVRO", schema))).isEqualTo(header);
        assertThat(Fingerprints.crc64FromHex(header)).isEqualTo(Fingerprints.crc64(schema));
    }

    @Test
    void crc64HexOfTheSpecificationsExample() {
        // "int": CRC-64-AVRO 0x7275d51a3f395c8f (Avro's test vectors); little-endian bytes 8f 5c 39 3f 1a d5 75 72
        Schema schema = Schema.create(Schema.Type.INT);
        assertThat(Fingerprints.crc64(schema)).isEqualTo(0x7275d51a3f395c8fL);
        assertThat(Fingerprints.crc64Hex(Fingerprints.crc64(schema))).isEqualTo("8f5c393f1ad57572");
        assertThatThrownBy(() -> Fingerprints.crc64FromHex("xyz")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("16 hex digits");
    }
}
