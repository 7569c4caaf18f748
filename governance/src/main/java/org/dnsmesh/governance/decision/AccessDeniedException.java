package org.dnsmesh.governance.decision;

import org.dnsmesh.governance.policy.Operation;
import org.dnsmesh.governance.policy.PrincipalName;
import org.dnsmesh.governance.policy.ResourceRef;

/** Thrown by {@link PolicyDecisionPoint#authorizeOrThrow}; the service maps it to HTTP 403. */
public final class AccessDeniedException extends RuntimeException {
  private final Decision decision;

  public AccessDeniedException(PrincipalName principal, Operation operation, ResourceRef resource, Decision decision) {
    super(principal + " may not " + operation.id() + " on " + resource + ": " + decision.reason());
    this.decision = decision;
  }

  public Decision decision() {
    return decision;
  }
}
