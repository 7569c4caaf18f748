package org.dnsmesh.governance.workflow;

import java.time.Period;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.dnsmesh.governance.policy.Principal;
import org.dnsmesh.governance.policy.Role;

/**
 * Who must approve a change, for every {@link ChangeKind}; the roles are read from the access policy's
 * principals. A contract change (PATCH and MINOR) needs {@code stewardQuorum} stewards of the product's domain;
 * MAJOR or any classification change additionally needs {@code governanceQuorum} holders of the governance
 * role. A mesh-wide change (the access policy) needs {@code governanceQuorum} holders of the governance role. An
 * access request or a suppression needs {@code stewardQuorum} stewards of the product's domain, and only they count. Each approver counts once: someone who is both steward and governance fills one seat, never two.
 * The author never reviews their own change. A MAJOR change sets the previous version's sunset to approval
 * date + {@code majorSunset}.
 */
public record ReviewRules(int stewardQuorum, int governanceQuorum, Role stewardRole, Role governanceRole, Period majorSunset) {
  public ReviewRules {
    Objects.requireNonNull(stewardRole, "stewardRole");
    Objects.requireNonNull(governanceRole, "governanceRole");
    Objects.requireNonNull(majorSunset, "majorSunset");
    if (stewardQuorum < 1 || governanceQuorum < 1) {
      throw new IllegalArgumentException("quorums must be >= 1");
    }
    if (!stewardRole.domainScoped()) {
      throw new IllegalArgumentException("steward role must be domain-scoped, was " + stewardRole.id());
    }
    if (governanceRole.domainScoped()) {
      throw new IllegalArgumentException("governance role must be global, was " + governanceRole.id());
    }
    if (majorSunset.isNegative() || majorSunset.isZero()) {
      throw new IllegalArgumentException("major sunset period must be positive");
    }
  }

  public static ReviewRules defaults() {
    return new ReviewRules(1, 1, Role.STEWARD, Role.GOVERNANCE, Period.ofDays(90));
  }

  /**
   * The capacities in which {@code reviewer} may review a change of this kind; empty = not eligible. Access to a
   * product is its domain's decision: only that domain's stewards review an access request.
   */
  public Set<ReviewerCapacity> capacities(Principal reviewer, ChangeKind kind, ChangeSubject subject) {
    Set<ReviewerCapacity> capacities = capacities(reviewer, subject);
    return switch (kind) {
      case CONTRACT_VERSION, ACCESS_POLICY -> capacities;
      case ACCESS_REQUEST, SUPPRESSION -> capacities.contains(ReviewerCapacity.DOMAIN_STEWARD)
          ? EnumSet.of(ReviewerCapacity.DOMAIN_STEWARD) : EnumSet.noneOf(ReviewerCapacity.class);
    };
  }

  /** The capacities in which {@code reviewer} may review a change of {@code subject}; empty = not eligible. */
  public Set<ReviewerCapacity> capacities(Principal reviewer, ChangeSubject subject) {
    Set<ReviewerCapacity> capacities = EnumSet.noneOf(ReviewerCapacity.class);
    if (subject.domain().filter(domain -> reviewer.hasRoleInDomain(stewardRole, domain)).isPresent()) {
      capacities.add(ReviewerCapacity.DOMAIN_STEWARD);
    }
    if (reviewer.hasRole(governanceRole)) {
      capacities.add(ReviewerCapacity.GOVERNANCE);
    }
    return capacities;
  }

  public boolean needsGovernance(CompatibilityAssessment assessment) {
    return assessment.compatibility() == CompatibilityClass.MAJOR || assessment.classificationChanged();
  }

  /** Stewards of the subject's domain needed by this change. */
  public int stewardsNeeded(ChangeRequest change) {
    return switch (change.kind()) {
      case CONTRACT_VERSION, ACCESS_REQUEST, SUPPRESSION -> stewardQuorum;
      case ACCESS_POLICY -> 0;
    };
  }

  /** Holders of the governance role needed by this change. */
  public int governanceNeeded(ChangeRequest change) {
    return switch (change.kind()) {
      case CONTRACT_VERSION -> change.assessment().filter(this::needsGovernance).isPresent() ? governanceQuorum : 0;
      case ACCESS_POLICY -> governanceQuorum;
      case ACCESS_REQUEST, SUPPRESSION -> 0;
    };
  }

  /** Whether these approvals (distinct reviewers of the current revision) meet the quorum of this change. */
  public ApprovalStatus status(ChangeRequest change, List<Review> approvals) {
    int neededStewards = stewardsNeeded(change);
    int stewardsOnly = 0;
    int governanceOnly = 0;
    int both = 0;
    for (Review approval : approvals) {
      boolean steward = approval.capacities().contains(ReviewerCapacity.DOMAIN_STEWARD);
      boolean governance = approval.capacities().contains(ReviewerCapacity.GOVERNANCE);
      if (steward && governance) {
        both++;
      } else if (steward) {
        stewardsOnly++;
      } else if (governance) {
        governanceOnly++;
      }
    }
    int neededGovernance = governanceNeeded(change);
    // A dual-role approver may fill either seat but only one: Hall's condition for two seat types.
    boolean satisfied = stewardsOnly + both >= neededStewards
        && governanceOnly + both >= neededGovernance
        && stewardsOnly + governanceOnly + both >= neededStewards + neededGovernance;
    int stewardSeats = Math.min(neededStewards, stewardsOnly + both);
    int governanceSeats = Math.min(neededGovernance, governanceOnly + Math.max(0, both - Math.max(0, neededStewards - stewardsOnly)));
    return new ApprovalStatus(satisfied, neededStewards, stewardSeats, neededGovernance, governanceSeats);
  }

  /** Progress toward the quorum, for the UI and CLI. */
  public record ApprovalStatus(boolean satisfied, int stewardsNeeded, int stewardsApproved, int governanceNeeded,
                               int governanceApproved) {}
}
