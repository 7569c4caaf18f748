package org.dnsmesh.infra.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import org.dnsmesh.infra.stack.DevTokens;
import org.dnsmesh.infra.stack.MeshStack;
import org.dnsmesh.infra.stack.StackException;
import org.dnsmesh.infra.stack.StackLayout;
import picocli.CommandLine.Option;

/**
 * How a command reaches the catalog service's API: its URL (the running mesh's by default) and a token
 * ({@code --token}, {@code MESH_TOKEN}, or {@code --as <principal>}, minted with the local mesh's dev key as
 * {@code mesh token} does). A picocli mixin shared by {@code mesh change} and {@code mesh audit}.
 */
final class CatalogConnection {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Option(names = "--catalog", paramLabel = "URL",
      description = "Catalog service URL (default: the running mesh's, http://127.0.0.1:8181).")
  String catalog;

  @Option(names = "--token", paramLabel = "JWT", description = "Bearer token (default: $MESH_TOKEN).")
  String token;

  @Option(names = "--as", paramLabel = "PRINCIPAL",
      description = "Act as this demo principal of the local mesh (a token is minted like `mesh token` does).")
  String principal;

  /** A refusal by the service (4xx): exit code 1 with its message. */
  static final class Refused extends RuntimeException {
    final int status;

    Refused(int status, String message) {
      super(message);
      this.status = status;
    }
  }

  String baseUrl() {
    if (catalog != null && !catalog.isBlank()) {
      return catalog.replaceAll("/+$", "");
    }
    return MeshStack.recorded(MeshCli.config()).catalogUrl();
  }

  String bearer() {
    if (token != null && !token.isBlank()) {
      return token;
    }
    if (principal != null && !principal.isBlank()) {
      StackLayout layout = MeshStack.recorded(MeshCli.config()).layout();
      if (!Files.exists(layout.jwtPrivateKey())) {
        throw new StackException("No signing key yet (" + layout.jwtPrivateKey() + "): run ./mesh up first, or pass --token.");
      }
      TokenCommand.DemoPrincipal demo = TokenCommand.DemoPrincipal.resolve(MeshCli.config().policyFile(), principal);
      return new DevTokens(layout.jwtPrivateKey(), layout.jwtPublicKey())
          .mint(demo.name(), demo.roles(), demo.domains(), Duration.ofMinutes(15));
    }
    String environment = System.getenv("MESH_TOKEN");
    if (environment != null && !environment.isBlank()) {
      return environment;
    }
    throw new StackException("No token: pass --token JWT, set MESH_TOKEN, or use --as <principal> (e.g. --as steward-na)");
  }

  JsonNode get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET());
  }

  JsonNode post(String path, String contentType, String body) {
    return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
  }

  JsonNode postJson(String path, Object body) {
    try {
      return post(path, "application/json", JSON.writeValueAsString(body));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static String query(String name, String value) {
    return value == null ? "" : name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private URI uri(String path) {
    return URI.create(baseUrl() + path);
  }

  private JsonNode send(HttpRequest.Builder request) {
    String base = baseUrl();
    HttpRequest built = request.header("Authorization", "Bearer " + bearer()).header("Accept", "application/json")
        .timeout(Duration.ofSeconds(60)).build();
    HttpResponse<String> response;
    try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
      response = http.send(built, HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException e) {
      throw new StackException("The catalog service at " + base + " does not answer: is the mesh up (./mesh status)?");
    } catch (IOException e) {
      throw new StackException("Calling the catalog service at " + base + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StackException("Interrupted while calling the catalog service");
    }
    JsonNode body = parse(response.body());
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return body;
    }
    String message = body.path("error").path("message").asText(response.body().isBlank() ? "HTTP " + status : response.body());
    if (status >= 500) {
      throw new StackException("The catalog service failed (HTTP " + status + "): " + message);
    }
    throw new Refused(status, message + " (HTTP " + status + ")");
  }

  private static JsonNode parse(String text) {
    if (text == null || text.isBlank()) {
      return JSON.createObjectNode();
    }
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      return JSON.createObjectNode().put("text", text);
    }
  }

  static String pretty(JsonNode node) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return node.toString();
    }
  }
}
