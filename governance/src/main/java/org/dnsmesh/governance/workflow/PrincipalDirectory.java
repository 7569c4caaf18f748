package org.dnsmesh.governance.workflow;

import java.util.Optional;
import org.dnsmesh.governance.policy.AccessPolicy;
import org.dnsmesh.governance.policy.Principal;
import org.dnsmesh.governance.policy.PrincipalName;

/** Looks up a principal's roles (for review eligibility). */
@FunctionalInterface
public interface PrincipalDirectory {
  Optional<Principal> find(PrincipalName name);

  static PrincipalDirectory of(AccessPolicy policy) {
    return policy::principal;
  }
}
