package org.dnsmesh.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The consumer's side of a product page through the API: what the signed-in principal sees per column (masked or
 * clear, row filters) equals what Trino's compiled rules apply to that principal; nobody can ask for another
 * principal's view; a principal that may not read the product is refused every consumer endpoint; the quality trends
 * come from the monitor's own tables; two published contract versions are diffed by the review's checker.
 */
@QuarkusTest
@TestProfile(ConsumerViewApiTest.CopiedPolicy.class)
class ConsumerViewApiTest {
  private static final Path RULES = CopiedPolicyProfile.rules("consumer-view-test");
  private static final ObjectMapper JSON = new ObjectMapper();

  public static class CopiedPolicy extends CopiedPolicyProfile {
    public CopiedPolicy() {
      super("consumer-view-test");
    }
  }

  private static String resource(String name) {
    try (InputStream in = ConsumerViewApiTest.class.getResourceAsStream("/governance/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An na product {@code resolver_<random>} (table {@code <name>.queries}) with the resolver contract 1.0.0 published. */
  static String resolverProduct() {
    String name = "resolver_" + UUID.randomUUID().toString().substring(0, 8);
    String publisher = DevTokens.of("publisher-na");
    given().auth().oauth2(publisher).contentType("application/json").body("""
        {"domain":"na","name":"%s","description":"resolver queries","ownerTeam":"na-resolvers","status":"active",
         "sla":{"freshness":"PT1H","retention":"P30D"},"outputPorts":[{"namespace":"%s","table":"queries"}]}"""
        .formatted(name, name)).when().post("/api/v1/products").then().statusCode(200);
    String document = resource("resolver-1.0.0.yaml").replace("dataProduct: resolver", "dataProduct: " + name);
    given().auth().oauth2(publisher).contentType("application/json")
        .body(TestContracts.publication("1.0.0", document, TestContracts.avro(document)))
        .when().post("/api/v1/products/na/" + name + "/contracts").then().statusCode(201);
    return name;
  }

  /** 1.1.0 (adds the optional column qtype: MINOR) through review: alice proposes, a steward of na approves. */
  static void publishMinorVersion(String product) {
    String next = resource("resolver-1.1.0.yaml").replace("dataProduct: resolver", "dataProduct: " + product);
    String id = given().auth().oauth2(DevTokens.of("alice")).contentType("application/yaml").body(next.getBytes(StandardCharsets.UTF_8))
        .when().post("/api/v1/products/na/" + product + "/changes").then().statusCode(201).extract().jsonPath().getString("id");
    given().auth().oauth2(DevTokens.of("steward-na")).contentType("application/json").body(Map.of("comment", "ok"))
        .when().post("/api/v1/changes/" + id + "/approve").then().statusCode(200);
  }

  private static JsonPath view(String principal, String product) {
    return given().auth().oauth2(DevTokens.of(principal)).when().get("/api/v1/products/na/" + product + "/view")
        .then().statusCode(200).extract().jsonPath();
  }

  /** Column name -> "clear" or "masked:<mask>" of the product's one table, as the view says. */
  private static Map<String, String> seen(JsonPath view) {
    Map<String, String> seen = new TreeMap<>();
    for (Map<String, Object> column : view.<Map<String, Object>>getList("tables[0].columns")) {
      seen.put((String) column.get("name"), column.get("visibility").equals("masked")
          ? "masked:" + column.get("mask") : (String) column.get("visibility"));
    }
    return seen;
  }

  /** Column name -> mask expression that Trino's rules file applies to {@code user} on the table (first rule matching). */
  private static Map<String, String> trinoMasks(String user, String schema, String table) throws Exception {
    for (JsonNode rule : JSON.readTree(Files.readString(RULES)).path("tables")) {
      if (Pattern.matches(rule.path("user").asText(".*"), user) && Pattern.matches(rule.path("catalog").asText(".*"), "na")
          && Pattern.matches(rule.path("schema").asText(".*"), schema) && Pattern.matches(rule.path("table").asText(".*"), table)) {
        Map<String, String> masks = new TreeMap<>();
        for (JsonNode column : rule.path("columns")) {
          if (column.has("mask")) {
            masks.put(column.get("name").asText(), column.get("mask").asText());
          }
        }
        return masks;
      }
    }
    throw new AssertionError("no Trino rule for " + user + " on na." + schema + "." + table);
  }

  @Test
  void anAnalystSeesMasksAndHerRegionsRowsAStewardSeesAllClearAsTrinosRulesSay() throws Exception {
    String product = resolverProduct();
    // expected from the shipped policy as written: pii with maskingRule ip-prefix carries the client-ip tag ->
    // ipv4-prefix-24, internal -> nullify, public clear; clear for a steward of the domain; analysts with a region
    // attribute see rows of their region (ana: eu)
    JsonPath ana = view("ana", product);
    assertThat(ana.getString("principal")).isEqualTo("ana");
    assertThat(seen(ana)).containsExactlyEntriesOf(new TreeMap<>(Map.of("ts", "clear", "client_ip", "masked:ipv4-prefix-24",
        "qname", "masked:nullify", "rcode", "clear", "region", "clear")));
    assertThat(ana.getList("tables[0].rowFilters")).containsExactly("region = 'eu'");
    assertThat(ana.getString("tables[0].trinoTable")).isEqualTo("na." + product + ".queries");
    assertThat(ana.getString("tables[0].sampleQuery"))
        .startsWith("-- Trino shows you only rows where region = 'eu'\nSELECT\n  ts,\n  client_ip,  -- masked for you: ipv4-prefix-24\n")
        .endsWith("FROM na." + product + ".queries\nLIMIT 100");

    JsonPath nora = view("nora", product);
    assertThat(seen(nora)).containsExactlyEntriesOf(new TreeMap<>(Map.of("ts", "clear", "client_ip", "clear",
        "qname", "clear", "rcode", "clear", "region", "clear")));
    assertThat(nora.getList("tables[0].rowFilters")).isEmpty();
    assertThat(nora.getString("tables[0].sampleQuery")).doesNotContain("masked").doesNotContain("--");

    // one source of truth: the masks the page shows are the masks Trino's compiled rules apply, expression for expression
    for (String principal : List.of("ana", "nora", "alan")) {
      Map<String, String> shown = new TreeMap<>();
      for (Map<String, Object> column : view(principal, product).<Map<String, Object>>getList("tables[0].columns")) {
        if (column.get("maskExpression") != null) {
          shown.put((String) column.get("name"), (String) column.get("maskExpression"));
        }
      }
      assertThat(shown).as(principal + "'s view against rules.json").isEqualTo(trinoMasks(principal, product, "queries"));
    }
  }

  @Test
  void nobodyCanAskForAnotherPrincipalsView() {
    String product = resolverProduct();
    for (String parameter : List.of("principal", "as", "user", "sub")) {
      given().auth().oauth2(DevTokens.of("ana")).queryParam(parameter, "nora")
          .when().get("/api/v1/products/na/" + product + "/view")
          .then().statusCode(400).body("error.message", containsString("signed-in principal"))
          .body("error.message", containsString(parameter));
    }
    // headers a proxy or Trino might trust name nobody here: the view stays the token's subject's
    JsonPath spoofed = given().auth().oauth2(DevTokens.of("ana")).header("X-Trino-User", "nora").header("X-Forwarded-User", "nora")
        .header("X-Remote-User", "nora").when().get("/api/v1/products/na/" + product + "/view")
        .then().statusCode(200).extract().jsonPath();
    assertThat(spoofed.getString("principal")).isEqualTo("ana");
    assertThat(seen(spoofed)).containsEntry("client_ip", "masked:ipv4-prefix-24").containsEntry("qname", "masked:nullify");
    given().when().get("/api/v1/products/na/" + product + "/view").then().statusCode(401);
  }

  @Test
  void aPrincipalThatMayNotReadTheProductIsRefusedEveryConsumerEndpoint() {
    String product = resolverProduct();
    // publisher-eu holds rights in eu only; analysts read na, eu, apac and security.detections, not other security products
    for (String path : List.of("/view", "/quality", "/diff?from=1.0.0&to=1.0.0")) {
      given().auth().oauth2(DevTokens.of("publisher-eu")).when().get("/api/v1/products/na/" + product + path)
          .then().statusCode(403).body("error.message", containsString("publisher-eu"));
      given().auth().oauth2(DevTokens.of("alan")).when().get("/api/v1/products/security/anything" + path)
          .then().statusCode(403);
    }
    // refused before anything is looked up: a product that does not exist answers 403 too, not 404
    given().auth().oauth2(DevTokens.of("publisher-eu")).when().get("/api/v1/products/na/no_such_product/view").then().statusCode(403);
    given().auth().oauth2(DevTokens.of("ana")).when().get("/api/v1/products/na/no_such_product/view").then().statusCode(404);
  }

  @Test
  void twoPublishedVersionsAreDiffedByTheReviewsChecker() {
    String product = resolverProduct();
    publishMinorVersion(product);
    JsonPath diff = given().auth().oauth2(DevTokens.of("ana")).queryParam("from", "1.0.0").queryParam("to", "1.1.0")
        .when().get("/api/v1/products/na/" + product + "/diff").then().statusCode(200).extract().jsonPath();
    assertThat(diff.getString("overall")).isEqualTo("MINOR"); // 1.1.0 adds the optional column qtype
    assertThat(diff.getString("changelog")).contains("qtype");
    assertThat(diff.getList("changes.element").toString()).contains("qtype");
    given().auth().oauth2(DevTokens.of("ana")).queryParam("from", "1.0.0")
        .when().get("/api/v1/products/na/" + product + "/diff").then().statusCode(400)
        .body("error.message", containsString("from and to"));
    given().auth().oauth2(DevTokens.of("ana")).queryParam("from", "1.0.0").queryParam("to", "9.9.9")
        .when().get("/api/v1/products/na/" + product + "/diff").then().statusCode(404)
        .body("error.message", containsString("9.9.9")).body("error.message", containsString("to"));
  }

  @Test
  void qualityTrendsComplianceAndOpenAlertsComeFromTheMonitorsTables() throws Exception {
    String product = resolverProduct();
    String table = "na." + product + ".queries";
    Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(3));
    try (Connection db = monitorDatabase()) {
      // three hours of the monitor's runs: volume within its band; freshness OK, then one breached run among OK ones
      // in the second hour; an errored run alone in the third hour (not observed)
      insert(db, product, table, "volume", "OK", hour.plusSeconds(60),
          Map.of("added_records", 90.0, "expected_records", 100.0, "band_lower", 70.0, "band_upper", 130.0));
      insert(db, product, table, "volume", "OK", hour.plusSeconds(1800),
          Map.of("added_records", 95.0, "expected_records", 100.0, "band_lower", 70.0, "band_upper", 130.0));
      insert(db, product, table, "freshness", "OK", hour.plusSeconds(60), Map.of("commit_age_seconds", 40.0));
      insert(db, product, table, "freshness", "OK", hour.plusSeconds(3600 + 60), Map.of("commit_age_seconds", 50.0));
      insert(db, product, table, "freshness", "BREACHED", hour.plusSeconds(3600 + 1800), Map.of("commit_age_seconds", 4000.0));
      insert(db, product, table, "freshness", "ERROR", hour.plusSeconds(7200 + 60), Map.of());
      insert(db, product, table, "record_drift", "OK", hour.plusSeconds(120), Map.of("quarantine_rate", 0.002));
      insert(db, product, table, "schema_drift", "OK", hour.plusSeconds(120), Map.of()); // not a trend check
      insert(db, "na.other_product", "na.other.queries", "volume", "BREACHED", hour.plusSeconds(60), Map.of());
      try (PreparedStatement alert = db.prepareStatement("INSERT INTO quality.open_alert (product, table_name, check_name,"
          + " alert_id, opened_at, summary) VALUES (?, ?, 'freshness', ?, ?, 'last commit 4000 s ago')")) {
        alert.setString(1, "na." + product);
        alert.setString(2, table);
        alert.setString(3, "alert-" + product);
        alert.setTimestamp(4, Timestamp.from(hour.plusSeconds(3600 + 1800)));
        alert.executeUpdate();
      }
    }
    JsonPath trends = given().auth().oauth2(DevTokens.of("ana")).queryParam("days", 1)
        .when().get("/api/v1/products/na/" + product + "/quality").then().statusCode(200).extract().jsonPath();
    assertThat(trends.getBoolean("monitorResults")).isTrue();
    assertThat(trends.getList("tables.table")).containsExactly(table);
    String checks = "tables[0].checks.";
    assertThat(trends.getMap("tables[0].checks").keySet()).containsExactlyInAnyOrder("volume", "freshness", "record_drift");
    // one point per hour, the hour's last measurements and worst status
    assertThat(trends.getList(checks + "volume.measurements.added_records", Double.class)).containsExactly(95.0);
    assertThat(trends.getList(checks + "volume.measurements.band_upper", Double.class)).containsExactly(130.0);
    assertThat(trends.getList(checks + "freshness.status")).containsExactly("OK", "BREACHED", "ERROR");
    assertThat(trends.getList(checks + "freshness.measurements.commit_age_seconds", Double.class)).containsExactly(40.0, 4000.0, null);
    assertThat(trends.getList(checks + "record_drift.measurements.quarantine_rate", Double.class)).containsExactly(0.002);
    // freshness: 2 observed hours (the errored one is not), 1 of them within the SLA -> 50 %
    Map<String, Object> freshness = trends.<Map<String, Object>>getList("compliance").stream()
        .filter(c -> c.get("check").equals("freshness")).findFirst().orElseThrow();
    assertThat(freshness).containsEntry("observedHours", 2).containsEntry("hoursInSla", 1).containsEntry("percentInSla", 50.0f);
    assertThat(trends.getList("openAlerts.alertId")).containsExactly("alert-" + product);
    assertThat(trends.getString("openAlerts[0].summary")).isEqualTo("last commit 4000 s ago");

    given().auth().oauth2(DevTokens.of("ana")).queryParam("days", 0).when().get("/api/v1/products/na/" + product + "/quality")
        .then().statusCode(400).body("error.message", containsString("days"));
    given().auth().oauth2(DevTokens.of("ana")).queryParam("days", 32).when().get("/api/v1/products/na/" + product + "/quality")
        .then().statusCode(400).body("error.message", equalTo("Query parameter days must be between 1 and 31, was 32"));
  }

  /** The catalog's test database with the monitor's own schema (its migration, as the monitor applies it). */
  static Connection monitorDatabase() throws Exception {
    String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
    Connection db = DriverManager.getConnection(url, "postgres", "");
    try (Statement statement = db.createStatement()) {
      boolean exists;
      try (var row = statement.executeQuery("SELECT to_regclass('quality.check_result') IS NOT NULL")) {
        exists = row.next() && row.getBoolean(1);
      }
      if (!exists) {
        statement.execute("CREATE SCHEMA IF NOT EXISTS quality");
        statement.execute(Files.readString(Path.of("../quality-monitor/src/main/resources/db/migration/V1__quality_history.sql")));
      }
    }
    return db;
  }

  static void insert(Connection db, String product, String table, String check, String status, Instant at,
      Map<String, Double> measurements) throws Exception {
    try (PreparedStatement insert = db.prepareStatement("INSERT INTO quality.check_result (product, table_name, check_name,"
        + " status, summary, measurements, findings, checked_at) VALUES (?, ?, ?, ?, 'test', ?::jsonb, '[]'::jsonb, ?)")) {
      insert.setString(1, product.contains(".") ? product : "na." + product);
      insert.setString(2, table);
      insert.setString(3, check);
      insert.setString(4, status);
      insert.setString(5, JSON.writeValueAsString(new LinkedHashMap<>(measurements)));
      insert.setTimestamp(6, Timestamp.from(at));
      insert.executeUpdate();
    }
  }
}
