package org.dnsmesh.governance.decision;

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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.dnsmesh.governance.policy.Operation;
import org.dnsmesh.governance.policy.PrincipalName;
import org.dnsmesh.governance.policy.ResourceRef;
import org.dnsmesh.governance.policy.TableRef;

/**
 * A stand-in for an OPA server (no opa binary can be installed here) speaking OPA's Data API:
 * {@code POST /v1/data/<path>} with {@code {"input": ...}} answers {@code {"result": ...}}, or {@code {}}
 * when the rule is undefined, 404 for an unknown path, 400 for a body without input. In {@link Mode#NORMAL}
 * it answers as the embedded decision point would (so the wire format is what is under test).
 */
final class FakeOpaServer implements AutoCloseable {
  enum Mode { NORMAL, UNDEFINED, HTTP_500, SLOW, GARBAGE, WRONG_TYPE }

  private final ObjectMapper json = new ObjectMapper();
  private final PolicyDecisionPoint answers;
  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private volatile Mode mode = Mode.NORMAL;

  FakeOpaServer(PolicyDecisionPoint answers) throws IOException {
    this.answers = answers;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/v1/data/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  URI baseUri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  void mode(Mode mode) {
    this.mode = mode;
  }

  List<String> requests() {
    return requests;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      requests.add(exchange.getRequestMethod() + " " + path + " " + body);
      switch (mode) {
        case HTTP_500 -> {
          send(exchange, 500, "{\"code\":\"internal_error\",\"message\":\"boom\"}");
          return;
        }
        case SLOW -> {
          sleepQuietly(1_500);
          send(exchange, 200, "{\"result\":true}");
          return;
        }
        case GARBAGE -> {
          send(exchange, 200, "<html>not json");
          return;
        }
        case WRONG_TYPE -> {
          send(exchange, 200, "{\"result\":\"yes\"}");
          return;
        }
        case UNDEFINED -> {
          send(exchange, 200, "{}");
          return;
        }
        case NORMAL -> { }
      }
      if (!exchange.getRequestMethod().equals("POST")) {
        send(exchange, 405, "{\"code\":\"method_not_allowed\"}");
        return;
      }
      JsonNode input = json.readTree(body).get("input");
      if (input == null) {
        send(exchange, 400, "{\"code\":\"invalid_parameter\",\"message\":\"missing input\"}");
        return;
      }
      ObjectNode response = json.createObjectNode();
      switch (path) {
        case "/v1/data/dnsmesh/authz/allow" -> response.put("result", answers.authorize(
            PrincipalName.of(input.get("principal").asText()), Operation.fromId(input.get("operation").asText()),
            new ResourceRef(json.convertValue(input.get("resource"), json.getTypeFactory().constructCollectionType(List.class, String.class))))
            .allowed());
        case "/v1/data/dnsmesh/authz/table_access" -> {
          JsonNode table = input.get("table");
          JsonNode result = OpaProtocol.tableAccessResult(json, answers.tableAccess(PrincipalName.of(input.get("principal").asText()),
              new TableRef(table.get(0).asText(), table.get(1).asText(), table.get(2).asText())));
          if (result != null) {
            response.set("result", result);
          }
        }
        default -> { } // OPA answers {} for an undefined document
      }
      send(exchange, 200, response.toString());
    }
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
