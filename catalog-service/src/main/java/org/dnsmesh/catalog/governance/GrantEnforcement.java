package org.dnsmesh.catalog.governance;

import jakarta.enterprise.context.ApplicationScoped;
import org.dnsmesh.catalog.auth.ActivePolicy;
import org.dnsmesh.governance.decision.OpaBundleUpload;
import org.jboss.logging.Logger;

/**
 * Puts the grants in force into effect by the same path an approved policy change takes: the catalog's
 * decision point is rebuilt over policy + grants (in OPA mode the bundle is pushed), then Trino's rules are
 * regenerated from the same (Trino re-reads them within its refresh period). Called when a grant is made and
 * when grants expire.
 */
@ApplicationScoped
public class GrantEnforcement {
  private static final Logger LOG = Logger.getLogger(GrantEnforcement.class);

  private final GovernanceContext context;
  private final ActivePolicy active;
  private final AccessRulesWriter accessRules;
  private final OpaBundlePush opa;

  public GrantEnforcement(GovernanceContext context, ActivePolicy active, AccessRulesWriter accessRules, OpaBundlePush opa) {
    this.context = context;
    this.active = active;
    this.accessRules = accessRules;
    this.opa = opa;
  }

  /** What applying did, for the change's publication and the audit log. */
  public record Outcome(boolean decisionPointUpdated, String decisionPoint, AccessRulesWriter.Result rules) {}

  public synchronized Outcome apply() {
    active.refresh(); // policy in force + grants in force, a fresh decision cache
    String decisionPoint = "the catalog's decision point decides with the grants in force";
    boolean updated = true;
    if (!active.embedded()) {
      OpaBundleUpload.Result pushed = opa.push(context.policy());
      updated = pushed.pushed();
      decisionPoint = pushed.pushed() ? "OPA bundle pushed: " + pushed.detail() : "OPA bundle not pushed: " + pushed.detail();
      if (!updated) {
        LOG.error(decisionPoint);
      }
    }
    AccessRulesWriter.Result rules = accessRules.regenerate(context.policy());
    return new Outcome(updated, decisionPoint, rules);
  }
}
