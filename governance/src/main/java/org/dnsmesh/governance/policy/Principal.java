package org.dnsmesh.governance.policy;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A user or service identity with its roles and attributes ({@code region}, {@code purpose}, ...).
 * Attributes drive row filters. {@code idpGroups} names the groups of the external identity provider whose
 * members act as this principal: the only way a group claim of an external token grants anything.
 */
public record Principal(PrincipalName name, List<RoleBinding> roles, Map<String, String> attributes,
                        List<String> idpGroups) {
  public Principal(PrincipalName name, List<RoleBinding> roles, Map<String, String> attributes) {
    this(name, roles, attributes, List.of());
  }

  public Principal {
    idpGroups = idpGroups == null ? List.of() : List.copyOf(idpGroups);
    Objects.requireNonNull(name, "name");
    roles = List.copyOf(Objects.requireNonNull(roles, "roles"));
    if (roles.isEmpty()) {
      throw new IllegalArgumentException("principal '" + name + "' has no roles");
    }
    attributes = attributes == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(attributes));
  }

  public boolean hasRole(Role role) {
    return roles.stream().anyMatch(binding -> binding.role() == role);
  }

  public boolean hasRoleInDomain(Role role, DomainName domain) {
    return roles.stream().anyMatch(binding -> binding.role() == role && binding.domain().equals(Optional.of(domain)));
  }

  public Optional<String> attribute(String key) {
    return Optional.ofNullable(attributes.get(key));
  }
}
