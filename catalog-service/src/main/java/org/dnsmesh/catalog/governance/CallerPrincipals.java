package org.dnsmesh.catalog.governance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dnsmesh.catalog.auth.Caller;
import org.dnsmesh.governance.policy.AccessPolicy;
import org.dnsmesh.governance.policy.Principal;
import org.dnsmesh.governance.policy.PrincipalName;
import org.dnsmesh.governance.policy.Role;
import org.dnsmesh.governance.policy.RoleBinding;

/**
 * The governance principal of a verified token. The token proves who the caller is; the access policy is the
 * directory that says what that principal is (roles, domains, attributes) — the same rule the catalog's
 * decision point applies to every other request, so a token's own role claims never widen what the workflow
 * allows. A subject the policy does not name gets nothing.
 */
final class CallerPrincipals {
  /** The catalog service itself, which publishes approved changes (holds the admin role in the workflow only). */
  static final PrincipalName SYSTEM = PrincipalName.of("catalog-service");

  private CallerPrincipals() {}

  /** The policy's principal named by the token's subject; empty when the policy does not name it. */
  static Optional<Principal> of(Caller caller, AccessPolicy policy) {
    return policy.principal(PrincipalName.of(caller.subject()));
  }

  /** The policy with these principals in place of any same-named ones (the token is the authority on roles). */
  static AccessPolicy withPrincipals(AccessPolicy policy, List<Principal> principals) {
    List<Principal> merged = new ArrayList<>(principals);
    for (Principal existing : policy.principals()) {
      if (principals.stream().noneMatch(p -> p.name().equals(existing.name()))) {
        merged.add(existing);
      }
    }
    return new AccessPolicy(policy.apiVersion(), policy.kind(), policy.version(), policy.domains(), policy.regions(), merged,
        policy.grants(), policy.masking(), policy.rowFilters());
  }

  static Principal system() {
    return new Principal(SYSTEM, List.of(RoleBinding.global(Role.ADMIN)), Map.of());
  }
}
