package org.dnsmesh.quality.lineage;

import io.openlineage.client.OpenLineage;
import io.openlineage.client.OpenLineageClientUtils;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;

/** POSTs run events as JSON to an OpenLineage HTTP endpoint, e.g. the catalog's {@code /api/v1/lineage}. */
public final class HttpLineagePublisher implements LineagePublisher {
  private final HttpClient client;
  private final URI endpoint;
  private final Duration timeout;
  private final java.util.function.Supplier<java.util.Optional<String>> token;

  public HttpLineagePublisher(URI endpoint, Duration timeout) {
    this(endpoint, timeout, java.util.Optional.empty());
  }

  /** @param token bearer token sent with every event (the catalog authenticates every API call) */
  public HttpLineagePublisher(URI endpoint, Duration timeout, java.util.Optional<String> token) {
    this(endpoint, timeout, () -> token);
    Objects.requireNonNull(token, "token");
  }

  /** @param token the current bearer token, asked for each event (short-lived tokens are renewed) */
  public HttpLineagePublisher(URI endpoint, Duration timeout,
      java.util.function.Supplier<java.util.Optional<String>> token) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.token = Objects.requireNonNull(token, "token");
    this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  @Override
  public void emit(OpenLineage.RunEvent event) throws IOException, InterruptedException {
    HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint).timeout(timeout)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(OpenLineageClientUtils.toJson(event)));
    token.get().ifPresent(jwt -> builder.header("Authorization", "Bearer " + jwt));
    HttpRequest request = builder.build();
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IOException("lineage endpoint " + endpoint + " answered " + response.statusCode() + ": " + response.body());
    }
  }
}
