package org.dnsmesh.catalog.governance;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dnsmesh.governance.policy.PrincipalName;
import org.dnsmesh.governance.workflow.AccessGrant;
import org.dnsmesh.governance.workflow.AccessTerm;
import org.dnsmesh.governance.workflow.ChangePublisher;
import org.dnsmesh.governance.workflow.ChangeRequest;
import org.jboss.logging.Logger;

/**
 * Where an approved access request takes effect: its time-boxed grant is stored (once; a retry finds it), the
 * grant is audited with its expiry, and {@link GrantEnforcement} puts it into the catalog's decision point and
 * Trino's rules. The term starts at approval. A failure leaves the request APPROVED with the reason.
 */
@ApplicationScoped
public class AccessGrantPublisher implements ChangePublisher {
  private static final Logger LOG = Logger.getLogger(AccessGrantPublisher.class);

  private final GovernanceContext context;
  private final GrantsInForce grants;
  private final GrantEnforcement enforcement;

  public AccessGrantPublisher(GovernanceContext context, GrantsInForce grants, GrantEnforcement enforcement) {
    this.context = context;
    this.grants = grants;
    this.enforcement = enforcement;
  }

  @Override
  public Publication publish(ChangeRequest approved, PrincipalName approver) {
    AccessGrant grant;
    try {
      AccessGrant made = AccessGrant.of(approved, approved.updatedAt());
      grant = context.store().<AccessGrant>inTransaction(tx -> {
        if (!tx.grants().insert(made)) {
          return tx.grants().find(approved.id()).orElseThrow();
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("change", approved.id().toString());
        details.put("principal", made.principal().value());
        details.put("privilege", "read");
        details.put("approvedBy", approver.value());
        details.put("grantedAt", made.grantedAt().toString());
        details.put("expiresAt", made.expiresAt().toString());
        tx.audit().append(CallerPrincipals.SYSTEM.value(), "access-grant.granted", approved.subject().toString(), details);
        return made;
      });
      grants.reload();
    } catch (RuntimeException e) {
      LOG.errorf(e, "Approved access request %s could not be granted", approved.id());
      return Publication.failed("not granted: " + e.getMessage() + " (the request stays APPROVED; retry with POST"
          + " /api/v1/access-requests/" + approved.id() + "/publish)");
    }
    GrantEnforcement.Outcome outcome = enforcement.apply();
    String detail = grant.principal() + " reads " + grant.product() + " until " + grant.expiresAt() + " ("
        + AccessTerm.describe(java.time.Duration.between(grant.grantedAt(), grant.expiresAt())) + "); "
        + outcome.decisionPoint();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("change", approved.id().toString());
    details.put("written", outcome.rules().written());
    details.put("detail", outcome.rules().detail());
    context.store().inTransaction(tx -> tx.audit().append(CallerPrincipals.SYSTEM.value(), "access-rules.regenerated",
        approved.subject().toString(), details));
    return new Publication(outcome.decisionPointUpdated(), detail, outcome.rules().written(), outcome.rules().detail());
  }
}
