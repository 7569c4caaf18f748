package org.dnsmesh.catalog.governance;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.iceberg.exceptions.BadRequestException;
import org.apache.iceberg.exceptions.ForbiddenException;
import org.apache.iceberg.exceptions.NotFoundException;
import org.dnsmesh.catalog.auth.ActivePolicy;
import org.dnsmesh.catalog.auth.Caller;
import org.dnsmesh.governance.AtomicFiles;
import org.dnsmesh.governance.decision.Decision;
import org.dnsmesh.governance.policy.AccessPolicy;
import org.dnsmesh.governance.policy.Operation;
import org.dnsmesh.governance.policy.PolicyFileException;
import org.dnsmesh.governance.policy.PolicyLoader;
import org.dnsmesh.governance.policy.Principal;
import org.dnsmesh.governance.policy.ResourceRef;
import org.dnsmesh.governance.policy.TableClassification;
import org.dnsmesh.governance.policy.TableRef;
import org.jboss.logging.Logger;

/**
 * Access-policy changes through review, like contract changes: a principal allowed {@code update-policy} on
 * the mesh proposes a whole new policy file; checks run at once (it loads and validates, its version is
 * higher than the one in force, what it changes, who gains or loses read on which table); holders of the
 * global governance role review it (never the author; {@code mesh.governance.review.governance-quorum}
 * approvals). The approval that meets the quorum writes the file atomically where the catalog reads it,
 * puts it in force for the catalog's decision point and the workflow (no restart), and regenerates Trino's
 * rules. Every step is in the audit log and goes to Kafka.
 */
@ApplicationScoped
public class PolicyChangeWorkflow {
  private static final Logger LOG = Logger.getLogger(PolicyChangeWorkflow.class);

  private final GovernanceContext context;
  private final PolicyChangeRepository changes;
  private final ActivePolicy active;
  private final AccessRulesWriter accessRules;
  private final KafkaEventSink events;

  public PolicyChangeWorkflow(GovernanceContext context, PolicyChangeRepository changes, ActivePolicy active,
      AccessRulesWriter accessRules, KafkaEventSink events) {
    this.context = context;
    this.changes = changes;
    this.active = active;
    this.accessRules = accessRules;
    this.events = events;
  }

  public PolicyChangeView propose(Caller caller, String document) {
    String author = caller.subject();
    AccessPolicy current = context.policy();
    authorize(caller, current, Operation.UPDATE_POLICY);
    if (document == null || document.isBlank()) {
      throw new BadRequestException("Invalid policy: the request body must be the new access policy (YAML)");
    }
    AccessPolicy proposed;
    try {
      proposed = PolicyLoader.parse(document, "proposed policy");
    } catch (PolicyFileException e) {
      throw new BadRequestException("Invalid policy: %s", e.getMessage());
    } catch (RuntimeException e) {
      throw new BadRequestException("Invalid policy: proposed policy: %s", e.getMessage());
    }
    if (proposed.version() <= current.version()) {
      throw new BadRequestException("Invalid policy: /version is %d but the policy in force is version %d: propose version %d"
          + " or higher", proposed.version(), current.version(), current.version() + 1);
    }
    PolicyDiff summary = PolicyDiff.between(current, proposed, knownTables(proposed));
    List<PolicyChange.Check> checks = List.of(
        new PolicyChange.Check("policy-validation", "PASSED", "loads and validates: " + proposed.principals().size()
            + " principals, " + proposed.grants().size() + " grants, " + proposed.masking().size() + " masking rules, "
            + proposed.rowFilters().size() + " row filters"),
        new PolicyChange.Check("version-bump", "PASSED", "version " + current.version() + " -> " + proposed.version()),
        new PolicyChange.Check("diff-summary", "PASSED", summary.describe()),
        new PolicyChange.Check("read-impact", summary.readLost().isEmpty() ? "PASSED" : "WARNING", summary.describeImpact()));
    PolicyChange change = PolicyChange.submitted(proposed.version(), current.version(), author, document, checks, summary, now());
    return step("proposed", change, null, changes.insert(change, audit(author, "proposed", change, null)));
  }

  public PolicyChangeView get(Caller caller, String id) {
    AccessPolicy current = context.policy();
    authorizeView(caller, current);
    return view(load(id), null);
  }

  /** Whether the id names a policy change (the contract-change endpoints hand those over). */
  public boolean exists(String id) {
    try {
      return changes.find(UUID.fromString(id)).isPresent();
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  public List<PolicyChangeView> list(Caller caller, Optional<String> state) {
    authorizeView(caller, context.policy());
    Optional<PolicyChange.State> wanted = state.map(s -> {
      try {
        return PolicyChange.State.valueOf(s.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new BadRequestException("Invalid state '%s': expected one of %s", s, List.of(PolicyChange.State.values()));
      }
    });
    return changes.list(wanted).stream().map(c -> view(c, null)).toList();
  }

  public PolicyChangeView approve(Caller caller, String id, String reviewComment) {
    String comment = reviewComment == null ? "" : reviewComment;
    PolicyChange change = reviewable(caller, id, "approve");
    if (change.previousVersion() != context.policy().version()) {
      throw new ChangeConflictException("Policy change " + id + " was proposed against version " + change.previousVersion()
          + " but version " + context.policy().version() + " is in force now: reject it and propose again on top of it");
    }
    PolicyChange reviewed = change.review(caller.subject(), true, comment, quorum(), now());
    String type = reviewed.state() == PolicyChange.State.APPROVED ? "approved" : "reviewed";
    PolicyChangeView view = step(type, reviewed, comment, changes.update(reviewed, audit(caller.subject(), type, reviewed, comment)));
    return reviewed.state() == PolicyChange.State.APPROVED ? apply(load(id)) : view;
  }

  public PolicyChangeView reject(Caller caller, String id, String comment) {
    if (comment == null || comment.isBlank()) {
      throw new BadRequestException("A rejection needs a comment");
    }
    PolicyChange reviewed = reviewable(caller, id, "reject").review(caller.subject(), false, comment, quorum(), now());
    return step("rejected", reviewed, comment, changes.update(reviewed, audit(caller.subject(), "rejected", reviewed, comment)));
  }

  /** Retries applying an approved change whose application failed (update-policy on the mesh). */
  public PolicyChangeView publish(Caller caller, String id) {
    authorize(caller, context.policy(), Operation.UPDATE_POLICY);
    PolicyChange change = load(id);
    if (change.state() != PolicyChange.State.APPROVED) {
      throw new ChangeConflictException("Cannot apply policy change " + id + " in state " + change.state() + " (needs APPROVED)");
    }
    return apply(change);
  }

  /**
   * Application: the file first (atomic rename, so the catalog and a restart never see half a policy), then
   * the policy in force for the workflow and the decision point, then Trino's rules; a failure leaves the
   * change APPROVED with the reason (retry with publish).
   */
  private synchronized PolicyChangeView apply(PolicyChange approved) {
    AccessPolicy policy = PolicyLoader.parse(approved.document(), "policy change " + approved.id());
    int inForce = context.policy().version();
    if (approved.previousVersion() != inForce || policy.version() <= inForce) {
      // another policy change was applied since this one was reviewed: applying it would undo that one
      return view(approved, new PolicyChangeView.Application(false, "not applied: it was proposed on version "
          + approved.previousVersion() + " but version " + inForce + " is in force now (the change stays APPROVED;"
          + " propose again on top of version " + inForce + ")", false, "not attempted"));
    }
    Path file = context.policyFile();
    try {
      AtomicFiles.writeString(file, approved.document());
    } catch (IOException | RuntimeException e) {
      LOG.errorf(e, "Approved policy change %s could not be written to %s", approved.id(), file);
      return view(approved, new PolicyChangeView.Application(false, "not applied: cannot write " + file + ": " + e.getMessage()
          + " (the change stays APPROVED; retry with POST /api/v1/policy/changes/" + approved.id() + "/publish)", false,
          "not attempted"));
    }
    context.install(policy);
    active.activate(policy);
    String policyDetail = "policy version " + policy.version() + " written to " + file + " and in force"
        + (active.embedded() ? "" : " for the workflow (decisions come from OPA: load the recompiled bundle)");
    AccessRulesWriter.Result rules = accessRules.regenerate(policy);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("change", approved.id().toString());
    details.put("version", policy.version());
    details.put("written", rules.written());
    details.put("detail", rules.detail());
    context.store().inTransaction(tx -> tx.audit().append(CallerPrincipals.SYSTEM.value(), "access-rules.regenerated", "policy",
        details));
    PolicyChange published = approved.published(now());
    step("published", published, null, changes.update(published, audit(CallerPrincipals.SYSTEM.value(), "published", published,
        null)));
    return view(load(approved.id().toString()), new PolicyChangeView.Application(true, policyDetail, rules.written(),
        rules.detail()));
  }

  /** Review rules of policy changes: submitted, not the author, the global governance role, once per reviewer. */
  private PolicyChange reviewable(Caller caller, String id, String step) {
    PolicyChange change = load(id);
    if (change.state() != PolicyChange.State.SUBMITTED) {
      throw new ChangeConflictException("Cannot " + step + " policy change " + id + " in state " + change.state()
          + " (needs SUBMITTED)");
    }
    if (caller.subject().equals(change.author())) {
      throw new ForbiddenException("Not allowed: %s is the author of policy change %s and cannot review it", caller.subject(), id);
    }
    Optional<Principal> principal = CallerPrincipals.of(caller, context.policy());
    if (principal.isEmpty() || !principal.get().hasRole(context.rules().governanceRole())) {
      throw new ForbiddenException("Not allowed: a policy change needs reviewers with the global %s role; %s does not hold it",
          context.rules().governanceRole().id(), caller.subject());
    }
    if (change.reviews().stream().anyMatch(r -> r.reviewer().equals(caller.subject()))) {
      throw new ChangeConflictException(caller.subject() + " already reviewed policy change " + id);
    }
    return change;
  }

  private void authorize(Caller caller, AccessPolicy policy, Operation operation) {
    Decision decision = decide(caller, policy, operation);
    if (!decision.allowed()) {
      throw new ForbiddenException("Access denied: %s may not %s on the mesh (%s)", caller.subject(), operation.id(),
          decision.reason());
    }
  }

  /** Who proposes (update-policy) or audits (read-audit-log) may see policy changes. */
  private void authorizeView(Caller caller, AccessPolicy policy) {
    if (!decide(caller, policy, Operation.UPDATE_POLICY).allowed() && !decide(caller, policy, Operation.READ_AUDIT_LOG).allowed()) {
      throw new ForbiddenException("Access denied: %s may see policy changes only with update-policy or read-audit-log on the"
          + " mesh", caller.subject());
    }
  }

  private static Decision decide(Caller caller, AccessPolicy policy, Operation operation) {
    return ChangeWorkflow.decisionPoint(policy).authorize(ChangeWorkflow.name(caller), operation, ResourceRef.mesh());
  }

  private List<TableRef> knownTables(AccessPolicy policy) {
    try {
      return accessRules.classifications(policy).all().stream().map(TableClassification::table).toList();
    } catch (RuntimeException e) {
      LOG.warnf("Read impact of a policy change without table list: %s", e.getMessage());
      return List.of();
    }
  }

  private PolicyChange load(String id) {
    UUID uuid;
    try {
      uuid = UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw new BadRequestException("Invalid change id '%s': expected a UUID", id);
    }
    return changes.find(uuid).orElseThrow(() -> new NotFoundException("No policy change %s", id));
  }

  private PolicyChangeRepository.Audit audit(String actor, String type, PolicyChange change, String comment) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("change", change.id().toString());
    details.put("version", change.proposedVersion());
    details.put("previousVersion", change.previousVersion());
    details.put("state", change.state().name());
    if (comment != null && !comment.isBlank()) {
      details.put("comment", comment);
    }
    return new PolicyChangeRepository.Audit(actor, "policy-change." + type, details);
  }

  private PolicyChangeView step(String type, PolicyChange change, String comment, PolicyChangeRepository.Saved saved) {
    events.publishPolicy(type, change.id().toString(), change.proposedVersion(), saved.entry().actor(),
        saved.entry().occurredAt(), comment, saved.entry().sequence(), saved.entry().hash());
    return view(saved.change(), null);
  }

  private PolicyChangeView view(PolicyChange change, PolicyChangeView.Application application) {
    return PolicyChangeView.of(change, quorum(), application);
  }

  private int quorum() {
    return context.rules().governanceQuorum();
  }

  private Instant now() {
    return context.clock().instant().truncatedTo(ChronoUnit.MICROS);
  }
}
