package org.dnsmesh.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.dnsmesh.catalog.lineage.LineageNode;
import org.dnsmesh.catalog.lineage.LineageRepository;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Trino lineage receiver as an attacker sees it: its ingest key is the only credential it takes, the key opens
 * no other door, only Trino's job namespace is accepted, and an oversized event is refused before it is parsed.
 * Plus who may see a product's consumers. The test profile's key is "test-trino-ingest-key" (its hash is in
 * application.properties); the end-to-end path through a real Trino is QueryLineageIT.
 */
@QuarkusTest
@QuarkusTestResource(value = CatalogTestEnvironment.class, restrictToAnnotatedClass = false)
class TrinoLineageIngestTest {
  private static final String KEY = "test-trino-ingest-key";
  private static final String RECEIVER = "/api/v1/lineage/trino";
  /** What Trino's listener renders for https://127.0.0.1:9 (the test profile's mesh.lineage.trino.url). */
  private static final String DATASETS = "trino://127.0.0.1:9";

  @Inject
  LineageRepository repository;

  /** An event as Trino 476's listener sends it (shape read from the plugin), for query {@code queryId}. */
  static String trinoEvent(String eventType, String jobNamespace, String datasetNamespace, String queryId,
      String padding) {
    return """
        {"eventTime":"%s","producer":"https://github.com/trinodb/trino/plugin/trino-openlineage",
         "schemaURL":"https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent","eventType":"%s",
         "run":{"runId":"%s","facets":{"processing_engine":{"version":"476","name":"trino"},
           "trino_query_context":{"server_address":"127.0.0.1","environment":"mesh","query_type":"SELECT"},
           "trino_metadata":{"query_plan":"%s"}}},
         "job":{"namespace":"%s","name":"%s","facets":{"jobType":{"processingType":"BATCH","integration":"TRINO",
           "jobType":"QUERY"},"sql":{"query":"SELECT count(*) FROM na.resolver.queries"}}},
         "inputs":[{"namespace":"%s","name":"na.resolver.queries","facets":{"schema":{"fields":[{"name":"qname"}]}}}],
         "outputs":[]}
        """.formatted(Instant.now(), eventType, UUID.nameUUIDFromBytes(queryId.getBytes(StandardCharsets.UTF_8)),
        padding, jobNamespace, queryId, datasetNamespace);
  }

  private static String completed(String jobNamespace, String datasetNamespace) {
    return trinoEvent("COMPLETE", jobNamespace, datasetNamespace, "20261207_120000_00001_abcde", "");
  }

  @Test
  void aWrongOrAbsentKeyIsRefusedWith401() {
    String event = completed("trino", DATASETS);
    given().contentType(ContentType.JSON).body(event).when().post(RECEIVER).then().statusCode(401)
        .body("error.message", containsString("missing key"));
    for (String wrong : List.of("", "x", KEY + "x", KEY.toUpperCase(), "dnsmesh-dev-secret",
        DevTokens.of("root"), DevTokens.of("trino"))) {
      given().header("Authorization", "Bearer " + wrong).contentType(ContentType.JSON).body(event)
          .when().post(RECEIVER).then().statusCode(401)
          .body("error.message", containsString("Not authenticated"))
          .body("error.message", wrong.isEmpty() ? containsString("") : not(containsString(wrong)));
    }
    given().header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(("trino:" + KEY).getBytes()))
        .contentType(ContentType.JSON).body(event).when().post(RECEIVER).then().statusCode(401);
  }

  @Test
  void theKeyOpensNoOtherDoor() {
    for (String path : List.of("/api/v1/domains", "/api/v1/lineage?namespace=na&name=resolver.queries",
        "/api/v1/lineage/consumers?namespace=na&name=resolver.queries", "/iceberg/v1/config?warehouse=na",
        "/iceberg/v1/na/namespaces", "/api/v1/auth/dev-principals", "/q/metrics")) {
      int status = given().header("Authorization", "Bearer " + KEY).when().get(path).then().extract().statusCode();
      assertThat(status).as("GET " + path + " with the ingest key").isIn(401, 403);
    }
    // the generic receiver takes signed tokens only: the key there is no way to report lineage as anyone
    given().header("Authorization", "Bearer " + KEY).contentType(ContentType.JSON).body(completed("na", "na"))
        .when().post("/api/v1/lineage").then().statusCode(401);
    given().header("Authorization", "Bearer " + KEY).contentType(ContentType.JSON).body("{}")
        .when().post("/api/v1/access-requests").then().statusCode(401);
    // and no signed token names a Trino reader through the generic receiver, not even an admin's
    given().auth().oauth2(DevTokens.of("root")).contentType(ContentType.JSON).body(completed("trino", "na"))
        .when().post("/api/v1/lineage").then().statusCode(403)
        .body("error.message", containsString("reported only by Trino's lineage listener"));
  }

  @Test
  void onlyTrinosJobNamespaceAndDatasetsAreAccepted() {
    for (String namespace : List.of("na", "eu", "trino://127.0.0.1:9", "kafka", "security")) {
      given().header("Authorization", "Bearer " + KEY).contentType(ContentType.JSON).body(completed(namespace, DATASETS))
          .when().post(RECEIVER).then().statusCode(403)
          .body("error.message", containsString("job.namespace '" + namespace + "'"));
    }
    given().header("Authorization", "Bearer " + KEY).contentType(ContentType.JSON).body(completed("trino", "na"))
        .when().post(RECEIVER).then().statusCode(403)
        .body("error.message", containsString("inputs[0].namespace 'na' is not this mesh's Trino"));
    // a start event carries no tables: acknowledged, nothing stored, Trino not asked
    given().header("Authorization", "Bearer " + KEY).contentType(ContentType.JSON)
        .body(trinoEvent("START", "trino", DATASETS, "20261207_120000_00002_abcde", ""))
        .when().post(RECEIVER).then().statusCode(202).body("detail", containsString("acknowledged"));
    given().header("Authorization", "Bearer " + KEY).contentType(ContentType.JSON).body("{\"run\":{}}")
        .when().post(RECEIVER).then().statusCode(400).body("error.message", containsString("eventTime"));
  }

  @Test
  void aThousandTimesOversizedEventIsRefusedWith413() {
    int typical = completed("trino", DATASETS).getBytes(StandardCharsets.UTF_8).length;
    String huge = trinoEvent("COMPLETE", "trino", DATASETS, "20261207_120000_00003_abcde", "x".repeat(typical * 1000));
    assertThat(huge.length()).isGreaterThan(1000 * typical);
    String message = given().header("Authorization", "Bearer " + KEY).contentType(ContentType.JSON).body(huge)
        .when().post(RECEIVER).then().statusCode(413).extract().path("error.message");
    assertThat(message).as("says how large and what the limit is").containsPattern("\\d+ bytes, more than the limit of 262144 bytes")
        .doesNotContain("xxxx");
  }

  /** A table of its own: other tests' lineage (impact analysis) never sees this test's reader. */
  private static final String TABLE = "consumers" + UUID.randomUUID().toString().substring(0, 8) + ".queries";

  /** The principals among the table's consumers the caller sees; none when it may not see the dataset (403). */
  private static List<String> consumersSeenBy(String principal) {
    var response = given().auth().oauth2(DevTokens.of(principal))
        .when().get("/api/v1/lineage/consumers?namespace=na&name=" + TABLE).then().extract();
    assertThat(response.statusCode()).as(principal).isIn(200, 403);
    return response.statusCode() == 403 ? List.of() : response.jsonPath().getList("principal", String.class)
        .stream().filter(java.util.Objects::nonNull).toList();
  }

  @Test
  void aProductsConsumersAreSeenByItsOwnersStewardsAndAuditorsOnly() {
    repository.store(new LineageRepository.RunEvent("COMPLETE", Instant.now(), UUID.randomUUID().toString(),
        LineageNode.job("trino", "ana"), List.of(LineageNode.dataset("na", TABLE)), List.of(), "{}"),
        "trino-lineage-listener");
    for (String allowed : List.of("steward-na", "nora", "publisher-na", "alice", "governance", "ana")) {
      assertThat(consumersSeenBy(allowed)).as(allowed).contains("ana");
    }
    for (String refused : List.of("steward-eu", "sofia", "publisher-eu", "analyst", "li", "pipeline-na")) {
      assertThat(consumersSeenBy(refused)).as(refused).doesNotContain("ana");
    }
    // an analyst who reads na sees the table's lineage, not who else reads it
    assertThat(given().auth().oauth2(DevTokens.of("li"))
        .when().get("/api/v1/lineage?type=dataset&namespace=na&name=" + TABLE + "&direction=downstream")
        .then().statusCode(200).extract().body().asString()).doesNotContain("job:trino:ana");
    given().auth().oauth2(DevTokens.of("nora"))
        .when().get("/api/v1/lineage?type=dataset&namespace=na&name=" + TABLE + "&direction=downstream")
        .then().statusCode(200).body("nodes.id", org.hamcrest.Matchers.hasItem("job:trino:ana"))
        .body("edges.to", org.hamcrest.Matchers.hasItem("job:trino:ana"));
  }
}
