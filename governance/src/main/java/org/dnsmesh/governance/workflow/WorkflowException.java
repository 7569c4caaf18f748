package org.dnsmesh.governance.workflow;

/** A workflow step that is not allowed now: wrong state, wrong actor, ineligible reviewer, stale update. */
public final class WorkflowException extends RuntimeException {
  private final Reason reason;

  public WorkflowException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  public enum Reason {
    /** The change is not in a state that allows this step (HTTP 409). */
    INVALID_STATE,
    /** The actor may not take this step on this change (HTTP 403). */
    NOT_ALLOWED,
    /** No such change (HTTP 404). */
    NOT_FOUND,
    /** Someone else changed it first (HTTP 409, retry). */
    CONCURRENT_UPDATE,
    /** The request itself is invalid (HTTP 400). */
    INVALID_REQUEST
  }
}
