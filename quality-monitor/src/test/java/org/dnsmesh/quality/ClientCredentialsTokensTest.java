package org.dnsmesh.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.dnsmesh.quality.service.ClientCredentialsTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The monitor's tokens against a real HTTP token endpoint: fetched with the secret, renewed before expiry. */
class ClientCredentialsTokensTest {
  private HttpServer server;
  private final List<String> forms = new CopyOnWriteArrayList<>();
  private final AtomicInteger status = new AtomicInteger(200);
  private final AtomicInteger issued = new AtomicInteger();
  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-07T10:00:00Z"));
  private URI endpoint;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/iceberg/v1/oauth/tokens", exchange -> {
      forms.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      byte[] body = (status.get() == 200
          ? "{\"access_token\":\"t" + issued.incrementAndGet() + "\",\"token_type\":\"bearer\",\"expires_in\":3600}"
          : "{\"error\":\"invalid_client\"}").getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status.get(), body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/iceberg/v1/oauth/tokens");
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private Clock clock() {
    return new Clock() {
      @Override
      public java.time.ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return now.get();
      }
    };
  }

  @Test
  void fetchesOnceThenRenewsAfterFourFifthsOfTheLifetime() {
    ClientCredentialsTokens tokens = new ClientCredentialsTokens(endpoint, "quality-monitor:s3cret:with-colon", clock());
    assertThat(tokens.get()).isEqualTo("t1");
    assertThat(forms).singleElement().asString().contains("grant_type=client_credentials")
        .contains("client_id=quality-monitor").contains("client_secret=s3cret%3Awith-colon");
    now.set(now.get().plus(Duration.ofMinutes(47)));
    assertThat(tokens.get()).as("still within 80% of an hour").isEqualTo("t1");
    now.set(now.get().plus(Duration.ofMinutes(2)));
    assertThat(tokens.get()).as("renewed after 48 minutes").isEqualTo("t2");
    assertThat(forms).hasSize(2);
  }

  @Test
  void aRefusedSecretFailsWithoutEchoingIt() {
    status.set(401);
    ClientCredentialsTokens tokens = new ClientCredentialsTokens(endpoint, "quality-monitor:wrong-secret", clock());
    assertThatThrownBy(tokens::get).hasMessageContaining("HTTP 401").hasMessageContaining("invalid_client")
        .hasMessageNotContaining("wrong-secret");
  }
}
