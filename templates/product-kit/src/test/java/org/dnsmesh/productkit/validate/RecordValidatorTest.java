package org.dnsmesh.productkit.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.util.Utf8;
import org.junit.jupiter.api.Test;

class RecordValidatorTest {

  static final RecordValidator VALIDATOR = new RecordValidator(List.of(
      FieldRule.of("event_id", FieldType.STRING, Presence.REQUIRED).matching("[0-9a-f]{32}"),
      FieldRule.of("event_ts", FieldType.TIMESTAMP, Presence.REQUIRED),
      FieldRule.of("qtype", FieldType.STRING, Presence.REQUIRED).allowed(Set.of("A", "AAAA", "PTR")),
      FieldRule.of("latency_ms", FieldType.NUMBER, Presence.OPTIONAL).range(0.0, 60_000.0),
      FieldRule.of("ttls", FieldType.ARRAY, Presence.OPTIONAL).range(0.0, 604_800.0),
      FieldRule.of("query_name", FieldType.STRING, Presence.REQUIRED).maxLength(253)));

  static Map<String, Object> good() {
    Map<String, Object> row = new HashMap<>();
    row.put("event_id", "0123456789abcdef0123456789abcdef");
    row.put("event_ts", Instant.parse("2026-01-01T00:00:00Z"));
    row.put("qtype", "A");
    row.put("latency_ms", 1.5);
    row.put("ttls", List.of(300L));
    row.put("query_name", "example.com");
    return row;
  }

  @Test
  void acceptsAGoodRecord() {
    assertThat(VALIDATOR.validate(FieldValues.of(good())).isValid()).isTrue();
  }

  @Test
  void reportsEveryViolationWithItsCheck() {
    Map<String, Object> row = good();
    row.put("event_id", "XYZ");
    row.remove("event_ts");
    row.put("qtype", "BOGUS");
    row.put("latency_ms", -3.0);
    row.put("ttls", List.of(300L, 9_999_999L));
    row.put("query_name", 42);

    ValidationResult result = VALIDATOR.validate(FieldValues.of(row));

    assertThat(result.isValid()).isFalse();
    assertThat(result.violations()).extracting(Violation::field, Violation::check).containsExactly(
        org.assertj.core.groups.Tuple.tuple("event_id", "pattern"),
        org.assertj.core.groups.Tuple.tuple("event_ts", "required"),
        org.assertj.core.groups.Tuple.tuple("qtype", "enum"),
        org.assertj.core.groups.Tuple.tuple("latency_ms", "range"),
        org.assertj.core.groups.Tuple.tuple("ttls[1]", "range"),
        org.assertj.core.groups.Tuple.tuple("query_name", "type"));
    assertThat(result.reason()).contains("event_ts: is required but missing").contains("'BOGUS' is not one of");
  }

  @Test
  void readsAvroRecordsWithUtf8Strings() {
    Schema schema = SchemaBuilder.record("r").fields().requiredString("qtype").endRecord();
    GenericData.Record record = new GenericData.Record(schema);
    record.put("qtype", new Utf8("PTR"));
    RecordValidator validator = new RecordValidator(List.of(
        FieldRule.of("qtype", FieldType.STRING, Presence.REQUIRED).allowed(Set.of("PTR")),
        FieldRule.of("not_in_schema", FieldType.STRING, Presence.OPTIONAL)));
    assertThat(validator.validate(FieldValues.of(record)).isValid()).isTrue();
  }

  @Test
  void decodedUtf8TextGetsTheSameAnswersAsStrings() {
    RecordValidator validator = new RecordValidator(List.of(
        FieldRule.of("id", FieldType.STRING, Presence.REQUIRED).matching("[0-9a-f]{4}"),
        FieldRule.of("proto", FieldType.STRING, Presence.OPTIONAL).allowed(Set.of("udp", "tcp", "dé")),
        FieldRule.of("name", FieldType.STRING, Presence.OPTIONAL).maxLength(4),
        FieldRule.of("host", FieldType.STRING, Presence.OPTIONAL).matching("[a-z]+(\\.[a-z]+)*").maxLength(8)));
    RecordValidator.Bound bound = validator.bind(List.of("id", "proto", "name", "host"));
    String[][] cases = {
        {"00ff", "udp", "abcd", "a.b"}, {"00fF", "tcp", "abcde", "a..b"}, {"00é", "dé", "éééé", "é.de"},
        {"00ffa", "UDP", "ééééé", "abcdefghi"}, {"", "", "", ""}, {"0é0f", "d", "ab", "abcd.efg"}};
    for (String[] c : cases) {
      ValidationResult strings = bound.validate(position -> c[position]);
      ValidationResult utf8 = bound.validate(position -> new Utf8(c[position]));
      assertThat(utf8).as(String.join(" | ", c)).isEqualTo(strings);
    }
    assertThat(bound.validate(position -> new Utf8(cases[0][position])).isValid()).isTrue();
    assertThat(bound.validate(position -> new Utf8(cases[2][position])).violations())
        .as("multi-byte text: 'éééé' is 4 chars (8 bytes), within maxLength 4").extracting(Violation::field)
        .containsExactly("id", "host");
  }

  @Test
  void boundToColumnPositionsGivesTheSameAnswers() {
    List<String> columns = List.of("query_name", "ttls", "latency_ms", "qtype", "event_ts", "event_id", "other");
    RecordValidator.Bound bound = VALIDATOR.bind(columns);
    assertThat(VALIDATOR.coversOnly(columns)).isTrue();
    assertThat(VALIDATOR.coversOnly(List.of("event_id"))).isFalse();
    Map<String, Object> bad = good();
    bad.put("event_id", "XYZ");
    bad.put("latency_ms", -1.0);
    bad.remove("qtype");
    for (Map<String, Object> row : List.of(good(), bad)) {
      ValidationResult byName = VALIDATOR.validate(FieldValues.of(row));
      ValidationResult byPosition = bound.validate(position -> row.get(columns.get(position)));
      assertThat(byPosition).isEqualTo(byName);
    }
    assertThat(bound.validate(position -> bad.get(columns.get(position))).violations())
        .extracting(Violation::check).containsExactly("pattern", "required", "range");
  }
}
