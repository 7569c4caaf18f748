package org.dnsmesh.catalog.auth;

import org.dnsmesh.governance.policy.Role;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.dnsmesh.governance.policy.AccessPolicy;
import org.dnsmesh.governance.policy.Principal;
import org.dnsmesh.governance.policy.PrincipalName;
import org.dnsmesh.governance.policy.RoleBinding;

/**
 * The principals dev mode issues tokens for: exactly those of the access policy, with the roles and
 * domains the policy binds (so a dev token never claims more than the policy will decide on).
 */
public final class DevPrincipals {
  private final java.util.function.Supplier<AccessPolicy> policy;

  public DevPrincipals(AccessPolicy policy) {
    this(() -> policy);
  }

  /** Follows the policy in force (approved policy changes add or remove principals). */
  public DevPrincipals(java.util.function.Supplier<AccessPolicy> policy) {
    this.policy = policy;
  }

  public Optional<Caller> resolve(String name) {
    if (name == null || name.isBlank()) {
      return Optional.empty();
    }
    PrincipalName principalName;
    try {
      principalName = PrincipalName.of(name);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    return policy.get().principal(principalName).map(DevPrincipals::caller);
  }

  /**
   * The principal whose {@code idpGroups} list one of an external token's groups; empty when none does or when
   * the groups name several principals (ambiguous: nobody is guessed).
   */
  public Optional<Caller> resolveIdpGroups(List<String> groups) {
    List<Principal> matches = policy.get().principals().stream()
        .filter(principal -> principal.idpGroups().stream().anyMatch(groups::contains))
        .toList();
    return matches.size() == 1 ? Optional.of(caller(matches.getFirst())) : Optional.empty();
  }

  public List<String> names() {
    return policy.get().principals().stream().map(p -> p.name().value()).toList();
  }

  private static Caller caller(Principal principal) {
    Set<Role> roles = new HashSet<>();
    Set<String> domains = new HashSet<>();
    for (RoleBinding binding : principal.roles()) {
      roles.add(binding.role());
      binding.domain().ifPresent(domain -> domains.add(domain.value()));
    }
    return new Caller(principal.name().value(), roles, domains);
  }
}
