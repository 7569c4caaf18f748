package org.dnsmesh.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.dnsmesh.infra.stack.MeshStack;
import org.dnsmesh.infra.stack.StackConfig;
import org.dnsmesh.infra.stack.TrinoSql;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 19 (4), on the real stack: an analyst's query through Trino reaches the catalog through Trino's own
 * OpenLineage listener and shows its reader as a consumer of the table to the table's steward, not to others; the
 * listener's key is owner-only, changes per start, and cannot make the receiver record a read Trino never saw.
 */
@Tag("e2e")
@ExtendWith(SharedStack.class)
@Order(SharedStack.ORDER)
class QueryLineageIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static StackConfig config;
  private static MeshStack stack;

  @BeforeAll
  static void up() {
    config = SharedStack.config();
    stack = SharedStack.stack();
  }

  private static String token(String principal, String role) {
    return stack.tokens().mint(principal, List.of(role), List.of(), Duration.ofMinutes(10));
  }

  private static HttpResponse<String> get(String principal, String role, String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(config.catalogUrl() + path))
        .header("Authorization", "Bearer " + token(principal, role)).GET().build(), BodyHandlers.ofString());
  }

  /** na.resolver.queries' consumers as the caller sees them (none on 403). */
  private static List<JsonNode> consumersAsSeenBy(String principal, String role) throws Exception {
    HttpResponse<String> answer = get(principal, role, "/api/v1/lineage/consumers?namespace=na&name=resolver.queries");
    assertThat(answer.statusCode()).as(principal + ": " + answer.body()).isIn(200, 403);
    List<JsonNode> consumers = new ArrayList<>();
    if (answer.statusCode() == 200) {
      JSON.readTree(answer.body()).forEach(consumers::add);
    }
    return consumers;
  }

  /** The principals among na.resolver.queries' consumers as the caller sees them (none on 403). */
  private static List<String> consumersSeenBy(String principal, String role) throws Exception {
    return consumersAsSeenBy(principal, role).stream().filter(consumer -> consumer.hasNonNull("principal"))
        .map(consumer -> consumer.get("principal").asText()).toList();
  }

  /**
   * Whether the caller sees {@code reader} reading na.resolver.queries at or after {@code since}. Other classes on the
   * shared stack query that table as ana too, so "ana is a consumer" alone would prove nothing: the read must be one
   * made after {@code since}.
   */
  private static boolean readSince(String principal, String role, String reader, Instant since) throws Exception {
    return consumersAsSeenBy(principal, role).stream().anyMatch(consumer ->
        reader.equals(consumer.path("principal").asText(null)) && consumer.hasNonNull("lastSeen")
            && !Instant.parse(consumer.get("lastSeen").asText()).isBefore(since));
  }

  private static HttpResponse<String> postEvent(String key, String body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(config.catalogUrl() + "/api/v1/lineage/trino"))
        .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), BodyHandlers.ofString());
  }

  private static String currentKey() throws Exception {
    return Files.readString(config.layout().trinoLineageKey()).strip();
  }

  @Test
  void anAnalystsQueryShowsAsAConsumerToTheTablesStewardWithinSeconds() throws Exception {
    // Trino's event carries the query's own times; the catalog may keep them to the second
    Instant before = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    assertThat(readSince("nora", "steward", "ana", before)).as("before the query").isFalse();
    long started = System.nanoTime();
    assertThat(TrinoSql.rows(config, token("ana", "analyst"), "SELECT count(*) FROM na.resolver.queries")).hasSize(1);
    long answered = System.nanoTime();
    boolean seen = false;
    while (System.nanoTime() - answered < Duration.ofSeconds(60).toNanos() && !seen) {
      Thread.sleep(200);
      seen = readSince("nora", "steward", "ana", before);
    }
    double seconds = (System.nanoTime() - answered) / 1e9;
    System.out.printf("[QueryLineageIT] ana's query answered after %.2f s; visible to the na steward as a consumer "
        + "%.2f s after the answer%n", (answered - started) / 1e9, seconds);
    assertThat(seen).as("the na steward sees ana reading na.resolver.queries").isTrue();
    // seconds on an idle machine; the bound leaves room for a loaded CI host (Trino's listener times out at 10 s)
    assertThat(seconds).isLessThan(15);

    JsonNode graph = JSON.readTree(get("nora", "steward",
        "/api/v1/lineage?type=dataset&namespace=na&name=resolver.queries&direction=downstream").body());
    List<String> edges = new ArrayList<>();
    graph.path("edges").forEach(edge -> edges.add(edge.path("from").asText() + " -> " + edge.path("to").asText()));
    assertThat(edges).contains("dataset:na:resolver.queries -> job:trino:ana");

    assertThat(consumersSeenBy("publisher-na", "publisher")).as("the product's owner").contains("ana");
    for (String[] other : new String[][] {{"li", "analyst"}, {"analyst", "analyst"}, {"sofia", "steward"},
        {"publisher-eu", "publisher"}}) {
      assertThat(consumersSeenBy(other[0], other[1])).as(other[0]).doesNotContain("ana");
      HttpResponse<String> otherGraph = get(other[0], other[1],
          "/api/v1/lineage?type=dataset&namespace=na&name=resolver.queries&direction=downstream");
      assertThat(otherGraph.body()).as(other[0] + "'s graph").doesNotContain("job:trino:ana");
    }
  }

  @Test
  void theKeyIsOwnerOnlyAndOnlyItsHashReachesTheCatalog() throws Exception {
    String key = currentKey();
    assertThat(key).matches("[0-9a-f]{64}");
    Path listener = config.layout().trino().resolve("etc/event-listener.properties");
    for (Path file : List.of(config.layout().trinoLineageKey(), listener)) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as(file.toString())
          .isEqualTo("rw-------");
    }
    assertThat(Files.readString(listener)).contains("transport.api-key=" + key);
    String catalogSettings = Files.readString(config.layout().catalogServiceConfig());
    assertThat(catalogSettings).doesNotContain(key).contains("mesh.lineage.trino.ingest-key-sha256=");
    assertThat(postEvent(key + "0", "{}").statusCode()).isEqualTo(401);
    assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(config.catalogUrl() + "/api/v1/domains"))
        .header("Authorization", "Bearer " + key).GET().build(), BodyHandlers.ofString()).statusCode()).isEqualTo(401);
  }

  /** With the real key, an event can still only report what Trino itself recorded for that query id. */
  @Test
  void theKeyCannotInventAReaderOrARead() throws Exception {
    String key = currentKey();
    String namespace = config.trinoHttpsUrl().replace("https", "trino");
    HttpResponse<String> unknown = postEvent(key, event("20261207_000000_00000_zzzzz", namespace, "na.resolver.queries"));
    assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(400);
    assertThat(unknown.body()).contains("Trino knows no such query");

    // a real query of ana's that read eu's table: the event claims it read na's too
    String queryId;
    java.util.Properties properties = new java.util.Properties();
    properties.setProperty("accessToken", token("ana", "analyst"));
    try (java.sql.Connection trino = java.sql.DriverManager.getConnection(config.trinoJdbcUrl(), properties);
        java.sql.Statement statement = trino.createStatement();
        java.sql.ResultSet rows = statement.executeQuery("SELECT count(*) FROM eu.authoritative.responses")) {
      while (rows.next()) {
        rows.getLong(1);
      }
      queryId = rows.unwrap(io.trino.jdbc.TrinoResultSet.class).getQueryId();
    }
    HttpResponse<String> forged = postEvent(key, event(queryId, namespace, "na.resolver.queries"));
    assertThat(forged.statusCode()).as(forged.body()).isEqualTo(403);
    assertThat(forged.body()).contains("no table Trino recorded for query " + queryId);
  }

  private static String event(String queryId, String datasetNamespace, String table) {
    return """
        {"eventTime":"%s","producer":"https://github.com/trinodb/trino/plugin/trino-openlineage","eventType":"COMPLETE",
         "run":{"runId":"%s"},"job":{"namespace":"trino","name":"%s"},
         "inputs":[{"namespace":"%s","name":"%s"}],"outputs":[]}
        """.formatted(Instant.now(), UUID.nameUUIDFromBytes(queryId.getBytes(StandardCharsets.UTF_8)), queryId,
        datasetNamespace, table);
  }
}
