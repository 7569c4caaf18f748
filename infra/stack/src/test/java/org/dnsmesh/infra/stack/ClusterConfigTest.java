package org.dnsmesh.infra.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code infra/cluster/} in step with what {@code mesh up} generates on one machine: a cluster config
 * that silently lost a key (the JWT authenticator, the shared secret, a domain catalog) would run unsecured
 * or not at all, and nobody would notice until a deployment.
 */
class ClusterConfigTest {
  private static final Path CLUSTER = Path.of("..", "cluster").toAbsolutePath().normalize();

  @Test
  void everyDefaultDomainHasAClusterCatalogWithTheSameKeysAsTheGeneratedOne() throws IOException {
    StackConfig config = StackConfig.fromSources(Path.of("/tmp/mesh-home"), new Properties(), Map.of());
    TrinoServer trino = new TrinoServer(config, "token", "token", line -> { });
    for (String domain : config.domains()) {
      Properties generated = parse(trino.domainCatalog(domain));
      Properties cluster = load(CLUSTER.resolve("trino/catalog/" + domain + ".properties"));
      assertThat(cluster.stringPropertyNames()).as("keys of the %s catalog", domain)
          .containsExactlyInAnyOrderElementsOf(generated.stringPropertyNames());
      assertThat(cluster.getProperty("iceberg.rest-catalog.warehouse")).isEqualTo(domain);
      assertThat(cluster.getProperty("iceberg.rest-catalog.security")).isEqualTo("OAUTH2");
    }
  }

  @Test
  void theCoordinatorAuthenticatesClientsWithTheMeshJwtAndEveryNodeSharesTheInternalSecret() throws IOException {
    Properties coordinator = load(CLUSTER.resolve("trino/coordinator/config.properties"));
    assertThat(coordinator.getProperty("http-server.authentication.type")).isEqualTo("header");
    assertThat(coordinator.getProperty("http-server.https.enabled")).isEqualTo("true");
    Properties authenticator = load(CLUSTER.resolve("trino/coordinator/header-authenticator.properties"));
    assertThat(authenticator.getProperty("header-authenticator.name")).isEqualTo("dnsmesh-jwt");
    assertThat(authenticator.getProperty("dnsmesh.mesh-public-key")).isNotBlank();
    assertThat(coordinator.getProperty("access-control.config-files")).isNotBlank();
    Properties worker = load(CLUSTER.resolve("trino/worker/config.properties"));
    assertThat(worker.getProperty("coordinator")).isEqualTo("false");
    assertThat(worker.getProperty("internal-communication.shared-secret"))
        .isEqualTo(coordinator.getProperty("internal-communication.shared-secret"));
    assertThat(worker.getProperty("discovery.uri")).isEqualTo(coordinator.getProperty("discovery.uri"));
    Properties access = load(CLUSTER.resolve("trino/coordinator/access-control.properties"));
    assertThat(access.getProperty("access-control.name")).isEqualTo("file");
  }

  @Test
  void kafkaReplicatesAndTheCatalogNeverIssuesDevTokensOnACluster() throws IOException {
    Properties kafka = load(CLUSTER.resolve("kafka/broker.properties.template"));
    assertThat(kafka.getProperty("default.replication.factor")).isEqualTo("3");
    assertThat(Integer.parseInt(kafka.getProperty("min.insync.replicas"))).isGreaterThan(1);
    assertThat(kafka.getProperty("auto.create.topics.enable")).isEqualTo("false");
    Properties catalog = load(CLUSTER.resolve("catalog-service/catalog.env"));
    assertThat(catalog.getProperty("MESH_AUTH_DEV_TOKENS")).isEqualTo("false");
    assertThat(catalog.getProperty("MESH_DOMAINS")).isEqualTo(String.join(",",
        StackConfig.fromSources(Path.of("/tmp"), new Properties(), Map.of()).domains()));
  }

  private static Properties load(Path file) throws IOException {
    assertThat(file).exists();
    return parse(Files.readString(file));
  }

  private static Properties parse(String text) throws IOException {
    Properties properties = new Properties();
    properties.load(new StringReader(text));
    return properties;
  }
}
