package org.dnsmesh.catalog.auth;

import java.util.Optional;
import java.util.Set;

/**
 * The demo principals dev mode issues tokens for: {@code admin}, {@code analyst}, {@code governance},
 * {@code steward-<domain>} and {@code publisher-<domain>} for a registered domain.
 */
public final class DevPrincipals {
  private DevPrincipals() {}

  public static Optional<Caller> resolve(String principal, Set<String> knownDomains) {
    if (principal == null) {
      return Optional.empty();
    }
    return switch (principal) {
      case "admin" -> Optional.of(new Caller(principal, Set.of(Role.ADMIN), Set.of()));
      case "analyst" -> Optional.of(new Caller(principal, Set.of(Role.ANALYST), Set.of()));
      case "governance" -> Optional.of(new Caller(principal, Set.of(Role.GOVERNANCE), Set.of()));
      default -> domainPrincipal(principal, "steward-", Role.STEWARD, knownDomains)
          .or(() -> domainPrincipal(principal, "publisher-", Role.PUBLISHER, knownDomains));
    };
  }

  private static Optional<Caller> domainPrincipal(String principal, String prefix, Role role, Set<String> knownDomains) {
    if (!principal.startsWith(prefix)) {
      return Optional.empty();
    }
    String domain = principal.substring(prefix.length());
    return knownDomains.contains(domain)
        ? Optional.of(new Caller(principal, Set.of(role), Set.of(domain)))
        : Optional.empty();
  }
}
