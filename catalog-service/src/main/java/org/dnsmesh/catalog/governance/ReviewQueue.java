package org.dnsmesh.catalog.governance;

import static org.dnsmesh.catalog.governance.GovernanceChanges.changeId;
import static org.dnsmesh.catalog.governance.GovernanceChanges.name;
import static org.dnsmesh.catalog.governance.GovernanceChanges.translate;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.dnsmesh.catalog.auth.Caller;
import org.dnsmesh.governance.audit.AuditEntry;
import org.dnsmesh.governance.workflow.AccessTerm;
import org.dnsmesh.governance.workflow.ChangeKind;
import org.dnsmesh.governance.workflow.ChangeRequest;
import org.dnsmesh.governance.workflow.ChangeState;
import org.dnsmesh.governance.workflow.ReviewRules;
import org.dnsmesh.governance.workflow.Suppression;

/**
 * The reviewer's queue: changes of every kind the caller may see (contract versions, policy versions, access
 * requests, suppressions), newest first, in one shape, and each change's audit trail. The same machine and the same read rules
 * as the kind-specific endpoints; the details (diff, policy summary, grant) stay with those.
 */
@ApplicationScoped
public class ReviewQueue {
  private final GovernanceChanges changes;

  public ReviewQueue(GovernanceChanges changes) {
    this.changes = changes;
  }

  /** One change in the queue. */
  public record Item(String kind, String id, String subject, String version, String versionText, String previousVersion, String author, String state,
      String compatibility, List<String> compatibilityReasons, List<ChangeView.Check> checks, List<ChangeView.ReviewView> reviews,
      String needs, boolean approvalSatisfied, Instant createdAt, Instant updatedAt) {}

  /** An entry of a change's audit trail. */
  public record TrailEntry(long sequence, Instant occurredAt, String actor, String action, String details, String hash) {}

  public List<Item> list(Caller caller, Optional<String> state) {
    Optional<ChangeState> wanted = GovernanceChanges.state(state);
    ReviewRules rules = changes.context().rules();
    return translate(() -> changes.service().list(name(caller), Optional.empty(), Optional.empty(), wanted).stream()
        .map(change -> item(change, rules)).toList());
  }

  public List<TrailEntry> trail(Caller caller, String id) {
    return translate(() -> changes.service().auditTrail(name(caller), changeId(id)).stream().map(ReviewQueue::entry).toList());
  }

  static String kindName(ChangeKind kind) {
    return switch (kind) {
      case CONTRACT_VERSION -> "contract";
      case ACCESS_POLICY -> "policy";
      case ACCESS_REQUEST -> "access";
      case SUPPRESSION -> "suppression";
    };
  }

  private static Item item(ChangeRequest change, ReviewRules rules) {
    ReviewRules.ApprovalStatus status = change.approvalStatus(rules);
    String needs = switch (change.kind()) {
      case CONTRACT_VERSION -> "stewards " + status.stewardsApproved() + "/" + status.stewardsNeeded() + ", governance "
          + status.governanceApproved() + "/" + status.governanceNeeded();
      case ACCESS_POLICY -> "governance " + status.governanceApproved() + "/" + status.governanceNeeded();
      case ACCESS_REQUEST, SUPPRESSION -> "stewards of " + change.product().domain() + " " + status.stewardsApproved()
          + "/" + status.stewardsNeeded();
    };
    String versionText = switch (change.kind()) {
      case ACCESS_REQUEST -> AccessTerm.describe(java.time.Duration.parse(change.proposedVersion()));
      case SUPPRESSION -> SuppressionView.describe(Suppression.of(change));
      case CONTRACT_VERSION, ACCESS_POLICY -> change.proposedVersion();
    };
    return new Item(kindName(change.kind()), change.id().toString(), change.subject().toString(), change.proposedVersion(),
        versionText, change.previousVersion().orElse(null), change.author().value(), change.state().name(),
        change.assessment().map(a -> a.compatibility().name()).orElse(null),
        change.assessment().map(a -> a.reasons()).orElse(List.of()),
        change.checks().stream().map(ChangeView::check).toList(), change.reviews().stream().map(ChangeView::review).toList(),
        needs, status.satisfied(), change.createdAt(), change.updatedAt());
  }

  private static TrailEntry entry(AuditEntry entry) {
    return new TrailEntry(entry.sequence(), entry.occurredAt(), entry.actor(), entry.action(), entry.details(), entry.hash());
  }
}
