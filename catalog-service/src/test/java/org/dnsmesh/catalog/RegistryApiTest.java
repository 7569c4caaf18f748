package org.dnsmesh.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

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
  void publishContractsAndFindSchemaByFingerprint() throws Exception {
    String publisher = DevTokens.of("publisher-eu");
    given().auth().oauth2(publisher).contentType("application/json").body(product("auth_queries", "Authoritative queries", "active"))
        .when().post("/api/v1/products").then().statusCode(200).body("status", equalTo("active"));
    given().auth().oauth2(DevTokens.of("publisher-na")).contentType("application/json")
        .body(product("stolen", "x", "draft")).when().post("/api/v1/products").then().statusCode(403);

    String avro = TestContracts.avro(TestContracts.AUTH_QUERIES);
    String body = TestContracts.publication("1.0.0", TestContracts.AUTH_QUERIES, avro);
    String fingerprint = given().auth().oauth2(publisher).contentType("application/json").body(body)
        .when().post("/api/v1/products/eu/auth_queries/contracts").then().statusCode(201)
        .extract().path("fingerprint");
    long expected = SchemaNormalization.parsingFingerprint64(new Schema.Parser().parse(avro));
    assertThat(fingerprint).isEqualTo(SchemaFingerprints.hex(expected));
    // same publication again is idempotent; a different document under the same version is refused
    given().auth().oauth2(publisher).contentType("application/json").body(body)
        .when().post("/api/v1/products/eu/auth_queries/contracts").then().statusCode(201);
    given().auth().oauth2(publisher).contentType("application/json")
        .body(TestContracts.publication("1.0.0", TestContracts.AUTH_QUERIES.replace("eu-auth", "eu-other"), avro))
        .when().post("/api/v1/products/eu/auth_queries/contracts").then().statusCode(409)
        .body("error.message", org.hamcrest.Matchers.containsString("immutable"));
    given().auth().oauth2(publisher).contentType("application/json")
        .body("{\"version\":\"1.1\",\"document\":\"x\",\"avroSchema\":" + quote(avro) + "}")
        .when().post("/api/v1/products/eu/auth_queries/contracts").then().statusCode(400);

    String analyst = DevTokens.of("analyst");
    for (String key : new String[] {fingerprint, Long.toString(expected)}) {
      given().auth().oauth2(analyst).when().get("/api/v1/schemas/" + key).then().statusCode(200)
          .body("fingerprint", equalTo(fingerprint))
          .body("usedBy[0].version", equalTo("1.0.0"));
    }
    given().auth().oauth2(analyst).when().get("/api/v1/schemas/0000000000000000").then().statusCode(404);
    // issue 22: the hex is Avro's own fingerprint bytes (little-endian, as in the single-object header), and the
    // schema is also served by its identity (64 hex digits), which the CRC-64 answer names
    Schema parsed = new Schema.Parser().parse(avro);
    assertThat(fingerprint).isEqualTo(java.util.HexFormat.of().formatHex(SchemaNormalization.parsingFingerprint("CRC-64-AVRO", parsed)));
    String identity = given().auth().oauth2(analyst).when().get("/api/v1/schemas/" + fingerprint).then().statusCode(200)
        .extract().path("identity");
    assertThat(identity).matches("[0-9a-f]{64}");
    String served = given().auth().oauth2(analyst).when().get("/api/v1/schemas/" + identity).then().statusCode(200)
        .body("fingerprint", equalTo(fingerprint)).body("identity", equalTo(identity))
        .body("usedBy[0].version", equalTo("1.0.0")).extract().path("avroSchema");
    assertThat(new Schema.Parser().parse(served)).isEqualTo(parsed);
    given().auth().oauth2(analyst).when().get("/api/v1/schemas/" + "0".repeat(64)).then().statusCode(404);
  }

  /** Issue 17 (5): a first publication applies the policy at once (Trino rules rewritten), not only an approved change. */
  @Test
  void aDirectPublicationRewritesTrinosRules() throws Exception {
    java.nio.file.Path rules = java.nio.file.Path.of("target/governance-test/rules.json");
    java.nio.file.Files.deleteIfExists(rules);
    String publisher = DevTokens.of("publisher-eu");
    given().auth().oauth2(publisher).contentType("application/json").body(product("published_now", "Now", "active"))
        .when().post("/api/v1/products").then().statusCode(200);
    given().auth().oauth2(publisher).contentType("application/json")
        .body(TestContracts.firstPublication("eu", "published_now", "published_now"))
        .when().post("/api/v1/products/eu/published_now/contracts").then().statusCode(201);
    assertThat(rules).as("rewritten on publication").exists();
    assertThat(java.nio.file.Files.readString(rules)).contains("\"tables\"");
  }

  /** Issue 15 (3): the direct path published any document under any version, with no review and no validation. */
  @Test
  void theDirectPathValidatesTheFirstVersionOnTheServer() {
    String publisher = DevTokens.of("publisher-eu");
    given().auth().oauth2(publisher).contentType("application/json").body(product("unchecked", "Unchecked", "active"))
        .when().post("/api/v1/products").then().statusCode(200);
    String contract = TestContracts.AUTH_QUERIES.replace("auth_queries", "unchecked");
    String avro = TestContracts.avro(contract);
    String path = "/api/v1/products/eu/unchecked/contracts";
    // not a contract at all
    given().auth().oauth2(publisher).contentType("application/json")
        .body("{\"version\":\"1.0.0\",\"document\":\"x\",\"avroSchema\":" + quote(avro) + "}")
        .when().post(path).then().statusCode(400).body("error.message", org.hamcrest.Matchers.containsString("Invalid contract"));
    // a version no semver parser holds
    given().auth().oauth2(publisher).contentType("application/json")
        .body(TestContracts.publication("99999999999999999999.0.0", contract, avro))
        .when().post(path).then().statusCode(400).body("error.message", org.hamcrest.Matchers.containsString("99999999999999999999"));
    // the document's version is not the one published
    given().auth().oauth2(publisher).contentType("application/json")
        .body(TestContracts.publication("2.0.0", contract, avro))
        .when().post(path).then().statusCode(400).body("error.message", org.hamcrest.Matchers.containsString("/version"));
    // a non-record Avro schema (it would switch the contract guard off), and a record the contract does not derive
    given().auth().oauth2(publisher).contentType("application/json")
        .body(TestContracts.publication("1.0.0", contract, "\"string\""))
        .when().post(path).then().statusCode(400).body("error.message", org.hamcrest.Matchers.containsString("record"));
    given().auth().oauth2(publisher).contentType("application/json")
        .body(TestContracts.publication("1.0.0", contract, AVRO))
        .when().post(path).then().statusCode(400).body("error.message", org.hamcrest.Matchers.containsString("derives"));
    // nothing was published by any of these
    given().auth().oauth2(publisher).when().get("/api/v1/products/eu/unchecked").then().statusCode(200)
        .body("contracts", hasSize(0));
  }

  /** Issue 15 (3): a later version through the direct path skipped review. */
  @Test
  void laterVersionsArePublishedOnlyThroughReview() {
    String publisher = DevTokens.of("publisher-eu");
    given().auth().oauth2(publisher).contentType("application/json").body(product("reviewed", "Reviewed", "active"))
        .when().post("/api/v1/products").then().statusCode(200);
    String v1 = TestContracts.AUTH_QUERIES.replace("auth_queries", "reviewed");
    given().auth().oauth2(publisher).contentType("application/json")
        .body(TestContracts.publication("1.0.0", v1, TestContracts.avro(v1)))
        .when().post("/api/v1/products/eu/reviewed/contracts").then().statusCode(201);
    String v2 = v1.replace("version: 1.0.0", "version: 2.0.0").replace("        required: true\n", "        required: false\n");
    given().auth().oauth2(publisher).contentType("application/json")
        .body(TestContracts.publication("2.0.0", v2, TestContracts.avro(v2)))
        .when().post("/api/v1/products/eu/reviewed/contracts").then().statusCode(409)
        .body("error.message", org.hamcrest.Matchers.containsString("through review"))
        .body("error.message", org.hamcrest.Matchers.containsString("/api/v1/products/eu/reviewed/changes"));
    given().auth().oauth2(publisher).when().get("/api/v1/products/eu/reviewed").then().statusCode(200)
        .body("contracts.version", contains("1.0.0"));
  }

  /** Issue 15 (3): re-registering a product without its output ports switched the contract guard off. */
  @Test
  void reRegisteringCannotDropAContractedOutputPort() {
    String publisher = DevTokens.of("publisher-eu");
    given().auth().oauth2(publisher).contentType("application/json").body(product("guarded", "Guarded", "active"))
        .when().post("/api/v1/products").then().statusCode(200);
    String v1 = TestContracts.AUTH_QUERIES.replace("auth_queries", "guarded");
    given().auth().oauth2(publisher).contentType("application/json")
        .body(TestContracts.publication("1.0.0", v1, TestContracts.avro(v1)))
        .when().post("/api/v1/products/eu/guarded/contracts").then().statusCode(201);
    given().auth().oauth2(publisher).contentType("application/json")
        .body(product("guarded", "Guarded", "active").replace("\"outputPorts\":[{\"namespace\":\"auth\",\"table\":\"guarded\"}]",
            "\"outputPorts\":[]"))
        .when().post("/api/v1/products").then().statusCode(409)
        .body("error.message", org.hamcrest.Matchers.containsString("auth.guarded"));
    given().auth().oauth2(publisher).when().get("/api/v1/products/eu/guarded").then().statusCode(200)
        .body("product.outputPorts.table", contains("guarded"));
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

    // the publisher's own assertions do not make a verdict: only the quality monitor's do
    given().auth().oauth2(analyst).when().get("/api/v1/products/eu/edge_hits").then().statusCode(200)
        .body("product.ownerTeam", equalTo("eu-auth"))
        .body("outputTables[0].table", equalTo("edge_hits"))
        .body("outputTables[0].error", startsWith("not created yet"))
        .body("qualityStatus", equalTo("unknown"))
        .body("lineage[0].nodes.id", hasItem("job:eu:ingest_edge"));
    post(DevTokens.of("quality-monitor"), monitorEvent("edge_hits", java.time.Instant.now().minusSeconds(60), true))
        .then().statusCode(201);
    given().auth().oauth2(analyst).when().get("/api/v1/products/eu/edge_hits").then().statusCode(200)
        .body("qualityStatus", equalTo("passing"));
  }

  /** Issue 15 (4): a publisher of apac wrote an edge into another domain's graph. */
  @Test
  void lineageOutputsAndJobsOnlyInTheSendersDomains() {
    String apac = DevTokens.of("publisher-apac");
    post(apac, event("apac", "edge_ingest", "[]", "[{\"namespace\":\"eu\",\"name\":\"auth.forged_output\"}]"))
        .then().statusCode(403).body("error.message", org.hamcrest.Matchers.containsString("outputs[0]"));
    post(apac, event("eu", "forged_job", "[]", "[]")).then().statusCode(403);
    given().auth().oauth2(DevTokens.of("admin")).queryParam("namespace", "eu").queryParam("name", "auth.forged_output")
        .when().get("/api/v1/lineage").then().statusCode(200).body("edges", hasSize(0));
    // inputs may be read-only references to another domain's tables
    post(apac, event("apac", "edge_join", "[{\"namespace\":\"eu\",\"name\":\"auth.reference\"}]",
        "[{\"namespace\":\"apac\",\"name\":\"edge.joined\"}]")).then().statusCode(201);
  }

  /** Issue 15 (4): an event dated 2099 outranked every real verdict. */
  @Test
  void lineageEventsFromTheFutureAreRefused() {
    String event = monitorEvent("future_hits", java.time.Instant.parse("2099-01-01T00:00:00Z"), true);
    post(DevTokens.of("quality-monitor"), event).then().statusCode(400)
        .body("error.message", org.hamcrest.Matchers.containsString("in the future"));
    // a few seconds of clock skew are fine
    post(DevTokens.of("quality-monitor"), monitorEvent("future_hits", java.time.Instant.now().plusSeconds(30), true))
        .then().statusCode(201);
  }

  /** Issue 15 (4): a 10 MB lineage event was stored. */
  @Test
  void oversizedLineageEventsAreRefusedWith413() {
    String padding = "x".repeat(1024 * 1024 + 10);
    String event = event("eu", "big_job", "[]", "[{\"namespace\":\"eu\",\"name\":\"auth.big\",\"facets\":{\"pad\":\""
        + padding + "\"}}]");
    post(DevTokens.of("publisher-eu"), event).then().statusCode(413)
        .body("error.message", org.hamcrest.Matchers.containsString("1 MiB"));
  }

  /** Issue 15 (4): a publisher turned a failing verdict into passing with its own assertions. */
  @Test
  void onlyTheQualityMonitorsVerdictsCount() {
    String publisher = DevTokens.of("publisher-eu");
    given().auth().oauth2(publisher).contentType("application/json").body(product("verdict_hits", "Verdicts", "active"))
        .when().post("/api/v1/products").then().statusCode(200);
    java.time.Instant now = java.time.Instant.now();
    post(DevTokens.of("quality-monitor"), monitorEvent("verdict_hits", now.minusSeconds(120), false)).then().statusCode(201);
    // a newer passing "verdict" from the publisher, in the monitor's job name
    post(publisher, monitorEvent("verdict_hits", now.minusSeconds(10), true)).then().statusCode(201);
    given().auth().oauth2(DevTokens.of("analyst")).when().get("/api/v1/products/eu/verdict_hits").then().statusCode(200)
        .body("outputTables[0].qualityStatus", equalTo("failing"))
        .body("outputTables[0].qualityTrend.checks", equalTo(1));
  }

  /** Issue 15 (4): every domain's lineage graph was readable by everyone. */
  @Test
  void lineageGraphsHoldOnlyNodesTheCallerMayRead() {
    String publisher = DevTokens.of("publisher-eu");
    post(publisher, event("eu", "private_ingest", "[{\"namespace\":\"kafka\",\"name\":\"eu.private.raw\"}]",
        "[{\"namespace\":\"eu\",\"name\":\"auth.private_hits\"}]")).then().statusCode(201);
    // kenji (publisher of apac) may discover nothing in eu
    given().auth().oauth2(DevTokens.of("kenji")).queryParam("namespace", "eu").queryParam("name", "auth.private_hits")
        .when().get("/api/v1/lineage").then().statusCode(403);
    given().auth().oauth2(DevTokens.of("kenji")).queryParam("namespace", "kafka").queryParam("name", "eu.private.raw")
        .queryParam("depth", 3).when().get("/api/v1/lineage").then().statusCode(200)
        .body("nodes.id", contains("dataset:kafka:eu.private.raw"))
        .body("edges", hasSize(0));
    given().auth().oauth2(DevTokens.of("analyst")).queryParam("namespace", "kafka").queryParam("name", "eu.private.raw")
        .queryParam("depth", 3).when().get("/api/v1/lineage").then().statusCode(200)
        .body("nodes.id", hasItems("job:eu:private_ingest", "dataset:eu:auth.private_hits"));
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
      post(DevTokens.of("quality-monitor"), monitorEvent("trend_hits", now.minus(java.time.Duration.ofHours(verdict.getKey())),
          verdict.getValue()))
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

  private static String monitorEvent(String table, java.time.Instant at, boolean success) {
    return """
        {"eventType":"COMPLETE","eventTime":"%s","producer":"https://github.com/dnsmesh",
         "schemaURL":"https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
         "run":{"runId":"%s"},"job":{"namespace":"eu","name":"quality-monitor.auth.%4$s"},
         "inputs":[{"namespace":"eu","name":"auth.%4$s","inputFacets":{"dataQualityAssertions":{"assertions":[
           {"assertion":"freshness","success":true},{"assertion":"volume","success":%3$s}]}}}],"outputs":[]}
        """.formatted(at, UUID.randomUUID(), success, table);
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
