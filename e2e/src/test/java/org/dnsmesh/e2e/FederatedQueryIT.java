package org.dnsmesh.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.dnsmesh.infra.demo.DemoData;
import org.dnsmesh.infra.stack.EphemeralKafka;
import org.dnsmesh.infra.stack.MeshStack;
import org.dnsmesh.infra.stack.PostgresDatabase;
import org.dnsmesh.infra.stack.Ports;
import org.dnsmesh.infra.stack.StackConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The walking skeleton, end to end on the real stack: tables created through the catalog service's Iceberg
 * REST API in two domains, rows written with the Iceberg Java API, read back by Trino in one cross-catalog
 * join, and every process stopped at the end.
 */
@Tag("e2e")
class FederatedQueryIT {
  private static StackConfig config;
  private static MeshStack stack;
  private static Duration startTime;

  @BeforeAll
  static void up() throws Exception {
    Path state = Files.createTempDirectory("dnsmesh-e2e-");
    config = StackConfig.fromEnvironment(EphemeralKafka.projectHome())
        .withStateDir(state)
        .withDatabase("dnsmesh_test_e2e")
        .withPorts(Ports.findFree(), Ports.findFree(), Ports.findFree(), Ports.findFree());
    new PostgresDatabase(config.postgres()).dropDatabase();
    stack = new MeshStack(config, message -> System.out.println("[mesh] " + message));
    startTime = stack.up();
    System.out.printf("[mesh] stack ready in %.1f s%n", startTime.toMillis() / 1000.0);
  }

  @AfterAll
  static void down() {
    if (stack == null) {
      return;
    }
    List<String> stopped = stack.down();
    System.out.println("[mesh] stopped " + stopped);
    assertThat(stack.status()).allSatisfy(status -> assertThat(status.pid()).isNull());
    assertThat(Ports.isFree(config.trinoPort())).isTrue();
    assertThat(Ports.isFree(config.catalogPort())).isTrue();
    assertThat(Ports.isFree(config.kafkaPort())).isTrue();
  }

  @Test
  void rowsWrittenInTwoDomainsJoinInOneTrinoQuery() throws Exception {
    // the demo seeder writes through the catalog's Iceberg REST API as publisher-na and publisher-eu
    assertThat(new DemoData(config, stack.tokens()).seed()).containsExactly("na.resolver.queries",
        "eu.authoritative.zones");
    assertThat(new DemoData(config, stack.tokens()).seed()).as("seeding twice writes nothing").isEmpty();

    Properties properties = new Properties();
    properties.setProperty("user", "e2e-analyst");
    Map<String, List<Object>> result = new LinkedHashMap<>();
    try (Connection trino = DriverManager.getConnection(config.trinoJdbcUrl(), properties);
        Statement statement = trino.createStatement();
        ResultSet rows = statement.executeQuery(DemoData.SAMPLE_QUERY)) {
      while (rows.next()) {
        result.put(rows.getString("operator"), List.of(rows.getBoolean("dnssec_signed"), rows.getLong("queries"),
            rows.getLong("nxdomain"), rows.getInt("max_latency_ms")));
      }
    }
    assertThat(result).containsExactly(
        Map.entry("ops-eu-1", List.of(true, 3L, 1L, 31)),
        Map.entry("ops-eu-2", List.of(false, 3L, 2L, 50)));
  }

  @Test
  void catalogRefusesAnonymousCallersAndAnalystWrites() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(
        URI.create(config.icebergRestUrl() + "/v1/na/namespaces")).GET().build(), BodyHandlers.ofString());
    assertThat(anonymous.statusCode()).isEqualTo(401);

    String analyst = stack.tokens().mint("analyst", List.of("analyst"), List.of(), Duration.ofMinutes(5));
    HttpResponse<String> write = http.send(HttpRequest.newBuilder(
            URI.create(config.icebergRestUrl() + "/v1/na/namespaces"))
        .header("Authorization", "Bearer " + analyst)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"namespace\":[\"analyst_scratch\"]}")).build(),
        BodyHandlers.ofString());
    assertThat(write.statusCode()).isEqualTo(403);
    assertThat(write.body()).contains("\"error\"");

    HttpResponse<String> read = http.send(HttpRequest.newBuilder(
            URI.create(config.icebergRestUrl() + "/v1/na/namespaces"))
        .header("Authorization", "Bearer " + analyst).GET().build(), BodyHandlers.ofString());
    assertThat(read.statusCode()).isEqualTo(200);
  }
}
