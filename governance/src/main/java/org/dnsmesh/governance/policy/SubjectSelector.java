package org.dnsmesh.governance.policy;

import java.util.Objects;
import java.util.Optional;

/**
 * Who a grant, masking exemption or row filter applies to: one principal by name, and/or everyone
 * holding a role (optionally only in one domain, or only in the domain of the resource: {@code own-domain}).
 */
public record SubjectSelector(Optional<PrincipalName> principal, Optional<Role> role,
                              Optional<DomainName> domain, SubjectScope scope) {
  public SubjectSelector {
    principal = principal == null ? Optional.empty() : principal;
    role = role == null ? Optional.empty() : role;
    domain = domain == null ? Optional.empty() : domain;
    scope = scope == null ? SubjectScope.ANY : scope;
    if (principal.isEmpty() && role.isEmpty()) {
      throw new IllegalArgumentException("a subject needs a principal or a role");
    }
    if ((domain.isPresent() || scope == SubjectScope.OWN_DOMAIN)
        && role.map(r -> !r.domainScoped()).orElse(true)) {
      throw new IllegalArgumentException("domain and own-domain scope need a domain-scoped role (publisher, steward, service)");
    }
  }

  public static SubjectSelector role(Role role) {
    return new SubjectSelector(Optional.empty(), Optional.of(role), Optional.empty(), SubjectScope.ANY);
  }

  public static SubjectSelector roleInOwnDomain(Role role) {
    return new SubjectSelector(Optional.empty(), Optional.of(role), Optional.empty(), SubjectScope.OWN_DOMAIN);
  }

  public static SubjectSelector principal(PrincipalName name) {
    return new SubjectSelector(Optional.of(name), Optional.empty(), Optional.empty(), SubjectScope.ANY);
  }

  /** Whether {@code who} is selected when acting on {@code resource}. */
  public boolean matches(Principal who, ResourceRef resource) {
    if (principal.isPresent() && !principal.get().equals(who.name())) {
      return false;
    }
    if (role.isEmpty()) {
      return true;
    }
    Optional<String> resourceDomain = resource.domain();
    for (RoleBinding binding : who.roles()) {
      if (binding.role() != role.get()) {
        continue;
      }
      if (domain.isPresent() && !domain.equals(binding.domain())) {
        continue;
      }
      switch (scope) {
        case ANY -> {
          return true;
        }
        case OWN_DOMAIN -> {
          if (resourceDomain.isPresent() && binding.domain().map(DomainName::value).equals(resourceDomain)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    principal.ifPresent(p -> text.append("principal ").append(p));
    role.ifPresent(r -> text.append(text.isEmpty() ? "" : " ").append("role ").append(r.id()));
    domain.ifPresent(d -> text.append(" of ").append(d));
    if (scope == SubjectScope.OWN_DOMAIN) {
      text.append(" (own domain)");
    }
    return text.toString();
  }

  /** Extra condition on the domain of a role binding. */
  public enum SubjectScope {
    /** Any binding of the role. */
    ANY,
    /** Only a binding whose domain is the resource's domain. */
    OWN_DOMAIN;

    @com.fasterxml.jackson.annotation.JsonValue
    public String id() {
      return PolicyIds.idOf(this);
    }

    @com.fasterxml.jackson.annotation.JsonCreator
    public static SubjectScope fromId(String id) {
      return PolicyIds.parse(SubjectScope.class, id, "scope");
    }
  }
}
