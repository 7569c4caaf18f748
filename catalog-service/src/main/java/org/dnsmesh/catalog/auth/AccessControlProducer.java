package org.dnsmesh.catalog.auth;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Files;
import org.dnsmesh.catalog.governance.GrantsInForce;
import org.dnsmesh.catalog.governance.PublishedTableClassifications;
import org.dnsmesh.governance.decision.PolicyDecisionPoint;
import org.dnsmesh.governance.decision.PolicyEngineConfig;
import org.dnsmesh.governance.policy.AccessPolicy;
import org.dnsmesh.governance.policy.PolicyLoader;
import org.jboss.logging.Logger;

/**
 * The one place that builds the decision point from {@code mesh.policy.*}: governance's
 * {@link PolicyDecisionPointFactory} (embedded evaluator of the policy file by default, the OPA client
 * with {@code mesh.policy.engine=opa}), adapted to the catalog by {@link PolicyAccessDecisionPoint}.
 * The startup {@link AccessPolicy} bean is the file as loaded; {@link ActivePolicy} is the one in force.
 * Built at startup, so a missing or broken policy file stops the service with the file's error.
 */
@ApplicationScoped
public class AccessControlProducer {
  private static final Logger LOG = Logger.getLogger(AccessControlProducer.class);

  @Produces
  @Singleton
  @Startup
  AccessPolicy accessPolicy(PolicyConfig config) {
    PolicyEngineConfig engine = config.toEngineConfig();
    if (engine.engine() == PolicyEngineConfig.Engine.OPA && !Files.exists(engine.policyFile())) {
      // OPA holds its own compiled copy; without the file dev mode knows no principals to issue tokens for
      LOG.warnf("Policy file %s not found: dev tokens are unavailable (decisions come from OPA)", engine.policyFile());
      return PolicyLoader.parse("apiVersion: dnsmesh.org/v1\nkind: AccessPolicy\nversion: 1\ndomains: []\nprincipals: []\n",
          "empty policy");
    }
    AccessPolicy policy = PolicyLoader.load(engine.policyFile());
    LOG.infof("Access policy %s (version %d): %d principals, %d grants; decision engine %s",
        engine.policyFile().toAbsolutePath(), policy.version(), policy.principals().size(), policy.grants().size(),
        engine.engine().name().toLowerCase(java.util.Locale.ROOT));
    return policy;
  }

  /** The policy in force and its decision point; approved policy changes swap both (no restart). */
  @Produces
  @Singleton
  @Startup
  ActivePolicy activePolicy(PolicyConfig config, AccessPolicy policy, PublishedTableClassifications tables,
      GrantsInForce grants) {
    return new ActivePolicy(config.toEngineConfig(), policy, tables::forPolicy, grants::over);
  }

  /**
   * Also injectable by other parts of the service (e.g. governance endpoints) that ask the policy directly;
   * always decides with the policy in force ({@link ActivePolicy}).
   */
  @Produces
  @Singleton
  @Startup
  PolicyDecisionPoint policyDecisionPoint(ActivePolicy active) {
    return active.asDecisionPoint();
  }

  @Produces
  @ApplicationScoped
  Authorizer authorizer(PolicyDecisionPoint policyDecisionPoint) {
    return new Authorizer(new PolicyAccessDecisionPoint(policyDecisionPoint));
  }

  @Produces
  @Singleton
  DevPrincipals devPrincipals(ActivePolicy active) {
    return new DevPrincipals(active::policy);
  }
}
