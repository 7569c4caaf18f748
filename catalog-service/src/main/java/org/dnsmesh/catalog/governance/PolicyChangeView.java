package org.dnsmesh.catalog.governance;

import java.time.Instant;
import java.util.List;

/**
 * A policy change as the API shows it ({@code kind: "policy"}, so clients tell it from a contract change):
 * versions, state, checks, the diff summary, reviews, approvals needed/given, and what applying it did.
 */
public record PolicyChangeView(String kind, String id, int proposedVersion, int previousVersion, String author, String state,
    List<PolicyChange.Check> checks, PolicyDiff summary, List<PolicyChange.Review> reviews, Approval approval,
    Instant createdAt, Instant updatedAt, Application application) {

  /** Policy changes need governance-role approvals only (stewards count for nothing here). */
  public record Approval(boolean satisfied, int governanceNeeded, int governanceApproved) {}

  /** What approval did: policy file written, decision point swapped, Trino's rules regenerated. */
  public record Application(boolean applied, String policy, boolean rulesRegenerated, String rules) {}

  static PolicyChangeView of(PolicyChange change, int quorum, Application application) {
    int approved = (int) Math.min(quorum, change.approvals());
    return new PolicyChangeView("policy", change.id().toString(), change.proposedVersion(), change.previousVersion(),
        change.author(), change.state().name(), change.checks(), change.summary(), change.reviews(),
        new Approval(change.approvals() >= quorum, quorum, approved), change.createdAt(), change.updatedAt(), application);
  }
}
