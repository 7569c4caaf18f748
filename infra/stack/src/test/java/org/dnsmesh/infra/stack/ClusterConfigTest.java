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
  void theMaskingCatalogOfThePseudonymFunctionIsConfiguredLikeTheGeneratedOne() throws IOException {
    Properties cluster = load(CLUSTER.resolve("trino/catalog/"
        + org.dnsmesh.governance.policy.MaskExpressions.MASKING_CATALOG + ".properties"));
    assertThat(cluster.getProperty("connector.name")).isEqualTo("dnsmesh_masking");
    assertThat(cluster.stringPropertyNames()).containsExactly("connector.name");
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

  @Test
  void clusterKafkaIsLockedDownLikeTheGeneratedBroker() throws IOException {
    Properties cluster = load(CLUSTER.resolve("kafka/broker.properties.template"));
    StackConfig config = StackConfig.fromSources(Path.of("/tmp"), new Properties(), Map.of());
    Properties generated = parse(new KafkaBroker(config).serverProperties(Path.of("/tmp/data"), "generated-secret"));
    for (String key : generated.stringPropertyNames()) {
      if (key.startsWith("sasl.") || key.startsWith("listener.name.") || key.equals("authorizer.class.name")
          || key.equals("super.users") || key.equals("allow.everyone.if.no.acl.found")) {
        assertThat(cluster.getProperty(key)).as(key).isNotBlank();
        if (!key.endsWith("jaas.config")) {
          assertThat(cluster.getProperty(key)).as(key).isEqualTo(generated.getProperty(key));
        }
      }
    }
    // over the network: SASL on TLS on every listener, nothing in clear
    assertThat(cluster.getProperty("listener.security.protocol.map")).isEqualTo("CONTROLLER:SASL_SSL,CLIENT:SASL_SSL");
    assertThat(cluster.getProperty("listener.name.client.scram-sha-512.sasl.jaas.config"))
        .contains("password=\"${env:KAFKA_BROKER_PASSWORD}\"");
    Properties client = load(CLUSTER.resolve("kafka/client.properties.template"));
    assertThat(client.getProperty("security.protocol")).isEqualTo("SASL_SSL");
    assertThat(client.getProperty("sasl.mechanism")).isEqualTo(KafkaCredentials.MECHANISM);
    Properties catalog = load(CLUSTER.resolve("catalog-service/catalog.env"));
    assertThat(catalog.getProperty("MESH_GOVERNANCE_KAFKA_CLIENT_CONFIG")).endsWith("/catalog-service.properties");
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
