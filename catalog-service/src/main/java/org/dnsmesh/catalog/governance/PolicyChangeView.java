package org.dnsmesh.catalog.governance;

import java.time.Instant;
import java.util.List;
import org.dnsmesh.governance.workflow.ChangeRequest;
import org.dnsmesh.governance.workflow.ReviewRules;

/**
 * A policy change as the API shows it ({@code kind: "policy"}, so clients tell it from a contract change):
 * versions, state, checks, the diff summary, reviews, approvals needed/given, and what applying it did.
 */
public record PolicyChangeView(String kind, String id, int proposedVersion, int previousVersion, String author, String state,
    List<ChangeView.Check> checks, PolicyDiff summary, List<Review> reviews, Approval approval,
    Instant createdAt, Instant updatedAt, Application application) {

  public record Review(String reviewer, String verdict, String comment, Instant reviewedAt) {}

  /** Policy changes need governance-role approvals only (stewards count for nothing here). */
  public record Approval(boolean satisfied, int governanceNeeded, int governanceApproved) {}

  /** What approval did: policy file written, decision point swapped (bundle pushed to OPA), Trino's rules regenerated. */
  public record Application(boolean applied, String policy, boolean rulesRegenerated, String rules) {}

  static PolicyChangeView of(ChangeRequest change, PolicyDiff summary, ReviewRules rules, Application application) {
    ReviewRules.ApprovalStatus status = change.approvalStatus(rules);
    return new PolicyChangeView("policy", change.id().toString(), Integer.parseInt(change.proposedVersion()),
        Integer.parseInt(change.previousVersion().orElse("0")), change.author().value(), change.state().name(),
        change.checks().stream().map(ChangeView::check).toList(), summary,
        change.reviews().stream().map(r -> new Review(r.reviewer().value(), r.verdict().name(), r.comment(), r.reviewedAt())).toList(),
        new Approval(status.satisfied(), status.governanceNeeded(), status.governanceApproved()), change.createdAt(),
        change.updatedAt(), application);
  }
}
