package org.dnsmesh.catalog.auth;

import org.dnsmesh.governance.decision.Decision;

/**
 * Decides whether a caller may perform a catalog operation. The implementation is
 * {@link PolicyAccessDecisionPoint} (the governance policy decision point); tests plug in failing ones.
 * Implementations deny whatever they do not explicitly allow.
 */
public interface AccessDecisionPoint {
  Decision decide(AccessRequest request);
}
