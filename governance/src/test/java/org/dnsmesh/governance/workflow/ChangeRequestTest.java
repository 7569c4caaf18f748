package org.dnsmesh.governance.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.dnsmesh.governance.policy.PrincipalName;
import org.dnsmesh.governance.policy.Role;
import org.junit.jupiter.api.Test;

class ChangeRequestTest {
  static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
  static final PrincipalName ALICE = PrincipalName.of("alice");
  static final PrincipalName NORA = PrincipalName.of("nora");
  static final PrincipalName NED = PrincipalName.of("ned");
  static final PrincipalName GRACE = PrincipalName.of("grace");
  static final Set<ReviewerCapacity> STEWARD = EnumSet.of(ReviewerCapacity.DOMAIN_STEWARD);
  static final Set<ReviewerCapacity> GOVERNANCE = EnumSet.of(ReviewerCapacity.GOVERNANCE);
  static final Set<ReviewerCapacity> BOTH = EnumSet.allOf(ReviewerCapacity.class);
  final ReviewRules rules = ReviewRules.defaults();

  static ChangeRequest submitted(CompatibilityClass compatibility, boolean classificationChanged) {
    return ChangeRequest.draft(ProposeChange.contractVersion(ProductRef.parse("na.resolver"), "1.3.0", Optional.of("1.2.0"), "contract: v",
        new CompatibilityAssessment(compatibility, List.of("reason"), classificationChanged), List.of()), ALICE, NOW).submit(ALICE, NOW);
  }

  @Test
  void minorChangeNeedsOneStewardOfTheDomain() {
    ChangeRequest approved = submitted(CompatibilityClass.MINOR, false).review(NORA, STEWARD, Verdict.APPROVE, "ok", rules, NOW);

    assertThat(approved.state()).isEqualTo(ChangeState.APPROVED);
    assertThat(approved.previousVersionSunset()).isEmpty();
  }

  @Test
  void governanceAloneDoesNotApproveAMinorChange() {
    ChangeRequest change = submitted(CompatibilityClass.MINOR, false).review(GRACE, GOVERNANCE, Verdict.APPROVE, "ok", rules, NOW);

    assertThat(change.state()).isEqualTo(ChangeState.SUBMITTED);
    assertThat(change.approvalStatus(rules)).isEqualTo(new ReviewRules.ApprovalStatus(false, 1, 0, 0, 0));
  }

  @Test
  void majorChangeNeedsStewardAndGovernanceAndSetsASunset() {
    ChangeRequest change = submitted(CompatibilityClass.MAJOR, false).review(NORA, STEWARD, Verdict.APPROVE, "ok", rules, NOW);
    assertThat(change.state()).isEqualTo(ChangeState.SUBMITTED);

    ChangeRequest approved = change.review(GRACE, GOVERNANCE, Verdict.APPROVE, "ok", rules, NOW);

    assertThat(approved.state()).isEqualTo(ChangeState.APPROVED);
    assertThat(approved.previousVersionSunset()).contains(LocalDate.parse("2027-02-21"));
  }

  @Test
  void classificationChangeNeedsGovernanceEvenWhenMinor() {
    ChangeRequest change = submitted(CompatibilityClass.MINOR, true).review(NORA, STEWARD, Verdict.APPROVE, "ok", rules, NOW);

    assertThat(change.state()).isEqualTo(ChangeState.SUBMITTED);
    assertThat(change.review(GRACE, GOVERNANCE, Verdict.APPROVE, "ok", rules, NOW).state()).isEqualTo(ChangeState.APPROVED);
  }

  @Test
  void aDualRoleReviewerFillsOnlyOneSeat() {
    ChangeRequest change = submitted(CompatibilityClass.MAJOR, false).review(NED, BOTH, Verdict.APPROVE, "ok", rules, NOW);
    assertThat(change.state()).isEqualTo(ChangeState.SUBMITTED);

    assertThat(change.review(GRACE, GOVERNANCE, Verdict.APPROVE, "ok", rules, NOW).state()).isEqualTo(ChangeState.APPROVED);
  }

  @Test
  void theAuthorNeverReviewsTheirOwnChange() {
    assertThatThrownBy(() -> submitted(CompatibilityClass.MINOR, false).review(ALICE, BOTH, Verdict.APPROVE, "mine", rules, NOW))
        .isInstanceOfSatisfying(WorkflowException.class, e -> assertThat(e.reason()).isEqualTo(WorkflowException.Reason.NOT_ALLOWED))
        .hasMessageContaining("is the author");
  }

  @Test
  void ineligibleAndRepeatedReviewsAreRefused() {
    assertThatThrownBy(() -> submitted(CompatibilityClass.MINOR, false).review(NED, Set.of(), Verdict.APPROVE, "", rules, NOW))
        .hasMessageContaining("neither a steward of domain na nor holds the governance role");
    ChangeRequest once = submitted(CompatibilityClass.MAJOR, false).review(NORA, STEWARD, Verdict.APPROVE, "ok", rules, NOW);
    assertThatThrownBy(() -> once.review(NORA, STEWARD, Verdict.APPROVE, "again", rules, NOW)).hasMessageContaining("already reviewed");
    assertThatThrownBy(() -> once.review(GRACE, GOVERNANCE, Verdict.REJECT, " ", rules, NOW)).hasMessageContaining("needs a comment");
  }

  @Test
  void rejectedChangeIsRevisedAndResubmittedAndOldApprovalsNoLongerCount() {
    ChangeRequest major = submitted(CompatibilityClass.MAJOR, false).review(NORA, STEWARD, Verdict.APPROVE, "ok", rules, NOW);
    ChangeRequest rejected = major.review(GRACE, GOVERNANCE, Verdict.REJECT, "breaks consumers", rules, NOW);
    assertThat(rejected.state()).isEqualTo(ChangeState.REJECTED);

    ChangeRequest revised = rejected.revise(ALICE, "contract: v2", rejected.assessment(), List.of(), NOW);
    assertThat(revised.state()).isEqualTo(ChangeState.DRAFT);
    assertThat(revised.revision()).isEqualTo(2);
    assertThat(revised.currentReviews()).isEmpty();
    assertThat(revised.reviews()).hasSize(2);

    ChangeRequest resubmitted = revised.submit(ALICE, NOW).review(GRACE, GOVERNANCE, Verdict.APPROVE, "better", rules, NOW);
    assertThat(resubmitted.state()).isEqualTo(ChangeState.SUBMITTED); // nora's approval was for revision 1
    assertThat(resubmitted.review(NORA, STEWARD, Verdict.APPROVE, "ok", rules, NOW).state()).isEqualTo(ChangeState.APPROVED);
  }

  @Test
  void stepsOutOfOrderAreRefused() {
    ChangeRequest draft = ChangeRequest.draft(ProposeChange.contractVersion(ProductRef.parse("na.resolver"), "1.3.0", Optional.empty(), "c",
        new CompatibilityAssessment(CompatibilityClass.MINOR, List.of(), false), List.of()), ALICE, NOW);

    assertThatThrownBy(() -> draft.review(NORA, STEWARD, Verdict.APPROVE, "ok", rules, NOW))
        .isInstanceOfSatisfying(WorkflowException.class, e -> assertThat(e.reason()).isEqualTo(WorkflowException.Reason.INVALID_STATE));
    assertThatThrownBy(() -> draft.publish(NOW)).hasMessageContaining("cannot publish");
    assertThatThrownBy(() -> draft.submit(NORA, NOW)).hasMessageContaining("only the author alice may submit");
    ChangeRequest approved = draft.submit(ALICE, NOW).review(NORA, STEWARD, Verdict.APPROVE, "ok", rules, NOW);
    assertThatThrownBy(() -> approved.revise(ALICE, "x", approved.assessment(), List.of(), NOW)).hasMessageContaining("cannot revise");
    assertThat(approved.publish(NOW).state()).isEqualTo(ChangeState.PUBLISHED);
  }

  @Test
  void quorumAndRolesAreConfigurable() {
    ReviewRules twoStewards = new ReviewRules(2, 1, Role.STEWARD, Role.GOVERNANCE, Period.ofDays(30));
    ChangeRequest change = submitted(CompatibilityClass.MINOR, false).review(NORA, STEWARD, Verdict.APPROVE, "ok", twoStewards, NOW);
    assertThat(change.state()).isEqualTo(ChangeState.SUBMITTED);
    assertThat(change.review(NED, STEWARD, Verdict.APPROVE, "ok", twoStewards, NOW).state()).isEqualTo(ChangeState.APPROVED);

    assertThatThrownBy(() -> new ReviewRules(1, 1, Role.ANALYST, Role.GOVERNANCE, Period.ofDays(1))).hasMessageContaining("domain-scoped");
    assertThatThrownBy(() -> new ReviewRules(0, 1, Role.STEWARD, Role.GOVERNANCE, Period.ofDays(1))).hasMessageContaining("quorums");
  }

  @Test
  void aPolicyChangeNeedsTheGovernanceQuorumAndNoSteward() {
    ChangeRequest policy = ChangeRequest.draft(ProposeChange.accessPolicy(2, 1, "version: 2", "{}", List.of()), ALICE, NOW)
        .submit(ALICE, NOW);
    ReviewRules twoGovernance = new ReviewRules(1, 2, Role.STEWARD, Role.GOVERNANCE, Period.ofDays(30));

    assertThat(policy.approvalStatus(twoGovernance)).isEqualTo(new ReviewRules.ApprovalStatus(false, 0, 0, 2, 0));
    ChangeRequest once = policy.review(GRACE, GOVERNANCE, Verdict.APPROVE, "ok", twoGovernance, NOW);
    assertThat(once.state()).isEqualTo(ChangeState.SUBMITTED);
    assertThat(once.review(NED, BOTH, Verdict.APPROVE, "ok", twoGovernance, NOW).state()).isEqualTo(ChangeState.APPROVED);
    assertThat(once.review(NED, BOTH, Verdict.APPROVE, "ok", twoGovernance, NOW).previousVersionSunset()).isEmpty();
    assertThatThrownBy(() -> policy.review(NORA, Set.of(), Verdict.APPROVE, "", rules, NOW))
        .hasMessageContaining("a policy change needs reviewers with the global governance role; nora does not hold it");
    assertThatThrownBy(() -> policy.review(ALICE, GOVERNANCE, Verdict.APPROVE, "mine", rules, NOW)).hasMessageContaining("is the author");
  }

  @Test
  void policyVersionsArePositiveIntegers() {
    assertThatThrownBy(() -> ChangeRequest.draft(ProposeChange.accessPolicy(0, 1, "version: 0", "{}", List.of()), ALICE, NOW))
        .hasMessageContaining("not a positive integer");
  }

  @Test
  void versionsMustBeSemver() {
    assertThatThrownBy(() -> ChangeRequest.draft(ProposeChange.contractVersion(ProductRef.parse("na.resolver"), "v2", Optional.empty(), "c",
        new CompatibilityAssessment(CompatibilityClass.MAJOR, List.of(), false), List.of()), ALICE, NOW)).hasMessageContaining("not semver");
  }
}
