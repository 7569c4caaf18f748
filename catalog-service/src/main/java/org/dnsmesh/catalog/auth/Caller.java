package org.dnsmesh.catalog.auth;

import java.util.Objects;
import java.util.Set;

/**
 * The authenticated principal of a request: the token's subject, its known roles and the domains it
 * publishes or stewards. Unknown role names in the token are dropped (and so grant nothing).
 */
public record Caller(String subject, Set<Role> roles, Set<String> domains) {
  public Caller {
    Objects.requireNonNull(subject, "subject");
    roles = Set.copyOf(Objects.requireNonNull(roles, "roles"));
    domains = Set.copyOf(Objects.requireNonNull(domains, "domains"));
  }

  public boolean hasRole(Role role) {
    return roles.contains(role);
  }
}
