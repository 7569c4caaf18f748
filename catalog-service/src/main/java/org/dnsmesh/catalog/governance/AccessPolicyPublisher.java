package org.dnsmesh.catalog.governance;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dnsmesh.catalog.auth.ActivePolicy;
import org.dnsmesh.governance.AtomicFiles;
import org.dnsmesh.governance.decision.OpaBundleUpload;
import org.dnsmesh.governance.policy.AccessPolicy;
import org.dnsmesh.governance.policy.PolicyLoader;
import org.dnsmesh.governance.policy.PrincipalName;
import org.dnsmesh.governance.workflow.ChangePublisher;
import org.dnsmesh.governance.workflow.ChangeRequest;
import org.dnsmesh.governance.workflow.WorkflowException;
import org.jboss.logging.Logger;

/**
 * Where an approved access policy takes effect: the file first (atomic rename, so the catalog and a restart
 * never see half a policy), then the policy in force for the workflow and the decision point (in OPA mode the
 * compiled bundle is pushed to OPA), then Trino's rules. A failure leaves the change APPROVED with the reason.
 */
@ApplicationScoped
public class AccessPolicyPublisher implements ChangePublisher {
  private static final Logger LOG = Logger.getLogger(AccessPolicyPublisher.class);

  private final GovernanceContext context;
  private final ActivePolicy active;
  private final AccessRulesWriter accessRules;
  private final OpaBundlePush opa;

  public AccessPolicyPublisher(GovernanceContext context, ActivePolicy active, AccessRulesWriter accessRules, OpaBundlePush opa) {
    this.context = context;
    this.active = active;
    this.accessRules = accessRules;
    this.opa = opa;
  }

  /** Applying a policy proposed on an older version would undo the changes approved since. */
  @Override
  public void checkApprovable(ChangeRequest change) {
    int inForce = context.policy().version();
    if (!change.previousVersion().orElse("").equals(Integer.toString(inForce))) {
      throw new WorkflowException(WorkflowException.Reason.INVALID_STATE, "Policy change " + change.id() + " was proposed against"
          + " version " + change.previousVersion().orElse("?") + " but version " + inForce + " is in force now: reject it and"
          + " propose again on top of it");
    }
  }

  @Override
  public synchronized Publication publish(ChangeRequest approved, PrincipalName approver) {
    AccessPolicy policy = PolicyLoader.parse(approved.document(), "policy change " + approved.id());
    int inForce = context.policy().version();
    Path file = context.policyFile();
    boolean written = inForce == policy.version() && fileHolds(file, approved.document()); // a retry after the OPA push failed
    if (!written && (!approved.previousVersion().orElse("").equals(Integer.toString(inForce)) || policy.version() <= inForce)) {
      // another policy change was applied since this one was reviewed: applying it would undo that one
      return Publication.failed("not applied: it was proposed on version " + approved.previousVersion().orElse("?")
          + " but version " + inForce + " is in force now (the change stays APPROVED; propose again on top of version "
          + inForce + ")");
    }
    try {
      if (!written) {
        AtomicFiles.writeString(file, approved.document());
      }
    } catch (IOException | RuntimeException e) {
      LOG.errorf(e, "Approved policy change %s could not be written to %s", approved.id(), file);
      return Publication.failed("not applied: cannot write " + file + ": " + e.getMessage()
          + " (the change stays APPROVED; retry with POST /api/v1/policy/changes/" + approved.id() + "/publish)");
    }
    context.install(policy);
    active.activate(policy);
    String policyDetail = "policy version " + policy.version() + " written to " + file + " and in force";
    if (!active.embedded()) {
      OpaBundleUpload.Result pushed = opa.push(policy);
      policyDetail += pushed.pushed() ? "; " + pushed.detail()
          : " for the workflow, but not in OPA: " + pushed.detail() + " (retry with POST /api/v1/policy/changes/"
              + approved.id() + "/publish)";
      if (!pushed.pushed()) {
        return new Publication(false, policyDetail, false, "not attempted");
      }
    }
    AccessRulesWriter.Result rules = RulesAfterPublication.regenerate(accessRules, context, policy, approved);
    return new Publication(true, policyDetail, rules.written(), rules.detail());
  }

  private static boolean fileHolds(Path file, String document) {
    try {
      return Files.readString(file).equals(document);
    } catch (IOException e) {
      return false;
    }
  }
}
