package org.dnsmesh.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Access requests through the API on the real PostgreSQL: every way around the review rules is tried and refused
 * (the requester approving, an analyst, another domain's steward, governance, a term beyond the bound), and an
 * approved request reads at once, in the catalog's decision point and in Trino's regenerated rules, until its
 * short term expires and the scheduled check revokes it, all on the hash-chained audit log.
 */
@QuarkusTest
@TestProfile(AccessRequestApiTest.CopiedPolicy.class)
class AccessRequestApiTest {
  private static final Path RULES = CopiedPolicyProfile.rules("access-request-test");
  private static final ObjectMapper JSON = new ObjectMapper();

  public static class CopiedPolicy extends CopiedPolicyProfile {
    public CopiedPolicy() {
      super("access-request-test");
    }
  }

  /** A security product with a published contract, so Trino's rules name its table. */
  private static String securityProduct() {
    String name = "registrar_" + UUID.randomUUID().toString().substring(0, 8);
    String publisher = DevTokens.of("publisher-security");
    int created = given().auth().oauth2(DevTokens.of("admin")).contentType("application/json")
        .body("{\"name\":\"security\",\"ownerTeam\":\"security-ops\"}").when().post("/api/v1/domains").then().extract().statusCode();
    assertThat(created).as("the test installation starts with na and eu only").isIn(200, 201, 409);
    given().auth().oauth2(publisher).contentType("application/json").body("{\"domain\":\"security\",\"name\":\"" + name + "\","
        + "\"description\":\"registrar changes\",\"ownerTeam\":\"security-ops\",\"ownerContact\":\"sec@example.org\","
        + "\"outputPorts\":[{\"namespace\":\"" + name + "\",\"table\":\"events\"}]}")
        .when().post("/api/v1/products").then().statusCode(200);
    given().auth().oauth2(publisher).contentType("application/json").body(TestContracts.firstPublication("security", name, "events"))
        .when().post("/api/v1/products/security/" + name + "/contracts").then().statusCode(201);
    return name;
  }

  private static ValidatableResponse request(String principal, String product, String duration) {
    return given().auth().oauth2(DevTokens.of(principal)).contentType("application/json")
        .body(Map.of("domain", "security", "product", product, "purpose", "fraud research on registrar changes",
            "duration", duration))
        .when().post("/api/v1/access-requests").then();
  }

  private static ValidatableResponse review(String principal, String path, String id, String verdict, String comment) {
    return given().auth().oauth2(DevTokens.of(principal)).contentType("application/json").body(Map.of("comment", comment))
        .when().post(path + id + "/" + verdict).then();
  }

  private static int productPage(String principal, String product) {
    return given().auth().oauth2(DevTokens.of(principal)).when().get("/api/v1/products/security/" + product)
        .then().extract().statusCode();
  }

  /** Whether Trino's rules file lets {@code user} SELECT from some table of schema {@code product} in catalog security. */
  private static boolean trinoRulesLetRead(String user, String product) throws Exception {
    if (!Files.exists(RULES)) {
      return false;
    }
    for (JsonNode rule : JSON.readTree(Files.readString(RULES)).path("tables")) {
      boolean userMatches = rule.has("user") && Pattern.matches(rule.get("user").asText(), user);
      boolean catalogMatches = rule.has("catalog") && Pattern.matches(rule.get("catalog").asText(), "security");
      boolean schemaMatches = rule.has("schema") && Pattern.matches(rule.get("schema").asText(), product);
      boolean select = false;
      for (JsonNode privilege : rule.path("privileges")) {
        select |= privilege.asText().equals("SELECT");
      }
      if (userMatches && catalogMatches && schemaMatches) {
        return select; // Trino applies the first matching rule
      }
    }
    return false;
  }

  @Test
  void anApprovedRequestReadsWithinSecondsAndExpiryRevokesIt() throws Exception {
    String product = securityProduct();
    assertThat(productPage("alan", product)).as("the reviewed policy gives alan nothing on it").isEqualTo(403);
    assertThat(trinoRulesLetRead("alan", product)).isFalse();

    JsonPath submitted = request("alan", product, "PT8S").statusCode(201).extract().jsonPath();
    String id = submitted.getString("id");
    assertThat(submitted.getString("kind")).isEqualTo("access");
    assertThat(submitted.getString("state")).isEqualTo("SUBMITTED");
    assertThat(submitted.getString("term")).isEqualTo("PT8S");
    assertThat(submitted.getString("termText")).isEqualTo("8 seconds");
    assertThat(submitted.getList("checks.name")).containsExactly("product", "term", "current-access", "reviewers");
    assertThat(submitted.getString("checks.find { it.name == 'current-access' }.detail")).contains("alan reads 0 of 1");
    assertThat(submitted.getList("facts.reviewers", String.class)).contains("victor", "steward-security");

    Instant before = Instant.now();
    JsonPath approved = review("victor", "/api/v1/access-requests/", id, "approve", "for the fraud study")
        .statusCode(200).extract().jsonPath();
    assertThat(approved.getString("state")).isEqualTo("PUBLISHED");
    assertThat(approved.getBoolean("grant.inForce")).isTrue();
    assertThat(approved.getBoolean("application.rulesRegenerated")).as(approved.prettify()).isTrue();
    Instant expiresAt = Instant.parse(approved.getString("grant.expiresAt"));
    assertThat(Duration.between(Instant.parse(approved.getString("grant.grantedAt")), expiresAt)).isEqualTo(Duration.ofSeconds(8));
    assertThat(productPage("alan", product)).as("the catalog's decision point reads the grant at once").isEqualTo(200);
    assertThat(trinoRulesLetRead("alan", product)).as("Trino's rules name the grant").isTrue();
    assertThat(trinoRulesLetRead("li", product)).as("only alan's").isFalse();
    assertThat(productPage("li", product)).isEqualTo(403);
    System.out.printf("[access] approved request readable after %d ms%n", Duration.between(before, Instant.now()).toMillis());

    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (productPage("alan", product) == 200 && System.nanoTime() < deadline) {
      Thread.sleep(250);
    }
    Instant revokedSeen = Instant.now();
    assertThat(productPage("alan", product)).as("expired and revoked").isEqualTo(403);
    assertThat(revokedSeen).as("revoked within the check interval of expiry").isBefore(expiresAt.plusSeconds(6));
    // the catalog leaves an expired grant out at once; Trino's rules are rewritten by the next expiry check (every
    // 2 s here), so they are awaited, within the same bound
    while (trinoRulesLetRead("alan", product) && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(trinoRulesLetRead("alan", product)).as("Trino's rules no longer name it").isFalse();
    assertThat(Instant.now()).as("rules rewritten within the check interval of expiry").isBefore(expiresAt.plusSeconds(6));
    given().auth().oauth2(DevTokens.of("alan")).when().get("/api/v1/access-requests/" + id).then().statusCode(200)
        .body("grant.inForce", equalTo(false)).body("grant.revokedAt", org.hamcrest.Matchers.notNullValue());

    List<String> trail = given().auth().oauth2(DevTokens.of("victor")).when().get("/api/v1/review-queue/" + id + "/audit")
        .then().statusCode(200).extract().jsonPath().getList("action", String.class);
    assertThat(trail).containsSubsequence("access-request.proposed", "access-request.submitted", "access-request.approved",
        "access-grant.granted", "access-request.published", "access-grant.expired");
    given().auth().oauth2(DevTokens.of("grace")).when().get("/api/v1/audit/verify").then().statusCode(200)
        .body("intact", equalTo(true));
  }

  @Test
  void everyWayAroundTheReviewRulesIsRefused() {
    String product = securityProduct();
    String id = request("alan", product, "P7D").statusCode(201).extract().jsonPath().getString("id");

    review("alan", "/api/v1/access-requests/", id, "approve", "mine").statusCode(403);
    review("alan", "/api/v1/changes/", id, "approve", "mine, by the generic route").statusCode(403);
    review("li", "/api/v1/access-requests/", id, "approve", "fellow analyst").statusCode(403);
    review("nora", "/api/v1/access-requests/", id, "approve", "na steward").statusCode(403)
        .body("error.message", containsString("nora"));
    review("steward-na", "/api/v1/changes/", id, "reject", "na steward").statusCode(403);
    review("grace", "/api/v1/access-requests/", id, "approve", "governance").statusCode(403)
        .body("error.message", containsString("not a steward of domain security"));
    review("root", "/api/v1/access-requests/", id, "approve", "admin").statusCode(403);
    given().auth().oauth2(DevTokens.of("victor")).when().get("/api/v1/access-requests/" + id).then().statusCode(200)
        .body("state", equalTo("SUBMITTED")).body("reviews.size()", equalTo(0)).body("grant", org.hamcrest.Matchers.nullValue());
    assertThat(productPage("alan", product)).isEqualTo(403);

    // a steward asking for their own domain's product: the author never approves, even as a steward
    String own = request("victor", product, "P1D").statusCode(201).extract().jsonPath().getString("id");
    review("victor", "/api/v1/access-requests/", own, "approve", "mine").statusCode(403)
        .body("error.message", containsString("victor is the author"));
    review("steward-security", "/api/v1/changes/", own, "approve", "fine").statusCode(200).body("state", equalTo("PUBLISHED"));
  }

  @Test
  void badRequestsSayWhatAndWhere() {
    String product = securityProduct();
    request("alan", product, "P91D").statusCode(400)
        .body("error.message", allOf(containsString("/duration"), containsString("longest access term of 90 days")));
    request("alan", product, "P1M").statusCode(400).body("error.message", containsString("/duration"));
    request("alan", product, "PT0S").statusCode(400).body("error.message", containsString("must be positive"));
    given().auth().oauth2(DevTokens.of("alan")).contentType("application/json")
        .body(Map.of("domain", "security", "product", product, "duration", "P1D"))
        .when().post("/api/v1/access-requests").then().statusCode(400).body("error.message", containsString("/purpose is required"));
    given().auth().oauth2(DevTokens.of("alan")).contentType("application/json")
        .body(Map.of("domain", "security", "product", product, "purpose", "x".repeat(2001), "duration", "P1D"))
        .when().post("/api/v1/access-requests").then().statusCode(400).body("error.message", containsString("at most 2000"));
    request("alan", "no_such_product", "P1D").statusCode(404).body("error.message", containsString("security.no_such_product"));
    request("kenji", product, "P1D").statusCode(403); // an apac publisher cannot even list security
    given().contentType("application/json").body("{}").when().post("/api/v1/access-requests").then().statusCode(401);

    String id = request("alan", product, "P1D").statusCode(201).extract().jsonPath().getString("id");
    request("alan", product, "P2D").statusCode(409).body("error.message", containsString(id));
    review("victor", "/api/v1/access-requests/", id, "reject", " ").statusCode(400).body("error.message", containsString("comment"));
    review("victor", "/api/v1/access-requests/", id, "reject", "use the hourly aggregate").statusCode(200)
        .body("state", equalTo("REJECTED"));
    review("victor", "/api/v1/access-requests/", id, "approve", "changed my mind").statusCode(409);
    given().auth().oauth2(DevTokens.of("victor")).when().get("/api/v1/access-requests/not-a-uuid").then().statusCode(400)
        .body("error.message", containsString("not-a-uuid"));
  }

  @Test
  void theRequesterSeesOwnRequestsAndTheQueueFollowsTheSameRules() {
    String product = securityProduct();
    String alans = request("alan", product, "P1D").statusCode(201).extract().jsonPath().getString("id");
    given().auth().oauth2(DevTokens.of("li")).when().get("/api/v1/access-requests/" + alans).then().statusCode(403);
    given().auth().oauth2(DevTokens.of("li")).when().get("/api/v1/review-queue/" + alans + "/audit").then().statusCode(403);
    assertThat(given().auth().oauth2(DevTokens.of("li")).when().get("/api/v1/review-queue?state=submitted").then().statusCode(200)
        .extract().jsonPath().getList("id", String.class)).doesNotContain(alans);
    assertThat(given().auth().oauth2(DevTokens.of("alan")).when().get("/api/v1/access-requests").then().statusCode(200)
        .extract().jsonPath().getList("requester", String.class)).containsOnly("alan");
    JsonPath queue = given().auth().oauth2(DevTokens.of("victor")).when().get("/api/v1/review-queue?state=submitted").then()
        .statusCode(200).extract().jsonPath();
    assertThat(queue.getString("find { it.id == '" + alans + "' }.kind")).isEqualTo("access");
    assertThat(queue.getString("find { it.id == '" + alans + "' }.needs")).isEqualTo("stewards of security 0/1");
    assertThat(queue.getString("find { it.id == '" + alans + "' }.versionText")).isEqualTo("1 day");
    given().auth().oauth2(DevTokens.of("victor")).when().get("/api/v1/review-queue?state=opened").then().statusCode(400)
        .body("error.message", containsString("opened"));
  }
}
