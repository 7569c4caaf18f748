package org.dnsmesh.governance.audit;

import java.util.List;
import java.util.Map;

/** Append-only, hash-chained record of every governance action ({@code mesh audit verify} calls verify()). */
public interface AuditLog {
  /** Appends an entry chained to the newest one; details become canonical JSON. */
  AuditEntry append(String actor, String action, String subject, Map<String, ?> details);

  /** Entries with sequence >= {@code fromSequence}, oldest first, at most {@code limit}. */
  List<AuditEntry> read(long fromSequence, int limit);

  /** Recomputes every hash and link; detects edited, deleted, inserted or truncated entries. */
  AuditVerification verify();
}
