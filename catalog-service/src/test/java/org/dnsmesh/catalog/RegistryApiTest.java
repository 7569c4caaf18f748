package org.dnsmesh.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.dnsmesh.catalog.registry.SchemaFingerprints;
import org.junit.jupiter.api.Test;

/** Products, contract versions, search, schemas by fingerprint and lineage over the REST API. */
@QuarkusTest
@QuarkusTestResource(value = CatalogTestEnvironment.class, restrictToAnnotatedClass = false)
class RegistryApiTest {
  private static final String AVRO = """
      {"type":"record","name":"DnsQuery","namespace":"org.dnsmesh.na","fields":[
        {"name":"query_name","type":"string"},{"name":"rcode","type":["null","int"],"default":null}]}""";

  private static String product(String name, String description, String status) {
    return """
        {"domain":"eu","name":"%s","description":"%s","ownerTeam":"eu-auth","ownerContact":"dns@eu.example",
         "tags":["dns","authoritative"],"status":"%s","classification":"pseudonymous",
         "sla":{"freshness":"PT1H"},"outputPorts":[{"namespace":"auth","table":"%s"}],
         "inputPorts":["topic:eu.auth.raw"],
         "columns":[{"name":"client_ip","description":"Pseudonymised resolver address"},{"name":"qname"}]}
        """.formatted(name, description, status, name);
  }

  @Test
  void publishContractsAndFindSchemaByFingerprint() {
    String publisher = DevTokens.of("publisher-eu");
    given().auth().oauth2(publisher).contentType("application/json").body(product("auth_queries", "Authoritative queries", "active"))
        .when().post("/api/v1/products").then().statusCode(200).body("status", equalTo("active"));
    given().auth().oauth2(DevTokens.of("publisher-na")).contentType("application/json")
        .body(product("stolen", "x", "draft")).when().post("/api/v1/products").then().statusCode(403);

    String body = "{\"version\":\"1.0.0\",\"document\":\"apiVersion: v3.0.0\\nkind: DataContract\\n\",\"avroSchema\":"
        + quote(AVRO) + "}";
    String fingerprint = given().auth().oauth2(publisher).contentType("application/json").body(body)
        .when().post("/api/v1/products/eu/auth_queries/contracts").then().statusCode(201)
        .extract().path("fingerprint");
    long expected = SchemaNormalization.parsingFingerprint64(new Schema.Parser().parse(AVRO));
    assertThat(fingerprint).isEqualTo(SchemaFingerprints.hex(expected));
    // same publication again is idempotent; a different document under the same version is refused
    given().auth().oauth2(publisher).contentType("application/json").body(body)
        .when().post("/api/v1/products/eu/auth_queries/contracts").then().statusCode(201);
    given().auth().oauth2(publisher).contentType("application/json")
        .body(body.replace("DataContract", "Changed"))
        .when().post("/api/v1/products/eu/auth_queries/contracts").then().statusCode(409)
        .body("error.message", org.hamcrest.Matchers.containsString("immutable"));
    given().auth().oauth2(publisher).contentType("application/json")
        .body("{\"version\":\"1.1\",\"document\":\"x\",\"avroSchema\":" + quote(AVRO) + "}")
        .when().post("/api/v1/products/eu/auth_queries/contracts").then().statusCode(400);
    given().auth().oauth2(publisher).contentType("application/json")
        .body("{\"version\":\"1.1.0\",\"document\":\"x\",\"avroSchema\":\"{\\\"type\\\":\\\"nope\\\"}\"}")
        .when().post("/api/v1/products/eu/auth_queries/contracts").then().statusCode(400)
        .body("error.message", org.hamcrest.Matchers.containsString("avroSchema"));

    String analyst = DevTokens.of("analyst");
    for (String key : new String[] {fingerprint, Long.toString(expected)}) {
      given().auth().oauth2(analyst).when().get("/api/v1/schemas/" + key).then().statusCode(200)
          .body("fingerprint", equalTo(fingerprint))
          .body("usedBy[0].version", equalTo("1.0.0"));
    }
    given().auth().oauth2(analyst).when().get("/api/v1/schemas/0000000000000000").then().statusCode(404);
  }

  @Test
  void searchCoversNamesDescriptionsTagsAndColumns() {
    String publisher = DevTokens.of("publisher-eu");
    given().auth().oauth2(publisher).contentType("application/json")
        .body(product("zone_latency", "Latency by zone", "active"))
        .when().post("/api/v1/products").then().statusCode(200);
    given().auth().oauth2(publisher).contentType("application/json")
        .body(product("old_cache", "Cache hit ratio", "deprecated"))
        .when().post("/api/v1/products").then().statusCode(200);
    String analyst = DevTokens.of("analyst");
    given().auth().oauth2(analyst).queryParam("q", "latency").when().get("/api/v1/products").then()
        .statusCode(200).body("name", contains("zone_latency"));
    given().auth().oauth2(analyst).queryParam("q", "pseudonymised resolver").queryParam("status", "deprecated")
        .when().get("/api/v1/products").then().statusCode(200).body("name", contains("old_cache"));
    given().auth().oauth2(analyst).queryParam("domain", "eu").queryParam("classification", "pseudonymous")
        .when().get("/api/v1/products").then().statusCode(200).body("name", hasItems("zone_latency", "old_cache"));
    given().auth().oauth2(analyst).queryParam("q", "authoritative").queryParam("domain", "na")
        .when().get("/api/v1/products").then().statusCode(200).body("$", hasSize(0));
  }

  @Test
  void lineageEventsBuildTheGraphAndTheProductPage() {
    String publisher = DevTokens.of("publisher-eu");
    given().auth().oauth2(publisher).contentType("application/json").body(product("edge_hits", "Edge cache hits", "active"))
        .when().post("/api/v1/products").then().statusCode(200);
    post(publisher, event("eu", "ingest_edge", "[{\"namespace\":\"kafka\",\"name\":\"eu.edge.raw\"}]",
        "[{\"namespace\":\"eu\",\"name\":\"auth.edge_hits\"}]")).then().statusCode(201);
    post(publisher, event("eu", "hourly_rollup", "[{\"namespace\":\"eu\",\"name\":\"auth.edge_hits\","
        + "\"inputFacets\":{\"dataQualityAssertions\":{\"assertions\":[{\"assertion\":\"not_null\",\"success\":true}]}}}]",
        "[{\"namespace\":\"eu\",\"name\":\"auth.edge_hits_hourly\"}]")).then().statusCode(201);

    // malformed events: 400 naming the field, nothing stored
    post(publisher, "{\"eventTime\":\"2026-01-01T00:00:00Z\",\"producer\":\"x\",\"run\":{\"runId\":\"nope\"},"
        + "\"job\":{\"namespace\":\"eu\",\"name\":\"j\"}}").then().statusCode(400)
        .body("error.message", org.hamcrest.Matchers.containsString("runId"));
    post(publisher, "not json").then().statusCode(400);
    post(publisher, event("eu", "bad", "[{\"namespace\":\"eu\"}]", "[]")).then().statusCode(400)
        .body("error.message", org.hamcrest.Matchers.containsString("inputs[0].name"));

    String analyst = DevTokens.of("analyst");
    given().auth().oauth2(analyst).queryParam("namespace", "kafka").queryParam("name", "eu.edge.raw")
        .queryParam("depth", 4).queryParam("direction", "downstream")
        .when().get("/api/v1/lineage").then().statusCode(200)
        .body("nodes.id", hasItems("job:eu:ingest_edge", "dataset:eu:auth.edge_hits", "job:eu:hourly_rollup",
            "dataset:eu:auth.edge_hits_hourly"))
        .body("edges", hasSize(4));
    given().auth().oauth2(analyst).queryParam("namespace", "eu").queryParam("name", "auth.edge_hits_hourly")
        .queryParam("depth", 1).queryParam("direction", "upstream")
        .when().get("/api/v1/lineage").then().statusCode(200)
        .body("nodes.id", contains("dataset:eu:auth.edge_hits_hourly", "job:eu:hourly_rollup"));

    given().auth().oauth2(analyst).when().get("/api/v1/products/eu/edge_hits").then().statusCode(200)
        .body("product.ownerTeam", equalTo("eu-auth"))
        .body("outputTables[0].table", equalTo("edge_hits"))
        .body("outputTables[0].error", notNullValue())
        .body("qualityStatus", equalTo("passing"))
        .body("lineage[0].nodes.id", hasItem("job:eu:ingest_edge"));
  }

  @Test
  void productPageShowsTheQualityTrendOfEachTable() {
    String publisher = DevTokens.of("publisher-eu");
    given().auth().oauth2(publisher).contentType("application/json").body(product("trend_hits", "Trend", "active"))
        .when().post("/api/v1/products").then().statusCode(200);
    java.time.Instant now = java.time.Instant.now();
    // the monitor's verdicts; the one 30 h ago is outside the 24 h window
    for (var verdict : java.util.List.of(java.util.Map.entry(30, false), java.util.Map.entry(3, true),
        java.util.Map.entry(2, false), java.util.Map.entry(1, true))) {
      post(publisher, monitorEvent(now.minus(java.time.Duration.ofHours(verdict.getKey())), verdict.getValue()))
          .then().statusCode(201);
    }

    given().auth().oauth2(DevTokens.of("analyst")).when().get("/api/v1/products/eu/trend_hits").then().statusCode(200)
        .body("outputTables[0].qualityStatus", equalTo("passing"))
        .body("outputTables[0].qualityTrend.recent.status", contains("passing", "failing", "passing"))
        .body("outputTables[0].qualityTrend.recent", hasSize(3))
        .body("outputTables[0].qualityTrend.recent[0].at", notNullValue())
        .body("outputTables[0].qualityTrend.windowHours", equalTo(24))
        .body("outputTables[0].qualityTrend.checks", equalTo(3))
        .body("outputTables[0].qualityTrend.passingPercent", equalTo(66.7f));
  }

  private static String monitorEvent(java.time.Instant at, boolean success) {
    return """
        {"eventType":"COMPLETE","eventTime":"%s","producer":"https://github.com/dnsmesh",
         "schemaURL":"https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
         "run":{"runId":"%s"},"job":{"namespace":"eu","name":"quality-monitor.auth.trend_hits"},
         "inputs":[{"namespace":"eu","name":"auth.trend_hits","inputFacets":{"dataQualityAssertions":{"assertions":[
           {"assertion":"freshness","success":true},{"assertion":"volume","success":%s}]}}}],"outputs":[]}
        """.formatted(at, UUID.randomUUID(), success);
  }

  private static io.restassured.response.Response post(String token, String body) {
    return given().auth().oauth2(token).contentType("application/json").body(body).when().post("/api/v1/lineage");
  }

  private static String event(String namespace, String job, String inputs, String outputs) {
    return """
        {"eventType":"COMPLETE","eventTime":"2026-11-23T10:00:00.000Z","producer":"https://github.com/dnsmesh",
         "schemaURL":"https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
         "run":{"runId":"%s"},"job":{"namespace":"%s","name":"%s"},"inputs":%s,"outputs":%s}
        """.formatted(UUID.randomUUID(), namespace, job, inputs, outputs);
  }

  private static String quote(String json) {
    return "\"" + json.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }
}
