package org.dnsmesh.governance.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dnsmesh.governance.DemoPolicy;
import org.dnsmesh.governance.TestDatabase;
import org.dnsmesh.governance.audit.AuditEntry;
import org.dnsmesh.governance.decision.AccessDeniedException;
import org.dnsmesh.governance.policy.PrincipalName;
import org.dnsmesh.governance.store.JdbcGovernanceStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Detection suppressions on the one change-request machine, on PostgreSQL with the demo policy: who may propose,
 * see, approve and reject them (every way around the rules is tried and refused: the proposer, an analyst, a
 * steward of another domain, governance, an admin), and that only an approval hands the suppression to publication.
 */
class SuppressionServiceIT {
  static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
  static final PrincipalName ALAN = PrincipalName.of("alan");
  static final PrincipalName VICTOR = PrincipalName.of("victor");
  static final PrincipalName STEWARD = PrincipalName.of("steward-security");
  static final PrincipalName NORA = PrincipalName.of("nora");
  static final PrincipalName GRACE = PrincipalName.of("grace");
  static final PrincipalName ROOT = PrincipalName.of("root");
  static final ProductRef DETECTIONS = ProductRef.parse("security.detections");
  static final Map<String, String> RULES = Map.of("DELEGATION_OUTSIDE_WINDOW", "domain", "CONTROL_SURFACE_CHURN", "account");

  private final List<ChangeRequest> published = new ArrayList<>();
  private final List<String> revoked = new ArrayList<>();
  private boolean topicDown;
  private ChangeRequestService service;

  @BeforeEach
  void setUp() {
    JdbcGovernanceStore store = new JdbcGovernanceStore(TestDatabase.fresh(), Clock.fixed(NOW, ZoneOffset.UTC));
    ChangePublisher topic = new ChangePublisher() {
      @Override
      public Publication publish(ChangeRequest approved, PrincipalName approver) {
        published.add(approved);
        return new ChangePublisher.Publication(true, "on the topic", false, "no rules");
      }

      @Override
      public void revoke(ChangeRequest inForce, PrincipalName actor, Instant revokedAt) {
        if (topicDown) {
          throw new IllegalStateException("broker unreachable");
        }
        revoked.add(inForce.id() + "@" + revokedAt);
      }
    };
    service = new ChangeRequestService(store, DemoPolicy.embedded(), PrincipalDirectory.of(DemoPolicy.POLICY),
        ReviewRules.defaults(), event -> {}, Map.of(ChangeKind.SUPPRESSION, topic), PrincipalName.of("catalog-service"),
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private ChangeRequest propose(PrincipalName who) {
    Suppression suppression = Suppression.parse("DELEGATION_OUTSIDE_WINDOW", "domain:example.com", "2026-11-23T00:00:00Z",
        "2026-11-30T00:00:00Z", "planned registrar migration, CR-4711", RULES);
    return service.proposeAndSubmit(who, ProposeChange.suppression(DETECTIONS, suppression, "{}", List.of()));
  }

  @Test
  void aSecurityStewardApprovesAndOnlyThenIsItPublished() {
    ChangeRequest submitted = propose(ALAN);
    assertThat(submitted.state()).isEqualTo(ChangeState.SUBMITTED);
    assertThat(submitted.proposedVersion()).isEqualTo("2026-11-23T00:00:00Z/2026-11-30T00:00:00Z");
    assertThat(published).isEmpty();

    ChangeRequestService.Reviewed approved = service.approve(VICTOR, submitted.id(), "migration confirmed");
    assertThat(approved.change().state()).isEqualTo(ChangeState.PUBLISHED);
    assertThat(published).extracting(ChangeRequest::id).containsExactly(submitted.id());
    Suppression stored = Suppression.of(approved.change());
    assertThat(stored.rule()).contains("DELEGATION_OUTSIDE_WINDOW");
    assertThat(stored.caseKey()).isEqualTo("domain:example.com");
    assertThat(stored.until()).isEqualTo(Instant.parse("2026-11-30T00:00:00Z"));

    List<String> trail = service.auditTrail(VICTOR, submitted.id()).stream().map(AuditEntry::action).toList();
    assertThat(trail).containsExactly("suppression.proposed", "suppression.submitted", "suppression.approved",
        "suppression.published");
    assertThat(service.verifyAudit(GRACE).intact()).isTrue();
  }

  @Test
  void theProposerNeverApprovesTheirOwnSuppression() {
    ChangeRequest own = propose(STEWARD);
    assertThatThrownBy(() -> service.approve(STEWARD, own.id(), "mine"))
        .isInstanceOf(WorkflowException.class).hasMessageContaining("steward-security is the author");
    ChangeRequest alans = propose(ALAN);
    assertThatThrownBy(() -> service.approve(ALAN, alans.id(), "mine")).isInstanceOf(AccessDeniedException.class);
    assertThat(service.get(VICTOR, own.id()).state()).isEqualTo(ChangeState.SUBMITTED);
    assertThat(published).isEmpty();
  }

  @Test
  void analystsStewardsOfAnotherDomainGovernanceAndAdminsCannotReview() {
    ChangeRequest submitted = propose(ALAN);
    assertThatThrownBy(() -> service.approve(PrincipalName.of("li"), submitted.id(), "analyst"))
        .isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> service.approve(NORA, submitted.id(), "na steward")).isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> service.reject(NORA, submitted.id(), "na steward")).isInstanceOf(AccessDeniedException.class);
    // governance reviews contract changes everywhere, but a domain's findings are its stewards' decision
    assertThatThrownBy(() -> service.approve(GRACE, submitted.id(), "governance"))
        .isInstanceOf(WorkflowException.class).hasMessageContaining("not a steward of domain security");
    // an admin operates the platform; it holds no review right
    assertThatThrownBy(() -> service.approve(ROOT, submitted.id(), "admin")).isInstanceOf(AccessDeniedException.class);
    ChangeRequest unchanged = service.get(VICTOR, submitted.id());
    assertThat(unchanged.state()).isEqualTo(ChangeState.SUBMITTED);
    assertThat(unchanged.reviews()).isEmpty();
    assertThat(published).isEmpty();
  }

  @Test
  void aRejectionNeedsACommentAndPublishesNothing() {
    ChangeRequest submitted = propose(ALAN);
    assertThatThrownBy(() -> service.reject(VICTOR, submitted.id(), " ")).hasMessageContaining("needs a comment");
    assertThat(service.reject(VICTOR, submitted.id(), "fix the delegation instead").state()).isEqualTo(ChangeState.REJECTED);
    assertThatThrownBy(() -> service.approve(VICTOR, submitted.id(), "changed my mind"))
        .isInstanceOf(WorkflowException.class).hasMessageContaining("in state REJECTED");
    assertThat(published).isEmpty();
  }

  @Test
  void whoCannotSeeTheFindingsCannotProposeOrSeeSuppressions() {
    ChangeRequest submitted = propose(ALAN);
    PrincipalName kenji = PrincipalName.of("kenji"); // publishes apac: nothing in security
    assertThatThrownBy(() -> propose(kenji)).isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> service.get(kenji, submitted.id())).isInstanceOf(AccessDeniedException.class);
    assertThat(service.list(kenji, Optional.of(ChangeKind.SUPPRESSION), Optional.empty(), Optional.empty())).isEmpty();
    assertThat(service.list(NORA, Optional.of(ChangeKind.SUPPRESSION), Optional.empty(), Optional.empty())).isEmpty();
    assertThat(service.list(VICTOR, Optional.of(ChangeKind.SUPPRESSION), Optional.empty(), Optional.empty()))
        .extracting(ChangeRequest::id).containsExactly(submitted.id());
  }

  @Test
  void theMachineRefusesAWindowLongerThanThirtyDaysEvenWhenTheCallerSkippedTheChecks() {
    ProposeChange forged = new ProposeChange(ChangeKind.SUPPRESSION, ChangeSubject.of(DETECTIONS),
        "2026-11-01T00:00:00Z/2026-12-01T00:00:01Z", Optional.empty(), "{}", Optional.empty(), "{}", List.of());
    assertThatThrownBy(() -> service.proposeAndSubmit(ALAN, forged)).isInstanceOf(WorkflowException.class)
        .hasMessageContaining("at most 30 days apart");
  }

  private ChangeRequest inForce(PrincipalName proposer) {
    ChangeRequest change = service.approve(VICTOR, propose(proposer).id(), "ok").change();
    assertThat(change.state()).isEqualTo(ChangeState.PUBLISHED);
    return change;
  }

  @Test
  void theProposerOrAStewardRevokesAloneAndTheRevocationIsWithdrawnFromTheTopicThenAudited() {
    ChangeRequest alans = inForce(ALAN);
    ChangeRequest byProposer = service.revoke(ALAN, alans.id(), "migration finished early");
    assertThat(byProposer.state()).isEqualTo(ChangeState.REVOKED);
    assertThat(byProposer.updatedAt()).as("the moment of revocation").isEqualTo(NOW);
    assertThat(revoked).containsExactly(alans.id() + "@" + NOW);
    List<AuditEntry> trail = service.auditTrail(VICTOR, alans.id());
    assertThat(trail).extracting(AuditEntry::action).containsExactly("suppression.proposed", "suppression.submitted",
        "suppression.approved", "suppression.published", "suppression.revoked");
    assertThat(trail.getLast().actor()).isEqualTo("alan");
    assertThat(trail.getLast().details()).contains("revokedAt", NOW.toString(), "migration finished early", "REVOKED");
    assertThat(service.verifyAudit(GRACE).intact()).isTrue();

    // a steward revokes one somebody else proposed; approved-but-not-yet-on-the-topic counts as in force too
    ChangeRequest lis = inForce(PrincipalName.of("li"));
    assertThat(service.revoke(STEWARD, lis.id(), "exception no longer needed").state()).isEqualTo(ChangeState.REVOKED);
    assertThat(revoked).hasSize(2);
  }

  @Test
  void nobodyButTheProposerAndTheDomainsStewardsRevokes() {
    ChangeRequest alans = inForce(ALAN);
    // li sees the findings and could propose, but this is not li's suppression and li is no steward
    assertThatThrownBy(() -> service.revoke(PrincipalName.of("li"), alans.id(), "noise"))
        .isInstanceOfAny(AccessDeniedException.class, WorkflowException.class).hasMessageContaining("li");
    for (PrincipalName other : List.of(NORA, GRACE, ROOT, PrincipalName.of("kenji"))) {
      assertThatThrownBy(() -> service.revoke(other, alans.id(), "not mine")).as(other.value())
          .isInstanceOfAny(AccessDeniedException.class, WorkflowException.class)
          .satisfies(e -> assertThat(!(e instanceof WorkflowException w) || w.reason() == WorkflowException.Reason.NOT_ALLOWED)
              .as("refused as not allowed").isTrue());
    }
    assertThat(service.get(VICTOR, alans.id()).state()).isEqualTo(ChangeState.PUBLISHED);
    assertThat(revoked).isEmpty();
    assertThat(service.auditTrail(VICTOR, alans.id())).extracting(AuditEntry::action).doesNotContain("suppression.revoked");
  }

  @Test
  void onlyASuppressionInForceIsRevokedOnceAndAFailedWithdrawalChangesNothing() {
    ChangeRequest submitted = propose(ALAN);
    assertThatThrownBy(() -> service.revoke(VICTOR, submitted.id(), "x")).isInstanceOf(WorkflowException.class)
        .hasMessageContaining("in state SUBMITTED");
    ChangeRequest rejected = service.reject(VICTOR, propose(ALAN).id(), "no");
    assertThatThrownBy(() -> service.revoke(VICTOR, rejected.id(), "x")).hasMessageContaining("in state REJECTED");
    assertThatThrownBy(() -> service.revoke(VICTOR, ChangeRequestId.random(), "x"))
        .isInstanceOf(WorkflowException.class).satisfies(e ->
            assertThat(((WorkflowException) e).reason()).isEqualTo(WorkflowException.Reason.NOT_FOUND));
    ChangeRequest alans = inForce(ALAN);
    assertThatThrownBy(() -> service.revoke(VICTOR, alans.id(), " ")).hasMessageContaining("needs a reason");

    topicDown = true;
    assertThatThrownBy(() -> service.revoke(VICTOR, alans.id(), "x")).hasMessageContaining("broker unreachable");
    assertThat(service.get(VICTOR, alans.id()).state()).as("nothing recorded").isEqualTo(ChangeState.PUBLISHED);
    topicDown = false;
    service.revoke(VICTOR, alans.id(), "done");
    assertThatThrownBy(() -> service.revoke(STEWARD, alans.id(), "again")).isInstanceOf(WorkflowException.class)
        .hasMessageContaining("revoked already at " + NOW);
    assertThat(revoked).hasSize(1);

    // a window that ended already suppresses nothing from now on: nothing to revoke
    Suppression past = Suppression.parse(null, "domain:example.org", "2026-11-01T00:00:00Z", "2026-11-08T00:00:00Z",
        "replay of an old incident", RULES);
    ChangeRequest ended = service.approve(VICTOR, service.proposeAndSubmit(ALAN,
        ProposeChange.suppression(DETECTIONS, past, "{}", List.of())).id(), "ok").change();
    assertThatThrownBy(() -> service.revoke(VICTOR, ended.id(), "x")).hasMessageContaining("ended at 2026-11-08T00:00:00Z");
  }
}
