package org.dnsmesh.catalog.governance;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.dnsmesh.governance.workflow.AccessTerm;
import org.dnsmesh.governance.workflow.ChangeRequest;
import org.dnsmesh.governance.workflow.ChangeState;
import org.dnsmesh.governance.workflow.ReviewRules;
import org.dnsmesh.governance.workflow.Suppression;

/**
 * A suppression as the API shows it ({@code kind: "suppression"}): which findings (rule or any, case key, event-time
 * window) it keeps off the alerts topic and why, who proposed it, the checks, the reviews, what approval still needs,
 * and whether it is in force now ({@code active}: published and {@code until} not yet passed). A revoked one
 * (state REVOKED) has {@code revokedAt}: it suppressed findings with event time in {@code [from, min(until, revokedAt))}.
 */
public record SuppressionView(String kind, String id, String subject, String rule, String caseKey, Instant from,
    Instant until, String window, String reason, String proposer, String state, boolean active,
    List<ChangeView.Check> checks, List<ChangeView.ReviewView> reviews, Approval approval, Map<String, Object> facts,
    Instant createdAt, Instant updatedAt, Application application, Instant revokedAt) {

  /** Stewards of the domain the suppression needs and has. */
  public record Approval(boolean satisfied, int stewardsNeeded, int stewardsApproved) {}

  /** What approval did: the suppression on the topic the detection topology reads (or why not). */
  public record Application(boolean published, String detail) {}

  static SuppressionView of(ChangeRequest change, ReviewRules rules, Map<String, Object> facts, Instant now,
      Application application) {
    Suppression suppression = Suppression.of(change);
    ReviewRules.ApprovalStatus status = change.approvalStatus(rules);
    return new SuppressionView("suppression", change.id().toString(), change.subject().toString(),
        suppression.rule().orElse("*"), suppression.caseKey(), suppression.from(), suppression.until(), describe(suppression),
        suppression.reason(), change.author().value(), change.state().name(),
        change.state() == ChangeState.PUBLISHED && !suppression.expired(now),
        change.checks().stream().map(ChangeView::check).toList(), change.reviews().stream().map(ChangeView::review).toList(),
        new Approval(status.satisfied(), status.stewardsNeeded(), status.stewardsApproved()), facts, change.createdAt(),
        change.updatedAt(), application, change.state() == ChangeState.REVOKED ? change.updatedAt() : null);
  }

  /** In words, e.g. "DELEGATION_OUTSIDE_WINDOW on domain:a.example, 7 days from 2026-12-07T00:00:00Z". */
  static String describe(Suppression suppression) {
    return suppression.rule().orElse("any rule") + " on " + suppression.caseKey() + ", "
        + AccessTerm.describe(Duration.between(suppression.from(), suppression.until())) + " from " + suppression.from();
  }
}
