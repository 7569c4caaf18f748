package org.dnsmesh.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The contract-change workflow over the catalog's HTTP API on the real PostgreSQL: checks stored on submit,
 * review rules (steward for MINOR, governance too for MAJOR, never the author), publication in the registry,
 * Trino rules regenerated, reject -> resubmit, and the audit chain verified and then tampered with.
 */
@QuarkusTest
@QuarkusTestResource(value = CatalogTestEnvironment.class, restrictToAnnotatedClass = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GovernanceApiTest {
  private static final Path RULES = Path.of("target/governance-test/rules.json");

  private static String contract(String name) {
    try (InputStream in = GovernanceApiTest.class.getResourceAsStream("/governance/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] yaml(String document) {
    return document.getBytes(StandardCharsets.UTF_8);
  }

  /** A product of its own per test (tests share one database). */
  private static String registerProduct() {
    String name = "resolver_" + UUID.randomUUID().toString().substring(0, 8);
    given().auth().oauth2(DevTokens.of("publisher-na")).contentType("application/json")
        .body("""
            {"domain":"na","name":"%s","description":"resolver queries","status":"active",
             "outputPorts":[{"namespace":"%s","table":"queries"}]}""".formatted(name, name))
        .when().post("/api/v1/products").then().statusCode(200);
    return name;
  }

  private static JsonPath propose(String product, String document) {
    return given().auth().oauth2(DevTokens.of("publisher-na")).contentType("application/yaml").body(yaml(document))
        .when().post("/api/v1/products/na/" + product + "/changes")
        .then().statusCode(201).extract().jsonPath();
  }

  private static io.restassured.response.ValidatableResponse review(String principal, String id, String verdict,
      String comment) {
    return given().auth().oauth2(DevTokens.of(principal)).contentType("application/json")
        .body(Map.of("comment", comment))
        .when().post("/api/v1/changes/" + id + "/" + verdict).then();
  }

  /** First version (MAJOR with classification) through steward and governance, then a MINOR by a steward alone. */
  private static String publishedProduct() {
    String product = registerProduct();
    String first = propose(product, contract("resolver-1.0.0.yaml")).getString("id");
    review("steward-na", first, "approve", "ok").statusCode(200).body("state", equalTo("SUBMITTED"));
    review("governance", first, "approve", "ok").statusCode(200).body("state", equalTo("PUBLISHED"));
    return product;
  }

  @Test
  @Order(1)
  void minorChangeApprovedByAStewardIsPublishedInTheRegistryAndRegeneratesTrinoRules() throws Exception {
    String product = publishedProduct();
    assertThat(maskedColumns(product, "ana")).as("analyst ana on the first version")
        .containsExactlyInAnyOrder("client_ip", "qname");
    java.nio.file.attribute.FileTime rulesWritten = Files.getLastModifiedTime(RULES);
    Thread.sleep(20);

    JsonPath proposed = propose(product, contract("resolver-1.1.0.yaml"));
    assertThat(proposed.getString("state")).isEqualTo("SUBMITTED");
    assertThat(proposed.getString("compatibility")).isEqualTo("MINOR");
    assertThat(proposed.getString("previousVersion")).isEqualTo("1.0.0");
    assertThat(proposed.getList("checks.name")).containsExactly("odcs-validation", "compatibility", "version-bump",
        "policy-lint", "impact-analysis");
    assertThat(proposed.getList("checks.status")).doesNotContain("FAILED");
    assertThat(proposed.getString("checks.find { it.name == 'compatibility' }.detail")).contains("qtype");
    String id = proposed.getString("id");

    // checks are stored on the change, not just answered
    given().auth().oauth2(DevTokens.of("analyst")).when().get("/api/v1/changes/" + id).then().statusCode(200)
        .body("checks.size()", equalTo(5)).body("approval.stewardsNeeded", equalTo(1))
        .body("approval.governanceNeeded", equalTo(0));
    given().auth().oauth2(DevTokens.of("steward-na")).when().get("/api/v1/changes?domain=na&product=" + product + "&state=submitted")
        .then().statusCode(200).body("id", hasItem(id));
    given().auth().oauth2(DevTokens.of("steward-na")).when().get("/api/v1/changes/" + id + "/diff").then().statusCode(200)
        .body("fromVersion", equalTo("1.0.0")).body("overall", equalTo("MINOR"))
        .body("changes.element", hasItem("schema.queries.qtype"));

    review("publisher-na", id, "approve", "mine").statusCode(403);
    review("steward-eu", id, "approve", "not my domain").statusCode(403);
    JsonPath approved = review("steward-na", id, "approve", "fine").statusCode(200).extract().jsonPath();
    assertThat(approved.getString("state")).isEqualTo("PUBLISHED");
    assertThat(approved.getBoolean("publication.contractPublished")).isTrue();
    assertThat(approved.getBoolean("publication.rulesRegenerated")).isTrue();
    review("steward-na", id, "approve", "again").statusCode(409)
        .body("error.message", containsString("PUBLISHED"));

    given().auth().oauth2(DevTokens.of("analyst")).when().get("/api/v1/products/na/" + product + "/contracts/1.1.0")
        .then().statusCode(200).body("publishedBy", equalTo("steward-na"))
        .body("avroSchema", containsString("qtype"));
    assertThat(Files.getLastModifiedTime(RULES)).as("rules rewritten on approval").isGreaterThan(rulesWritten);
  }

  @Test
  @Order(2)
  void majorChangeNeedsGovernanceAndReportsLineageImpact() throws Exception {
    String product = publishedProduct();
    given().auth().oauth2(DevTokens.of("publisher-na")).contentType("application/json")
        .body(lineageEvent(product)).when().post("/api/v1/lineage").then().statusCode(201);
    // a consumer whose events carry no column lineage is judged at table level
    given().auth().oauth2(DevTokens.of("publisher-na")).contentType("application/json")
        .body("""
            {"eventType":"COMPLETE","eventTime":"2026-11-30T11:00:00Z","producer":"test","run":{"runId":"%s"},
             "job":{"namespace":"na","name":"dashboard_%s"},"inputs":[{"namespace":"na","name":"%s.queries"}]}
            """.formatted(UUID.randomUUID(), product, product))
        .when().post("/api/v1/lineage").then().statusCode(201);
    String downstream = product + "_hourly";
    given().auth().oauth2(DevTokens.of("publisher-na")).contentType("application/json")
        .body("{\"domain\":\"na\",\"name\":\"%s\",\"outputPorts\":[{\"namespace\":\"%s\",\"table\":\"nxdomain_hourly\"}]}"
            .formatted(downstream, product))
        .when().post("/api/v1/products").then().statusCode(200);

    String minor = propose(product, contract("resolver-1.1.0.yaml")).getString("id");
    review("steward-na", minor, "approve", "ok").statusCode(200).body("state", equalTo("PUBLISHED"));

    JsonPath major = propose(product, contract("resolver-2.0.0.yaml"));
    assertThat(major.getString("compatibility")).isEqualTo("MAJOR");
    String impact = major.getString("checks.find { it.name == 'impact-analysis' }.detail");
    assertThat(major.getString("checks.find { it.name == 'impact-analysis' }.status")).isEqualTo("WARNING");
    assertThat(impact).startsWith("2 of 2 downstream job(s) would break")
        .contains("column-level: job na.top_nxdomain_" + product + " reads na:" + product + ".queries (reads qname)")
        .contains("writes na:" + product + ".nxdomain_hourly (product na." + downstream + ")")
        .contains("table-level: job na.dashboard_" + product);
    String id = major.getString("id");

    review("steward-na", id, "approve", "ok for na").statusCode(200).body("state", equalTo("SUBMITTED"))
        .body("approval.governanceNeeded", equalTo(1)).body("approval.governanceApproved", equalTo(0));
    JsonPath published = review("governance", id, "approve", "consumers told").statusCode(200).extract().jsonPath();
    assertThat(published.getString("state")).isEqualTo("PUBLISHED");
    String sunset = published.getString("previousVersionSunset");
    assertThat(sunset).isNotNull();
    // both versions stay readable; the superseded one is deprecated until its sunset, then retired
    String analyst = DevTokens.of("analyst");
    given().auth().oauth2(analyst).when().get("/api/v1/products/na/" + product + "/contracts/1.1.0").then().statusCode(200)
        .body("status", equalTo("deprecated")).body("sunset", equalTo(sunset)).header("Sunset", containsString("GMT"));
    given().auth().oauth2(analyst).when().get("/api/v1/products/na/" + product + "/contracts/2.0.0").then().statusCode(200)
        .body("status", equalTo("active"));
    try (Connection connection = DriverManager.getConnection(TestDatabase.SERVER + CatalogTestEnvironment.DATABASE + TestDatabase.SUFFIX,
        "postgres", ""); Statement statement = connection.createStatement()) {
      statement.executeUpdate("UPDATE registry.contract_versions SET sunset = current_date - 1 WHERE domain = 'na' AND product = '"
          + product + "' AND version = '1.1.0'");
    }
    given().auth().oauth2(analyst).when().get("/api/v1/products/na/" + product + "/contracts/1.1.0").then().statusCode(200)
        .body("status", equalTo("retired")).body("document", containsString("1.1.0"));
    given().auth().oauth2(analyst).when().get("/api/v1/products/na/" + product).then().statusCode(200)
        .body("contracts.find { it.version == '1.1.0' }.status", equalTo("retired"))
        .body("contracts.find { it.version == '1.0.0' }.status", equalTo("active"))
        .body("contracts.find { it.version == '2.0.0' }.status", equalTo("active"));
    assertThat(maskedColumns(product, "ana")).as("Trino masks follow the published contract: qname is gone")
        .containsExactly("client_ip");
  }

  @Test
  @Order(3)
  void rejectedChangeIsRevisedAndResubmitted() {
    String product = publishedProduct();
    String id = propose(product, contract("resolver-1.1.0.yaml")).getString("id");
    review("steward-na", id, "reject", "").statusCode(400).body("error.message", containsString("comment"));
    review("steward-na", id, "reject", "describe qtype").statusCode(200).body("state", equalTo("REJECTED"));
    review("steward-na", id, "approve", "changed my mind").statusCode(409)
        .body("error.type", equalTo("ChangeConflictException"));

    String revised = contract("resolver-1.1.0.yaml").replace("name: qtype\n", "name: qtype\n        description: Query type\n");
    given().auth().oauth2(DevTokens.of("steward-na")).contentType("application/yaml").body(yaml(revised))
        .when().post("/api/v1/changes/" + id + "/resubmit").then().statusCode(403);
    given().auth().oauth2(DevTokens.of("publisher-na")).contentType("application/yaml").body(yaml(revised))
        .when().post("/api/v1/changes/" + id + "/resubmit").then().statusCode(200)
        .body("state", equalTo("SUBMITTED")).body("revision", equalTo(2));
    review("steward-na", id, "approve", "thanks").statusCode(200).body("state", equalTo("PUBLISHED"));
  }

  @Test
  @Order(4)
  void invalidProposalsAreRefusedWithTheFindingAndItsLocation() {
    String product = publishedProduct();
    given().auth().oauth2(DevTokens.of("publisher-na")).contentType("application/yaml").body(yaml(contract("resolver-invalid.yaml")))
        .when().post("/api/v1/products/na/" + product + "/changes").then().statusCode(400)
        .body("error.type", equalTo("BadRequestException"))
        .body("error.message", org.hamcrest.Matchers.matchesPattern(
            "(?s)Invalid contract: \\d+ finding\\(s\\): .*proposal for na\\.\\w+:\\d+:\\d+: error \\[property-classification\\]"
                + " /schema/0/properties/\\d+: .*"));
    given().auth().oauth2(DevTokens.of("publisher-na")).contentType("application/yaml").body(yaml(contract("resolver-bad-bump.yaml")))
        .when().post("/api/v1/products/na/" + product + "/changes").then().statusCode(400)
        .body("error.message", containsString("propose at least 2.0.0"));
    given().auth().oauth2(DevTokens.of("publisher-eu")).contentType("application/yaml").body(yaml(contract("resolver-1.1.0.yaml")))
        .when().post("/api/v1/products/na/" + product + "/changes").then().statusCode(403);
    given().auth().oauth2(DevTokens.of("publisher-na")).contentType("application/yaml").body(yaml(contract("resolver-1.1.0.yaml")))
        .when().post("/api/v1/products/na/no_such_product/changes").then().statusCode(404);
    given().auth().oauth2(DevTokens.of("analyst")).when().get("/api/v1/changes/" + UUID.randomUUID()).then().statusCode(404);
    given().when().get("/api/v1/changes").then().statusCode(401);
  }

  /**
   * Issue 22: rcode string -> string/uuid keeps the CRC-64 (the canonical form drops logical types) but decodes
   * differently; the registry would refuse the writer schema on publication, so the proposal is refused before
   * review, saying why, and nothing is submitted.
   */
  @Test
  @Order(5)
  void aWriterSchemaWhoseCrc64CollidesWithAPublishedOneIsRefusedAtProposal() throws Exception {
    String product = publishedProduct();
    String uuid = contract("resolver-1.0.0.yaml").replace("version: 1.0.0", "version: 2.0.0")
        .replace("      - name: rcode\n        logicalType: string\n",
            "      - name: rcode\n        logicalType: string\n        logicalTypeOptions:\n          format: uuid\n");
    assertThat(uuid).contains("format: uuid").contains("version: 2.0.0");
    // precondition, computed by Avro from the schema the registry holds and the one the proposal maps to
    String publishedAvro = given().auth().oauth2(DevTokens.of("analyst"))
        .when().get("/api/v1/products/na/" + product + "/contracts/1.0.0").then().statusCode(200)
        .extract().path("avroSchema");
    org.apache.avro.Schema published = new org.apache.avro.Schema.Parser().parse(publishedAvro);
    org.apache.avro.Schema proposed = org.dnsmesh.contracts.AvroSchemas.of(
        org.dnsmesh.contracts.DataContracts.parse(uuid, "v2.yaml"), "queries");
    assertThat(org.apache.avro.SchemaNormalization.parsingFingerprint64(proposed))
        .isEqualTo(org.apache.avro.SchemaNormalization.parsingFingerprint64(published));
    assertThat(proposed.toString()).isNotEqualTo(published.toString());
    String crc = java.util.HexFormat.of().formatHex(
        org.apache.avro.SchemaNormalization.parsingFingerprint("CRC-64-AVRO", published));

    given().auth().oauth2(DevTokens.of("publisher-na")).contentType("application/yaml").body(yaml(uuid))
        .when().post("/api/v1/products/na/" + product + "/changes").then().statusCode(409)
        .body("error.message", containsString("CRC-64-AVRO fingerprint " + crc))
        .body("error.message", containsString("the same as version 1.0.0"))
        .body("error.message", containsString("Single-object encoded messages carry only the CRC-64"));
    given().auth().oauth2(DevTokens.of("steward-na"))
        .when().get("/api/v1/changes?domain=na&product=" + product + "&state=submitted").then().statusCode(200)
        .body("size()", equalTo(0));
    // a version that changes the canonical form too (a new column) is accepted
    propose(product, uuid.replace("      - name: region\n",
        "      - name: rcode_text\n        logicalType: string\n        required: false\n        classification: public\n"
            + "      - name: region\n"));
  }

  @Test
  @Order(6)
  void auditChainVerifiesAndATamperedEntryIsReported() throws Exception {
    publishedProduct();
    given().auth().oauth2(DevTokens.of("publisher-na")).when().get("/api/v1/audit/verify").then().statusCode(403);
    given().auth().oauth2(DevTokens.of("governance")).when().get("/api/v1/audit/verify").then().statusCode(200)
        .body("intact", equalTo(true));
    List<String> actions = given().auth().oauth2(DevTokens.of("governance")).when().get("/api/v1/audit?limit=1000")
        .then().statusCode(200).extract().jsonPath().getList("action");
    assertThat(actions).contains("change.proposed", "change.submitted", "change.approved", "access-rules.regenerated",
        "change.published");

    // someone with database rights edits history behind the service's back
    try (Connection connection = DriverManager.getConnection(TestDatabase.SERVER + CatalogTestEnvironment.DATABASE + TestDatabase.SUFFIX,
        "postgres", ""); Statement statement = connection.createStatement()) {
      statement.execute("ALTER TABLE governance.audit_log DISABLE TRIGGER audit_log_append_only");
      statement.execute("UPDATE governance.audit_log SET actor = 'mallory' WHERE seq = 2");
      statement.execute("ALTER TABLE governance.audit_log ENABLE TRIGGER audit_log_append_only");
    }
    given().auth().oauth2(DevTokens.of("governance")).when().get("/api/v1/audit/verify").then().statusCode(200)
        .body("intact", equalTo(false))
        .body("problems[0]", containsString("2"));
  }

  /** Columns Trino's regenerated rules mask for {@code user} on {@code na.<product>.queries}. */
  private static List<String> maskedColumns(String product, String user) throws IOException {
    com.fasterxml.jackson.databind.JsonNode rules = new com.fasterxml.jackson.databind.ObjectMapper().readTree(RULES.toFile());
    List<String> masked = new java.util.ArrayList<>();
    for (com.fasterxml.jackson.databind.JsonNode rule : rules.path("tables")) {
      if (rule.path("user").asText().equals("^(" + user + ")$")) {
        if (rule.path("schema").asText().equals(product) && rule.path("table").asText().equals("queries")) {
          rule.path("columns").forEach(column -> {
            if (column.has("mask")) {
              masked.add(column.path("name").asText());
            }
          });
        }
      }
    }
    return masked;
  }

  private static String lineageEvent(String product) {
    return """
        {"eventType":"COMPLETE","eventTime":"2026-11-30T10:00:00Z","producer":"test",
         "run":{"runId":"%s"},
         "job":{"namespace":"na","name":"top_nxdomain_%s"},
         "inputs":[{"namespace":"na","name":"%s.queries"}],
         "outputs":[{"namespace":"na","name":"%s.nxdomain_hourly","facets":{"columnLineage":{
            "_producer":"test","_schemaURL":"https://openlineage.io/spec/facets/1-2-0/ColumnLineageDatasetFacet.json",
            "fields":{"qname_suffix":{"inputFields":[{"namespace":"na","name":"%s.queries","field":"qname"}]},
                      "nxdomain_count":{"inputFields":[{"namespace":"na","name":"%s.queries","field":"rcode"}]}}}}}]}
        """.formatted(UUID.randomUUID(), product, product, product, product, product);
  }
}
