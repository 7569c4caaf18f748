package org.dnsmesh.quality.service;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.dnsmesh.quality.store.Heartbeat;
import org.dnsmesh.quality.store.HeartbeatStore;

/**
 * {@code GET /metrics} (Prometheus text) and {@code GET /health} (503 when this instance's heartbeat is stale,
 * i.e. the monitor stopped checking).
 */
final class HttpEndpoint implements AutoCloseable {
  private final HttpServer server;

  HttpEndpoint(int port, PrometheusMeterRegistry registry, HeartbeatStore heartbeats, String instance,
      Duration pollInterval, Clock clock) throws IOException {
    // loopback only, like every other service of the local stack
    server = HttpServer.create(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port), 0);
    server.createContext("/metrics", exchange -> send(exchange, 200, registry.scrape()));
    server.createContext("/health", exchange -> {
      Optional<Heartbeat> last;
      try {
        last = heartbeats.last(instance);
      } catch (RuntimeException e) {
        send(exchange, 503, "{\"status\":\"DOWN\",\"reason\":\"history store unreachable\"}");
        return;
      }
      boolean stale = last.map(h -> h.isStale(clock.instant(), pollInterval)).orElse(true);
      String body = "{\"status\":\"" + (stale ? "STALE" : "UP") + "\",\"lastCycleFinishedAt\":"
          + last.map(h -> "\"" + h.cycleFinishedAt() + "\"").orElse("null") + "}";
      send(exchange, stale ? 503 : 200, body);
    });
    server.start();
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(1);
  }
}
