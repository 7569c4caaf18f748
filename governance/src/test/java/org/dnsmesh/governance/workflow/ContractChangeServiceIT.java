package org.dnsmesh.governance.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
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

/** The workflow end to end on PostgreSQL with the demo policy's principals. */
class ContractChangeServiceIT {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T12:00:00.123456Z"), ZoneOffset.UTC);
  static final PrincipalName ALICE = PrincipalName.of("alice");
  static final PrincipalName NORA = PrincipalName.of("nora");
  static final PrincipalName GRACE = PrincipalName.of("grace");
  static final ProductRef RESOLVER = ProductRef.parse("na.resolver");

  private final List<GovernanceEvent> events = new CopyOnWriteArrayList<>();
  private JdbcGovernanceStore store;
  private ContractChangeService service;

  @BeforeEach
  void setUp() {
    store = new JdbcGovernanceStore(TestDatabase.fresh(), CLOCK);
    service = new ContractChangeService(store, DemoPolicy.embedded(), PrincipalDirectory.of(DemoPolicy.POLICY),
        ReviewRules.defaults(), events::add, CLOCK);
  }

  private ProposeChange proposal(CompatibilityClass compatibility) {
    return new ProposeChange(RESOLVER, compatibility == CompatibilityClass.MAJOR ? "2.0.0" : "1.3.0", Optional.of("1.2.0"),
        "apiVersion: v3.0.2\nkind: DataContract\n", new CompatibilityAssessment(compatibility, List.of("field qtype removed"), false),
        List.of(new CheckResult("odcs-validation", CheckResult.CheckStatus.PASSED, "valid"),
            new CheckResult("impact", CheckResult.CheckStatus.WARNING, "na.resolver.nxdomain_hourly reads qname")));
  }

  @Test
  void majorChangeGoesThroughStewardAndGovernanceToPublication() {
    ChangeRequest draft = service.propose(ALICE, proposal(CompatibilityClass.MAJOR));
    service.submit(ALICE, draft.id());
    ChangeRequest afterSteward = service.approve(NORA, draft.id(), "fine for na");
    assertThat(afterSteward.state()).isEqualTo(ChangeState.SUBMITTED);
    ChangeRequest approved = service.approve(GRACE, draft.id(), "consumers notified");
    ChangeRequest published = service.publish(GRACE, draft.id());

    assertThat(approved.state()).isEqualTo(ChangeState.APPROVED);
    assertThat(approved.previousVersionSunset()).contains(LocalDate.parse("2027-02-21"));
    assertThat(published.state()).isEqualTo(ChangeState.PUBLISHED);
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
    assertThat(events.getLast().auditHash()).isEqualTo(audit.getLast().hash());
    assertThat(service.verifyAudit(GRACE).intact()).isTrue();
  }

  @Test
  void rejectedChangeIsRevisedResubmittedAndApproved() {
    ChangeRequest draft = service.propose(ALICE, proposal(CompatibilityClass.MINOR));
    service.submit(ALICE, draft.id());
    ChangeRequest rejected = service.reject(NORA, draft.id(), "describe the new field");
    assertThat(rejected.state()).isEqualTo(ChangeState.REJECTED);

    service.revise(ALICE, draft.id(), "apiVersion: v3.0.2\nkind: DataContract\ndescription: better\n",
        new CompatibilityAssessment(CompatibilityClass.MINOR, List.of("field added"), false), List.of());
    service.submit(ALICE, draft.id());
    ChangeRequest approved = service.approve(NORA, draft.id(), "thanks");

    assertThat(approved.state()).isEqualTo(ChangeState.APPROVED);
    assertThat(approved.revision()).isEqualTo(2);
    assertThat(approved.previousVersionSunset()).isEmpty();
    assertThat(service.list(NORA, Optional.of(RESOLVER), Optional.of(ChangeState.APPROVED))).extracting(ChangeRequest::id)
        .containsExactly(draft.id());
    assertThat(service.list(NORA, Optional.empty(), Optional.of(ChangeState.DRAFT))).isEmpty();
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
