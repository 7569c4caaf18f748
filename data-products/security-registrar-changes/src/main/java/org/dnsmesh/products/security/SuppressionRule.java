package org.dnsmesh.products.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

/**
 * A time-boxed suppression: findings of {@code rule} (null = any rule) on {@code caseKey} ({@code domain:<d>} or
 * {@code account:<a>}) with event time in {@code [from, until)} are recorded and bundled into their case, but not
 * alerted. Every suppression names the approved change request that allowed it: approval goes through the
 * governance change-request machine (change kind SUPPRESSION), whose catalog publishes approved suppressions on
 * {@value DetectionTopology#SUPPRESSIONS_TOPIC} (key: the id, JSON {@code {"id", "rule", "caseKey", "from",
 * "until", "changeRequestId"}}, written by governance's {@code Suppression.toTopicRecord}); this type only reads the
 * outcome. {@code SuppressionWireTest} holds the two shapes, and {@link Rule} against the rules the catalog accepts,
 * together.
 */
public record SuppressionRule(String id, Rule rule, String caseKey, Instant from, Instant until,
    String changeRequestId,
    // A revoked suppression is the same record again with "revokedAt" (same key: the compacted topic keeps only it):
    // it suppresses findings with event time in [from, min(until, revokedAt)), so from the revocation on findings are
    // alerted again, and a replay of the topic still suppresses exactly what was suppressed live before it. A
    // revocation before from leaves an empty window. Null while the suppression is not revoked.
    Instant revokedAt) {
  /** A suppression in force (not revoked). */
  public SuppressionRule(String id, Rule rule, String caseKey, Instant from, Instant until, String changeRequestId) {
    this(id, rule, caseKey, from, until, changeRequestId, null);
  }

  public SuppressionRule {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(caseKey, "caseKey");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(until, "until");
    Objects.requireNonNull(changeRequestId, "changeRequestId (suppressions need an approved change)");
    if (!until.isAfter(from)) {
      throw new IllegalArgumentException("suppression " + id + ": until must be after from");
    }
    if (until.isAfter(from.plus(Duration.ofDays(30)))) {
      throw new IllegalArgumentException("suppression " + id + ": at most 30 days (time-boxed)");
    }
  }

  /** The same suppression revoked at {@code at} (what the catalog publishes when it is revoked). */
  public SuppressionRule revoked(Instant at) {
    return new SuppressionRule(id, rule, caseKey, from, until, changeRequestId, at);
  }

  /** Where it stops suppressing: {@code until}, or the revocation if that came first. */
  public Instant end() {
    return revokedAt != null && revokedAt.isBefore(until) ? revokedAt : until;
  }

  /** By the finding's event time, never the processing time: a replay suppresses exactly the same findings. */
  public boolean matches(Finding finding) {
    long t = finding.eventTsMillis();
    return (rule == null || rule == finding.rule()) && caseKey.equals(finding.caseKey())
        && t >= from.toEpochMilli() && t < end().toEpochMilli();
  }

  /** The record as the catalog publishes it on the suppressions topic. */
  public byte[] toJson() {
    ObjectNode node = JsonSerde.JSON.createObjectNode();
    node.put("id", id);
    node.put("rule", rule == null ? null : rule.name());
    node.put("caseKey", caseKey);
    node.put("from", from.toString());
    node.put("until", until.toString());
    node.put("changeRequestId", changeRequestId);
    if (revokedAt != null) {
      node.put("revokedAt", revokedAt.toString());
    }
    return node.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * A record of the suppressions topic; empty when it is not a valid suppression (an unknown rule, a window over 30
   * days, not JSON): such a record suppresses nothing, so a bad record can only leave alerts on, never silence them.
   */
  public static Optional<SuppressionRule> fromJson(byte[] bytes) {
    if (bytes == null) {
      return Optional.empty();
    }
    try {
      JsonNode node = JsonSerde.JSON.readTree(bytes);
      String rule = node.path("rule").isTextual() ? node.get("rule").asText() : null;
      // a revocation that does not parse makes the record invalid: it then suppresses nothing (alerts stay on)
      Instant revokedAt = node.hasNonNull("revokedAt") ? Instant.parse(node.get("revokedAt").asText()) : null;
      return Optional.of(new SuppressionRule(node.path("id").asText(null), rule == null ? null : Rule.valueOf(rule),
          node.path("caseKey").asText(null), Instant.parse(node.path("from").asText()),
          Instant.parse(node.path("until").asText()), node.path("changeRequestId").asText(null), revokedAt));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
