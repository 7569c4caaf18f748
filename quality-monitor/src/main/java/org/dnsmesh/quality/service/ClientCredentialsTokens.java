package org.dnsmesh.quality.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The monitor's own bearer token, obtained with its OAuth2 client credentials ({@code <client>:<secret>}, the
 * Iceberg {@code credential} form) from the catalog's token endpoint and fetched again once 80% of its lifetime
 * has passed, so the monitor holds a secret, never a long-lived token. The same token goes to the registry, the
 * lineage endpoint and Trino. Thread-safe.
 */
public final class ClientCredentialsTokens implements Supplier<String> {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI endpoint;
  private final String clientId;
  private final String secret;
  private final HttpClient http;
  private final Clock clock;
  private String token;
  private Instant renewAt = Instant.MIN;

  public ClientCredentialsTokens(URI endpoint, String credential, Clock clock) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    int colon = credential == null ? -1 : credential.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("credential must be <client id>:<secret>");
    }
    this.clientId = credential.substring(0, colon);
    this.secret = credential.substring(colon + 1);
    this.clock = Objects.requireNonNull(clock, "clock");
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  }

  @Override
  public synchronized String get() {
    Instant now = clock.instant();
    if (token == null || !now.isBefore(renewAt)) {
      fetch(now);
    }
    return token;
  }

  private void fetch(Instant now) {
    String form = "grant_type=client_credentials&scope=catalog&client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
        + "&client_secret=" + URLEncoder.encode(secret, StandardCharsets.UTF_8);
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(10))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        // the body names the OAuth2 error; it never holds the secret
        throw new IllegalStateException("token endpoint " + endpoint + " refused client '" + clientId + "': HTTP "
            + response.statusCode() + " " + response.body());
      }
      JsonNode body = JSON.readTree(response.body());
      token = body.path("access_token").asText();
      long expiresIn = body.path("expires_in").asLong(60);
      renewAt = now.plusMillis(expiresIn * 800); // 80% of the lifetime
    } catch (IOException e) {
      throw new UncheckedIOException("token endpoint " + endpoint + " unreachable: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while fetching a token from " + endpoint, e);
    }
  }
}
