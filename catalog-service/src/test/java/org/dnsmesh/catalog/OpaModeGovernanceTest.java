package org.dnsmesh.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.dnsmesh.governance.decision.EmbeddedPolicyDecisionPoint;
import org.dnsmesh.governance.decision.OpaProtocol;
import org.dnsmesh.governance.decision.PolicyDecisionPoint;
import org.dnsmesh.governance.policy.MaskExpressions;
import org.dnsmesh.governance.policy.Operation;
import org.dnsmesh.governance.policy.PolicyLoader;
import org.dnsmesh.governance.policy.PrincipalName;
import org.dnsmesh.governance.policy.ResourceRef;
import org.dnsmesh.governance.policy.StaticTableClassifications;
import org.dnsmesh.governance.policy.TableRef;
import org.junit.jupiter.api.Test;

/**
 * With {@code mesh.policy.engine=opa} the change workflow decides through OPA too, and an approved policy is pushed
 * to OPA as the compiled bundle. OPA is a recording stand-in here (no opa server can be installed) that answers
 * the Data API from the shipped policy and accepts the REST pushes; the bundle's evaluation by a real Rego
 * interpreter is governance's {@code OpaDecisionPointOverHttpWithRegoStandInServerTest}.
 */
@QuarkusTest
@TestProfile(OpaModeGovernanceTest.OpaMode.class)
class OpaModeGovernanceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> REQUESTS = new CopyOnWriteArrayList<>();
  /** Quarkus loads this class again for the profile: the first load starts the stand-in, the others find its port. */
  private static final String PORT_PROPERTY = "dnsmeshtest.recording-opa-port";
  private static final int PORT = startOnce();

  private static synchronized int startOnce() {
    String running = System.getProperty(PORT_PROPERTY);
    if (running != null) {
      return Integer.parseInt(running);
    }
    int port = start().getAddress().getPort();
    System.setProperty(PORT_PROPERTY, Integer.toString(port));
    return port;
  }

  /** What the stand-in recorded (asked over HTTP: its list lives in the class loader that started it). */
  private static List<String> recorded() throws IOException, InterruptedException {
    java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + PORT + "/v1/recorded")).GET().build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    return JSON.readValue(response.body(), JSON.getTypeFactory().constructCollectionType(List.class, String.class));
  }

  public static class OpaMode extends CopiedPolicyProfile {
    public OpaMode() {
      super("opa-mode-test");
    }

    @Override
    public Map<String, String> getConfigOverrides() {
      Map<String, String> config = new HashMap<>(super.getConfigOverrides());
      config.put("mesh.policy.engine", "opa");
      config.put("mesh.policy.opa.url", "http://127.0.0.1:" + PORT);
      config.put("mesh.policy.opa.timeout", "5s");
      config.put("mesh.policy.cache.ttl", "0s");
      return config;
    }
  }

  private static HttpServer start() {
    PolicyDecisionPoint answers = new EmbeddedPolicyDecisionPoint(PolicyLoader.load(CatalogTestEnvironment.POLICY_FILE),
        new StaticTableClassifications(List.of()), new MaskExpressions());
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext("/v1/", exchange -> answer(exchange, answers));
      server.start();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void answer(HttpExchange exchange, PolicyDecisionPoint answers) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      JsonNode body = exchange.getRequestMethod().equals("POST") ? JSON.readTree(exchange.getRequestBody()) : null;
      if (path.equals("/v1/recorded")) {
        byte[] bytes = JSON.writeValueAsBytes(List.copyOf(REQUESTS));
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        return;
      }
      ObjectNode response = JSON.createObjectNode();
      if (body != null && path.equals("/v1/data/dnsmesh/authz/allow")) {
        JsonNode input = body.get("input");
        REQUESTS.add("allow " + input.get("principal").asText() + " " + input.get("operation").asText());
        response.put("result", answers.authorize(PrincipalName.of(input.get("principal").asText()),
            Operation.fromId(input.get("operation").asText()),
            new ResourceRef(JSON.convertValue(input.get("resource"), JSON.getTypeFactory().constructCollectionType(List.class, String.class))))
            .allowed());
      } else if (body != null && path.equals("/v1/data/dnsmesh/authz/table_access")) {
        JsonNode input = body.get("input");
        JsonNode table = input.get("table");
        JsonNode result = OpaProtocol.tableAccessResult(JSON, answers.tableAccess(PrincipalName.of(input.get("principal").asText()),
            new TableRef(table.get(0).asText(), table.get(1).asText(), table.get(2).asText())));
        if (result != null) {
          response.set("result", result);
        }
      } else {
        exchange.getRequestBody().readAllBytes();
        REQUESTS.add(exchange.getRequestMethod() + " " + path);
      }
      byte[] bytes = response.toString().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, bytes.length);
      exchange.getResponseBody().write(bytes);
    }
  }

  @Test
  void workflowDecisionsGoToOpaAndTheApprovedPolicyIsPushedAsABundle() throws Exception {
    String shipped = Files.readString(CatalogTestEnvironment.POLICY_FILE, StandardCharsets.UTF_8);
    String document = shipped.replace("\nversion: 1\n", "\nversion: 2\n")
        .replace("\ngrants:\n", "\ngrants:\n  - to: {principal: publisher-eu}\n    on: [na]\n    privileges: [read]\n");

    given().auth().oauth2(DevTokens.of("governance")).contentType("application/yaml").body(document.getBytes(StandardCharsets.UTF_8))
        .when().post("/api/v1/policy/changes").then().statusCode(403);
    String id = given().auth().oauth2(DevTokens.of("root")).contentType("application/yaml").body(document.getBytes(StandardCharsets.UTF_8))
        .when().post("/api/v1/policy/changes").then().statusCode(201).extract().jsonPath().getString("id");
    assertThat(recorded()).contains("allow governance update-policy", "allow root update-policy");

    given().auth().oauth2(DevTokens.of("governance")).contentType("application/json").body(Map.of("comment", "ok"))
        .when().post("/api/v1/changes/" + id + "/approve").then().statusCode(200)
        .body("state", equalTo("PUBLISHED"))
        .body("application.policy", containsString("bundle pushed to OPA"));
    assertThat(recorded()).contains("PUT /v1/data/dnsmesh/policy", "PUT /v1/policies/dnsmesh/authz/authz.rego",
        "PUT /v1/policies/dnsmesh/trino/trino.rego");
  }
}
