package org.dnsmesh.catalog.auth;

import org.dnsmesh.governance.policy.Role;
import java.util.Objects;
import java.util.Set;

/**
 * The authenticated principal of a request: the token's subject, and the roles and domains its token
 * carries. Decisions are made by the access policy on the subject alone (the policy is the directory of
 * principals); the claims only describe the token, e.g. for the UI.
 */
public record Caller(String subject, Set<Role> roles, Set<String> domains) {
  public Caller {
    Objects.requireNonNull(subject, "subject");
    roles = Set.copyOf(Objects.requireNonNull(roles, "roles"));
    domains = Set.copyOf(Objects.requireNonNull(domains, "domains"));
  }
}
