package org.dnsmesh.governance.audit;

import java.util.List;
import java.util.Map;

/** Append-only, hash-chained record of every governance action ({@code mesh audit verify} calls verify()). */
public interface AuditLog {
  /** Appends an entry chained to the newest one; details become canonical JSON. */
  AuditEntry append(String actor, String action, String subject, Map<String, ?> details);

  /** Entries with sequence >= {@code fromSequence}, oldest first, at most {@code limit}. */
  List<AuditEntry> read(long fromSequence, int limit);

  /** Entries whose details name this change ({@code "change": id}), oldest first: one change's audit trail. */
  default List<AuditEntry> aboutChange(String changeId) {
    String needle = "\"change\":\"" + changeId + "\"";
    List<AuditEntry> found = new java.util.ArrayList<>();
    long from = 1;
    List<AuditEntry> page;
    do {
      page = read(from, 1000);
      page.stream().filter(e -> e.details().contains(needle)).forEach(found::add);
      from = page.isEmpty() ? from : page.getLast().sequence() + 1;
    } while (page.size() == 1000);
    return found;
  }

  /** Recomputes every hash and link; detects edited, deleted, inserted or truncated entries. */
  AuditVerification verify();
}
