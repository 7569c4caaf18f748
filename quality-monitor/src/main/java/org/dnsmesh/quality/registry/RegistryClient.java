package org.dnsmesh.quality.registry;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The catalog service's public registry API, as far as the monitor reads it: active products with their output
 * tables, a product's published contract versions and one version's ODCS document. Every call carries the
 * monitor's bearer token; an answer other than 200 is an {@link IOException} naming the call and the status.
 */
public final class RegistryClient {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final Supplier<String> token;
  private final Duration timeout;
  private final HttpClient http;

  /** @param base the catalog service, e.g. {@code http://127.0.0.1:8181} */
  public RegistryClient(URI base, Supplier<String> token, Duration timeout) {
    this.base = Objects.requireNonNull(base, "base");
    this.token = Objects.requireNonNull(token, "token");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /** An output port: an Iceberg table {@code namespace.table} in the product's domain (its warehouse). */
  public record OutputTable(String namespace, String table) {
    public OutputTable {
      Objects.requireNonNull(namespace, "namespace");
      Objects.requireNonNull(table, "table");
    }
  }

  public record ProductRef(String domain, String name, List<OutputTable> outputTables) {
    public ProductRef {
      Objects.requireNonNull(domain, "domain");
      Objects.requireNonNull(name, "name");
      outputTables = List.copyOf(outputTables);
    }

    /** The monitor's product id: {@code <domain>.<name>}. */
    public String id() {
      return domain + "." + name;
    }
  }

  /** Every product with status {@code active} (up to 500, the API's page limit). */
  public List<ProductRef> activeProducts() throws IOException, InterruptedException {
    JsonNode products = get("/api/v1/products?status=active&limit=500");
    if (!products.isArray()) {
      throw new IOException("GET /api/v1/products: expected a JSON array, got " + products.getNodeType());
    }
    List<ProductRef> result = new ArrayList<>();
    for (JsonNode product : products) {
      List<OutputTable> tables = new ArrayList<>();
      for (JsonNode port : product.path("outputPorts")) {
        tables.add(new OutputTable(port.path("namespace").asText(), port.path("table").asText()));
      }
      result.add(new ProductRef(product.path("domain").asText(), product.path("name").asText(), tables));
    }
    return result;
  }

  /** The published contract versions of a product, as the product page lists them. */
  public List<String> contractVersions(String domain, String product) throws IOException, InterruptedException {
    JsonNode page = get("/api/v1/products/" + segment(domain) + "/" + segment(product) + "?depth=0");
    List<String> versions = new ArrayList<>();
    page.path("contracts").forEach(contract -> versions.add(contract.path("version").asText()));
    return versions;
  }

  /** The ODCS document of one published contract version, as published. */
  public String contractDocument(String domain, String product, String version) throws IOException, InterruptedException {
    JsonNode contract = get("/api/v1/products/" + segment(domain) + "/" + segment(product) + "/contracts/"
        + segment(version));
    JsonNode document = contract.path("document");
    if (!document.isTextual()) {
      throw new IOException("contract " + version + " of " + domain + "." + product + " has no document");
    }
    return document.asText();
  }

  private JsonNode get(String pathAndQuery) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(timeout)
        .header("Authorization", "Bearer " + token.get())
        .header("Accept", "application/json")
        .GET().build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("GET " + base.resolve(pathAndQuery) + " answered " + response.statusCode() + ": "
          + abbreviate(response.body()));
    }
    return JSON.readTree(response.body());
  }

  private static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String abbreviate(String body) {
    return body.length() > 300 ? body.substring(0, 300) + "..." : body;
  }
}
