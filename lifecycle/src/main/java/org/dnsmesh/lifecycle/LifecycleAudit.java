package org.dnsmesh.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Records each lifecycle pass in the governance audit log through the catalog service
 * ({@code POST /api/v1/lifecycle/runs}, allowed to principals that manage the table): the entry's actor is the
 * token's principal, its subject the table, its details the {@link TableReport#auditDetails()} and the run id.
 * Returns the audit entry's sequence number.
 */
public final class LifecycleAudit {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI catalog;
  private final Supplier<String> token;

  public LifecycleAudit(URI catalog, Supplier<String> token) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.token = Objects.requireNonNull(token, "token");
  }

  public long record(UUID runId, TableReport report) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("runId", runId.toString());
    body.put("table", report.table().toString());
    body.put("details", report.auditDetails());
    try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
      HttpRequest request = HttpRequest.newBuilder(catalog.resolve("/api/v1/lifecycle/runs"))
          .header("Authorization", "Bearer " + token.get()).header("Content-Type", "application/json")
          .timeout(Duration.ofSeconds(30))
          .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8)).build();
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        throw new LifecycleException("the audit log refused the lifecycle run of " + report.table() + " (HTTP "
            + response.statusCode() + "): " + response.body());
      }
      JsonNode entry = JSON.readTree(response.body());
      return entry.path("sequence").asLong(-1);
    } catch (IOException e) {
      throw new LifecycleException("recording the lifecycle run of " + report.table() + " in the audit log failed: "
          + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LifecycleException("interrupted while recording the lifecycle run of " + report.table(), e);
    }
  }
}
