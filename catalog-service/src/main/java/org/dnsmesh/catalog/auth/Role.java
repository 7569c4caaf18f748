package org.dnsmesh.catalog.auth;

import java.util.Locale;
import java.util.Optional;

/** Roles carried in the token's {@code groups} claim. */
public enum Role {
  ADMIN,
  GOVERNANCE,
  STEWARD,
  PUBLISHER,
  ANALYST,
  SERVICE;

  /** The claim value, e.g. {@code publisher}. */
  public String claimValue() {
    return name().toLowerCase(Locale.ROOT);
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
