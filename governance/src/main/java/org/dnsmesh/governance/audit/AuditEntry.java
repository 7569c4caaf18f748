package org.dnsmesh.governance.audit;

import java.time.Instant;
import java.util.Objects;

/** One audit log entry; {@code details} is canonical JSON (sorted keys), exactly as hashed. */
public record AuditEntry(long sequence, Instant occurredAt, String actor, String action, String subject, String details,
                         String previousHash, String hash) {
  public AuditEntry {
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(details, "details");
    Objects.requireNonNull(previousHash, "previousHash");
    Objects.requireNonNull(hash, "hash");
  }
}
