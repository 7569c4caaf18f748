package org.dnsmesh.infra.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class StackConfigTest {
  private static final Path HOME = Path.of("/tmp/mesh-home");

  @Test
  void defaultsFitOneMachine() {
    StackConfig config = StackConfig.fromSources(HOME, new Properties(), Map.of());
    assertThat(config.stateDir()).isEqualTo(HOME.resolve(".mesh"));
    assertThat(config.catalogPort()).isEqualTo(8181);
    assertThat(config.trinoPort()).isEqualTo(8080);
    assertThat(config.kafkaPort()).isEqualTo(9092);
    assertThat(config.kafkaControllerPort()).isEqualTo(9093);
    assertThat(config.domains()).containsExactly("na", "eu", "apac", "security");
    assertThat(config.postgres().databaseUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/dnsmesh");
    assertThat(config.postgres().serverUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/postgres");
    assertThat(config.trinoHttpsPort()).isEqualTo(8443);
    assertThat(config.trinoJdbcUrl()).isEqualTo(
        "jdbc:trino://127.0.0.1:8443?SSL=true&SSLTrustStorePath=/tmp/mesh-home/.mesh/secrets/trino-tls.pem");
    assertThat(config.icebergRestUrl()).isEqualTo("http://127.0.0.1:8181/iceberg");
  }

  @Test
  void systemPropertiesWinOverEnvironment() {
    Properties properties = new Properties();
    properties.setProperty("mesh.trino-port", "8085");
    StackConfig config = StackConfig.fromSources(HOME, properties,
        Map.of("MESH_TRINO_PORT", "8090", "MESH_KAFKA_PORT", "19092", "MESH_DOMAINS", "na, eu",
            "MESH_PG_URL", "jdbc:postgresql://db.example:5433/other", "MESH_PG_DATABASE", "mesh_prod"));
    assertThat(config.trinoPort()).isEqualTo(8085);
    assertThat(config.kafkaPort()).isEqualTo(19092);
    assertThat(config.domains()).containsExactly("na", "eu");
    assertThat(config.postgres().databaseUrl()).isEqualTo("jdbc:postgresql://db.example:5433/mesh_prod");
    assertThat(config.postgres().serverUrl()).isEqualTo("jdbc:postgresql://db.example:5433/postgres");
  }

  @Test
  void badValuesSayWhichSetting() {
    assertThatThrownBy(() -> StackConfig.fromSources(HOME, new Properties(), Map.of("MESH_TRINO_PORT", "eighty")))
        .isInstanceOf(StackException.class).hasMessageContaining("MESH_TRINO_PORT").hasMessageContaining("eighty");
    assertThatThrownBy(() -> StackConfig.fromSources(HOME, new Properties(), Map.of("MESH_DOMAINS", "na,../x")))
        .isInstanceOf(StackException.class).hasMessageContaining("../x");
    assertThatThrownBy(() -> StackConfig.fromSources(HOME, new Properties(), Map.of("MESH_PG_URL", "mysql://x")))
        .isInstanceOf(StackException.class).hasMessageContaining("MESH_PG_URL");
  }

  @Test
  void theRunningMeshUsesItsOwnCopyOfThePolicyOnceUpMadeIt(@org.junit.jupiter.api.io.TempDir Path home)
      throws java.io.IOException {
    StackConfig config = StackConfig.fromSources(home, new Properties(), Map.of());
    assertThat(config.policyFile()).isEqualTo(home.resolve("governance/policies/mesh-policy.yaml"));
    java.nio.file.Files.createDirectories(config.livePolicyFile().getParent());
    java.nio.file.Files.writeString(config.livePolicyFile(), "version: 2\n");
    assertThat(config.policyFile()).isEqualTo(home.resolve(".mesh/governance/mesh-policy.yaml"));
    assertThat(config.shippedPolicyFile()).isEqualTo(home.resolve("governance/policies/mesh-policy.yaml"));
  }
}
