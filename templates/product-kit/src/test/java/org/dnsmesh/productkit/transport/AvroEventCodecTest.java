package org.dnsmesh.productkit.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericRecord;
import org.dnsmesh.productkit.normalize.DnsEvent;
import org.dnsmesh.productkit.normalize.DnsEventRows;
import org.dnsmesh.productkit.normalize.DnsNormalizer;
import org.dnsmesh.productkit.normalize.UnicodeNames;
import org.dnsmesh.productkit.pseudonymize.DomainKeyRing;
import org.dnsmesh.productkit.pseudonymize.PrivacyPolicy;
import org.dnsmesh.productkit.pseudonymize.PseudonymKey;
import org.dnsmesh.productkit.pseudonymize.Pseudonymizer;
import org.dnsmesh.productkit.source.RawDnsEvent;
import org.dnsmesh.productkit.source.SourcePosition;
import org.dnsmesh.productkit.source.SourceText;
import org.junit.jupiter.api.Test;

class AvroEventCodecTest {

  static final PrivacyPolicy POLICY = new PrivacyPolicy(DnsQueryEventSchema.TREATMENTS, new Pseudonymizer(
      new DomainKeyRing("na", "k1", Map.of("k1", new PseudonymKey("k1", "0123456789abcdef0123".getBytes(StandardCharsets.UTF_8))))));

  static GenericRecord sampleRecord() {
    RawDnsEvent raw = new RawDnsEvent(Instant.parse("2026-01-05T10:00:00.123456Z"), "C1", "10.47.1.100", 5353,
        "10.0.0.53", 53, "udp", 7, 0.002, "Bücher.de.", 1, "A", 0, "NOERROR", false, false, true, true,
        List.of("198.51.100.7"), List.of(300.0), false, new SourcePosition("t", 1), SourceText.of("line"));
    DnsEvent event = new DnsNormalizer(UnicodeNames.KEEP).normalize(raw);
    return AvroRows.toRecord(DnsQueryEventSchema.SCHEMA, POLICY.apply(DnsEventRows.toRow(event)));
  }

  @Test
  void singleObjectRoundTripWithoutRawIdentifiers() throws Exception {
    AvroEventCodec codec = AvroEventCodec.of(DnsQueryEventSchema.SCHEMA, new LocalSchemaResolver());
    byte[] bytes = codec.encode(sampleRecord());

    assertThat(bytes[0]).isEqualTo((byte) 0xC3);
    assertThat(bytes[1]).isEqualTo((byte) 0x01);
    assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).doesNotContain("10.47.1.100");
    GenericRecord decoded = codec.decode(bytes);
    assertThat(decoded.get("query_name").toString()).isEqualTo("xn--bcher-kva.de");
    assertThat(decoded.get("query_name_unicode").toString()).isEqualTo("bücher.de");
    assertThat(decoded.get("client_subnet").toString()).isEqualTo("10.47.1.0/24");
    assertThat(decoded.get("client_id_key_id").toString()).isEqualTo("k1");
    assertThat(decoded.get("event_ts")).isEqualTo(1767607200123456L);
    assertThat(decoded.get("latency_ms")).isEqualTo(2.0);
  }

  @Test
  void sameBytesAsAvrosMessageEncoderAndDecodesIntoAReusedRecord() throws Exception {
    AvroEventCodec codec = AvroEventCodec.of(DnsQueryEventSchema.SCHEMA, new LocalSchemaResolver());
    GenericRecord record = sampleRecord();
    byte[] ours = codec.encode(record);
    java.nio.ByteBuffer avros = new org.apache.avro.message.BinaryMessageEncoder<GenericRecord>(
        org.apache.avro.generic.GenericData.get(), DnsQueryEventSchema.SCHEMA).encode(record);
    byte[] theirs = new byte[avros.remaining()];
    avros.get(theirs);
    assertThat(ours).isEqualTo(theirs);
    assertThat(new org.apache.avro.message.BinaryMessageDecoder<GenericRecord>(
        org.apache.avro.generic.GenericData.get(), DnsQueryEventSchema.SCHEMA).decode(ours)).isEqualTo(record);

    GenericRecord reuse = codec.decode(ours);
    GenericRecord again = codec.decode(ours, reuse);
    assertThat(again).isSameAs(reuse).isEqualTo(codec.decode(ours));
    assertThatThrownBy(() -> codec.decode(java.util.Arrays.copyOf(ours, ours.length - 5), reuse))
        .isInstanceOf(UndecodableRecordException.class).hasMessageContaining("corrupt Avro body");
    assertThatThrownBy(() -> codec.decode(new byte[] {(byte) 0xC3}))
        .isInstanceOf(UndecodableRecordException.class).hasMessageContaining("not Avro single-object");
  }

  @Test
  void resolvesOlderWriterSchemasByFingerprint() throws Exception {
    Schema v1 = SchemaBuilder.record("DnsQueryEvent").namespace("org.dnsmesh.dns").fields()
        .requiredString("event_id").requiredLong("event_ts").endRecord();
    Schema v2 = SchemaBuilder.record("DnsQueryEvent").namespace("org.dnsmesh.dns").fields()
        .requiredString("event_id").requiredLong("event_ts").optionalString("tld").endRecord();
    GenericRecord old = new org.apache.avro.generic.GenericData.Record(v1);
    old.put("event_id", "e1");
    old.put("event_ts", 5L);
    byte[] bytes = AvroEventCodec.of(v1, new LocalSchemaResolver()).encode(old);

    AvroEventCodec reader = new AvroEventCodec(v2, v2, new LocalSchemaResolver().register(v1));
    GenericRecord decoded = reader.decode(bytes);
    assertThat(decoded.get("event_id").toString()).isEqualTo("e1");
    assertThat(decoded.get("tld")).isNull();

    AvroEventCodec stranger = AvroEventCodec.of(v2, new LocalSchemaResolver());
    assertThatThrownBy(() -> stranger.decode(bytes)).isInstanceOf(UndecodableRecordException.class)
        .hasMessageContaining("unknown writer schema");
    assertThatThrownBy(() -> stranger.decode("{\"json\":1}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(UndecodableRecordException.class).hasMessageContaining("not Avro single-object");
  }

  @Test
  void topicNames() {
    TopicName topic = new TopicName("na", "na-resolver-queries", "raw");
    assertThat(topic.toString()).isEqualTo("na.na-resolver-queries.raw");
    assertThat(topic.deadLetter().toString()).isEqualTo("na.na-resolver-queries.dlq");
    assertThat(TopicName.parse("eu.eu-authoritative.raw")).isEqualTo(new TopicName("eu", "eu-authoritative", "raw"));
    assertThatThrownBy(() -> new TopicName("NA", "x", "raw")).hasMessageContaining("domain 'NA'");
  }

  /**
   * Regression (issue 17): a record that fails to encode left its partial body in the thread's buffered encoder,
   * which flushed it in front of the next record's body, so the next, valid event decoded as a corrupt body and was
   * quarantined. Its bytes must be exactly what a fresh codec writes for it alone.
   */
  @Test
  void failedEncodeLeavesNothingInFrontOfTheNextRecord() throws Exception {
    Schema schema = SchemaBuilder.record("E").fields().requiredString("event_id").requiredString("query_name")
        .optionalString("rcode").endRecord();
    AvroEventCodec codec = AvroEventCodec.of(schema, new LocalSchemaResolver());
    GenericRecord failing = new org.apache.avro.generic.GenericData.Record(schema);
    failing.put("event_id", "0123456789abcdef0123456789abcdef"); // written before the unset query_name fails
    GenericRecord valid = new org.apache.avro.generic.GenericData.Record(schema);
    valid.put("event_id", "fedcba9876543210fedcba9876543210");
    valid.put("query_name", "example.org");
    valid.put("rcode", "NOERROR");
    // the expected bytes from Avro's own encoder, independently of the codec's reused per-thread buffers
    byte[] expected = new org.apache.avro.message.BinaryMessageEncoder<GenericRecord>(
        org.apache.avro.generic.GenericData.get(), schema).encode(valid).array();

    assertThatThrownBy(() -> codec.encode(failing)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("query_name");
    byte[] next = codec.encode(valid);

    assertThat(next).isEqualTo(expected);
    assertThat(codec.decode(next).get("query_name").toString()).isEqualTo("example.org");
  }
}
