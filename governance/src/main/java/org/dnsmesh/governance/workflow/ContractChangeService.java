package org.dnsmesh.governance.workflow;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.dnsmesh.governance.audit.AuditEntry;
import org.dnsmesh.governance.audit.AuditVerification;
import org.dnsmesh.governance.decision.PolicyDecisionPoint;
import org.dnsmesh.governance.policy.Operation;
import org.dnsmesh.governance.policy.Principal;
import org.dnsmesh.governance.policy.PrincipalName;
import org.dnsmesh.governance.policy.ResourceRef;
import org.dnsmesh.governance.store.GovernanceStore;

/**
 * The contract-change workflow: each step asks the decision point first, applies the {@link ChangeRequest}
 * transition, stores it and its audit entry in one transaction, then emits the event. The catalog service's
 * REST resources and the {@code mesh change} CLI call these methods.
 */
public final class ContractChangeService {
  private final GovernanceStore store;
  private final PolicyDecisionPoint decisions;
  private final PrincipalDirectory directory;
  private final ReviewRules rules;
  private final GovernanceEventSink events;
  private final Clock clock;

  public ContractChangeService(GovernanceStore store, PolicyDecisionPoint decisions, PrincipalDirectory directory,
                               ReviewRules rules, GovernanceEventSink events, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.decisions = Objects.requireNonNull(decisions, "decisions");
    this.directory = Objects.requireNonNull(directory, "directory");
    this.rules = Objects.requireNonNull(rules, "rules");
    this.events = Objects.requireNonNull(events, "events");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public ChangeRequest propose(PrincipalName actor, ProposeChange proposal) {
    decisions.authorizeOrThrow(actor, Operation.PROPOSE_CHANGE, proposal.product().toResource());
    ChangeRequest draft = ChangeRequest.draft(proposal.product(), proposal.proposedVersion(), proposal.previousVersion(), actor,
        proposal.contractDocument(), proposal.assessment(), proposal.checks(), now());
    return commit(GovernanceEvent.Type.PROPOSED, actor, Optional.empty(), tx -> {
      tx.changes().insert(draft);
      return draft;
    });
  }

  public ChangeRequest submit(PrincipalName actor, ChangeRequestId id) {
    return step(id, actor, Operation.PROPOSE_CHANGE, GovernanceEvent.Type.SUBMITTED, Optional.empty(),
        change -> change.submit(actor, now()));
  }

  public ChangeRequest approve(PrincipalName reviewer, ChangeRequestId id, String comment) {
    return review(reviewer, id, Verdict.APPROVE, comment);
  }

  public ChangeRequest reject(PrincipalName reviewer, ChangeRequestId id, String comment) {
    return review(reviewer, id, Verdict.REJECT, comment);
  }

  public ChangeRequest revise(PrincipalName actor, ChangeRequestId id, String contractDocument, CompatibilityAssessment assessment,
                              List<CheckResult> checks) {
    return step(id, actor, Operation.PROPOSE_CHANGE, GovernanceEvent.Type.REVISED, Optional.empty(),
        change -> change.revise(actor, contractDocument, assessment, checks, now()));
  }

  /** Called once the catalog has published the approved version (and regenerated access rules). */
  public ChangeRequest publish(PrincipalName actor, ChangeRequestId id) {
    return step(id, actor, Operation.PUBLISH_CONTRACT, GovernanceEvent.Type.PUBLISHED, Optional.empty(), change -> change.publish(now()));
  }

  public ChangeRequest get(PrincipalName actor, ChangeRequestId id) {
    ChangeRequest change = store.inTransaction(tx -> load(tx, id));
    decisions.authorizeOrThrow(actor, Operation.READ_METADATA, change.product().toResource());
    return change;
  }

  public List<ChangeRequest> list(PrincipalName actor, Optional<ProductRef> product, Optional<ChangeState> state) {
    List<ChangeRequest> changes = store.inTransaction(tx -> tx.changes().list(product, state));
    return changes.stream()
        .filter(c -> decisions.authorize(actor, Operation.READ_METADATA, c.product().toResource()).allowed())
        .toList();
  }

  public AuditVerification verifyAudit(PrincipalName actor) {
    decisions.authorizeOrThrow(actor, Operation.VERIFY_AUDIT_LOG, ResourceRef.mesh());
    return store.inTransaction(tx -> tx.audit().verify());
  }

  public List<AuditEntry> readAudit(PrincipalName actor, long fromSequence, int limit) {
    decisions.authorizeOrThrow(actor, Operation.READ_AUDIT_LOG, ResourceRef.mesh());
    return store.inTransaction(tx -> tx.audit().read(fromSequence, limit));
  }

  private ChangeRequest review(PrincipalName reviewer, ChangeRequestId id, Verdict verdict, String comment) {
    Operation operation = verdict == Verdict.APPROVE ? Operation.APPROVE_CHANGE : Operation.REJECT_CHANGE;
    Principal principal = directory.find(reviewer).orElseThrow(() ->
        new WorkflowException(WorkflowException.Reason.NOT_ALLOWED, "unknown reviewer " + reviewer));
    return step(id, reviewer, operation, null, Optional.of(comment), change -> {
      Set<ReviewerCapacity> capacities = rules.capacities(principal, change.product());
      return change.review(reviewer, capacities, verdict, comment, rules, now());
    });
  }

  /** Load, authorise on the change's product, transition, store with audit; event type null = derive from the new state. */
  private ChangeRequest step(ChangeRequestId id, PrincipalName actor, Operation operation, GovernanceEvent.Type type,
                             Optional<String> comment, java.util.function.UnaryOperator<ChangeRequest> transition) {
    ChangeRequest current = store.inTransaction(tx -> load(tx, id));
    decisions.authorizeOrThrow(actor, operation, current.product().toResource());
    ChangeRequest next = transition.apply(current);
    GovernanceEvent.Type eventType = type != null ? type : switch (next.state()) {
      case APPROVED -> GovernanceEvent.Type.APPROVED;
      case REJECTED -> GovernanceEvent.Type.REJECTED;
      case DRAFT, SUBMITTED, PUBLISHED -> GovernanceEvent.Type.REVIEWED;
    };
    return commit(eventType, actor, comment, tx -> tx.changes().update(next));
  }

  private ChangeRequest commit(GovernanceEvent.Type type, PrincipalName actor, Optional<String> comment,
                               java.util.function.Function<GovernanceStore.Transaction, ChangeRequest> write) {
    record Committed(ChangeRequest change, AuditEntry entry) {}
    Committed committed = store.inTransaction(tx -> {
      ChangeRequest change = write.apply(tx);
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("change", change.id().toString());
      details.put("version", change.proposedVersion());
      details.put("previousVersion", change.previousVersion().orElse(""));
      details.put("state", change.state().name());
      details.put("revision", change.revision());
      details.put("compatibility", change.assessment().compatibility().name());
      details.put("classificationChanged", change.assessment().classificationChanged());
      change.previousVersionSunset().ifPresent(d -> details.put("previousVersionSunset", d.toString()));
      comment.ifPresent(c -> details.put("comment", c));
      AuditEntry entry = tx.audit().append(actor.value(), "change." + type.name().toLowerCase(), change.product().toString(), details);
      return new Committed(change, entry);
    });
    ChangeRequest change = committed.change();
    events.publish(new GovernanceEvent(type, change.id(), change.product(), change.proposedVersion(),
        change.assessment().compatibility(), actor, committed.entry().occurredAt(), comment,
        committed.entry().sequence(), committed.entry().hash()));
    return change;
  }

  private static ChangeRequest load(GovernanceStore.Transaction tx, ChangeRequestId id) {
    return tx.changes().find(id).orElseThrow(() ->
        new WorkflowException(WorkflowException.Reason.NOT_FOUND, "no change request " + id));
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
