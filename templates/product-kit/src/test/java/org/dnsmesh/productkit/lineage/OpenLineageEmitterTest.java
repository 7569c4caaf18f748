package org.dnsmesh.productkit.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Sends real HTTP requests to a small JDK HTTP server standing in for the catalog's lineage receiver. */
class OpenLineageEmitterTest {

  @Test
  void emitsStartCompleteAndFailWithSchemaAndRowCounts() throws Exception {
    List<JsonNode> received = new CopyOnWriteArrayList<>();
    List<String> paths = new CopyOnWriteArrayList<>();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      paths.add(exchange.getRequestURI().getPath());
      received.add(new ObjectMapper().readTree(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
      exchange.sendResponseHeaders(201, -1);
      exchange.close();
    });
    server.start();
    try (OpenLineageEmitter emitter = new OpenLineageEmitter(
        URI.create("http://127.0.0.1:" + server.getAddress().getPort()), "/api/v1/lineage")) {
      LineageRun run = new LineageRun(UUID.randomUUID(), "na", "na-resolver-queries.pipeline",
          List.of(new LineageDataset("kafka", "na.na-resolver-queries.raw", List.of())),
          List.of(new LineageDataset("iceberg://na", "na.resolver_queries",
              List.of(new LineageDataset.Column("event_id", "string", null)))));
      emitter.start(run);
      emitter.complete(run, Map.of("na.resolver_queries", 42L));
      emitter.fail(run, new IllegalStateException("boom"));
    } finally {
      server.stop(0);
    }

    assertThat(paths).containsOnly("/api/v1/lineage");
    assertThat(received).extracting(e -> e.get("eventType").asText()).containsExactly("START", "COMPLETE", "FAIL");
    JsonNode complete = received.get(1);
    assertThat(complete.at("/job/name").asText()).isEqualTo("na-resolver-queries.pipeline");
    assertThat(complete.at("/inputs/0/name").asText()).isEqualTo("na.na-resolver-queries.raw");
    assertThat(complete.at("/outputs/0/facets/schema/fields/0/name").asText()).isEqualTo("event_id");
    assertThat(complete.at("/outputs/0/outputFacets/outputStatistics/rowCount").asLong()).isEqualTo(42);
    assertThat(received.get(2).at("/run/facets/errorMessage/message").asText()).isEqualTo("boom");
    assertThat(received.get(0).at("/run/runId").asText()).isEqualTo(complete.at("/run/runId").asText());
  }

  @Test
  void anUnreachableEndpointDoesNotFailTheRun() throws Exception {
    try (OpenLineageEmitter emitter = new OpenLineageEmitter(URI.create("http://127.0.0.1:9"), "/api/v1/lineage")) {
      emitter.start(new LineageRun(UUID.randomUUID(), "na", "job", List.of(), List.of()));
    }
  }
}
