package org.dnsmesh.catalog.governance;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.dnsmesh.governance.workflow.ChangeRequest;
import org.dnsmesh.governance.workflow.CheckResult;
import org.dnsmesh.governance.workflow.Review;
import org.dnsmesh.governance.workflow.ReviewRules;

/** A change request as the API shows it: state, automated checks, reviews and what approval still needs. */
public record ChangeView(String id, String domain, String product, String proposedVersion, String previousVersion,
    String author, String state, int revision, String compatibility, List<String> compatibilityReasons,
    boolean classificationChanged, List<Check> checks, List<ReviewView> reviews, Approval approval,
    LocalDate previousVersionSunset, Instant createdAt, Instant updatedAt, Publication publication) {

  public record Check(String name, String status, String detail) {}

  public record ReviewView(String reviewer, String verdict, String comment, int revision, Instant reviewedAt,
      List<String> capacities) {}

  /** Approvals the current revision has and needs (stewards of the domain; governance for MAJOR/classification). */
  public record Approval(boolean satisfied, int stewardsNeeded, int stewardsApproved, int governanceNeeded,
      int governanceApproved) {}

  /** What happened on approval: registry publication and Trino rules regeneration. */
  public record Publication(boolean contractPublished, String contract, boolean rulesRegenerated, String rules) {}

  static ChangeView of(ChangeRequest change, ReviewRules rules, Publication publication) {
    ReviewRules.ApprovalStatus status = change.approvalStatus(rules);
    return new ChangeView(change.id().toString(), change.product().domain().value(), change.product().name(),
        change.proposedVersion(), change.previousVersion().orElse(null), change.author().value(), change.state().name(),
        change.revision(), change.assessment().orElseThrow().compatibility().name(), change.assessment().orElseThrow().reasons(),
        change.assessment().orElseThrow().classificationChanged(),
        change.checks().stream().map(ChangeView::check).toList(),
        change.reviews().stream().map(ChangeView::review).toList(),
        new Approval(status.satisfied(), status.stewardsNeeded(), status.stewardsApproved(), status.governanceNeeded(),
            status.governanceApproved()),
        change.previousVersionSunset().orElse(null), change.createdAt(), change.updatedAt(), publication);
  }

  static Check check(CheckResult check) {
    return new Check(check.name(), check.status().name(), check.detail());
  }

  static ReviewView review(Review review) {
    return new ReviewView(review.reviewer().value(), review.verdict().name(), review.comment(), review.revision(),
        review.reviewedAt(), review.capacities().stream().map(Enum::name).sorted().toList());
  }
}
