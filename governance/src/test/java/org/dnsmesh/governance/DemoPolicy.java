package org.dnsmesh.governance;

import java.nio.file.Path;
import org.dnsmesh.governance.decision.EmbeddedPolicyDecisionPoint;
import org.dnsmesh.governance.policy.AccessPolicy;
import org.dnsmesh.governance.policy.MaskExpressions;
import org.dnsmesh.governance.policy.PolicyLoader;
import org.dnsmesh.governance.policy.StaticTableClassifications;

/** The shipped demo policy and tables, loaded once for tests. */
public final class DemoPolicy {
  public static final AccessPolicy POLICY = PolicyLoader.load(Path.of("policies/mesh-policy.yaml"));
  public static final StaticTableClassifications TABLES = PolicyLoader.loadTables(Path.of("policies/demo-tables.yaml"));
  public static final MaskExpressions EXPRESSIONS = new MaskExpressions();

  private DemoPolicy() {}

  public static EmbeddedPolicyDecisionPoint embedded() {
    return new EmbeddedPolicyDecisionPoint(POLICY, TABLES, EXPRESSIONS);
  }
}
