package org.dnsmesh.governance.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.dnsmesh.governance.decision.OpaProtocol;
import org.dnsmesh.governance.decision.PolicyDecisionPoint;
import org.dnsmesh.governance.policy.Operation;
import org.dnsmesh.governance.policy.PrincipalName;
import org.dnsmesh.governance.policy.ResourceRef;
import org.dnsmesh.governance.policy.TableRef;

/**
 * OPA's Data API on loopback, answered by a {@link PolicyDecisionPoint} in this JVM: {@code POST /v1/data/<rule>}
 * with {@code {"input": ...}} answers {@code {"result": ...}}, {@code {}} for an undefined rule, 400 for a body
 * without input, 405 for another method. No {@code opa} can be installed here, so this stands in for one wherever
 * the wire is what is measured or tested (the decision bench's REST peer, the OPA decision point's tests): the
 * answers are the embedded evaluator's, so what differs from an embedded decision is the transport alone.
 */
public class OpaDataApiServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final PolicyDecisionPoint answers;
  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();

  public OpaDataApiServer(PolicyDecisionPoint answers) throws IOException {
    this.answers = answers;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/v1/data/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** A subclass may answer a request itself (a test's failure modes); {@code true} when it did. */
  protected boolean intercept(HttpExchange exchange, String path, String body) throws IOException {
    return false;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      if (intercept(exchange, path, body)) {
        return;
      }
      if (!exchange.getRequestMethod().equals("POST")) {
        send(exchange, 405, "{\"code\":\"method_not_allowed\"}");
        return;
      }
      JsonNode input = JSON.readTree(body).get("input");
      if (input == null) {
        send(exchange, 400, "{\"code\":\"invalid_parameter\",\"message\":\"missing input\"}");
        return;
      }
      send(exchange, 200, answer(path, input).toString());
    }
  }

  private ObjectNode answer(String path, JsonNode input) {
    ObjectNode response = JSON.createObjectNode();
    PrincipalName principal = PrincipalName.of(input.get("principal").asText());
    switch (path) {
      case "/v1/data/dnsmesh/authz/allow" -> response.put("result", answers.authorize(principal,
          Operation.fromId(input.get("operation").asText()), new ResourceRef(JSON.convertValue(input.get("resource"),
              JSON.getTypeFactory().constructCollectionType(List.class, String.class)))).allowed());
      case "/v1/data/dnsmesh/authz/table_access" -> {
        JsonNode table = input.get("table");
        JsonNode result = OpaProtocol.tableAccessResult(JSON, answers.tableAccess(principal,
            new TableRef(table.get(0).asText(), table.get(1).asText(), table.get(2).asText())));
        if (result != null) {
          response.set("result", result);
        }
      }
      default -> { } // OPA answers {} for an undefined document
    }
    return response;
  }

  protected static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
