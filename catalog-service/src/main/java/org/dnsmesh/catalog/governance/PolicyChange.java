package org.dnsmesh.catalog.governance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A proposed new version of the access policy under review. Immutable: each step returns the next state
 * (SUBMITTED -> APPROVED -> PUBLISHED, or SUBMITTED -> REJECTED); {@link PolicyChangeWorkflow} decides who
 * may take it and stores it with its audit entry.
 */
public record PolicyChange(UUID id, int proposedVersion, int previousVersion, String author, State state,
    String document, List<Check> checks, PolicyDiff summary, List<Review> reviews, Instant createdAt, Instant updatedAt,
    long rowVersion) {

  public enum State { SUBMITTED, APPROVED, REJECTED, PUBLISHED }

  public record Check(String name, String status, String detail) {}

  public record Review(String reviewer, String verdict, String comment, Instant reviewedAt) {}

  public PolicyChange {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(document, "document");
    checks = List.copyOf(checks);
    Objects.requireNonNull(summary, "summary");
    reviews = List.copyOf(reviews);
  }

  static PolicyChange submitted(int proposedVersion, int previousVersion, String author, String document, List<Check> checks,
      PolicyDiff summary, Instant now) {
    return new PolicyChange(UUID.randomUUID(), proposedVersion, previousVersion, author, State.SUBMITTED, document, checks,
        summary, List.of(), now, now, 0);
  }

  long approvals() {
    return reviews.stream().filter(r -> r.verdict().equals("APPROVE")).count();
  }

  /** A review by a holder of the governance role; approved once {@code quorum} distinct reviewers approved. */
  PolicyChange review(String reviewer, boolean approve, String comment, int quorum, Instant now) {
    List<Review> next = new ArrayList<>(reviews);
    next.add(new Review(reviewer, approve ? "APPROVE" : "REJECT", comment, now));
    State nextState = !approve ? State.REJECTED
        : next.stream().filter(r -> r.verdict().equals("APPROVE")).count() >= quorum ? State.APPROVED : State.SUBMITTED;
    return with(nextState, next, now);
  }

  PolicyChange published(Instant now) {
    return with(State.PUBLISHED, reviews, now);
  }

  private PolicyChange with(State next, List<Review> nextReviews, Instant now) {
    return new PolicyChange(id, proposedVersion, previousVersion, author, next, document, checks, summary, nextReviews,
        createdAt, now, rowVersion);
  }
}
