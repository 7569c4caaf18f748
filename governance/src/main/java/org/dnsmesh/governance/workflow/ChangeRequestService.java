package org.dnsmesh.governance.workflow;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.dnsmesh.governance.audit.AuditEntry;
import org.dnsmesh.governance.audit.AuditVerification;
import org.dnsmesh.governance.decision.PolicyDecisionPoint;
import org.dnsmesh.governance.policy.Operation;
import org.dnsmesh.governance.policy.Principal;
import org.dnsmesh.governance.policy.PrincipalName;
import org.dnsmesh.governance.policy.ResourceRef;
import org.dnsmesh.governance.store.GovernanceStore;

/**
 * The one change-request machine, for every {@link ChangeKind}. Each step asks the decision point first (the
 * kind says which operation on the change's subject), applies the {@link ChangeRequest} transition (review
 * rules: never the author, quorum), stores it and its audit entry in one transaction, then emits the event.
 * The approval that meets the quorum hands the change to its kind's {@link ChangePublisher}; when that
 * succeeds the change becomes PUBLISHED, otherwise it stays APPROVED and {@link #publish} retries. The
 * catalog's REST resources and the {@code mesh change} CLI reach it through thin adapters.
 */
public final class ChangeRequestService {
  private final GovernanceStore store;
  private final PolicyDecisionPoint decisions;
  private final PrincipalDirectory directory;
  private final ReviewRules rules;
  private final GovernanceEventSink events;
  private final Map<ChangeKind, ChangePublisher> publishers;
  private final PrincipalName system;
  private final Clock clock;

  /**
   * @param publishers where each kind's approved changes take effect; a kind without one cannot be proposed
   * @param system the service's own principal, the actor of the PUBLISHED step in audit and events
   */
  public ChangeRequestService(GovernanceStore store, PolicyDecisionPoint decisions, PrincipalDirectory directory,
                              ReviewRules rules, GovernanceEventSink events, Map<ChangeKind, ChangePublisher> publishers,
                              PrincipalName system, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.decisions = Objects.requireNonNull(decisions, "decisions");
    this.directory = Objects.requireNonNull(directory, "directory");
    this.rules = Objects.requireNonNull(rules, "rules");
    this.events = Objects.requireNonNull(events, "events");
    this.publishers = publishers.isEmpty() ? Map.of() : new EnumMap<>(publishers);
    this.system = Objects.requireNonNull(system, "system");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** A review, and what publication did when the review met the quorum. */
  public record Reviewed(ChangeRequest change, Optional<ChangePublisher.Publication> publication) {}

  public ReviewRules rules() {
    return rules;
  }

  /** Refuses an actor who may not propose a change of this kind on this subject (before costly checks run). */
  public void checkMayPropose(PrincipalName actor, ChangeKind kind, ChangeSubject subject) {
    decisions.authorizeOrThrow(actor, kind.proposeOperation(), kind.proposeResource(subject));
  }

  /** Refuses an actor who may not see changes of this kind on this subject (even when there are none yet). */
  public void checkMayRead(PrincipalName actor, ChangeKind kind, ChangeSubject subject) {
    ResourceRef resource = subject.toResource();
    if (kind.readOperations().stream().noneMatch(op -> decisions.authorize(actor, op, resource).allowed())) {
      decisions.authorizeOrThrow(actor, kind.readOperations().getFirst(), resource);
    }
  }

  /** Stores the proposal as a DRAFT (its checks already ran); {@link #submit} sends it to review. */
  public ChangeRequest propose(PrincipalName actor, ProposeChange proposal) {
    publisher(proposal.kind());
    decisions.authorizeOrThrow(actor, proposal.kind().proposeOperation(), proposal.kind().proposeResource(proposal.subject()));
    ChangeRequest draft = ChangeRequest.draft(proposal, actor, now());
    return commit(GovernanceEvent.Type.PROPOSED, actor, Optional.empty(), tx -> {
      tx.changes().insert(draft);
      return draft;
    });
  }

  /** Proposes and submits in one call (what the API offers). */
  public ChangeRequest proposeAndSubmit(PrincipalName actor, ProposeChange proposal) {
    return submit(actor, propose(actor, proposal).id());
  }

  public ChangeRequest submit(PrincipalName actor, ChangeRequestId id) {
    return step(id, actor, Authorization::toPropose, GovernanceEvent.Type.SUBMITTED,
        Optional.empty(), change -> change.submit(actor, now()));
  }

  /** Approves; when the quorum is met, publishes at once (a failed publication leaves it APPROVED). */
  public Reviewed approve(PrincipalName reviewer, ChangeRequestId id, String comment) {
    ChangeRequest reviewed = review(reviewer, id, Verdict.APPROVE, comment);
    if (reviewed.state() != ChangeState.APPROVED) {
      return new Reviewed(reviewed, Optional.empty());
    }
    return publishApproved(reviewed, reviewer);
  }

  public ChangeRequest reject(PrincipalName reviewer, ChangeRequestId id, String comment) {
    return review(reviewer, id, Verdict.REJECT, comment);
  }

  /** A new document for a DRAFT or REJECTED change, with its checks run again; reviews start over. */
  public ChangeRequest revise(PrincipalName actor, ChangeRequestId id, String document, Optional<CompatibilityAssessment> assessment,
                              List<CheckResult> checks) {
    return step(id, actor, Authorization::toPropose, GovernanceEvent.Type.REVISED,
        Optional.empty(), change -> change.revise(actor, document, assessment, checks, now()));
  }

  /** Retries the publication of an APPROVED change whose publication failed. */
  public Reviewed publish(PrincipalName actor, ChangeRequestId id) {
    ChangeRequest change = store.inTransaction(tx -> load(tx, id));
    decisions.authorizeOrThrow(actor, change.kind().publishOperation(), change.subject().toResource());
    if (change.state() != ChangeState.APPROVED) {
      throw new WorkflowException(WorkflowException.Reason.INVALID_STATE, "cannot publish " + change.kind().noun() + " " + id
          + " in state " + change.state() + " (needs APPROVED)");
    }
    return publishApproved(change, actor);
  }

  /**
   * Revokes a change in force of a revocable kind (a suppression) from now on, with a reason. Who may: a reviewer
   * eligible for it (the kind's approve operation on the subject and a review capacity: for a suppression, a steward
   * of the subject's domain) or its author while they still may propose it. No second person is needed, unlike an
   * approval: revoking a suppression only narrows an exception back to normal detection coverage, so four eyes guard
   * the widening, not the narrowing. The kind's publisher withdraws it first (a suppression: the record with
   * {@code revokedAt} on the topic); only then is REVOKED stored and audited, so a failure changes nothing.
   */
  public ChangeRequest revoke(PrincipalName actor, ChangeRequestId id, String reason) {
    if (reason == null || reason.isBlank()) {
      throw new WorkflowException(WorkflowException.Reason.INVALID_REQUEST, "a revocation needs a reason");
    }
    ChangeRequest current = store.inTransaction(tx -> load(tx, id));
    authorizeRead(actor, current);
    authorizeRevoke(actor, current);
    // millisecond precision: the topology compares event times in epoch milliseconds
    ChangeRequest revoked = current.revoke(clock.instant().truncatedTo(ChronoUnit.MILLIS));
    publisher(current.kind()).revoke(current, actor, revoked.updatedAt());
    try {
      return commit(GovernanceEvent.Type.REVOKED, actor, Optional.of(reason.strip()), tx -> tx.changes().update(revoked));
    } catch (WorkflowException e) {
      if (e.reason() == WorkflowException.Reason.CONCURRENT_UPDATE) {
        // another revocation won the row: its revokedAt, not ours, must be the last word on the topic
        ChangeRequest winner = store.inTransaction(tx -> load(tx, id));
        if (winner.state() == ChangeState.REVOKED) {
          try {
            publisher(winner.kind()).revoke(current, actor, winner.updatedAt());
          } catch (RuntimeException lost) {
            e.addSuppressed(lost);
          }
        }
      }
      throw e;
    }
  }

  private void authorizeRevoke(PrincipalName actor, ChangeRequest change) {
    if (change.author().equals(actor) && decisions.authorize(actor, change.kind().proposeOperation(),
        change.kind().proposeResource(change.subject())).allowed()) {
      return;
    }
    boolean reviewer = change.kind().reviewOperation(Verdict.APPROVE)
        .map(op -> decisions.authorize(actor, op, change.subject().toResource()).allowed()).orElse(true)
        && directory.find(actor).map(p -> !rules.capacities(p, change.kind(), change.subject()).isEmpty()).orElse(false);
    if (!reviewer) {
      throw new WorkflowException(WorkflowException.Reason.NOT_ALLOWED, actor + " may not revoke " + change.kind().noun()
          + " " + change.id() + ": only its proposer " + change.author() + " or a " + rules.stewardRole().id()
          + " of domain " + change.subject().domain().map(Object::toString).orElse("-") + " may");
    }
  }

  public ChangeRequest get(PrincipalName actor, ChangeRequestId id) {
    ChangeRequest change = store.inTransaction(tx -> load(tx, id));
    authorizeRead(actor, change);
    return change;
  }

  /** The kind of a change, without authorization (the API routes by it; ids are random UUIDs). */
  public Optional<ChangeKind> kindOf(ChangeRequestId id) {
    return store.inTransaction(tx -> tx.changes().find(id)).map(ChangeRequest::kind);
  }

  /** The changes the actor may see, newest first. */
  public List<ChangeRequest> list(PrincipalName actor, Optional<ChangeKind> kind, Optional<ChangeSubject> subject,
                                  Optional<ChangeState> state) {
    List<ChangeRequest> changes = store.inTransaction(tx -> tx.changes().list(kind, subject, state));
    return changes.stream().filter(change -> mayRead(actor, change)).toList();
  }

  public AuditVerification verifyAudit(PrincipalName actor) {
    decisions.authorizeOrThrow(actor, Operation.VERIFY_AUDIT_LOG, ResourceRef.mesh());
    return store.inTransaction(tx -> tx.audit().verify());
  }

  public List<AuditEntry> readAudit(PrincipalName actor, long fromSequence, int limit) {
    decisions.authorizeOrThrow(actor, Operation.READ_AUDIT_LOG, ResourceRef.mesh());
    return store.inTransaction(tx -> tx.audit().read(fromSequence, limit));
  }

  /** Appends an entry about a side effect of a step (e.g. access rules regenerated) to the same audit chain. */
  public AuditEntry appendAudit(String action, String subject, Map<String, ?> details) {
    return store.inTransaction(tx -> tx.audit().append(system.value(), action, subject, details));
  }

  /** The audit entries about one change, oldest first, for whoever may see the change. */
  public List<AuditEntry> auditTrail(PrincipalName actor, ChangeRequestId id) {
    ChangeRequest change = store.inTransaction(tx -> load(tx, id));
    authorizeRead(actor, change);
    return store.inTransaction(tx -> tx.audit().aboutChange(id.toString()));
  }

  /** Who may see a change: its kind's readers, and the author of an access request (their own, never others'). */
  private boolean mayRead(PrincipalName actor, ChangeRequest change) {
    if (change.kind() == ChangeKind.ACCESS_REQUEST && change.author().equals(actor)) {
      return true;
    }
    ResourceRef resource = change.subject().toResource();
    return change.kind().readOperations().stream().anyMatch(op -> decisions.authorize(actor, op, resource).allowed());
  }

  private void authorizeRead(PrincipalName actor, ChangeRequest change) {
    if (!mayRead(actor, change)) {
      checkMayRead(actor, change.kind(), change.subject());
    }
  }

  private ChangeRequest review(PrincipalName reviewer, ChangeRequestId id, Verdict verdict, String comment) {
    return step(id, reviewer, change -> change.kind().reviewOperation(verdict)
        .map(op -> new Authorization(op, change.subject().toResource())), null, Optional.of(comment), change -> {
      if (verdict == Verdict.APPROVE && change.state() == ChangeState.SUBMITTED && !change.failedChecks().isEmpty()) {
        throw new WorkflowException(WorkflowException.Reason.INVALID_STATE, capitalised(change.kind().noun()) + " " + id
            + " cannot be approved while checks fail (" + String.join("; ", change.failedChecks())
            + "): reject it so the author can revise it");
      }
      Principal principal = directory.find(reviewer).orElseThrow(() ->
          new WorkflowException(WorkflowException.Reason.NOT_ALLOWED, "unknown reviewer " + reviewer));
      Set<ReviewerCapacity> capacities = rules.capacities(principal, change.kind(), change.subject());
      ChangeRequest next = change.review(reviewer, capacities, verdict, comment, rules, now());
      if (verdict == Verdict.APPROVE) {
        publisher(change.kind()).checkApprovable(change);
      }
      return next;
    });
  }

  /**
   * Publication after approval: the kind's publisher applies the change (and regenerates what derives from
   * it); on success the PUBLISHED step, by the service's own principal. A failure leaves the change APPROVED.
   */
  private Reviewed publishApproved(ChangeRequest approved, PrincipalName approver) {
    ChangePublisher.Publication publication;
    try {
      publication = publisher(approved.kind()).publish(approved, approver);
    } catch (RuntimeException e) {
      publication = ChangePublisher.Publication.failed("not published: " + e.getMessage());
    }
    if (!publication.published()) {
      return new Reviewed(approved, Optional.of(publication));
    }
    ChangeRequest published = commit(GovernanceEvent.Type.PUBLISHED, system, Optional.empty(),
        tx -> tx.changes().update(load(tx, approved.id()).publish(now())));
    return new Reviewed(published, Optional.of(publication));
  }

  /** Load, authorise on the change's subject, transition, store with audit; event type null = derive from the new state. */
  /** What a step asks the decision point: this operation on this resource. */
  private record Authorization(Operation operation, ResourceRef resource) {
    static Optional<Authorization> toPropose(ChangeRequest change) {
      return Optional.of(new Authorization(change.kind().proposeOperation(), change.kind().proposeResource(change.subject())));
    }
  }

  private ChangeRequest step(ChangeRequestId id, PrincipalName actor, Function<ChangeRequest, Optional<Authorization>> authorization,
                             GovernanceEvent.Type type, Optional<String> comment, UnaryOperator<ChangeRequest> transition) {
    ChangeRequest current = store.inTransaction(tx -> load(tx, id));
    authorization.apply(current).ifPresent(a -> decisions.authorizeOrThrow(actor, a.operation(), a.resource()));
    ChangeRequest next = transition.apply(current);
    GovernanceEvent.Type eventType = type != null ? type : switch (next.state()) {
      case APPROVED -> GovernanceEvent.Type.APPROVED;
      case REJECTED -> GovernanceEvent.Type.REJECTED;
      case DRAFT, SUBMITTED, PUBLISHED -> GovernanceEvent.Type.REVIEWED;
      case REVOKED -> GovernanceEvent.Type.REVOKED;
    };
    return commit(eventType, actor, comment, tx -> tx.changes().update(next));
  }

  private ChangeRequest commit(GovernanceEvent.Type type, PrincipalName actor, Optional<String> comment,
                               Function<GovernanceStore.Transaction, ChangeRequest> write) {
    record Committed(ChangeRequest change, AuditEntry entry) {}
    Committed committed = store.inTransaction(tx -> {
      ChangeRequest change = write.apply(tx);
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("change", change.id().toString());
      details.put("version", change.proposedVersion());
      details.put("previousVersion", change.previousVersion().orElse(""));
      details.put("state", change.state().name());
      details.put("revision", change.revision());
      change.assessment().ifPresent(assessment -> {
        details.put("compatibility", assessment.compatibility().name());
        details.put("classificationChanged", assessment.classificationChanged());
      });
      change.previousVersionSunset().ifPresent(d -> details.put("previousVersionSunset", d.toString()));
      if (change.state() == ChangeState.REVOKED) {
        details.put("revokedAt", change.updatedAt().toString());
      }
      comment.filter(c -> !c.isBlank()).ifPresent(c -> details.put("comment", c));
      AuditEntry entry = tx.audit().append(actor.value(), change.kind().auditPrefix() + "." + type.name().toLowerCase(),
          change.subject().toString(), details);
      return new Committed(change, entry);
    });
    ChangeRequest change = committed.change();
    events.publish(new GovernanceEvent(type, change.kind(), change.id(), change.subject(), change.proposedVersion(),
        change.assessment().map(CompatibilityAssessment::compatibility), actor, committed.entry().occurredAt(), comment,
        committed.entry().sequence(), committed.entry().hash()));
    return change;
  }

  private ChangePublisher publisher(ChangeKind kind) {
    ChangePublisher publisher = publishers.get(kind);
    if (publisher == null) {
      throw new WorkflowException(WorkflowException.Reason.INVALID_REQUEST, "changes of kind " + kind + " are not enabled here");
    }
    return publisher;
  }

  private static ChangeRequest load(GovernanceStore.Transaction tx, ChangeRequestId id) {
    return tx.changes().find(id).orElseThrow(() ->
        new WorkflowException(WorkflowException.Reason.NOT_FOUND, "no change request " + id));
  }

  private static String capitalised(String text) {
    return Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
