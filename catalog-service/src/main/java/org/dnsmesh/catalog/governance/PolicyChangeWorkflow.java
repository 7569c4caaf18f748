package org.dnsmesh.catalog.governance;

import static org.dnsmesh.catalog.governance.GovernanceChanges.name;
import static org.dnsmesh.catalog.governance.GovernanceChanges.translate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import org.apache.iceberg.exceptions.BadRequestException;
import org.dnsmesh.catalog.auth.Caller;
import org.dnsmesh.governance.policy.AccessPolicy;
import org.dnsmesh.governance.policy.PolicyFileException;
import org.dnsmesh.governance.policy.PolicyLoader;
import org.dnsmesh.governance.policy.PrincipalName;
import org.dnsmesh.governance.policy.TableClassification;
import org.dnsmesh.governance.policy.TableRef;
import org.dnsmesh.governance.workflow.ChangeKind;
import org.dnsmesh.governance.workflow.ChangePublisher;
import org.dnsmesh.governance.workflow.ChangeRequest;
import org.dnsmesh.governance.workflow.ChangeState;
import org.dnsmesh.governance.workflow.ChangeSubject;
import org.dnsmesh.governance.workflow.CheckResult;
import org.dnsmesh.governance.workflow.ProposeChange;
import org.jboss.logging.Logger;

/**
 * Access-policy changes over HTTP, a {@link ReviewedKind} of governance's one change-request machine (kind
 * {@link ChangeKind#ACCESS_POLICY}): a principal allowed {@code update-policy} on the mesh proposes a whole new
 * policy file; the checks run here at once (it loads and validates, its version is higher than the one in force,
 * what it changes, who gains or loses read on which table). The machine applies the review rules (holders of the
 * global governance role, never the author, {@code mesh.governance.review.governance-quorum} approvals), audits,
 * sends the events, and on approval hands the policy to {@link AccessPolicyPublisher}.
 */
@ApplicationScoped
public class PolicyChangeWorkflow extends ReviewedKind<PolicyChangeView> {
  private static final Logger LOG = Logger.getLogger(PolicyChangeWorkflow.class);

  private final AccessRulesWriter accessRules;
  private final ObjectMapper json;

  public PolicyChangeWorkflow(GovernanceChanges changes, AccessRulesWriter accessRules, ObjectMapper json) {
    super(ChangeKind.ACCESS_POLICY, "policy change", changes, json);
    this.accessRules = accessRules;
    this.json = json;
  }

  public PolicyChangeView propose(Caller caller, String document) {
    PrincipalName author = name(caller);
    AccessPolicy current = changes().context().policy();
    checkMayPropose(author, ChangeSubject.mesh("policy"));
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
    return submit(author, ProposeChange.accessPolicy(proposed.version(), current.version(), document, write(summary), checks));
  }

  /** Policy changes, newest first: callers who may read them only (the list is refused, not just empty, otherwise). */
  public List<PolicyChangeView> list(Caller caller, Optional<String> state) {
    Optional<ChangeState> wanted = GovernanceChanges.state(state);
    translate(() -> {
      changes().service().checkMayRead(name(caller), ChangeKind.ACCESS_POLICY, ChangeSubject.mesh("policy"));
      return null;
    });
    return list(caller, wanted.map(ChangeState::name), c -> true);
  }

  private List<TableRef> knownTables(AccessPolicy policy) {
    try {
      return accessRules.classifications(policy).all().stream().map(TableClassification::table).toList();
    } catch (RuntimeException e) {
      LOG.warnf("Read impact of a policy change without table list: %s", e.getMessage());
      return List.of();
    }
  }

  @Override
  protected PolicyChangeView view(ChangeRequest change, Optional<ChangePublisher.Publication> application) {
    try {
      return PolicyChangeView.of(change, json.readValue(change.facts(), PolicyDiff.class), changes().context().rules(),
          application.map(p -> new PolicyChangeView.Application(p.published(), p.detail(), p.rulesRegenerated(),
              p.rulesDetail())).orElse(null));
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
