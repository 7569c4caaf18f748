package org.dnsmesh.governance.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.dnsmesh.governance.DemoPolicy;
import org.dnsmesh.governance.TestDatabase;
import org.dnsmesh.governance.audit.AuditEntry;
import org.dnsmesh.governance.decision.AccessDeniedException;
import org.dnsmesh.governance.policy.PrincipalName;
import org.dnsmesh.governance.store.JdbcGovernanceStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The one change-request machine end to end on PostgreSQL with the demo policy's principals, for each kind. */
class ChangeRequestServiceIT {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T12:00:00.123456Z"), ZoneOffset.UTC);
  static final PrincipalName ALICE = PrincipalName.of("alice");
  static final PrincipalName NORA = PrincipalName.of("nora");
  static final PrincipalName GRACE = PrincipalName.of("grace");
  static final ProductRef RESOLVER = ProductRef.parse("na.resolver");

  private final List<GovernanceEvent> events = new CopyOnWriteArrayList<>();
  static final PrincipalName SYSTEM = PrincipalName.of("catalog-service");
  static final PrincipalName ROOT = PrincipalName.of("root");

  private final List<ChangeRequest> published = new CopyOnWriteArrayList<>();
  /** Publications fail while this is set (the registry or the policy file is unavailable). */
  private volatile String unavailable;
  private JdbcGovernanceStore store;
  private ChangeRequestService service;

  @BeforeEach
  void setUp() {
    store = new JdbcGovernanceStore(TestDatabase.fresh(), CLOCK);
    ChangePublisher publisher = (approved, approver) -> {
      if (unavailable != null) {
        throw new IllegalStateException(unavailable);
      }
      published.add(approved);
      return new ChangePublisher.Publication(true, approved.kind() + " " + approved.proposedVersion() + " in force", true, "rules");
    };
    service = new ChangeRequestService(store, DemoPolicy.embedded(), PrincipalDirectory.of(DemoPolicy.POLICY),
        ReviewRules.defaults(), events::add, Map.of(ChangeKind.CONTRACT_VERSION, publisher, ChangeKind.ACCESS_POLICY, publisher),
        SYSTEM, CLOCK);
  }

  private ProposeChange proposal(CompatibilityClass compatibility) {
    return ProposeChange.contractVersion(RESOLVER, compatibility == CompatibilityClass.MAJOR ? "2.0.0" : "1.3.0", Optional.of("1.2.0"),
        "apiVersion: v3.0.2\nkind: DataContract\n", new CompatibilityAssessment(compatibility, List.of("field qtype removed"), false),
        List.of(new CheckResult("odcs-validation", CheckResult.CheckStatus.PASSED, "valid"),
            new CheckResult("impact", CheckResult.CheckStatus.WARNING, "na.resolver.nxdomain_hourly reads qname")));
  }

  @Test
  void majorChangeGoesThroughStewardAndGovernanceToPublication() {
    ChangeRequest draft = service.propose(ALICE, proposal(CompatibilityClass.MAJOR));
    service.submit(ALICE, draft.id());
    ChangeRequest afterSteward = service.approve(NORA, draft.id(), "fine for na").change();
    assertThat(afterSteward.state()).isEqualTo(ChangeState.SUBMITTED);
    unavailable = "registry down";
    ChangeRequestService.Reviewed approved = service.approve(GRACE, draft.id(), "consumers notified");
    unavailable = null;
    ChangeRequest published = service.publish(GRACE, draft.id()).change();

    assertThat(approved.change().state()).isEqualTo(ChangeState.APPROVED);
    assertThat(approved.publication()).get().satisfies(p -> assertThat(p.published()).isFalse())
        .satisfies(p -> assertThat(p.detail()).contains("registry down"));
    assertThat(approved.change().previousVersionSunset()).contains(LocalDate.parse("2027-02-21"));
    assertThat(published.state()).isEqualTo(ChangeState.PUBLISHED);
    assertThat(this.published).extracting(ChangeRequest::id).containsExactly(draft.id());
    ChangeRequest stored = service.get(NORA, draft.id());
    assertThat(stored).isEqualTo(published);
    assertThat(stored.checks()).hasSize(2);
    assertThat(stored.reviews()).extracting(Review::reviewer).containsExactly(NORA, GRACE);
    assertThat(stored.reviews().get(1).capacities()).containsExactly(ReviewerCapacity.GOVERNANCE);
    assertThat(events).extracting(GovernanceEvent::type).containsExactly(GovernanceEvent.Type.PROPOSED,
        GovernanceEvent.Type.SUBMITTED, GovernanceEvent.Type.REVIEWED, GovernanceEvent.Type.APPROVED, GovernanceEvent.Type.PUBLISHED);
    List<AuditEntry> audit = service.readAudit(GRACE, 1, 100);
    assertThat(audit).extracting(AuditEntry::action).containsExactly("change.proposed", "change.submitted", "change.reviewed",
        "change.approved", "change.published");
    assertThat(audit.getLast().actor()).isEqualTo("catalog-service");
    assertThat(events.getLast().auditHash()).isEqualTo(audit.getLast().hash());
    assertThat(service.verifyAudit(GRACE).intact()).isTrue();
  }

  @Test
  void policyChangeIsReviewedByGovernanceOnlyAndPublishedOnApproval() {
    ChangeRequest submitted = service.proposeAndSubmit(ROOT, ProposeChange.accessPolicy(2, 1, "version: 2\n",
        "{\"grantsAdded\":[\"x\"]}", List.of(new CheckResult("version-bump", CheckResult.CheckStatus.PASSED, "1 -> 2"))));
    assertThat(submitted.kind()).isEqualTo(ChangeKind.ACCESS_POLICY);
    assertThat(submitted.subject().toString()).isEqualTo("policy");

    assertThatThrownBy(() -> service.proposeAndSubmit(ALICE, ProposeChange.accessPolicy(3, 1, "version: 3\n", "{}", List.of())))
        .isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> service.approve(ROOT, submitted.id(), "mine"))
        .isInstanceOfSatisfying(WorkflowException.class, e -> assertThat(e.getMessage()).contains("is the author"));
    assertThatThrownBy(() -> service.approve(NORA, submitted.id(), "steward"))
        .isInstanceOfSatisfying(WorkflowException.class, e -> assertThat(e.getMessage()).contains("global governance role"));
    ChangeRequestService.Reviewed approved = service.approve(GRACE, submitted.id(), "fine");

    assertThat(approved.change().state()).isEqualTo(ChangeState.PUBLISHED);
    assertThat(approved.publication()).get().satisfies(p -> assertThat(p.detail()).isEqualTo("ACCESS_POLICY 2 in force"));
    ChangeRequest stored = service.get(GRACE, submitted.id());
    assertThat(stored.facts()).contains("grantsAdded");
    assertThat(stored.previousVersion()).contains("1");
    assertThat(stored.assessment()).isEmpty();
    assertThat(service.list(GRACE, Optional.of(ChangeKind.ACCESS_POLICY), Optional.empty(), Optional.empty()))
        .extracting(ChangeRequest::id).containsExactly(submitted.id());
    assertThat(service.list(GRACE, Optional.of(ChangeKind.CONTRACT_VERSION), Optional.empty(), Optional.empty())).isEmpty();
    assertThatThrownBy(() -> service.get(ALICE, submitted.id())).isInstanceOf(AccessDeniedException.class);
    assertThat(service.readAudit(GRACE, 1, 100)).extracting(AuditEntry::action).containsExactly("policy-change.proposed",
        "policy-change.submitted", "policy-change.approved", "policy-change.published");
    assertThat(events).extracting(GovernanceEvent::kind).containsOnly(ChangeKind.ACCESS_POLICY);
  }

  @Test
  void aChangeWithFailedChecksCannotBeApproved() {
    ProposeChange failing = ProposeChange.contractVersion(RESOLVER, "1.3.0", Optional.of("1.2.0"), "doc",
        new CompatibilityAssessment(CompatibilityClass.MINOR, List.of(), false),
        List.of(new CheckResult("policy-lint", CheckResult.CheckStatus.FAILED, "column qname unclassified")));
    ChangeRequest submitted = service.proposeAndSubmit(ALICE, failing);

    assertThatThrownBy(() -> service.approve(NORA, submitted.id(), "ok"))
        .isInstanceOfSatisfying(WorkflowException.class, e -> assertThat(e.reason()).isEqualTo(WorkflowException.Reason.INVALID_STATE))
        .hasMessageContaining("cannot be approved while checks fail (policy-lint: column qname unclassified)");
    assertThat(service.reject(NORA, submitted.id(), "classify qname").state()).isEqualTo(ChangeState.REJECTED);
  }

  @Test
  void rejectedChangeIsRevisedResubmittedAndApproved() {
    ChangeRequest draft = service.propose(ALICE, proposal(CompatibilityClass.MINOR));
    service.submit(ALICE, draft.id());
    ChangeRequest rejected = service.reject(NORA, draft.id(), "describe the new field");
    assertThat(rejected.state()).isEqualTo(ChangeState.REJECTED);

    service.revise(ALICE, draft.id(), "apiVersion: v3.0.2\nkind: DataContract\ndescription: better\n",
        Optional.of(new CompatibilityAssessment(CompatibilityClass.MINOR, List.of("field added"), false)), List.of());
    service.submit(ALICE, draft.id());
    unavailable = "registry down";
    ChangeRequest approved = service.approve(NORA, draft.id(), "thanks").change();

    assertThat(approved.state()).isEqualTo(ChangeState.APPROVED);
    assertThat(approved.revision()).isEqualTo(2);
    assertThat(approved.previousVersionSunset()).isEmpty();
    assertThat(service.list(NORA, Optional.empty(), Optional.of(ChangeSubject.of(RESOLVER)), Optional.of(ChangeState.APPROVED))).extracting(ChangeRequest::id)
        .containsExactly(draft.id());
    assertThat(service.list(NORA, Optional.empty(), Optional.empty(), Optional.of(ChangeState.DRAFT))).isEmpty();
  }

  @Test
  void decisionPointAndReviewRulesGuardEveryStep() {
    assertThatThrownBy(() -> service.propose(PrincipalName.of("erik"), proposal(CompatibilityClass.MINOR)))
        .isInstanceOf(AccessDeniedException.class);
    ChangeRequest draft = service.propose(ALICE, proposal(CompatibilityClass.MINOR));
    service.submit(ALICE, draft.id());

    assertThatThrownBy(() -> service.approve(ALICE, draft.id(), "self")).isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> service.approve(PrincipalName.of("sofia"), draft.id(), "other domain")).isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> service.publish(ALICE, draft.id())).isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> service.verifyAudit(ALICE)).isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> service.get(NORA, ChangeRequestId.random()))
        .isInstanceOfSatisfying(WorkflowException.class, e -> assertThat(e.reason()).isEqualTo(WorkflowException.Reason.NOT_FOUND));
    assertThat(service.get(NORA, draft.id()).state()).isEqualTo(ChangeState.SUBMITTED);
  }

  @Test
  void staleUpdatesAreRefused() {
    ChangeRequest draft = service.propose(ALICE, proposal(CompatibilityClass.MINOR));
    ChangeRequest submitted = store.inTransaction(tx -> tx.changes().update(draft.submit(ALICE, CLOCK.instant())));
    assertThat(submitted.rowVersion()).isEqualTo(1);

    assertThatThrownBy(() -> store.inTransaction(tx -> tx.changes().update(draft.submit(ALICE, CLOCK.instant()))))
        .isInstanceOfSatisfying(WorkflowException.class,
            e -> assertThat(e.reason()).isEqualTo(WorkflowException.Reason.CONCURRENT_UPDATE));
  }
}
