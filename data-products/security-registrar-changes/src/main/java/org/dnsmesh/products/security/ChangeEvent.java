package org.dnsmesh.products.security;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One canonical, pseudonymised registrar or DNS-change event: the columns of the contract's
 * {@code registrar_changes} object (schema version {@value #SCHEMA_VERSION}). Identifiers of people and addresses are
 * HMAC pseudonyms ({@code *_id}); clear values never reach this type.
 */
public record ChangeEvent(String eventId, Instant eventTs, String eventType, String sourceSystem, String tenant,
    String domain, String zone, String registrarAccount, String actorId, String actorIpId, String actorUserAgent,
    String contactEmailId, String loginRisk, String recordName, String recordType, String oldValue, String newValue,
    Integer ttlDelta, String changeRequestId, String approverId, String pseudonymKeyId, double confidence) {

  public static final int SCHEMA_VERSION = 1;

  public ChangeEvent {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(eventTs, "eventTs");
    Objects.requireNonNull(eventType, "eventType");
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(actorId, "actorId");
  }

  /** The event as a row of contract column names (timestamps as {@link Instant}). */
  public Map<String, Object> toRow() {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("event_id", eventId);
    row.put("schema_version", SCHEMA_VERSION);
    row.put("event_ts", eventTs);
    row.put("event_type", eventType);
    row.put("source_system", sourceSystem);
    row.put("tenant", tenant);
    row.put("domain", domain);
    row.put("zone", zone);
    row.put("registrar_account", registrarAccount);
    row.put("actor_id", actorId);
    row.put("actor_ip_id", actorIpId);
    row.put("actor_user_agent", actorUserAgent);
    row.put("contact_email_id", contactEmailId);
    row.put("login_risk", loginRisk);
    row.put("record_name", recordName);
    row.put("record_type", recordType);
    row.put("old_value", oldValue);
    row.put("new_value", newValue);
    row.put("ttl_delta", ttlDelta);
    row.put("change_request_id", changeRequestId);
    row.put("approver_id", approverId);
    row.put("pseudonym_key_id", pseudonymKeyId);
    row.put("confidence", confidence);
    return row;
  }

  /** The inverse of {@link #toRow()}; timestamps may be {@link Instant} or Avro's epoch microseconds. */
  public static ChangeEvent fromRow(Map<String, ?> row) {
    return new ChangeEvent(string(row, "event_id"), instant(row.get("event_ts")), string(row, "event_type"),
        string(row, "source_system"), string(row, "tenant"), string(row, "domain"), string(row, "zone"),
        string(row, "registrar_account"), string(row, "actor_id"), string(row, "actor_ip_id"),
        string(row, "actor_user_agent"), string(row, "contact_email_id"), string(row, "login_risk"),
        string(row, "record_name"), string(row, "record_type"), string(row, "old_value"), string(row, "new_value"),
        row.get("ttl_delta") == null ? null : ((Number) row.get("ttl_delta")).intValue(),
        string(row, "change_request_id"), string(row, "approver_id"), string(row, "pseudonym_key_id"),
        ((Number) row.get("confidence")).doubleValue());
  }

  /** True for NS and DS changes: the delegation of the domain. */
  public boolean isDelegationChange() {
    return "record-change".equals(eventType) && ("NS".equals(recordType) || "DS".equals(recordType));
  }

  private static String string(Map<String, ?> row, String column) {
    Object value = row.get(column);
    return value == null ? null : value.toString();
  }

  static Instant instant(Object value) {
    if (value instanceof Instant instant) {
      return instant;
    }
    if (value instanceof Number number) {
      long micros = number.longValue();
      return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }
    throw new IllegalArgumentException("not a timestamp: " + value);
  }
}
