package org.dnsmesh.governance.audit;

import java.util.List;

/** Result of {@link AuditLog#verify()}: intact, or the problems found (edited, deleted, reordered entries). */
public record AuditVerification(boolean intact, long entriesChecked, List<String> problems) {
  public AuditVerification {
    problems = List.copyOf(problems);
  }
}
