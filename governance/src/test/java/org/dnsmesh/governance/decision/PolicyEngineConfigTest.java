package org.dnsmesh.governance.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.dnsmesh.governance.DemoPolicy;
import org.junit.jupiter.api.Test;

class PolicyEngineConfigTest {
  @Test
  void defaults() {
    PolicyEngineConfig config = PolicyEngineConfig.defaults();

    assertThat(config.engine()).isEqualTo(PolicyEngineConfig.Engine.EMBEDDED);
    assertThat(config.policyFile()).isEqualTo(Path.of("governance/policies/mesh-policy.yaml"));
    assertThat(config.opaUrl()).isEqualTo(URI.create("http://127.0.0.1:8181"));
    assertThat(config.opaPackage()).isEqualTo("dnsmesh/authz");
    assertThat(config.opaTimeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(config.cacheTtl()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.cacheMaxEntries()).isEqualTo(10_000);
  }

  @Test
  void explicitKeys() {
    PolicyEngineConfig config = PolicyEngineConfig.fromProperties(Map.of(
        "mesh.policy.engine", "opa",
        "mesh.policy.file", "/etc/mesh/policy.yaml",
        "mesh.policy.opa.url", "http://opa:8181/",
        "mesh.policy.opa.package", "mesh/authz",
        "mesh.policy.opa.timeout", "2s",
        "mesh.policy.cache.ttl", "0s",
        "mesh.policy.cache.max-entries", "7",
        "other.key", "ignored"));

    assertThat(config).isEqualTo(new PolicyEngineConfig(PolicyEngineConfig.Engine.OPA, Path.of("/etc/mesh/policy.yaml"),
        URI.create("http://opa:8181/"), "mesh/authz", Duration.ofSeconds(2), Duration.ZERO, 7));
    assertThat(config.opa().ruleUri("allow")).isEqualTo(URI.create("http://opa:8181/v1/data/mesh/authz/allow"));
  }

  @Test
  void rejectsTyposAndBadValues() {
    assertThatThrownBy(() -> PolicyEngineConfig.fromProperties(Map.of("mesh.policy.engin", "opa")))
        .hasMessageContaining("unknown policy setting 'mesh.policy.engin'");
    assertThatThrownBy(() -> PolicyEngineConfig.fromProperties(Map.of("mesh.policy.engine", "rego")))
        .hasMessageContaining("embedded or opa");
    assertThatThrownBy(() -> PolicyEngineConfig.fromProperties(Map.of("mesh.policy.opa.timeout", "soon")))
        .hasMessageContaining("mesh.policy.opa.timeout must be a duration");
  }

  @Test
  void factorySelectsTheEngine() {
    assertThat(PolicyDecisionPointFactory.create(PolicyEngineConfig.defaults(), DemoPolicy.POLICY, DemoPolicy.TABLES))
        .isInstanceOf(CachingPolicyDecisionPoint.class);
    assertThat(PolicyDecisionPointFactory.create(PolicyEngineConfig.fromProperties(Map.of("mesh.policy.cache.ttl", "0s")),
        DemoPolicy.POLICY, DemoPolicy.TABLES)).isInstanceOf(EmbeddedPolicyDecisionPoint.class);
    assertThat(PolicyDecisionPointFactory.create(PolicyEngineConfig.fromProperties(Map.of("mesh.policy.engine", "opa",
        "mesh.policy.cache.ttl", "0s")), DemoPolicy.TABLES)).isInstanceOf(OpaPolicyDecisionPoint.class);
    assertThat(PolicyDecisionPointFactory.create(PolicyEngineConfig.fromProperties(Map.of(
        "mesh.policy.file", "policies/mesh-policy.yaml", "mesh.policy.cache.ttl", "0s")), DemoPolicy.TABLES))
        .isInstanceOf(EmbeddedPolicyDecisionPoint.class);
  }
}
