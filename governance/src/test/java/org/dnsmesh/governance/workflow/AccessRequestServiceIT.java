package org.dnsmesh.governance.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dnsmesh.governance.DemoPolicy;
import org.dnsmesh.governance.TestDatabase;
import org.dnsmesh.governance.audit.AuditEntry;
import org.dnsmesh.governance.decision.AccessDeniedException;
import org.dnsmesh.governance.decision.EmbeddedPolicyDecisionPoint;
import org.dnsmesh.governance.policy.Operation;
import org.dnsmesh.governance.policy.PrincipalName;
import org.dnsmesh.governance.policy.ResourceRef;
import org.dnsmesh.governance.store.JdbcGovernanceStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Access requests on the one change-request machine, on PostgreSQL with the demo policy: who may file, see,
 * approve and reject them (every way around the rules is tried and refused), and the time-boxed grant an approval
 * stores, which the policy carries while it is in force and which expiry revokes once.
 */
class AccessRequestServiceIT {
  static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
  static final PrincipalName ALAN = PrincipalName.of("alan");
  static final PrincipalName LI = PrincipalName.of("li");
  static final PrincipalName VICTOR = PrincipalName.of("victor");
  static final PrincipalName NORA = PrincipalName.of("nora");
  static final PrincipalName GRACE = PrincipalName.of("grace");
  static final ProductRef REGISTRAR = ProductRef.parse("security.registrar");

  private JdbcGovernanceStore store;
  private ChangeRequestService service;

  @BeforeEach
  void setUp() {
    store = new JdbcGovernanceStore(TestDatabase.fresh(), Clock.fixed(NOW, ZoneOffset.UTC));
    ChangePublisher grants = (approved, approver) -> {
      AccessGrant grant = AccessGrant.of(approved, approved.updatedAt());
      store.inTransaction(tx -> tx.grants().insert(grant));
      return new ChangePublisher.Publication(true, "grant until " + grant.expiresAt(), true, "rules");
    };
    service = new ChangeRequestService(store, DemoPolicy.embedded(), PrincipalDirectory.of(DemoPolicy.POLICY),
        ReviewRules.defaults(), event -> {}, Map.of(ChangeKind.ACCESS_REQUEST, grants), PrincipalName.of("catalog-service"),
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private Optional<AccessGrant> grantOf(ChangeRequestId id) {
    return store.<Optional<AccessGrant>>inTransaction(tx -> tx.grants().find(id));
  }

  private List<AccessGrant> revoke(Instant now) {
    return store.<List<AccessGrant>>inTransaction(tx -> tx.grants().revokeExpired(now, "catalog-service"));
  }

  private List<AccessGrant> inForce() {
    return store.<List<AccessGrant>>inTransaction(tx -> tx.grants().inForce(NOW));
  }

  private ChangeRequest request(PrincipalName who, String term) {
    return service.proposeAndSubmit(who, ProposeChange.accessRequest(REGISTRAR, AccessTerm.parse(term, Duration.ofDays(90)),
        "fraud research on registrar changes", "{}", List.of(new CheckResult("term", CheckResult.CheckStatus.PASSED, term))));
  }

  @Test
  void aStewardOfTheProductsDomainApprovesAndTheGrantIsStoredWithItsExpiry() {
    ChangeRequest submitted = request(ALAN, "P30D");
    assertThat(submitted.state()).isEqualTo(ChangeState.SUBMITTED);
    assertThat(submitted.proposedVersion()).isEqualTo("PT720H");

    ChangeRequestService.Reviewed approved = service.approve(VICTOR, submitted.id(), "for the fraud study");
    assertThat(approved.change().state()).isEqualTo(ChangeState.PUBLISHED);
    AccessGrant grant = grantOf(submitted.id()).orElseThrow();
    assertThat(grant.principal()).isEqualTo(ALAN);
    assertThat(grant.product()).isEqualTo(REGISTRAR);
    assertThat(grant.expiresAt()).isEqualTo(grant.grantedAt().plus(Duration.ofDays(30)));

    List<String> trail = service.auditTrail(VICTOR, submitted.id()).stream().map(AuditEntry::action).toList();
    assertThat(trail).containsExactly("access-request.proposed", "access-request.submitted", "access-request.approved",
        "access-request.published");
    assertThat(service.verifyAudit(GRACE).intact()).isTrue();
  }

  @Test
  void theRequesterNeverApprovesTheirOwnRequest() {
    ChangeRequest submitted = request(ALAN, "P7D");
    assertThatThrownBy(() -> service.approve(ALAN, submitted.id(), "mine"))
        .isInstanceOf(AccessDeniedException.class); // an analyst holds no review right at all
    // a steward asking for access to their own domain's product cannot approve it either
    ChangeRequest own = service.proposeAndSubmit(VICTOR, ProposeChange.accessRequest(REGISTRAR,
        AccessTerm.parse("P1D", Duration.ofDays(90)), "check my own product", "{}", List.of()));
    assertThatThrownBy(() -> service.approve(VICTOR, own.id(), "mine"))
        .isInstanceOf(WorkflowException.class).hasMessageContaining("victor is the author");
    assertThat(service.get(VICTOR, own.id()).state()).isEqualTo(ChangeState.SUBMITTED);
  }

  @Test
  void analystsStewardsOfAnotherDomainAndGovernanceCannotApprove() {
    ChangeRequest submitted = request(ALAN, "P7D");
    assertThatThrownBy(() -> service.approve(LI, submitted.id(), "looks fine")).isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> service.approve(NORA, submitted.id(), "na steward")).isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> service.reject(NORA, submitted.id(), "na steward")).isInstanceOf(AccessDeniedException.class);
    // governance may review contract changes everywhere, but access to a product is its domain's decision
    assertThatThrownBy(() -> service.approve(GRACE, submitted.id(), "governance"))
        .isInstanceOf(WorkflowException.class).hasMessageContaining("not a steward of domain security");
    ChangeRequest unchanged = service.get(VICTOR, submitted.id());
    assertThat(unchanged.state()).isEqualTo(ChangeState.SUBMITTED);
    assertThat(unchanged.reviews()).isEmpty();
    assertThat(grantOf(submitted.id())).isEmpty();
  }

  @Test
  void aRejectionNeedsACommentAndStoresNoGrant() {
    ChangeRequest submitted = request(ALAN, "P7D");
    assertThatThrownBy(() -> service.reject(VICTOR, submitted.id(), " ")).hasMessageContaining("needs a comment");
    assertThat(service.reject(VICTOR, submitted.id(), "use the aggregate instead").state()).isEqualTo(ChangeState.REJECTED);
    assertThat(grantOf(submitted.id())).isEmpty();
  }

  @Test
  void theRequesterSeesTheirOwnRequestOnlyAndReviewersOfOtherDomainsSeeNone() {
    ChangeRequest alans = request(ALAN, "P7D");
    ChangeRequest lis = request(LI, "P7D");
    assertThat(service.list(ALAN, Optional.of(ChangeKind.ACCESS_REQUEST), Optional.empty(), Optional.empty()))
        .extracting(ChangeRequest::id).containsExactly(alans.id());
    assertThatThrownBy(() -> service.get(ALAN, lis.id())).isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> service.auditTrail(ALAN, lis.id())).isInstanceOf(AccessDeniedException.class);
    assertThat(service.list(NORA, Optional.of(ChangeKind.ACCESS_REQUEST), Optional.empty(), Optional.empty())).isEmpty();
    assertThat(service.list(VICTOR, Optional.of(ChangeKind.ACCESS_REQUEST), Optional.empty(), Optional.empty()))
        .extracting(ChangeRequest::id).containsExactlyInAnyOrder(alans.id(), lis.id());
  }

  @Test
  void whoCannotListTheDomainCannotRequest() {
    // kenji publishes apac: he holds nothing in security, so he cannot even list it
    assertThatThrownBy(() -> request(PrincipalName.of("kenji"), "P1D")).isInstanceOf(AccessDeniedException.class);
  }

  @Test
  void theGrantInForceReadsAndExpiryRevokesItOnce() {
    ChangeRequest submitted = request(ALAN, "PT30S");
    service.approve(VICTOR, submitted.id(), "short look");
    ResourceRef events = ResourceRef.table("security", "registrar", "events");
    assertThat(DemoPolicy.embedded().authorize(ALAN, Operation.READ_TABLE, events).allowed())
        .as("the reviewed policy alone gives alan nothing on registrar events").isFalse();

    List<AccessGrant> inForce = inForce();
    assertThat(inForce).hasSize(1);
    EmbeddedPolicyDecisionPoint during = new EmbeddedPolicyDecisionPoint(
        AccessGrant.over(DemoPolicy.POLICY, inForce, NOW.plusSeconds(29)), DemoPolicy.TABLES, DemoPolicy.EXPRESSIONS);
    assertThat(during.authorize(ALAN, Operation.READ_TABLE, events).allowed()).isTrue();
    assertThat(during.authorize(LI, Operation.READ_TABLE, events).allowed()).as("the grant is alan's only").isFalse();
    EmbeddedPolicyDecisionPoint after = new EmbeddedPolicyDecisionPoint(
        AccessGrant.over(DemoPolicy.POLICY, inForce, NOW.plusSeconds(30)), DemoPolicy.TABLES, DemoPolicy.EXPRESSIONS);
    assertThat(after.authorize(ALAN, Operation.READ_TABLE, events).allowed()).as("expired at its term").isFalse();

    assertThat(revoke(NOW.plusSeconds(10))).isEmpty();
    List<AccessGrant> revoked = revoke(NOW.plusSeconds(31));
    assertThat(revoked).extracting(AccessGrant::change).containsExactly(submitted.id());
    assertThat(revoke(NOW.plusSeconds(32))).isEmpty();
    assertThat(inForce()).as("revoked grants stay revoked").isEmpty();
  }
}
