package org.dnsmesh.catalog.governance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.dnsmesh.catalog.auth.Caller;
import org.dnsmesh.governance.policy.AccessPolicy;
import org.dnsmesh.governance.policy.DomainName;
import org.dnsmesh.governance.policy.Principal;
import org.dnsmesh.governance.policy.PrincipalName;
import org.dnsmesh.governance.policy.Role;
import org.dnsmesh.governance.policy.RoleBinding;

/**
 * The governance principal of a verified token: its subject, and every role of the token held for each of the
 * token's domains (domain-scoped roles) or globally. Identity comes from the signed token, never from a name
 * looked up elsewhere; attributes of a same-named policy principal are kept (they only drive row filters).
 */
final class CallerPrincipals {
  /** The catalog service itself, which publishes approved changes (holds the admin role in the workflow only). */
  static final PrincipalName SYSTEM = PrincipalName.of("catalog-service");

  private CallerPrincipals() {}

  /** Empty when the token carries no role governance knows (such a caller is denied everything). */
  static Optional<Principal> of(Caller caller, AccessPolicy policy) {
    PrincipalName name = PrincipalName.of(caller.subject());
    List<RoleBinding> bindings = new ArrayList<>();
    for (org.dnsmesh.catalog.auth.Role tokenRole : caller.roles()) {
      Optional<Role> known = java.util.Arrays.stream(Role.values()).filter(r -> r.name().equals(tokenRole.name())).findFirst();
      if (known.isEmpty()) {
        continue; // a catalog role governance does not know grants nothing here
      }
      Role role = known.get();
      if (role.domainScoped()) {
        for (String domain : new TreeSet<>(caller.domains())) {
          bindings.add(RoleBinding.of(role, DomainName.of(domain)));
        }
      } else {
        bindings.add(RoleBinding.global(role));
      }
    }
    if (bindings.isEmpty()) {
      return Optional.empty();
    }
    Map<String, String> attributes = policy.principal(name).map(Principal::attributes).orElse(Map.of());
    return Optional.of(new Principal(name, bindings, attributes));
  }

  /** The policy with these principals in place of any same-named ones (the token is the authority on roles). */
  static AccessPolicy withPrincipals(AccessPolicy policy, List<Principal> principals) {
    List<Principal> merged = new ArrayList<>(principals);
    for (Principal existing : policy.principals()) {
      if (principals.stream().noneMatch(p -> p.name().equals(existing.name()))) {
        merged.add(existing);
      }
    }
    return new AccessPolicy(policy.apiVersion(), policy.kind(), policy.version(), policy.domains(), merged,
        policy.grants(), policy.masking(), policy.rowFilters());
  }

  static Principal system() {
    return new Principal(SYSTEM, List.of(RoleBinding.global(Role.ADMIN)), Map.of());
  }
}
