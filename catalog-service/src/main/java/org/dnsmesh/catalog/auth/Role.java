package org.dnsmesh.catalog.auth;

import java.util.Locale;
import java.util.Optional;

/**
 * Roles carried in the token's {@code groups} claim, named as the policy's
 * ({@link org.dnsmesh.governance.policy.Role}). They describe the token; decisions are the policy's.
 */
public enum Role {
  ADMIN,
  GOVERNANCE,
  STEWARD,
  PUBLISHER,
  ANALYST,
  SERVICE,
  MAINTENANCE;

  /** The claim value, e.g. {@code publisher}. */
  public String claimValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The same role in the policy model. */
  public static Role of(org.dnsmesh.governance.policy.Role policyRole) {
    return valueOf(policyRole.name());
  }

  public static Optional<Role> fromClaim(String value) {
    for (Role role : values()) {
      if (role.claimValue().equals(value)) {
        return Optional.of(role);
      }
    }
    return Optional.empty();
  }
}
