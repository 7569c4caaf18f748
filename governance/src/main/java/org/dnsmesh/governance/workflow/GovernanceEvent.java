package org.dnsmesh.governance.workflow;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.dnsmesh.governance.policy.PrincipalName;

/**
 * What goes to the Kafka topic {@code mesh.governance.events} (keyed by the change's subject: product, or {@code policy}) after a workflow step
 * committed. {@code auditHash} anchors the audit chain outside the database.
 */
public record GovernanceEvent(Type type, ChangeKind kind, ChangeRequestId change, ChangeSubject subject, String proposedVersion,
                              Optional<CompatibilityClass> compatibility, PrincipalName actor, Instant occurredAt, Optional<String> comment,
                              long auditSequence, String auditHash) {
  public GovernanceEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(change, "change");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(proposedVersion, "proposedVersion");
    compatibility = compatibility == null ? Optional.empty() : compatibility;
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(occurredAt, "occurredAt");
    comment = comment == null ? Optional.empty() : comment;
    Objects.requireNonNull(auditHash, "auditHash");
  }

  public enum Type {
    PROPOSED,
    SUBMITTED,
    REVIEWED,
    APPROVED,
    REJECTED,
    REVISED,
    PUBLISHED,
    REVOKED
  }
}
