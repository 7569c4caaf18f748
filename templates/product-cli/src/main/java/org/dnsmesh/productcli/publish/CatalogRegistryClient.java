package org.dnsmesh.productcli.publish;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The catalog service's registry API as {@code mesh product publish} uses it, with a bearer token:
 * {@code POST /api/v1/products}, {@code GET|POST /api/v1/products/{domain}/{name}/contracts[/{version}]}.
 * Errors come back as {@link CatalogException} with the catalog's own message.
 */
public final class CatalogRegistryClient {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final String token;
  private final HttpClient http;

  public CatalogRegistryClient(URI base, String token) {
    this.base = Objects.requireNonNull(base, "base");
    this.token = Objects.requireNonNull(token, "token");
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** Registers or updates the product; answers the product as the catalog stored it. */
  public JsonNode registerProduct(Map<String, Object> product) {
    return send("POST", "/api/v1/products", product, 200);
  }

  /** The product as registered ({@code product} of {@code GET /api/v1/products/{domain}/{name}}), if it is. */
  public Optional<JsonNode> product(String domain, String product) {
    HttpResponse<String> response = exchange("GET", "/api/v1/products/" + encode(domain) + "/" + encode(product)
        + "?depth=0", null);
    if (response.statusCode() == 404) {
      return Optional.empty();
    }
    return Optional.of(body(response, 200).path("product"));
  }

  /** The published contract version, if there is one. */
  public Optional<JsonNode> contract(String domain, String product, String version) {
    HttpResponse<String> response = exchange("GET", contractsPath(domain, product) + "/" + encode(version), null);
    if (response.statusCode() == 404) {
      return Optional.empty();
    }
    return Optional.of(body(response, 200));
  }

  public JsonNode publishContract(String domain, String product, String version, String document, String avroSchema) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("version", version);
    body.put("document", document);
    body.put("avroSchema", avroSchema);
    return send("POST", contractsPath(domain, product), body, 201);
  }

  private static String contractsPath(String domain, String product) {
    return "/api/v1/products/" + encode(domain) + "/" + encode(product) + "/contracts";
  }

  private JsonNode send(String method, String path, Object body, int expected) {
    return body(exchange(method, path, body), expected);
  }

  private HttpResponse<String> exchange(String method, String path, Object body) {
    URI uri = base.resolve(path);
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + token).header("Accept", "application/json");
    try {
      if (body == null) {
        request.method(method, HttpRequest.BodyPublishers.noBody());
      } else {
        request.header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
      }
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new CatalogException("cannot reach the catalog service at " + base + " (" + method + " " + path + "): "
          + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
          + ". Is the mesh up (./mesh status)? Point --catalog at it.", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CatalogException("interrupted while calling " + uri, e);
    }
  }

  private JsonNode body(HttpResponse<String> response, int expected) {
    int status = response.statusCode();
    if (status == expected || status / 100 == 2) {
      try {
        return JSON.readTree(response.body());
      } catch (JsonProcessingException e) {
        throw new CatalogException(status, "the catalog answered " + status + " with a body that is not JSON: "
            + e.getOriginalMessage());
      }
    }
    String message = errorMessage(response.body());
    String hint = switch (status) {
      case 401 -> " (the token is missing, expired or not signed by this mesh: get one with ./mesh token publisher-<domain>)";
      case 403 -> " (a product is published by its domain's publisher: ./mesh token publisher-<domain>)";
      default -> "";
    };
    throw new CatalogException(status, response.request().method() + " " + response.request().uri().getPath()
        + " answered " + status + ": " + message + hint);
  }

  private static String errorMessage(String body) {
    try {
      JsonNode error = JSON.readTree(body).path("error");
      if (error.hasNonNull("message")) {
        return error.get("message").asText();
      }
    } catch (JsonProcessingException | IllegalArgumentException e) {
      // not the catalog's error body: show it as it is
    }
    return body == null || body.isBlank() ? "(no body)" : body.strip();
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
