package org.dnsmesh.catalog.auth;

import org.dnsmesh.governance.policy.Operation;
import java.util.Optional;
import org.apache.iceberg.exceptions.ForbiddenException;
import org.dnsmesh.governance.decision.Decision;
import org.jboss.logging.Logger;

/**
 * Asks the decision point and turns anything but an allow into a 403 with the reason. Fails closed: a
 * decision point that throws, answers nothing or could not answer (OPA down or slow) denies.
 */
public final class Authorizer {
  private static final Logger LOG = Logger.getLogger(Authorizer.class);

  private final AccessDecisionPoint decisionPoint;

  public Authorizer(AccessDecisionPoint decisionPoint) {
    this.decisionPoint = decisionPoint;
  }

  public void authorizeOrThrow(Caller caller, Operation operation, CatalogResource resource) {
    AccessRequest request = new AccessRequest(caller, operation, resource);
    Decision decision;
    try {
      decision = decisionPoint.decide(request);
    } catch (RuntimeException e) {
      LOG.warnf(e, "Decision point failed for %s; denying", request);
      throw new ForbiddenException("Access denied: the policy decision point could not answer for %s (%s)",
          request, e.getMessage());
    }
    if (decision == null) {
      LOG.warnf("Decision point gave no answer for %s; denying", request);
      throw new ForbiddenException("Access denied: the policy decision point gave no answer for %s", request);
    }
    switch (decision.effect()) {
      case ALLOW -> { }
      case DENY -> {
        LOG.debugf("Denied %s: %s", request, decision.reason());
        throw new ForbiddenException("Access denied: %s may not %s on %s: %s", caller.subject(),
            operation.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'), resource, decision.reason());
      }
      case FAILED_CLOSED -> {
        LOG.warnf("Decision point could not answer for %s (%s); denying", request, decision.reason());
        throw new ForbiddenException("Access denied: the policy decision point could not answer for %s (%s)",
            request, decision.reason());
      }
    }
  }

  /** Whether the decision point allows it; anything but an allow (error included) is false. For filtering lists. */
  public boolean allows(Caller caller, Operation operation, CatalogResource resource) {
    try {
      Decision decision = decisionPoint.decide(new AccessRequest(caller, operation, resource));
      return decision != null && decision.allowed();
    } catch (RuntimeException e) {
      LOG.warnf(e, "Decision point failed for %s %s %s; treating as denied", caller.subject(), operation, resource);
      return false;
    }
  }

  /** For callers that know only a domain (or nothing: the mesh). */
  public void authorizeOrThrow(Caller caller, Operation operation, Optional<String> domain) {
    authorizeOrThrow(caller, operation, domain.map(CatalogResource::domain).orElseGet(CatalogResource::mesh));
  }
}
