package org.dnsmesh.catalog.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.common.MapBackedConfigSource;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.dnsmesh.governance.decision.PolicyEngineConfig;
import org.junit.jupiter.api.Test;

/** Every {@code mesh.policy.*} key: its default, and that it reaches governance's engine config unchanged. */
class PolicyConfigTest {

  private static PolicyConfig config(Map<String, String> properties) {
    SmallRyeConfig config = new SmallRyeConfigBuilder()
        .withMapping(PolicyConfig.class)
        .withSources(new MapBackedConfigSource("test", properties) {})
        .build();
    return config.getConfigMapping(PolicyConfig.class);
  }

  @Test
  void defaultsAreGovernancesDefaults() {
    PolicyEngineConfig engine = config(Map.of()).toEngineConfig();

    assertThat(engine).isEqualTo(PolicyEngineConfig.defaults());
    assertThat(engine.engine()).isEqualTo(PolicyEngineConfig.Engine.EMBEDDED);
    assertThat(engine.policyFile()).isEqualTo(Path.of("governance/policies/mesh-policy.yaml"));
    assertThat(engine.opaTimeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(engine.cacheTtl()).isEqualTo(Duration.ofSeconds(5));
    assertThat(engine.cacheMaxEntries()).isEqualTo(10000);
  }

  @Test
  void everyKeyIsMapped() {
    PolicyEngineConfig engine = config(Map.of(
        "mesh.policy.engine", "opa",
        "mesh.policy.file", "/etc/mesh/policy.yaml",
        "mesh.policy.opa.url", "http://opa:8181",
        "mesh.policy.opa.package", "mesh/authz",
        "mesh.policy.opa.timeout", "2s",
        "mesh.policy.cache.ttl", "0s",
        "mesh.policy.cache.max-entries", "7")).toEngineConfig();

    assertThat(engine).isEqualTo(new PolicyEngineConfig(PolicyEngineConfig.Engine.OPA, Path.of("/etc/mesh/policy.yaml"),
        URI.create("http://opa:8181"), "mesh/authz", Duration.ofSeconds(2), Duration.ZERO, 7));
  }

  @Test
  void badValuesAreRefusedWithTheKey() {
    assertThatThrownBy(() -> config(Map.of("mesh.policy.engine", "rego")).toEngineConfig())
        .hasMessageContaining("mesh.policy.engine");
    assertThatThrownBy(() -> config(Map.of("mesh.policy.opa.timeout", "soon")).toEngineConfig())
        .hasMessageContaining("mesh.policy.opa.timeout");
  }
}
