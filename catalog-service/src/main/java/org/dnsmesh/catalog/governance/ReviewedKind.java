package org.dnsmesh.catalog.governance;

import static org.dnsmesh.catalog.governance.GovernanceChanges.changeId;
import static org.dnsmesh.catalog.governance.GovernanceChanges.name;
import static org.dnsmesh.catalog.governance.GovernanceChanges.translate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.iceberg.exceptions.BadRequestException;
import org.apache.iceberg.exceptions.NotFoundException;
import org.dnsmesh.catalog.auth.Caller;
import org.dnsmesh.governance.policy.DomainName;
import org.dnsmesh.governance.policy.PrincipalName;
import org.dnsmesh.governance.policy.Role;
import org.dnsmesh.governance.workflow.ChangeKind;
import org.dnsmesh.governance.workflow.ChangePublisher;
import org.dnsmesh.governance.workflow.ChangeRequest;
import org.dnsmesh.governance.workflow.ChangeRequestId;
import org.dnsmesh.governance.workflow.ChangeRequestService;
import org.dnsmesh.governance.workflow.ChangeSubject;
import org.dnsmesh.governance.workflow.CheckResult;
import org.dnsmesh.governance.workflow.ProposeChange;
import org.dnsmesh.governance.workflow.WorkflowException;

/**
 * One kind of change request as the catalog offers it over HTTP (access policy, access requests, suppressions; contract
 * versions keep {@link ChangeWorkflow} for their resubmit and diff): show, list, approve, reject and retry publishing
 * are the same for every kind (the one change-request machine decides, audits and sends the events), so they live here
 * once, and a kind's endpoints refuse another kind's id with 404 before anything happens. A kind is a subclass that
 * says only what is its own: how a proposal is read and checked (its {@code propose} method, which ends in
 * {@link #submit}), how a change of the kind looks in the API ({@link #view}), and — registered with
 * {@link GovernanceChanges} — the {@link ChangePublisher} that gives an approval its effect. The review rules themselves (who may approve, never the author, the quorum) are
 * the machine's; for kinds a domain's stewards review, {@link #stewardsBesides} and {@link #reviewersCheck} tell the
 * proposer who may approve.
 *
 * @param <V> the kind's view in the API
 */
abstract class ReviewedKind<V> {
  private final ChangeKind kind;
  private final String noun;
  private final GovernanceChanges changes;
  private final ObjectMapper json;

  /** {@code noun} names one change of the kind in messages ("suppression": "No suppression ..."). */
  protected ReviewedKind(ChangeKind kind, String noun, GovernanceChanges changes, ObjectMapper json) {
    this.kind = kind;
    this.noun = noun;
    this.changes = changes;
    this.json = json;
  }

  /**
   * For the CDI client proxy of a kind only (it forwards every call to the real bean and uses no field): an
   * application-scoped subclass needs a no-args constructor to call, which Quarkus then adds to the subclass.
   */
  protected ReviewedKind() {
    this(null, null, null, null);
  }

  /**
   * The change as the API shows it; {@code application} is what approval (or a publish retry) did just now, empty when
   * nothing was applied by this call.
   */
  protected abstract V view(ChangeRequest change, Optional<ChangePublisher.Publication> application);

  public V get(Caller caller, String id) {
    return translate(() -> view(ofThisKind(changes.service().get(name(caller), changeId(id))), Optional.empty()));
  }

  /** The changes of this kind the caller may read, newest first, that {@code which} keeps; state as in the query. */
  protected List<V> list(Caller caller, Optional<String> state, Predicate<ChangeRequest> which) {
    var wanted = GovernanceChanges.state(state);
    return translate(() -> changes.service().list(name(caller), Optional.of(kind), Optional.empty(), wanted).stream()
        .filter(which).map(c -> view(c, Optional.empty())).toList());
  }

  public V approve(Caller caller, String id, String comment) {
    ChangeRequestId changeId = changeId(id);
    return translate(() -> {
      requireThisKind(changeId);
      return view(changes.service().approve(name(caller), changeId, comment == null ? "" : comment));
    });
  }

  public V reject(Caller caller, String id, String comment) {
    ChangeRequestId changeId = changeId(id);
    if (comment == null || comment.isBlank()) {
      throw new BadRequestException("A rejection needs a comment (body {\"comment\": \"...\"})");
    }
    return translate(() -> {
      requireThisKind(changeId);
      return view(ofThisKind(changes.service().reject(name(caller), changeId, comment)), Optional.empty());
    });
  }

  /** Retries applying an approved change whose application failed (a steward of the domain). */
  public V publish(Caller caller, String id) {
    ChangeRequestId changeId = changeId(id);
    return translate(() -> {
      requireThisKind(changeId);
      return view(changes.service().publish(name(caller), changeId));
    });
  }

  /** Refuses, before any check runs, a caller who may not propose a change of this kind on this subject. */
  protected void checkMayPropose(PrincipalName proposer, ChangeSubject subject) {
    translate(() -> {
      changes.service().checkMayPropose(proposer, kind, subject);
      return null;
    });
  }

  /** The checked proposal into the machine, submitted for review at once. */
  protected V submit(PrincipalName proposer, ProposeChange proposal) {
    if (proposal.kind() != kind) {
      throw new IllegalArgumentException("a " + noun + " proposal of kind " + proposal.kind());
    }
    return translate(() -> view(changes.service().proposeAndSubmit(proposer, proposal), Optional.empty()));
  }

  /** The principals of the policy in force who may approve a change on {@code domain} by {@code author}. */
  protected List<String> stewardsBesides(DomainName domain, PrincipalName author) {
    return changes.context().policy().principals().stream()
        .filter(p -> p.hasRoleInDomain(Role.STEWARD, domain) && !p.name().equals(author))
        .map(p -> p.name().value()).toList();
  }

  /** The check that tells the author who may approve, a warning when nobody can; {@code author} as the kind says it. */
  protected static CheckResult reviewersCheck(DomainName domain, List<String> reviewers, String author) {
    return reviewers.isEmpty()
        ? new CheckResult("reviewers", CheckResult.CheckStatus.WARNING, "no steward of domain " + domain + " besides the "
            + author + ": nobody can approve it")
        : new CheckResult("reviewers", CheckResult.CheckStatus.PASSED, "stewards of domain " + domain + " may approve: "
            + String.join(", ", reviewers));
  }

  protected GovernanceChanges changes() {
    return changes;
  }

  /** The facts a proposal stored (JSON), for the view; unreadable facts show as none. */
  protected Map<String, Object> readFacts(String facts) {
    try {
      return json.readValue(facts, new TypeReference<Map<String, Object>>() {});
    } catch (JsonProcessingException e) {
      return Map.of();
    }
  }

  protected String writeFacts(Map<String, Object> facts) {
    try {
      return json.writeValueAsString(facts);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private V view(ChangeRequestService.Reviewed reviewed) {
    return view(ofThisKind(reviewed.change()), reviewed.publication());
  }

  /** These endpoints act on this kind only: another kind's id is 404 here, before anything happens. */
  private void requireThisKind(ChangeRequestId id) {
    if (changes.service().kindOf(id).filter(k -> k == kind).isEmpty()) {
      throw new WorkflowException(WorkflowException.Reason.NOT_FOUND, "no " + noun + " " + id);
    }
  }

  private ChangeRequest ofThisKind(ChangeRequest change) {
    if (change.kind() != kind) {
      throw new NotFoundException("No %s %s", noun, change.id());
    }
    return change;
  }
}
