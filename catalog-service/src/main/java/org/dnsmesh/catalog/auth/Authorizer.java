package org.dnsmesh.catalog.auth;

import java.util.Optional;
import org.apache.iceberg.exceptions.ForbiddenException;
import org.jboss.logging.Logger;

/**
 * Asks the decision point and turns a denial into a 403. A decision point that throws or answers
 * nothing denies: the request never proceeds on an error.
 */
public final class Authorizer {
  private static final Logger LOG = Logger.getLogger(Authorizer.class);

  private final AccessDecisionPoint decisionPoint;

  public Authorizer(AccessDecisionPoint decisionPoint) {
    this.decisionPoint = decisionPoint;
  }

  public void authorizeOrThrow(Caller caller, Operation operation, Optional<String> domain, String resource) {
    AccessRequest request = new AccessRequest(caller, operation, domain, resource);
    Decision decision;
    try {
      decision = decisionPoint.decide(request);
    } catch (RuntimeException e) {
      LOG.warnf(e, "Decision point failed for %s; denying", request);
      throw new ForbiddenException("Access denied: the decision point could not answer (%s)", e.getMessage());
    }
    if (decision == null || !decision.allowed()) {
      throw new ForbiddenException(
          "Access denied: %s", decision == null ? "no decision" : decision.reason());
    }
  }
}
