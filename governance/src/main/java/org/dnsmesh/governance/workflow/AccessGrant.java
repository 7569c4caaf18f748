package org.dnsmesh.governance.workflow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.dnsmesh.governance.policy.AccessPolicy;
import org.dnsmesh.governance.policy.Grant;
import org.dnsmesh.governance.policy.PrincipalName;
import org.dnsmesh.governance.policy.Privilege;
import org.dnsmesh.governance.policy.ResourcePattern;
import org.dnsmesh.governance.policy.SubjectSelector;

/**
 * A time-boxed read grant made by an approved access request: {@code principal} reads {@code product} (masked
 * and filtered as the policy says for them) from {@code grantedAt} until {@code expiresAt}. Grants in force are
 * added to the reviewed access policy wherever it is compiled ({@link #over}), so they reach the catalog's
 * decision point and Trino's rules by the same path as a policy change, and leave them the same way at expiry.
 */
public record AccessGrant(ChangeRequestId change, PrincipalName principal, ProductRef product, Instant grantedAt,
                          Instant expiresAt, Optional<Instant> revokedAt) {
  public AccessGrant {
    Objects.requireNonNull(change, "change");
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(product, "product");
    Objects.requireNonNull(grantedAt, "grantedAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    revokedAt = revokedAt == null ? Optional.empty() : revokedAt;
    if (!expiresAt.isAfter(grantedAt)) {
      throw new IllegalArgumentException("a grant must expire after it is granted");
    }
  }

  /** The grant an approved access request makes: from approval until approval + its term. */
  public static AccessGrant of(ChangeRequest approved, Instant approvedAt) {
    if (approved.kind() != ChangeKind.ACCESS_REQUEST) {
      throw new IllegalArgumentException(approved.kind() + " " + approved.id() + " is not an access request");
    }
    AccessTerm term = new AccessTerm(java.time.Duration.parse(approved.proposedVersion()));
    return new AccessGrant(approved.id(), approved.author(), approved.product(), approvedAt,
        approvedAt.plus(term.duration()), Optional.empty());
  }

  public boolean inForce(Instant now) {
    return revokedAt.isEmpty() && now.isBefore(expiresAt);
  }

  /** The policy grant: read on the product's tables, to this principal only. */
  public Grant toGrant() {
    return new Grant(SubjectSelector.principal(principal),
        List.of(ResourcePattern.parse(product.domain().value() + "." + product.name())), EnumSet.of(Privilege.READ));
  }

  /**
   * {@code policy} with the grants in force at {@code now} added (same version: they are not a new policy but
   * approved exceptions to it). A grant to a principal the policy no longer names is left out.
   */
  public static AccessPolicy over(AccessPolicy policy, List<AccessGrant> grants, Instant now) {
    List<Grant> extra = grants.stream()
        .filter(g -> g.inForce(now))
        .filter(g -> policy.principal(g.principal()).isPresent())
        .filter(g -> policy.domains().contains(g.product().domain()))
        .map(AccessGrant::toGrant)
        .toList();
    if (extra.isEmpty()) {
      return policy;
    }
    List<Grant> all = new ArrayList<>(policy.grants());
    all.addAll(extra);
    return new AccessPolicy(policy.apiVersion(), policy.kind(), policy.version(), policy.domains(), policy.regions(),
        policy.principals(), all, policy.masking(), policy.rowFilters());
  }
}
