package org.dnsmesh.governance.workflow;

/**
 * Life of a change request: DRAFT -> SUBMITTED -> APPROVED -> PUBLISHED, or SUBMITTED -> REJECTED ->
 * (revise) DRAFT -> SUBMITTED again.
 */
public enum ChangeState {
  DRAFT,
  SUBMITTED,
  APPROVED,
  REJECTED,
  PUBLISHED
}
