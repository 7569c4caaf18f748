package org.dnsmesh.catalog.governance;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dnsmesh.governance.workflow.AccessGrant;
import org.dnsmesh.governance.workflow.AccessTerm;
import org.dnsmesh.governance.workflow.ChangeRequest;
import org.dnsmesh.governance.workflow.ReviewRules;

/**
 * An access request as the API shows it ({@code kind: "access"}): who asks to read which product, why and for
 * how long, the checks, the reviews, what approval still needs, and the grant it made (with its expiry).
 */
public record AccessRequestView(String kind, String id, String domain, String product, String requester, String purpose,
    String term, String termText, String state, List<ChangeView.Check> checks, List<ChangeView.ReviewView> reviews,
    Approval approval, Grant grant, Map<String, Object> facts, Instant createdAt, Instant updatedAt, Application application) {

  /** Stewards of the product's domain the request needs and has. */
  public record Approval(boolean satisfied, int stewardsNeeded, int stewardsApproved) {}

  /** The time-boxed grant an approval made: read until {@code expiresAt}, or until it was revoked. */
  public record Grant(Instant grantedAt, Instant expiresAt, Instant revokedAt, boolean inForce) {}

  /** What approval did: the grant stored and applied to the decision point, Trino's rules regenerated. */
  public record Application(boolean granted, String grant, boolean rulesRegenerated, String rules) {}

  static AccessRequestView of(ChangeRequest change, ReviewRules rules, Optional<AccessGrant> grant, Map<String, Object> facts,
      Instant now, Application application) {
    ReviewRules.ApprovalStatus status = change.approvalStatus(rules);
    return new AccessRequestView("access", change.id().toString(), change.product().domain().value(), change.product().name(),
        change.author().value(), change.document(), change.proposedVersion(),
        AccessTerm.describe(java.time.Duration.parse(change.proposedVersion())), change.state().name(),
        change.checks().stream().map(ChangeView::check).toList(),
        change.reviews().stream().map(ChangeView::review).toList(),
        new Approval(status.satisfied(), status.stewardsNeeded(), status.stewardsApproved()),
        grant.map(g -> new Grant(g.grantedAt(), g.expiresAt(), g.revokedAt().orElse(null), g.inForce(now))).orElse(null),
        facts, change.createdAt(), change.updatedAt(), application);
  }
}
