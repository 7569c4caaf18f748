package org.dnsmesh.productkit.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.dnsmesh.productkit.normalize.DnsNormalizer;
import org.dnsmesh.productkit.normalize.UnicodeNames;
import org.dnsmesh.productkit.pseudonymize.DomainKeyRing;
import org.dnsmesh.productkit.pseudonymize.PrivacyPolicy;
import org.dnsmesh.productkit.pseudonymize.PseudonymKey;
import org.dnsmesh.productkit.pseudonymize.Pseudonymizer;
import org.dnsmesh.productkit.source.SyntheticDnsGenerator;
import org.dnsmesh.productkit.source.SyntheticProfile;
import org.junit.jupiter.api.Test;

/** Same bytes as Avro's generic writer, same records as its generic reader, for the schemas it takes. */
class DirectRecordCodecTest {

  private static final Schema MIXED = SchemaBuilder.record("Mixed").fields()
      .requiredString("s")
      .optionalString("os")
      .name("ns").type().unionOf().stringType().and().nullType().endUnion().noDefault() // null second
      .requiredInt("i").optionalLong("ol").requiredFloat("f").optionalDouble("od").requiredBoolean("b")
      .optionalBytes("ob")
      .name("strings").type().array().items().stringType().noDefault()
      .name("maybeLongs").type().nullable().array().items().longType().noDefault()
      .name("nullableItems").type().array().items().nullable().stringType().noDefault()
      .endRecord();

  private static List<GenericRecord> events(int count) {
    PrivacyPolicy privacy = new PrivacyPolicy(DnsQueryEventSchema.TREATMENTS, new Pseudonymizer(new DomainKeyRing(
        "na", "k1", Map.of("k1", new PseudonymKey("k1", "0123456789abcdef0123".getBytes(StandardCharsets.UTF_8))))));
    EventRecordBuilder builder = new EventRecordBuilder(DnsQueryEventSchema.SCHEMA, privacy);
    DnsNormalizer normalizer = new DnsNormalizer(UnicodeNames.KEEP);
    List<GenericRecord> records = new ArrayList<>();
    new SyntheticDnsGenerator(SyntheticProfile.resolverDefaults(count, 3))
        .generate(count, raw -> records.add(builder.build(normalizer.normalize(raw))));
    return records;
  }

  private static List<GenericRecord> mixed(int count) {
    SplittableRandom random = new SplittableRandom(9);
    List<GenericRecord> records = new ArrayList<>();
    for (int n = 0; n < count; n++) {
      GenericData.Record r = new GenericData.Record(MIXED);
      r.put("s", "s" + random.nextInt(1000) + (random.nextBoolean() ? "ü" : ""));
      r.put("os", random.nextInt(3) == 0 ? null : "o" + n);
      r.put("ns", random.nextInt(3) == 0 ? null : "n" + n);
      r.put("i", random.nextInt());
      r.put("ol", random.nextInt(3) == 0 ? null : random.nextLong());
      r.put("f", (float) random.nextDouble());
      r.put("od", random.nextInt(3) == 0 ? null : random.nextDouble());
      r.put("b", random.nextBoolean());
      r.put("ob", random.nextInt(3) == 0 ? null : ByteBuffer.wrap(new byte[] {(byte) n, 2, 3}));
      List<String> strings = new ArrayList<>();
      for (int k = random.nextInt(4); k > 0; k--) {
        strings.add("x" + k);
      }
      r.put("strings", strings);
      r.put("maybeLongs", random.nextInt(3) == 0 ? null : List.of(1L, (long) n));
      r.put("nullableItems", Arrays.asList("a", null, "c" + n));
      records.add(r);
    }
    return records;
  }

  private static byte[] genericBytes(GenericRecord record) throws Exception {
    return new BinaryMessageEncoder<GenericRecord>(GenericData.get(), record.getSchema()).encode(record).array();
  }

  private static void assertSameAsGeneric(List<GenericRecord> records) throws Exception {
    Schema schema = records.get(0).getSchema();
    assertThat(DirectRecordCodec.forSchema(schema)).isNotNull();
    AvroEventCodec codec = AvroEventCodec.of(schema, fingerprint -> null);
    BinaryMessageDecoder<GenericRecord> generic = new BinaryMessageDecoder<>(GenericData.get(), schema);
    GenericRecord reuse = null;
    GenericRecord genericReuse = null;
    for (GenericRecord record : records) {
      byte[] direct = codec.encode(record);
      assertThat(direct).isEqualTo(genericBytes(record));
      GenericRecord expected = generic.decode(direct);
      assertThat(codec.decode(direct)).isEqualTo(expected);
      reuse = codec.decode(direct, reuse); // strings and arrays reused, as the pipeline decodes
      genericReuse = generic.decode(direct, genericReuse);
      assertThat(reuse).isEqualTo(expected).isEqualTo(genericReuse);
    }
  }

  @Test
  void dnsEventsEncodeAndDecodeAsAvrosGenericCode() throws Exception {
    assertSameAsGeneric(events(3_000));
  }

  @Test
  void everySupportedShapeEncodesAndDecodesAsAvrosGenericCode() throws Exception {
    assertSameAsGeneric(mixed(2_000));
  }

  @Test
  void otherSchemasKeepTheGenericCode() {
    assertThat(DirectRecordCodec.forSchema(SchemaBuilder.record("E").fields()
        .name("e").type().enumeration("K").symbols("A", "B").noDefault().endRecord())).isNull();
    assertThat(DirectRecordCodec.forSchema(SchemaBuilder.record("M").fields()
        .name("m").type().map().values().stringType().noDefault().endRecord())).isNull();
    assertThat(DirectRecordCodec.forSchema(SchemaBuilder.record("U").fields()
        .name("u").type().unionOf().nullType().and().stringType().and().intType().endUnion().nullDefault()
        .endRecord())).isNull();
    assertThat(DirectRecordCodec.forSchema(SchemaBuilder.record("N").fields()
        .name("n").type().record("Inner").fields().requiredString("x").endRecord().noDefault().endRecord())).isNull();
    assertThat(DirectRecordCodec.forSchema(SchemaBuilder.record("J").fields()
        .name("j").type().stringBuilder().prop(GenericData.STRING_PROP, "String").endString().noDefault()
        .endRecord())).as("java strings, not Utf8").isNull();
  }

  @Test
  void corruptBodiesAreUndecodableNotCrashes() throws Exception {
    AvroEventCodec codec = AvroEventCodec.of(MIXED, fingerprint -> null);
    byte[] good = codec.encode(mixed(1).get(0));
    SplittableRandom random = new SplittableRandom(4);
    int undecodable = 0;
    for (int n = 0; n < 2_000; n++) {
      byte[] bad = good.clone();
      if (n % 2 == 0) {
        bad = Arrays.copyOf(bad, 10 + random.nextInt(bad.length - 10)); // truncated
      } else {
        bad[10 + random.nextInt(bad.length - 10)] = (byte) random.nextInt(256); // one byte changed
      }
      try {
        codec.decode(bad);
      } catch (UndecodableRecordException e) {
        undecodable++;
        assertThat(e.getMessage()).startsWith("corrupt Avro body");
      }
    }
    assertThat(undecodable).isGreaterThan(900); // every truncation at least; changed bytes may still decode
    assertThatThrownBy(() -> codec.decode(Arrays.copyOf(good, 11))).isInstanceOf(UndecodableRecordException.class);
  }

  @Test
  void aValueThatDoesNotFitItsFieldIsRefusedWhenEncoding() {
    GenericData.Record record = (GenericData.Record) mixed(1).get(0);
    record.put("i", "not a number");
    assertThatThrownBy(() -> AvroEventCodec.of(MIXED, fingerprint -> null).encode(record))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not fit schema Mixed");
    record.put("i", 1);
    record.put("s", null);
    assertThatThrownBy(() -> AvroEventCodec.of(MIXED, fingerprint -> null).encode(record))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
