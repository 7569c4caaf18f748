package org.dnsmesh.catalog.auth;

/**
 * Decides whether a caller may perform an operation. Implementations deny whatever they do not
 * explicitly allow. The governance module's policy decision point will implement this interface; until
 * then {@link EmbeddedRules} is the rule set.
 */
public interface AccessDecisionPoint {
  Decision decide(AccessRequest request);
}
