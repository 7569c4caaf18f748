package org.dnsmesh.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dnsmesh.infra.demo.DemoData;
import org.dnsmesh.infra.stack.EphemeralKafka;
import org.dnsmesh.infra.stack.MeshStack;
import org.dnsmesh.infra.stack.PostgresDatabase;
import org.dnsmesh.infra.stack.StackConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * On the real stack: a contract change approved through the workflow changes what Trino returns, without
 * restarting Trino. The first contract of na/resolver makes qname public, so the analyst ana, who saw it
 * NULL under the demo classifications, sees it in clear once steward and governance approved.
 */
@Tag("e2e")
class GovernanceTrinoIT {
  private static StackConfig config;
  private static MeshStack stack;

  @BeforeAll
  static void up() throws Exception {
    config = StackConfig.fromEnvironment(EphemeralKafka.projectHome())
        .withStateDir(Files.createTempDirectory("dnsmesh-e2e-governance-"))
        .withDatabase("dnsmesh_test_e2e_governance")
        .withFreePorts();
    new PostgresDatabase(config.postgres()).dropDatabase();
    stack = new MeshStack(config, message -> System.out.println("[mesh] " + message));
    stack.up();
    new DemoData(config, stack.tokens()).seed();
  }

  @AfterAll
  static void down() {
    if (stack != null) {
      stack.down();
      assertThat(stack.status()).allSatisfy(status -> assertThat(status.pid()).isNull());
    }
  }

  private static String token(String principal, String role, List<String> domains) {
    return stack.tokens().mint(principal, List.of(role), domains, Duration.ofMinutes(10));
  }

  private static List<List<Object>> query(String principal, String role, String sql) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("accessToken", token(principal, role, List.of()));
    List<List<Object>> rows = new ArrayList<>();
    try (Connection trino = DriverManager.getConnection(config.trinoJdbcUrl(), properties);
        Statement statement = trino.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      while (result.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= result.getMetaData().getColumnCount(); i++) {
          row.add(result.getObject(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  private static HttpResponse<String> call(String token, String path, String contentType, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(config.catalogUrl() + path))
        .header("Authorization", "Bearer " + token).header("Content-Type", contentType);
    return HttpClient.newHttpClient().send(request.POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static long trinoPid() {
    return stack.status().stream().filter(s -> s.name().startsWith("Trino")).findFirst().orElseThrow().pid();
  }

  @Test
  void approvedContractChangeTakesEffectInTrinoWithoutRestart() throws Exception {
    String sql = "SELECT client_ip, qname FROM na.resolver.queries ORDER BY ts";
    List<Object> masked = new ArrayList<>();
    masked.add("192.0.2.0");
    masked.add(null);
    assertThat(query("ana", "analyst", sql)).as("demo classifications: qname internal -> NULL for analysts")
        .containsExactly(masked, masked);
    long pid = trinoPid();

    String alice = token("alice", "publisher", List.of("na"));
    assertThat(call(alice, "/api/v1/products", "application/json",
        "{\"domain\":\"na\",\"name\":\"resolver\",\"outputPorts\":[{\"namespace\":\"resolver\",\"table\":\"queries\"}]}")
        .statusCode()).isEqualTo(200);
    String contract;
    try (InputStream in = getClass().getResourceAsStream("/governance/na-resolver-1.0.0.yaml")) {
      contract = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    HttpResponse<String> proposed = call(alice, "/api/v1/products/na/resolver/changes", "application/yaml", contract);
    assertThat(proposed.statusCode()).as(proposed.body()).isEqualTo(201);
    Matcher id = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"").matcher(proposed.body());
    assertThat(id.find()).isTrue();
    String approve = "/api/v1/changes/" + id.group(1) + "/approve";
    assertThat(call(token("nora", "steward", List.of("na")), approve, "application/json", "{\"comment\":\"ok\"}").body())
        .contains("\"state\":\"SUBMITTED\"");
    HttpResponse<String> published = call(token("grace", "governance", List.of()), approve, "application/json",
        "{\"comment\":\"qname may be public\"}");
    assertThat(published.body()).contains("\"state\":\"PUBLISHED\"").contains("\"rulesRegenerated\":true");

    long start = System.nanoTime();
    List<List<Object>> rows = query("ana", "analyst", sql);
    while (rows.getFirst().get(1) == null && System.nanoTime() - start < Duration.ofSeconds(30).toNanos()) {
      Thread.sleep(500);
      rows = query("ana", "analyst", sql);
    }
    System.out.printf("[mesh] approved change visible in Trino after %.1f s%n", (System.nanoTime() - start) / 1e9);
    assertThat(rows).as("qname public now; client_ip still cut to /24; rows still filtered to region eu")
        .containsExactly(List.of("192.0.2.0", "x1.example.org"), List.of("192.0.2.0", "api.example.net"));
    assertThat(trinoPid()).as("same Trino process").isEqualTo(pid);
  }
}
