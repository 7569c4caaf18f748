package org.dnsmesh.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Suppressions through the API on the real PostgreSQL: every way around the review rules is tried and refused (the
 * proposer approving, by either route; an analyst; a steward of another domain; governance; an admin), every bad
 * field is a 400 naming it, and every step is on the hash-chained audit log. This profile runs without Kafka, so an
 * approved suppression stays APPROVED with the reason (the e2e and the product's SuppressionLiveIT cover the topic), and
 * a revocation cannot reach the topic (503, nothing changes; GovernanceEventsTest revokes with a broker).
 */
@QuarkusTest
@TestProfile(SuppressionApiTest.CopiedPolicy.class)
class SuppressionApiTest {
  static final Instant FROM = Instant.now().truncatedTo(ChronoUnit.DAYS);

  public static class CopiedPolicy extends CopiedPolicyProfile {
    public CopiedPolicy() {
      super("suppression-test");
    }
  }

  /** A case key nobody else's test uses, so overlap checks stay within one test. */
  private static String caseKey() {
    return "domain:" + UUID.randomUUID().toString().substring(0, 8) + ".example";
  }

  private static Map<String, Object> body(String caseKey, Instant from, Instant until) {
    Map<String, Object> body = new HashMap<>();
    body.put("rule", "DELEGATION_OUTSIDE_WINDOW");
    body.put("caseKey", caseKey);
    body.put("from", from.toString());
    body.put("until", until.toString());
    body.put("reason", "registrar migration CR-4711");
    return body;
  }

  private static ValidatableResponse propose(String principal, Map<String, Object> body) {
    return given().auth().oauth2(DevTokens.of(principal)).contentType("application/json").body(body)
        .when().post("/api/v1/suppressions").then();
  }

  private static ValidatableResponse review(String principal, String path, String id, String verdict, String comment) {
    return given().auth().oauth2(DevTokens.of(principal)).contentType("application/json").body(Map.of("comment", comment))
        .when().post(path + id + "/" + verdict).then();
  }

  @Test
  void aSecurityStewardApprovesAndEveryStepIsAudited() {
    String key = caseKey();
    JsonPath submitted = propose("alan", body(key, FROM, FROM.plus(7, ChronoUnit.DAYS))).statusCode(201).extract().jsonPath();
    String id = submitted.getString("id");
    assertThat(submitted.getString("kind")).isEqualTo("suppression");
    assertThat(submitted.getString("state")).isEqualTo("SUBMITTED");
    assertThat(submitted.getString("subject")).isEqualTo("security.detections");
    assertThat(submitted.getString("caseKey")).isEqualTo(key);
    assertThat(submitted.getString("window")).isEqualTo("DELEGATION_OUTSIDE_WINDOW on " + key + ", 7 days from " + FROM);
    assertThat(submitted.getList("checks.name")).containsExactly("window", "in-the-past", "overlap", "reviewers");
    assertThat(submitted.getList("facts.reviewers", String.class)).contains("victor", "steward-security");

    JsonPath approved = review("victor", "/api/v1/suppressions/", id, "approve", "migration confirmed").statusCode(200)
        .extract().jsonPath();
    // no Kafka in this profile: approved, not published, and the reason says so
    assertThat(approved.getString("state")).isEqualTo("APPROVED");
    assertThat(approved.getBoolean("application.published")).isFalse();
    assertThat(approved.getString("application.detail")).contains("Kafka is not configured", "/publish");
    assertThat(approved.getBoolean("active")).isFalse();
    review("victor", "/api/v1/suppressions/", id, "publish", "").statusCode(200).body("state", equalTo("APPROVED"));

    List<String> trail = given().auth().oauth2(DevTokens.of("victor")).when().get("/api/v1/review-queue/" + id + "/audit")
        .then().statusCode(200).extract().jsonPath().getList("action", String.class);
    assertThat(trail).containsExactly("suppression.proposed", "suppression.submitted", "suppression.approved");
    given().auth().oauth2(DevTokens.of("grace")).when().get("/api/v1/audit/verify").then().statusCode(200)
        .body("intact", equalTo(true));
  }

  @Test
  void everyWayAroundTheReviewRulesIsRefused() {
    String id = propose("steward-security", body(caseKey(), FROM, FROM.plus(1, ChronoUnit.DAYS))).statusCode(201)
        .extract().jsonPath().getString("id");
    review("steward-security", "/api/v1/suppressions/", id, "approve", "mine").statusCode(403)
        .body("error.message", containsString("steward-security is the author"));
    review("steward-security", "/api/v1/changes/", id, "approve", "mine, by the generic route").statusCode(403);
    review("alan", "/api/v1/suppressions/", id, "approve", "analyst").statusCode(403);
    review("nora", "/api/v1/suppressions/", id, "approve", "na steward").statusCode(403)
        .body("error.message", containsString("nora"));
    review("steward-na", "/api/v1/changes/", id, "reject", "na steward").statusCode(403);
    review("grace", "/api/v1/suppressions/", id, "approve", "governance").statusCode(403)
        .body("error.message", containsString("not a steward of domain security"));
    review("root", "/api/v1/suppressions/", id, "approve", "admin").statusCode(403);
    review("admin", "/api/v1/changes/", id, "approve", "admin").statusCode(403);
    // a steward who may approve it, on another kind's route: 404 there, before anything happens
    review("victor", "/api/v1/access-requests/", id, "approve", "wrong route").statusCode(404)
        .body("error.message", containsString("No access request " + id));
    review("victor", "/api/v1/access-requests/", id, "reject", "wrong route").statusCode(404);
    review("victor", "/api/v1/access-requests/", id, "publish", "").statusCode(404);
    given().auth().oauth2(DevTokens.of("victor")).when().get("/api/v1/access-requests/" + id).then().statusCode(404);
    review("victor", "/api/v1/policy/changes/", id, "approve", "wrong route").statusCode(404)
        .body("error.message", containsString("No policy change " + id));
    review("victor", "/api/v1/policy/changes/", id, "publish", "").statusCode(404);
    given().auth().oauth2(DevTokens.of("victor")).when().get("/api/v1/suppressions/" + id).then().statusCode(200)
        .body("state", equalTo("SUBMITTED")).body("reviews.size()", equalTo(0));
    // the one route that works: another steward of security, through the generic change route
    review("victor", "/api/v1/changes/", id, "approve", "fine").statusCode(200).body("kind", equalTo("suppression"))
        .body("state", equalTo("APPROVED"));
  }

  @Test
  void badInputSaysWhichField() {
    String key = caseKey();
    Map<String, Object> body = body(key, FROM, FROM.plus(1, ChronoUnit.DAYS));
    body.put("until", FROM.minusSeconds(1).toString());
    propose("alan", body).statusCode(400).body("error.message", allOf(containsString("/until"), containsString("not after /from")));
    propose("alan", body(key, FROM, FROM.plus(30, ChronoUnit.DAYS).plusSeconds(1))).statusCode(400)
        .body("error.message", allOf(containsString("/until"), containsString("at most 30 days")));
    body = body(key, FROM, FROM.plus(1, ChronoUnit.DAYS));
    body.put("rule", "NO_SUCH_RULE");
    propose("alan", body).statusCode(400).body("error.message", allOf(containsString("/rule"), containsString("NO_SUCH_RULE")));
    body.put("rule", "CONTROL_SURFACE_CHURN");
    propose("alan", body).statusCode(400).body("error.message", allOf(containsString("/caseKey"), containsString("per account")));
    body.remove("rule");
    body.put("caseKey", "zone:x");
    propose("alan", body).statusCode(400).body("error.message", containsString("/caseKey"));
    body.put("caseKey", key);
    body.put("from", "yesterday");
    propose("alan", body).statusCode(400).body("error.message", containsString("/from"));
    body.put("from", FROM.toString());
    body.put("reason", "x".repeat(2001));
    propose("alan", body).statusCode(400).body("error.message", allOf(containsString("/reason"), containsString("2001")));
    body.remove("reason");
    propose("alan", body).statusCode(400).body("error.message", containsString("/reason is required"));
    // larger than the service takes at all: refused before it is read, naming the limit
    given().auth().oauth2(DevTokens.of("alan")).contentType("application/json")
        .body("{\"reason\":\"" + "x".repeat(5 * 1024 * 1024) + "\"}").when().post("/api/v1/suppressions").then()
        .statusCode(413);
    propose("kenji", body(key, FROM, FROM.plus(1, ChronoUnit.DAYS))).statusCode(403); // apac publisher: no security findings
    given().contentType("application/json").body("{}").when().post("/api/v1/suppressions").then().statusCode(401);
    given().auth().oauth2(DevTokens.of("victor")).when().get("/api/v1/suppressions/not-a-uuid").then().statusCode(400)
        .body("error.message", containsString("not-a-uuid"));
    given().auth().oauth2(DevTokens.of("victor")).when().get("/api/v1/suppressions/" + UUID.randomUUID()).then().statusCode(404);
    review("victor", "/api/v1/suppressions/", UUID.randomUUID().toString(), "reject", "x").statusCode(404);
  }

  @Test
  void theQueueShowsSuppressionsToThoseWhoSeeTheFindings() {
    String key = caseKey();
    String id = propose("alan", body(key, FROM, FROM.plus(2, ChronoUnit.DAYS))).statusCode(201).extract().jsonPath().getString("id");
    // a second one over the same findings is flagged to the reviewers
    JsonPath second = propose("li", body(key, FROM.plus(1, ChronoUnit.DAYS), FROM.plus(3, ChronoUnit.DAYS))).statusCode(201)
        .extract().jsonPath();
    assertThat(second.getString("checks.find { it.name == 'overlap' }.status")).isEqualTo("WARNING");
    assertThat(second.getString("checks.find { it.name == 'overlap' }.detail")).contains(id);

    JsonPath queue = given().auth().oauth2(DevTokens.of("victor")).when().get("/api/v1/review-queue?state=submitted").then()
        .statusCode(200).extract().jsonPath();
    assertThat(queue.getString("find { it.id == '" + id + "' }.kind")).isEqualTo("suppression");
    assertThat(queue.getString("find { it.id == '" + id + "' }.needs")).isEqualTo("stewards of security 0/1");
    assertThat(queue.getString("find { it.id == '" + id + "' }.versionText"))
        .isEqualTo("DELEGATION_OUTSIDE_WINDOW on " + key + ", 2 days from " + FROM);
    assertThat(given().auth().oauth2(DevTokens.of("nora")).when().get("/api/v1/review-queue?state=submitted").then()
        .statusCode(200).extract().jsonPath().getList("id", String.class)).doesNotContain(id);
    given().auth().oauth2(DevTokens.of("kenji")).when().get("/api/v1/suppressions/" + id).then().statusCode(403);
    assertThat(given().auth().oauth2(DevTokens.of("alan")).when().get("/api/v1/suppressions?state=submitted").then()
        .statusCode(200).extract().jsonPath().getList("id", String.class)).contains(id, second.getString("id"));
    given().auth().oauth2(DevTokens.of("alan")).when().get("/api/v1/changes/" + id).then().statusCode(200)
        .body("kind", equalTo("suppression"));
  }

  private static ValidatableResponse revoke(String principal, String id, Object body) {
    return given().auth().oauth2(DevTokens.of(principal)).contentType("application/json").body(body)
        .when().post("/api/v1/suppressions/" + id + "/revoke").then();
  }

  @Test
  void revokingIsRefusedUnlessTheSuppressionIsApprovedAndTheCallerIsItsProposerOrASteward() {
    Map<String, String> reason = Map.of("reason", "migration finished early");
    revoke("victor", UUID.randomUUID().toString(), reason).statusCode(404);
    revoke("victor", "not-a-uuid", reason).statusCode(400).body("error.message", containsString("not-a-uuid"));
    String id = propose("alan", body(caseKey(), FROM, FROM.plus(2, ChronoUnit.DAYS))).statusCode(201).extract().jsonPath()
        .getString("id");
    revoke("victor", id, reason).statusCode(409).body("error.message", containsString("in state SUBMITTED"));
    revoke("victor", id, Map.of()).statusCode(400).body("error.message", containsString("/reason is required"));
    revoke("victor", id, Map.of("reason", "x".repeat(2001))).statusCode(400).body("error.message", containsString("2001"));
    String rejected = propose("alan", body(caseKey(), FROM, FROM.plus(1, ChronoUnit.DAYS))).statusCode(201).extract()
        .jsonPath().getString("id");
    review("victor", "/api/v1/suppressions/", rejected, "reject", "no").statusCode(200);
    revoke("alan", rejected, reason).statusCode(409).body("error.message", containsString("in state REJECTED"));

    review("victor", "/api/v1/suppressions/", id, "approve", "ok").statusCode(200).body("state", equalTo("APPROVED"));
    // li sees the findings but neither proposed this one nor stewards security; the others do not even see it
    revoke("li", id, reason).statusCode(403).body("error.message", allOf(containsString("li"), containsString("alan")));
    for (String other : List.of("nora", "steward-na", "grace", "root", "kenji")) {
      revoke(other, id, reason).statusCode(403);
    }
    // the proposer may, but with no broker the revocation cannot reach the topology: 503, and nothing changes
    revoke("alan", id, reason).statusCode(503).body("error.message", allOf(containsString("Not revoked"),
        containsString("Kafka is not configured")));
    given().auth().oauth2(DevTokens.of("victor")).when().get("/api/v1/suppressions/" + id).then().statusCode(200)
        .body("state", equalTo("APPROVED")).body("revokedAt", org.hamcrest.Matchers.nullValue());
    List<String> trail = given().auth().oauth2(DevTokens.of("victor")).when().get("/api/v1/review-queue/" + id + "/audit")
        .then().statusCode(200).extract().jsonPath().getList("action", String.class);
    assertThat(trail).doesNotContain("suppression.revoked");
    given().contentType("application/json").body(reason).when().post("/api/v1/suppressions/" + id + "/revoke").then()
        .statusCode(401);
  }
}
