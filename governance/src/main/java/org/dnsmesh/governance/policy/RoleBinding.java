package org.dnsmesh.governance.policy;

import java.util.Objects;
import java.util.Optional;

/** A role held by a principal; domain-scoped roles (publisher, steward, service) name their domain. */
public record RoleBinding(Role role, Optional<DomainName> domain) {
  public RoleBinding {
    Objects.requireNonNull(role, "role");
    domain = domain == null ? Optional.empty() : domain;
    if (role.domainScoped() && domain.isEmpty()) {
      throw new IllegalArgumentException("role '" + role.id() + "' needs a domain");
    }
    if (!role.domainScoped() && domain.isPresent()) {
      throw new IllegalArgumentException("role '" + role.id() + "' is global and takes no domain");
    }
  }

  public static RoleBinding global(Role role) {
    return new RoleBinding(role, Optional.empty());
  }

  public static RoleBinding of(Role role, DomainName domain) {
    return new RoleBinding(role, Optional.of(domain));
  }

  @Override
  public String toString() {
    return domain.map(d -> role.id() + ":" + d).orElse(role.id());
  }
}
