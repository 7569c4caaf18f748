package org.dnsmesh.governance.rego;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A STAND-IN for an OPA server (no {@code opa} server can be installed here) that evaluates the pushed bundle with
 * a real Rego interpreter ({@link RegoEngine}: opa eval or rego-cpp), never with the embedded evaluator. It speaks
 * the parts of OPA's REST API the mesh uses: {@code PUT /v1/policies/<path>} (a Rego module) and
 * {@code PUT /v1/data/<path>} (a data document) store the bundle's files; {@code POST /v1/data/<path>} with
 * {@code {"input": ...}} answers {@code {"result": ...}}, or {@code {}} when the rule is undefined.
 */
public final class RegoOpaServerStandIn implements AutoCloseable {
  private final RegoEngine engine;
  private final Path bundle;
  private final HttpServer server;
  private final ExecutorService executor = Executors.newSingleThreadExecutor();
  private final List<String> requests = new CopyOnWriteArrayList<>();

  public RegoOpaServerStandIn(RegoEngine engine, Path bundleDirectory) throws IOException {
    this.engine = engine;
    this.bundle = bundleDirectory;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/v1/", this::handle);
    server.setExecutor(executor); // one at a time, like evaluations of one bundle directory
    server.start();
  }

  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Method and path of every request, in order. */
  public List<String> requests() {
    return requests;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getPath();
      byte[] body = exchange.getRequestBody().readAllBytes();
      requests.add(method + " " + path);
      if (method.equals("PUT") && path.startsWith("/v1/policies/") && path.endsWith(".rego")) {
        store(path.substring("/v1/policies/".length()), body);
        send(exchange, 200, "{}");
      } else if (method.equals("PUT") && path.startsWith("/v1/data/")) {
        RegoEngine.JSON.readTree(body); // OPA refuses a document that is not JSON
        store(path.substring("/v1/data/".length()) + "/data.json", body);
        send(exchange, 204, "");
      } else if (method.equals("POST") && path.startsWith("/v1/data/")) {
        JsonNode request = RegoEngine.JSON.readTree(body);
        if (request == null || !request.has("input")) {
          send(exchange, 400, "{\"code\":\"invalid_parameter\",\"message\":\"missing input\"}");
          return;
        }
        String query = "data." + path.substring("/v1/data/".length()).replace('/', '.');
        JsonNode result = engine.evaluate(bundle, query, request.get("input"));
        ObjectNode answer = RegoEngine.JSON.createObjectNode();
        if (result != null) {
          answer.set("result", result);
        }
        send(exchange, 200, RegoEngine.JSON.writeValueAsString(answer));
      } else {
        send(exchange, 404, "{\"code\":\"resource_not_found\"}");
      }
    } catch (IOException | RuntimeException e) {
      send(exchange, 500, "{\"code\":\"internal_error\",\"message\":" + RegoEngine.JSON.writeValueAsString(String.valueOf(e)) + "}");
    }
  }

  private void store(String relative, byte[] content) throws IOException {
    Path target = bundle.resolve(relative).normalize();
    if (!target.startsWith(bundle) || relative.contains("..")) {
      throw new IllegalArgumentException("path outside the bundle: " + relative);
    }
    Files.createDirectories(target.getParent());
    Files.write(target, content);
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      exchange.getResponseBody().write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
