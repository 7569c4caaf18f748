package org.dnsmesh.products.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.dnsmesh.productkit.transport.AvroEventCodec;
import org.dnsmesh.productkit.transport.LocalSchemaResolver;
import org.dnsmesh.productkit.validate.ValidationResult;
import org.dnsmesh.products.support.ProductContract;
import org.junit.jupiter.api.Test;

/** The output tables' contract objects, the topic JSON -> table row mapping and the newest state per case. */
class SecurityTablesTest {

  private static final String ACTOR = "0123456789abcdef0123456789abcdef";
  private static final String ACTOR_IP = "fedcba9876543210fedcba9876543210";

  @Test
  void contractsNameTheTopicsAsSourcesAndTagTheActorColumns() {
    ProductContract detections = SecurityTables.detectionsContract();
    ProductContract cases = SecurityTables.casesContract();
    assertThat(detections.topic()).isEqualTo(RegistrarChanges.DETECTIONS);
    assertThat(cases.topic()).isEqualTo(RegistrarChanges.CASES);
    assertThat(detections.table()).isEqualTo(SecurityTables.DETECTIONS);
    assertThat(cases.table()).isEqualTo(SecurityTables.CASES);
    assertThat(detections.object().properties()).filteredOn(p -> p.name().startsWith("actor"))
        .extracting(p -> p.name() + ":" + p.classification() + ":" + p.tags())
        .containsExactlyInAnyOrder("actor_id:pseudonymous:[actor]", "actor_ip_id:pseudonymous:[actor]");
    // the derived table's columns are the contract's, in the contract's order
    assertThat(org.dnsmesh.products.support.DerivedTables.schemaOf(CaseRow.class).columns())
        .extracting(c -> c.name()).containsExactlyElementsOf(cases.object().properties().stream()
            .map(p -> p.name()).toList());
  }

  @Test
  void aFindingOnTheTopicBecomesAValidDetectionsRow() throws Exception {
    ProductContract contract = SecurityTables.detectionsContract();
    AvroEventCodec codec = AvroEventCodec.of(contract.avroSchema(), new LocalSchemaResolver());
    Finding finding = finding("c0ffee00c0ffee00c0ffee00c0ffee00", "case00");
    byte[] avro = OutputRecords.transcodeDetection(codec, JsonSerde.bytes(finding));
    GenericRecord row = codec.decode(avro);
    assertThat(row.get("finding_id").toString()).isEqualTo(finding.findingId());
    assertThat(row.get("rule").toString()).isEqualTo("NAMESERVER_NOT_KNOWN_GOOD");
    assertThat((Long) row.get("event_ts")).isEqualTo(1_764_547_200_123_000L); // 2025-12-01T00:00:00.123Z in µs
    assertThat(row.get("actor_id").toString()).isEqualTo(ACTOR);
    assertThat(row.get("actor_ip_id").toString()).isEqualTo(ACTOR_IP);
    assertThat(row.get("event_type").toString()).isEqualTo("record-change");
    assertThat(row.get("severity").toString()).isEqualTo("HIGH");
    assertThat(row.get("suppressed_by")).isNull();
    assertThat(row.get("case_id").toString()).isEqualTo("case00");
    ValidationResult result = contract.validator().validate(org.dnsmesh.productkit.validate.FieldValues.of(row));
    assertThat(result.violations()).isEmpty();
  }

  @Test
  void aValueThatIsNoBundledFindingIsRefusedWithTheReason() {
    ProductContract contract = SecurityTables.detectionsContract();
    AvroEventCodec codec = AvroEventCodec.of(contract.avroSchema(), new LocalSchemaResolver());
    assertThatThrownBy(() -> OutputRecords.transcodeDetection(codec, "{not json".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a Finding as JSON");
    Finding unbundled = new Finding("c0ffee00c0ffee00c0ffee00c0ffee00", Rule.CHANGE_RATE_SPIKE, "domain:a.example",
        "a.example", null, ACTOR, 0, 0.6, Criticality.LOW, Severity.LOW, null, null, "spike", "e1", Map.of(), null,
        null);
    assertThatThrownBy(() -> OutputRecords.transcodeDetection(codec, JsonSerde.bytes(unbundled)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has no case_id");
  }

  @Test
  void aCaseStateBecomesACasesRowWithItsTimelineAsJson() throws Exception {
    ProductContract contract = SecurityTables.casesContract();
    AvroEventCodec codec = AvroEventCodec.of(contract.avroSchema(), new LocalSchemaResolver());
    SecurityCase c = SecurityCase.open(finding("c0ffee00c0ffee00c0ffee00c0ffee00", "case00"));
    c.add(finding("c0ffee00c0ffee00c0ffee00c0ffee00", "case00"));
    GenericRecord row = codec.decode(OutputRecords.transcodeCase(codec, JsonSerde.bytes(c)));
    assertThat(row.get("case_id").toString()).isEqualTo(c.caseId);
    assertThat(row.get("findings")).isEqualTo(1);
    assertThat(row.get("severity").toString()).isEqualTo("HIGH");
    assertThat(row.get("timeline").toString()).startsWith("[{\"eventTsMillis\":1764547200123,\"rule\":\"NAMESERVER_NOT_KNOWN_GOOD\"");
    assertThat(contract.validator().validate(org.dnsmesh.productkit.validate.FieldValues.of(row)).violations()).isEmpty();
  }

  @Test
  void theNewestStateOfEachCaseIsTheOneWithMostFindings() {
    Instant t = Instant.parse("2026-12-01T00:00:00Z");
    CaseRow a1 = row("a", 1, t);
    CaseRow a3 = row("a", 3, t.plusSeconds(30));
    CaseRow a2 = row("a", 2, t.plusSeconds(20));
    CaseRow b1 = row("b", 1, t);
    CaseRow b1later = row("b", 1, t.plusSeconds(5)); // a replayed state: the later finding time wins
    assertThat(CaseRow.newestPerCase(List.of(a1, b1later, a3, b1, a2))).containsExactly(a3, b1later);
  }

  private static CaseRow row(String id, int findings, Instant updated) {
    return new CaseRow(id, "domain:x.example", "o", "bu", Instant.EPOCH, updated, "LOW", findings, 0, "[]");
  }

  private static Finding finding(String id, String caseId) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("event_type", "record-change");
    event.put("actor_ip_id", ACTOR_IP);
    return new Finding(id, Rule.NAMESERVER_NOT_KNOWN_GOOD, "domain:a.example", "a.example", "acct-1", ACTOR,
        Instant.parse("2025-12-01T00:00:00.123Z").toEpochMilli(), 0.9, Criticality.HIGH, Severity.HIGH, "dns-team",
        "retail", "NS change to a host outside the known-good set", "e1", event, null, caseId);
  }
}
