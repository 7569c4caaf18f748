package org.dnsmesh.governance.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The canonical form of an entry and its SHA-256. Canonical form: the JSON array
 * {@code [sequence, occurredAt (ISO-8601 UTC, microseconds), actor, action, subject, details, previousHash]}
 * as written by Jackson without whitespace; details are JSON with keys sorted at every level.
 */
public final class AuditHashing {
  /** The previous hash of the first entry. */
  public static final String GENESIS = "0".repeat(64);
  private static final ObjectMapper CANONICAL = JsonMapper.builder()
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
      .build();

  private AuditHashing() {}

  public static String canonicalDetails(Map<String, ?> details) {
    try {
      // Round trip through a tree so nested maps and records are sorted the same way.
      return CANONICAL.writeValueAsString(CANONICAL.readValue(CANONICAL.writeValueAsString(details), Object.class));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("audit details are not serialisable: " + e.getOriginalMessage(), e);
    }
  }

  public static String hash(long sequence, Instant occurredAt, String actor, String action, String subject, String details,
                            String previousHash) {
    try {
      String canonical = CANONICAL.writeValueAsString(
          List.of(sequence, occurredAt.toString(), actor, action, subject, details, previousHash));
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot hash audit entry " + sequence, e);
    }
  }

  public static String hash(AuditEntry entry) {
    return hash(entry.sequence(), entry.occurredAt(), entry.actor(), entry.action(), entry.subject(), entry.details(),
        entry.previousHash());
  }
}
