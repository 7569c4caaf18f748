package org.dnsmesh.governance.workflow;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.dnsmesh.governance.policy.PrincipalName;

/**
 * A proposed change of any {@link ChangeKind} under review: a contract version, a policy version, ... Immutable:
 * each step returns the next state or throws a {@link WorkflowException}; persistence and side effects live in
 * {@link ChangeRequestService}. {@code assessment} is the contract toolkit's grading (contract versions only);
 * {@code facts} is a JSON object of kind-specific facts the checks found (the policy diff), shown to reviewers.
 */
public record ChangeRequest(ChangeRequestId id, ChangeKind kind, ChangeSubject subject, String proposedVersion,
                            Optional<String> previousVersion, PrincipalName author, ChangeState state, int revision, String document,
                            Optional<CompatibilityAssessment> assessment, String facts, List<CheckResult> checks, List<Review> reviews,
                            Optional<LocalDate> previousVersionSunset, Instant createdAt, Instant updatedAt, long rowVersion) {

  public ChangeRequest {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(proposedVersion, "proposedVersion");
    previousVersion = previousVersion == null ? Optional.empty() : previousVersion;
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(document, "document");
    assessment = assessment == null ? Optional.empty() : assessment;
    facts = facts == null || facts.isBlank() ? "{}" : facts;
    checks = List.copyOf(checks);
    reviews = List.copyOf(reviews);
    previousVersionSunset = previousVersionSunset == null ? Optional.empty() : previousVersionSunset;
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    kind.checkVersion("proposed", proposedVersion);
    previousVersion.ifPresent(v -> kind.checkVersion("previous", v));
    if (kind == ChangeKind.CONTRACT_VERSION && (subject.product().isEmpty() || assessment.isEmpty())) {
      throw new WorkflowException(WorkflowException.Reason.INVALID_REQUEST, "a contract change needs a product and an assessment");
    }
    if ((kind == ChangeKind.ACCESS_REQUEST || kind == ChangeKind.SUPPRESSION) && subject.product().isEmpty()) {
      throw new WorkflowException(WorkflowException.Reason.INVALID_REQUEST, "an " + kind.noun() + " needs a product");
    }
    if (revision < 1) {
      throw new IllegalArgumentException("revision must be >= 1");
    }
  }

  public static ChangeRequest draft(ProposeChange proposal, PrincipalName author, Instant now) {
    return new ChangeRequest(ChangeRequestId.random(), proposal.kind(), proposal.subject(), proposal.proposedVersion(),
        proposal.previousVersion(), author, ChangeState.DRAFT, 1, proposal.document(), proposal.assessment(), proposal.facts(),
        proposal.checks(), List.of(), Optional.empty(), now, now, 0);
  }

  /** The product a contract change is about. */
  public ProductRef product() {
    return subject.product().orElseThrow(() -> new WorkflowException(WorkflowException.Reason.INVALID_REQUEST,
        kind.noun() + " " + id + " is not about a product"));
  }

  public ChangeRequest submit(PrincipalName actor, Instant now) {
    requireState("submit", ChangeState.DRAFT);
    requireAuthor(actor, "submit");
    return with(ChangeState.SUBMITTED, reviews, previousVersionSunset, now);
  }

  /** Records a review; the change becomes REJECTED on a rejection, APPROVED once the quorum is met. */
  public ChangeRequest review(PrincipalName reviewer, Set<ReviewerCapacity> capacities, Verdict verdict, String comment,
                              ReviewRules rules, Instant now) {
    requireState(verdict == Verdict.APPROVE ? "approve" : "reject", ChangeState.SUBMITTED);
    if (reviewer.equals(author)) {
      throw new WorkflowException(WorkflowException.Reason.NOT_ALLOWED,
          reviewer + " is the author of " + kind.noun() + " " + id + " and cannot review it");
    }
    if (capacities.isEmpty()) {
      throw new WorkflowException(WorkflowException.Reason.NOT_ALLOWED, switch (kind) {
        case CONTRACT_VERSION -> reviewer + " is neither a steward of domain " + product().domain() + " nor holds the "
            + rules.governanceRole().id() + " role";
        case ACCESS_POLICY -> "a policy change needs reviewers with the global " + rules.governanceRole().id() + " role; "
            + reviewer + " does not hold it";
        case ACCESS_REQUEST -> reviewer + " is not a " + rules.stewardRole().id() + " of domain " + product().domain()
            + ": access to " + product() + " is granted by that domain's stewards";
        case SUPPRESSION -> reviewer + " is not a " + rules.stewardRole().id() + " of domain " + product().domain()
            + ": only that domain's stewards approve suppressions of its findings";
      });
    }
    if (currentReviews().stream().anyMatch(r -> r.reviewer().equals(reviewer))) {
      throw new WorkflowException(WorkflowException.Reason.INVALID_STATE,
          reviewer + " already reviewed revision " + revision + " of " + kind.noun() + " " + id);
    }
    if (verdict == Verdict.REJECT && comment.isBlank()) {
      throw new WorkflowException(WorkflowException.Reason.INVALID_REQUEST, "a rejection needs a comment");
    }
    List<Review> updated = new ArrayList<>(reviews);
    updated.add(new Review(reviewer, verdict, comment, revision, now, capacities));
    if (verdict == Verdict.REJECT) {
      return with(ChangeState.REJECTED, updated, previousVersionSunset, now);
    }
    List<Review> approvals = updated.stream().filter(r -> r.revision() == revision && r.verdict() == Verdict.APPROVE).toList();
    if (!rules.status(this, approvals).satisfied()) {
      return with(ChangeState.SUBMITTED, updated, previousVersionSunset, now);
    }
    boolean major = assessment.map(a -> a.compatibility() == CompatibilityClass.MAJOR).orElse(false);
    Optional<LocalDate> sunset = kind == ChangeKind.CONTRACT_VERSION && major && previousVersion.isPresent()
        ? Optional.of(LocalDate.ofInstant(now, ZoneOffset.UTC).plus(rules.majorSunset()))
        : Optional.empty();
    return with(ChangeState.APPROVED, updated, sunset, now);
  }

  /** A rejected (or draft) change gets a new document and checks; reviews start over. */
  public ChangeRequest revise(PrincipalName actor, String newDocument, Optional<CompatibilityAssessment> newAssessment,
                              List<CheckResult> newChecks, Instant now) {
    requireState("revise", ChangeState.DRAFT, ChangeState.REJECTED);
    requireAuthor(actor, "revise");
    return new ChangeRequest(id, kind, subject, proposedVersion, previousVersion, author, ChangeState.DRAFT, revision + 1,
        newDocument, newAssessment, facts, newChecks, reviews, Optional.empty(), createdAt, now, rowVersion);
  }

  public ChangeRequest publish(Instant now) {
    requireState("publish", ChangeState.APPROVED);
    return with(ChangeState.PUBLISHED, reviews, previousVersionSunset, now);
  }

  /**
   * Ends a change in force (APPROVED or PUBLISHED) of a revocable kind at {@code now}, which becomes its
   * {@code updatedAt} (the moment from which it no longer applies). A suppression whose window ended already is
   * refused: it suppresses nothing from now on, so a revocation would change nothing.
   */
  public ChangeRequest revoke(Instant now) {
    if (!kind.revocable()) {
      throw new WorkflowException(WorkflowException.Reason.INVALID_REQUEST, "changes of kind " + kind + " cannot be revoked: "
          + "a new reviewed version supersedes them");
    }
    if (state == ChangeState.REVOKED) {
      throw new WorkflowException(WorkflowException.Reason.INVALID_STATE,
          kind.noun() + " " + id + " was revoked already at " + updatedAt);
    }
    requireState("revoke", ChangeState.APPROVED, ChangeState.PUBLISHED);
    if (kind == ChangeKind.SUPPRESSION && Suppression.of(this).expired(now)) {
      throw new WorkflowException(WorkflowException.Reason.INVALID_STATE, "suppression " + id + " ended at "
          + Suppression.of(this).until() + ": it suppresses nothing from now on, so there is nothing to revoke");
    }
    return with(ChangeState.REVOKED, reviews, previousVersionSunset, now);
  }

  /** Reviews of the current revision. */
  public List<Review> currentReviews() {
    return reviews.stream().filter(r -> r.revision() == revision).toList();
  }

  public ReviewRules.ApprovalStatus approvalStatus(ReviewRules rules) {
    return rules.status(this, currentReviews().stream().filter(r -> r.verdict() == Verdict.APPROVE).toList());
  }

  /** Names of the automated checks that failed, with their detail. */
  public List<String> failedChecks() {
    return checks.stream().filter(c -> c.status() == CheckResult.CheckStatus.FAILED).map(c -> c.name() + ": " + c.detail()).toList();
  }

  /** The same change with the row version storage assigned. */
  public ChangeRequest withRowVersion(long next) {
    return new ChangeRequest(id, kind, subject, proposedVersion, previousVersion, author, state, revision, document, assessment,
        facts, checks, reviews, previousVersionSunset, createdAt, updatedAt, next);
  }

  private ChangeRequest with(ChangeState next, List<Review> nextReviews, Optional<LocalDate> sunset, Instant now) {
    return new ChangeRequest(id, kind, subject, proposedVersion, previousVersion, author, next, revision, document,
        assessment, facts, checks, nextReviews, sunset, createdAt, now, rowVersion);
  }

  private void requireState(String step, ChangeState... allowed) {
    for (ChangeState candidate : allowed) {
      if (state == candidate) {
        return;
      }
    }
    throw new WorkflowException(WorkflowException.Reason.INVALID_STATE,
        "cannot " + step + " " + kind.noun() + " " + id + " in state " + state + " (needs " + List.of(allowed) + ")");
  }

  private void requireAuthor(PrincipalName actor, String step) {
    if (!actor.equals(author)) {
      throw new WorkflowException(WorkflowException.Reason.NOT_ALLOWED,
          "only the author " + author + " may " + step + " " + kind.noun() + " " + id);
    }
  }
}
