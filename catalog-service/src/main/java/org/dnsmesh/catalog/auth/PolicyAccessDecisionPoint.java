package org.dnsmesh.catalog.auth;

import org.dnsmesh.governance.policy.Operation;
import java.util.Objects;
import org.dnsmesh.governance.decision.Decision;
import org.dnsmesh.governance.decision.PolicyDecisionPoint;
import org.dnsmesh.governance.policy.PrincipalName;

/**
 * Decides catalog requests through the governance {@link PolicyDecisionPoint} (embedded evaluator or
 * OPA): the token's subject is the policy principal, the operation is
 * decided as the policy operation that carries the privilege it needs ({@link Operation#decidedAs()}), and {@link CatalogResource} maps what it
 * acts on to the policy's {@code domain.product.table} path.
 */
public final class PolicyAccessDecisionPoint implements AccessDecisionPoint {
  private final PolicyDecisionPoint policy;

  public PolicyAccessDecisionPoint(PolicyDecisionPoint policy) {
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  @Override
  public Decision decide(AccessRequest request) {
    return policy.authorize(PrincipalName.of(request.caller().subject()), request.operation(),
        request.resource().toPolicyResource());
  }
}
