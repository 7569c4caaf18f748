package org.dnsmesh.catalog.governance;

import static org.dnsmesh.catalog.governance.GovernanceChanges.changeId;
import static org.dnsmesh.catalog.governance.GovernanceChanges.name;
import static org.dnsmesh.catalog.governance.GovernanceChanges.translate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import org.apache.iceberg.exceptions.BadRequestException;
import org.apache.iceberg.exceptions.NotFoundException;
import org.dnsmesh.catalog.auth.Caller;
import org.dnsmesh.governance.policy.AccessPolicy;
import org.dnsmesh.governance.policy.PolicyFileException;
import org.dnsmesh.governance.policy.PolicyLoader;
import org.dnsmesh.governance.policy.PrincipalName;
import org.dnsmesh.governance.policy.TableClassification;
import org.dnsmesh.governance.policy.TableRef;
import org.dnsmesh.governance.workflow.ChangeKind;
import org.dnsmesh.governance.workflow.ChangeRequest;
import org.dnsmesh.governance.workflow.ChangeRequestService;
import org.dnsmesh.governance.workflow.ChangeState;
import org.dnsmesh.governance.workflow.ChangeSubject;
import org.dnsmesh.governance.workflow.CheckResult;
import org.dnsmesh.governance.workflow.ProposeChange;
import org.jboss.logging.Logger;

/**
 * Access-policy changes over HTTP, a thin adapter over governance's one change-request machine (kind
 * {@link ChangeKind#ACCESS_POLICY}): a principal allowed {@code update-policy} on the mesh proposes a whole new
 * policy file; the checks run here at once (it loads and validates, its version is higher than the one in force,
 * what it changes, who gains or loses read on which table). The machine applies the review rules (holders of the
 * global governance role, never the author, {@code mesh.governance.review.governance-quorum} approvals), audits,
 * sends the events, and on approval hands the policy to {@link AccessPolicyPublisher}.
 */
@ApplicationScoped
public class PolicyChangeWorkflow {
  private static final Logger LOG = Logger.getLogger(PolicyChangeWorkflow.class);

  private final GovernanceChanges changes;
  private final AccessRulesWriter accessRules;
  private final ObjectMapper json;

  public PolicyChangeWorkflow(GovernanceChanges changes, AccessRulesWriter accessRules, ObjectMapper json) {
    this.changes = changes;
    this.accessRules = accessRules;
    this.json = json;
  }

  public PolicyChangeView propose(Caller caller, String document) {
    ChangeRequestService service = changes.service();
    PrincipalName author = name(caller);
    AccessPolicy current = changes.context().policy();
    translate(() -> {
      service.checkMayPropose(author, ChangeKind.ACCESS_POLICY, ChangeSubject.mesh("policy"));
      return null;
    });
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
    List<CheckResult> checks = List.of(
        new CheckResult("policy-validation", CheckResult.CheckStatus.PASSED, "loads and validates: "
            + proposed.principals().size() + " principals, " + proposed.grants().size() + " grants, "
            + proposed.masking().size() + " masking rules, " + proposed.rowFilters().size() + " row filters"),
        new CheckResult("version-bump", CheckResult.CheckStatus.PASSED, "version " + current.version() + " -> " + proposed.version()),
        new CheckResult("diff-summary", CheckResult.CheckStatus.PASSED, summary.describe()),
        new CheckResult("read-impact", summary.readLost().isEmpty() ? CheckResult.CheckStatus.PASSED : CheckResult.CheckStatus.WARNING,
            summary.describeImpact()));
    ProposeChange proposal = ProposeChange.accessPolicy(proposed.version(), current.version(), document, write(summary), checks);
    return translate(() -> view(service.proposeAndSubmit(author, proposal), null));
  }

  public PolicyChangeView get(Caller caller, String id) {
    return translate(() -> view(policyChange(changes.service().get(name(caller), changeId(id))), null));
  }

  public List<PolicyChangeView> list(Caller caller, Optional<String> state) {
    Optional<ChangeState> wanted = GovernanceChanges.state(state);
    ChangeRequestService service = changes.service();
    PrincipalName reader = name(caller);
    return translate(() -> {
      service.checkMayRead(reader, ChangeKind.ACCESS_POLICY, ChangeSubject.mesh("policy"));
      return service.list(reader, Optional.of(ChangeKind.ACCESS_POLICY), Optional.empty(), wanted).stream()
          .map(c -> view(c, null)).toList();
    });
  }

  public PolicyChangeView approve(Caller caller, String id, String comment) {
    return translate(() -> view(changes.service().approve(name(caller), changeId(id), comment == null ? "" : comment)));
  }

  public PolicyChangeView reject(Caller caller, String id, String comment) {
    if (comment == null || comment.isBlank()) {
      throw new BadRequestException("A rejection needs a comment");
    }
    return translate(() -> view(policyChange(changes.service().reject(name(caller), changeId(id), comment)), null));
  }

  /** Retries applying an approved change whose application failed (update-policy on the mesh). */
  public PolicyChangeView publish(Caller caller, String id) {
    return translate(() -> view(changes.service().publish(name(caller), changeId(id))));
  }

  private List<TableRef> knownTables(AccessPolicy policy) {
    try {
      return accessRules.classifications(policy).all().stream().map(TableClassification::table).toList();
    } catch (RuntimeException e) {
      LOG.warnf("Read impact of a policy change without table list: %s", e.getMessage());
      return List.of();
    }
  }

  /** The policy endpoints show policy changes only (a contract change's id answers 404 here). */
  private static ChangeRequest policyChange(ChangeRequest change) {
    if (change.kind() != ChangeKind.ACCESS_POLICY) {
      throw new NotFoundException("No policy change %s", change.id());
    }
    return change;
  }

  private PolicyChangeView view(ChangeRequestService.Reviewed reviewed) {
    PolicyChangeView.Application application = reviewed.publication()
        .map(p -> new PolicyChangeView.Application(p.published(), p.detail(), p.rulesRegenerated(), p.rulesDetail())).orElse(null);
    return view(policyChange(reviewed.change()), application);
  }

  private PolicyChangeView view(ChangeRequest change, PolicyChangeView.Application application) {
    try {
      return PolicyChangeView.of(change, json.readValue(change.facts(), PolicyDiff.class), changes.context().rules(), application);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("policy change " + change.id() + " holds an unreadable diff summary", e);
    }
  }

  private String write(PolicyDiff summary) {
    try {
      return json.writeValueAsString(summary);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
