package org.dnsmesh.catalog.governance;

import org.dnsmesh.governance.policy.PrincipalName;

/**
 * Principals of the change workflow besides the callers (whose verified token names a principal of the access
 * policy, the directory that says what that principal is; a token's own role claims never widen what the workflow
 * allows).
 */
final class CallerPrincipals {
  /** The catalog service itself: the actor of the PUBLISHED step and of {@code access-rules.regenerated} in the audit log. */
  static final PrincipalName SYSTEM = PrincipalName.of("catalog-service");

  private CallerPrincipals() {}
}
