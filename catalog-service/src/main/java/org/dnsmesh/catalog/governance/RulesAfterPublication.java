package org.dnsmesh.catalog.governance;

import java.util.LinkedHashMap;
import java.util.Map;
import org.dnsmesh.governance.policy.AccessPolicy;
import org.dnsmesh.governance.workflow.ChangeRequest;

/** What every publication ends with: Trino's rules regenerated from the policy in force, and that fact audited. */
final class RulesAfterPublication {
  private RulesAfterPublication() {}

  static AccessRulesWriter.Result regenerate(AccessRulesWriter accessRules, GovernanceContext context, AccessPolicy policy,
      ChangeRequest published) {
    AccessRulesWriter.Result rules = accessRules.regenerate(policy);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("change", published.id().toString());
    details.put("version", published.proposedVersion());
    details.put("written", rules.written());
    details.put("detail", rules.detail());
    context.store().inTransaction(tx -> tx.audit().append(CallerPrincipals.SYSTEM.value(), "access-rules.regenerated",
        published.subject().toString(), details));
    return rules;
  }
}
