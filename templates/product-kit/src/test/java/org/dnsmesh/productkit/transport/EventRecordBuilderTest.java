package org.dnsmesh.productkit.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericRecord;
import org.dnsmesh.productkit.normalize.DnsEvent;
import org.dnsmesh.productkit.normalize.DnsEventRows;
import org.dnsmesh.productkit.normalize.DnsNormalizer;
import org.dnsmesh.productkit.normalize.UnicodeNames;
import org.dnsmesh.productkit.pseudonymize.ColumnTreatment;
import org.dnsmesh.productkit.pseudonymize.DomainKeyRing;
import org.dnsmesh.productkit.pseudonymize.PrivacyPolicy;
import org.dnsmesh.productkit.pseudonymize.PseudonymKey;
import org.dnsmesh.productkit.pseudonymize.Pseudonymizer;
import org.dnsmesh.productkit.pseudonymize.Treatment;
import org.dnsmesh.productkit.source.SyntheticDnsGenerator;
import org.dnsmesh.productkit.source.SyntheticProfile;
import org.junit.jupiter.api.Test;

class EventRecordBuilderTest {

  private static final Pseudonymizer PSEUDONYMIZER = new Pseudonymizer(new DomainKeyRing("na", "k1",
      Map.of("k1", new PseudonymKey("k1", "0123456789abcdef0123".getBytes(StandardCharsets.UTF_8)))));

  private static List<DnsEvent> events(int count) {
    DnsNormalizer normalizer = new DnsNormalizer(UnicodeNames.KEEP);
    List<DnsEvent> events = new ArrayList<>();
    new SyntheticDnsGenerator(SyntheticProfile.resolverDefaults(count, 7))
        .generate(count, raw -> events.add(normalizer.normalize(raw)));
    return events;
  }

  /** The compiled builder and the map path (row -> privacy policy -> record) give the same record. */
  private static void assertSameAsMapPath(Schema schema, PrivacyPolicy privacy, List<DnsEvent> events) {
    EventRecordBuilder builder = new EventRecordBuilder(schema, privacy);
    for (DnsEvent event : events) {
      GenericRecord expected = AvroRows.toRecord(schema, privacy.apply(DnsEventRows.toRow(event)));
      assertThat(builder.build(event)).as(event.eventId()).isEqualTo(expected);
    }
  }

  @Test
  void standardSchemaAndTreatmentsGiveTheMapPathsRecords() {
    assertSameAsMapPath(DnsQueryEventSchema.SCHEMA, new PrivacyPolicy(DnsQueryEventSchema.TREATMENTS, PSEUDONYMIZER),
        events(3_000));
  }

  @Test
  void everyTreatmentDefaultsAndUnknownColumnsBehaveAsInTheMapPath() {
    Schema schema = SchemaBuilder.record("Other").fields()
        .requiredString("event_id")
        .optionalString("client_ip")            // an identifier no CLEAR rule writes back: null, not raw
        .optionalString("server_ip")            // dropped after a CLEAR: absent -> default null
        .optionalString("uid_copy")             // CLEAR from a column rows do not have: null
        .optionalString("account")              // HMAC of the client address
        .optionalString("account_key_id")
        .optionalString("subnet")
        .name("qtype").type().stringType().stringDefault("ANY") // present in rows: the value, not the default
        .name("missing").type().stringType().stringDefault("dflt") // absent from rows: the default
        .endRecord();
    PrivacyPolicy privacy = new PrivacyPolicy(List.of(
        new ColumnTreatment("client_ip", "account", Treatment.HMAC),
        new ColumnTreatment("client_ip", "subnet", Treatment.TRUNCATE),
        ColumnTreatment.inPlace("server_ip", Treatment.CLEAR),
        ColumnTreatment.inPlace("server_ip", Treatment.DROP),
        new ColumnTreatment("no_such_column", "uid_copy", Treatment.CLEAR)), PSEUDONYMIZER);
    List<DnsEvent> events = events(500);
    assertSameAsMapPath(schema, privacy, events);
    GenericRecord record = new EventRecordBuilder(schema, privacy).build(events.get(0));
    assertThat(record.get("client_ip")).isNull();
    assertThat(record.get("account")).asString().isNotBlank().isNotEqualTo(events.get(0).clientIp());
    assertThat(record.get("account_key_id")).isEqualTo("k1");
    assertThat(record.get("missing")).hasToString("dflt");
    assertThat(record.get("qtype")).isEqualTo(events.get(0).qtype());
  }

  @Test
  void aValueOfTheWrongTypeFailsAtEncodingAsInTheMapPath() {
    Schema schema = SchemaBuilder.record("Bad").fields().name("qtype").type().intType().noDefault().endRecord();
    PrivacyPolicy privacy = new PrivacyPolicy(List.of(), PSEUDONYMIZER);
    List<DnsEvent> events = events(1);
    assertSameAsMapPath(schema, privacy, events);
    GenericRecord record = new EventRecordBuilder(schema, privacy).build(events.get(0));
    assertThatThrownBy(() -> AvroEventCodec.of(schema, fp -> null).encode(record))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not fit schema Bad");
  }
}
