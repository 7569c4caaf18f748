package org.dnsmesh.catalog.governance;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.http.HttpClient;
import org.dnsmesh.catalog.auth.PolicyConfig;
import org.dnsmesh.governance.compile.RegoBundleCompiler;
import org.dnsmesh.governance.decision.OpaBundleUpload;
import org.dnsmesh.governance.decision.PolicyEngineConfig;
import org.dnsmesh.governance.policy.AccessPolicy;
import org.dnsmesh.governance.policy.MaskExpressions;

/**
 * In OPA mode ({@code mesh.policy.engine=opa}), an approved policy is compiled to the Rego bundle (policy +
 * the published contracts' classifications) and pushed to the OPA server the catalog asks.
 */
@ApplicationScoped
public class OpaBundlePush {
  private final PolicyConfig config;
  private final PublishedTableClassifications tables;
  private final GrantsInForce grants;

  public OpaBundlePush(PolicyConfig config, PublishedTableClassifications tables, GrantsInForce grants) {
    this.config = config;
    this.tables = tables;
    this.grants = grants;
  }

  /** Compiles {@code reviewed} plus the access grants in force and pushes it. */
  OpaBundleUpload.Result push(AccessPolicy reviewed) {
    AccessPolicy policy = grants.over(reviewed);
    PolicyEngineConfig engine = config.toEngineConfig();
    if (engine.engine() != PolicyEngineConfig.Engine.OPA) {
      return new OpaBundleUpload.Result(false, "mesh.policy.engine is not opa");
    }
    var bundle = new RegoBundleCompiler(new MaskExpressions()).compile(policy, tables.forPolicy(policy));
    return new OpaBundleUpload(engine.opa(), HttpClient.newBuilder().connectTimeout(engine.opa().timeout()).build()).push(bundle);
  }
}
