package org.dnsmesh.governance.workflow;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.dnsmesh.governance.policy.PrincipalName;

/**
 * A proposed contract version under review. Immutable: each step returns the next state or throws a
 * {@link WorkflowException}; persistence and side effects live in {@link ContractChangeService}.
 */
public record ChangeRequest(ChangeRequestId id, ProductRef product, String proposedVersion, Optional<String> previousVersion,
                            PrincipalName author, ChangeState state, int revision, String contractDocument,
                            CompatibilityAssessment assessment, List<CheckResult> checks, List<Review> reviews,
                            Optional<LocalDate> previousVersionSunset, Instant createdAt, Instant updatedAt, long rowVersion) {
  private static final Pattern SEMVER = Pattern.compile("\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?");

  public ChangeRequest {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(product, "product");
    Objects.requireNonNull(proposedVersion, "proposedVersion");
    previousVersion = previousVersion == null ? Optional.empty() : previousVersion;
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(contractDocument, "contractDocument");
    Objects.requireNonNull(assessment, "assessment");
    checks = List.copyOf(checks);
    reviews = List.copyOf(reviews);
    previousVersionSunset = previousVersionSunset == null ? Optional.empty() : previousVersionSunset;
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    if (!SEMVER.matcher(proposedVersion).matches()) {
      throw new WorkflowException(WorkflowException.Reason.INVALID_REQUEST, "proposed version '" + proposedVersion + "' is not semver x.y.z");
    }
    previousVersion.filter(v -> !SEMVER.matcher(v).matches()).ifPresent(v -> {
      throw new WorkflowException(WorkflowException.Reason.INVALID_REQUEST, "previous version '" + v + "' is not semver x.y.z");
    });
    if (revision < 1) {
      throw new IllegalArgumentException("revision must be >= 1");
    }
  }

  public static ChangeRequest draft(ProductRef product, String proposedVersion, Optional<String> previousVersion, PrincipalName author,
                                    String contractDocument, CompatibilityAssessment assessment, List<CheckResult> checks, Instant now) {
    return new ChangeRequest(ChangeRequestId.random(), product, proposedVersion, previousVersion, author, ChangeState.DRAFT, 1,
        contractDocument, assessment, checks, List.of(), Optional.empty(), now, now, 0);
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
      throw new WorkflowException(WorkflowException.Reason.NOT_ALLOWED, reviewer + " is the author of change " + id + " and cannot review it");
    }
    if (capacities.isEmpty()) {
      throw new WorkflowException(WorkflowException.Reason.NOT_ALLOWED,
          reviewer + " is neither a steward of domain " + product.domain() + " nor holds the governance role");
    }
    if (currentReviews().stream().anyMatch(r -> r.reviewer().equals(reviewer))) {
      throw new WorkflowException(WorkflowException.Reason.INVALID_STATE, reviewer + " already reviewed revision " + revision + " of change " + id);
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
    if (!rules.status(assessment, approvals).satisfied()) {
      return with(ChangeState.SUBMITTED, updated, previousVersionSunset, now);
    }
    Optional<LocalDate> sunset = assessment.compatibility() == CompatibilityClass.MAJOR && previousVersion.isPresent()
        ? Optional.of(LocalDate.ofInstant(now, ZoneOffset.UTC).plus(rules.majorSunset()))
        : Optional.empty();
    return with(ChangeState.APPROVED, updated, sunset, now);
  }

  /** A rejected (or draft) change gets a new contract document and checks; reviews start over. */
  public ChangeRequest revise(PrincipalName actor, String newDocument, CompatibilityAssessment newAssessment,
                              List<CheckResult> newChecks, Instant now) {
    requireState("revise", ChangeState.DRAFT, ChangeState.REJECTED);
    requireAuthor(actor, "revise");
    return new ChangeRequest(id, product, proposedVersion, previousVersion, author, ChangeState.DRAFT, revision + 1,
        newDocument, newAssessment, newChecks, reviews, Optional.empty(), createdAt, now, rowVersion);
  }

  public ChangeRequest publish(Instant now) {
    requireState("publish", ChangeState.APPROVED);
    return with(ChangeState.PUBLISHED, reviews, previousVersionSunset, now);
  }

  /** Reviews of the current revision. */
  public List<Review> currentReviews() {
    return reviews.stream().filter(r -> r.revision() == revision).toList();
  }

  public ReviewRules.ApprovalStatus approvalStatus(ReviewRules rules) {
    return rules.status(assessment, currentReviews().stream().filter(r -> r.verdict() == Verdict.APPROVE).toList());
  }

  private ChangeRequest with(ChangeState next, List<Review> nextReviews, Optional<LocalDate> sunset, Instant now) {
    return new ChangeRequest(id, product, proposedVersion, previousVersion, author, next, revision, contractDocument,
        assessment, checks, nextReviews, sunset, createdAt, now, rowVersion);
  }

  private void requireState(String step, ChangeState... allowed) {
    for (ChangeState candidate : allowed) {
      if (state == candidate) {
        return;
      }
    }
    throw new WorkflowException(WorkflowException.Reason.INVALID_STATE,
        "cannot " + step + " change " + id + " in state " + state + " (needs " + List.of(allowed) + ")");
  }

  private void requireAuthor(PrincipalName actor, String step) {
    if (!actor.equals(author)) {
      throw new WorkflowException(WorkflowException.Reason.NOT_ALLOWED, "only the author " + author + " may " + step + " change " + id);
    }
  }
}
