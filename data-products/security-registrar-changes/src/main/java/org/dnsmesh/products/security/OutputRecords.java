package org.dnsmesh.products.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Instant;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.dnsmesh.productkit.transport.AvroEventCodec;

/**
 * The JSON the topology writes on its detections and cases topics -> the contract's Avro records for the tables.
 * A value that is not a finding (or case) throws {@link IllegalArgumentException} naming what is missing; the sink
 * quarantines it with that reason.
 */
final class OutputRecords {

  private OutputRecords() {}

  /** A {@link Finding} as a row of {@code detections}. */
  static GenericRecord detection(Schema schema, Finding f) {
    if (f.caseId() == null) {
      throw new IllegalArgumentException("finding " + f.findingId() + " has no case_id (not bundled by the case builder)");
    }
    Map<String, Object> event = f.event() == null ? Map.of() : f.event();
    GenericRecord r = new GenericData.Record(schema);
    r.put("finding_id", f.findingId());
    r.put("rule", f.rule().name());
    r.put("event_ts", micros(f.eventTsMillis()));
    r.put("severity", f.severity() == null ? null : f.severity().name());
    r.put("confidence", f.confidence());
    r.put("criticality", f.criticality() == null ? null : f.criticality().name());
    r.put("case_key", f.caseKey());
    r.put("case_id", f.caseId());
    r.put("domain", f.domain());
    r.put("registrar_account", f.account());
    r.put("actor_id", f.actorId());
    r.put("actor_ip_id", text(event.get("actor_ip_id")));
    r.put("event_type", text(event.get("event_type")));
    r.put("trigger_event_id", f.triggerEventId());
    r.put("owner", f.owner());
    r.put("business_unit", f.businessUnit());
    r.put("explanation", f.explanation());
    r.put("suppressed_by", f.suppressedBy());
    return r;
  }

  /** A {@link SecurityCase} state as a row of {@code cases} (the timeline as a JSON array). */
  static GenericRecord securityCase(Schema schema, SecurityCase c) {
    if (c.caseId == null || c.caseKey == null) {
      throw new IllegalArgumentException("case state without caseId or caseKey");
    }
    GenericRecord r = new GenericData.Record(schema);
    r.put("case_id", c.caseId);
    r.put("case_key", c.caseKey);
    r.put("owner", c.owner);
    r.put("business_unit", c.businessUnit);
    r.put("opened_ts", micros(c.openedMillis));
    r.put("updated_ts", micros(c.updatedMillis));
    r.put("severity", c.severity == null ? null : c.severity.name());
    r.put("findings", c.findings);
    r.put("suppressed", c.suppressed);
    try {
      r.put("timeline", JsonSerde.JSON.writeValueAsString(c.timeline));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("case " + c.caseId + ": timeline cannot be written as JSON: " + e.getMessage(), e);
    }
    return r;
  }

  /** The topic's JSON value -> the table's Avro single-object bytes. */
  static byte[] transcodeDetection(AvroEventCodec codec, byte[] json) {
    return codec.encode(detection(codec.writeSchema(), read(json, Finding.class)));
  }

  static byte[] transcodeCase(AvroEventCodec codec, byte[] json) {
    return codec.encode(securityCase(codec.writeSchema(), read(json, SecurityCase.class)));
  }

  private static <T> T read(byte[] json, Class<T> type) {
    try {
      return JsonSerde.read(json, type);
    } catch (RuntimeException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new IllegalArgumentException("not a " + type.getSimpleName() + " as JSON: " + cause.getMessage(), e);
    }
  }

  private static long micros(long millis) {
    return Math.multiplyExact(millis, 1000L);
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }

  static Instant instant(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
  }
}
