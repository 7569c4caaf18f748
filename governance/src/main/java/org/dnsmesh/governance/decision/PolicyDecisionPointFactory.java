package org.dnsmesh.governance.decision;

import org.dnsmesh.governance.policy.AccessPolicy;
import org.dnsmesh.governance.policy.MaskExpressions;
import org.dnsmesh.governance.policy.PolicyLoader;
import org.dnsmesh.governance.policy.TableClassifications;

/** The one place that turns {@code mesh.policy.engine} into a decision point (wrapped in the cache if enabled). */
public final class PolicyDecisionPointFactory {
  private PolicyDecisionPointFactory() {}

  /** Loads the policy file for the embedded engine; OPA holds its own compiled copy. */
  public static PolicyDecisionPoint create(PolicyEngineConfig config, TableClassifications tables) {
    return switch (config.engine()) {
      case EMBEDDED -> create(config, PolicyLoader.load(config.policyFile()), tables);
      case OPA -> cached(config, OpaPolicyDecisionPoint.create(config.opa()));
    };
  }

  public static PolicyDecisionPoint create(PolicyEngineConfig config, AccessPolicy policy, TableClassifications tables) {
    PolicyDecisionPoint point = switch (config.engine()) {
      case EMBEDDED -> new EmbeddedPolicyDecisionPoint(policy, tables, new MaskExpressions());
      case OPA -> OpaPolicyDecisionPoint.create(config.opa());
    };
    return cached(config, point);
  }

  private static PolicyDecisionPoint cached(PolicyEngineConfig config, PolicyDecisionPoint point) {
    return config.cacheTtl().isZero() ? point : new CachingPolicyDecisionPoint(point, config.cacheTtl(), config.cacheMaxEntries());
  }
}
