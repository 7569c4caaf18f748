package org.dnsmesh.governance.workflow;

/**
 * Life of a change request: DRAFT -> SUBMITTED -> APPROVED -> PUBLISHED, or SUBMITTED -> REJECTED ->
 * (revise) DRAFT -> SUBMITTED again. A change in force of a revocable kind ({@link ChangeKind#revocable}) may end
 * early: APPROVED or PUBLISHED -> REVOKED (final; the moment of revocation is the change's {@code updatedAt}).
 */
public enum ChangeState {
  DRAFT,
  SUBMITTED,
  APPROVED,
  REJECTED,
  PUBLISHED,
  REVOKED
}
