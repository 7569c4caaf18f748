package org.dnsmesh.products.security;

import java.time.Instant;
import java.util.Objects;

/**
 * A time-boxed suppression: findings of {@code rule} (null = any rule) on {@code caseKey} ({@code domain:<d>} or
 * {@code account:<a>}) with event time in {@code [from, until)} are recorded and bundled into their case, but not
 * alerted. Every suppression names the approved change request that allowed it: approval goes through the
 * governance change-request machine (one machine for every reviewed change); this type only reads the outcome.
 */
public record SuppressionRule(String id, Rule rule, String caseKey, Instant from, Instant until,
    String changeRequestId) {
  public SuppressionRule {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(caseKey, "caseKey");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(until, "until");
    Objects.requireNonNull(changeRequestId, "changeRequestId (suppressions need an approved change)");
    if (!until.isAfter(from)) {
      throw new IllegalArgumentException("suppression " + id + ": until must be after from");
    }
    if (until.isAfter(from.plus(java.time.Duration.ofDays(30)))) {
      throw new IllegalArgumentException("suppression " + id + ": at most 30 days (time-boxed)");
    }
  }

  public boolean matches(Finding finding) {
    long t = finding.eventTsMillis();
    return (rule == null || rule == finding.rule()) && caseKey.equals(finding.caseKey())
        && t >= from.toEpochMilli() && t < until.toEpochMilli();
  }
}
