package org.dnsmesh.governance.workflow;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.dnsmesh.governance.policy.PrincipalName;

/** A reviewer's verdict on one revision of a change, with the capacities the reviewer held when reviewing. */
public record Review(PrincipalName reviewer, Verdict verdict, String comment, int revision, Instant reviewedAt,
                     Set<ReviewerCapacity> capacities) {
  public Review {
    capacities = capacities.isEmpty() ? Set.of() : java.util.Collections.unmodifiableSet(EnumSet.copyOf(capacities));
    Objects.requireNonNull(reviewer, "reviewer");
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(comment, "comment");
    Objects.requireNonNull(reviewedAt, "reviewedAt");
    if (revision < 1) {
      throw new IllegalArgumentException("revision must be >= 1");
    }
  }
}
