package org.dnsmesh.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Access-policy changes through review on the real PostgreSQL: checks and diff on submit, only governance
 * reviews (never the author, a steward is not enough), and the approval puts the policy in force at once:
 * the catalog's own decisions change without a restart, the policy file and Trino's rules are rewritten, and
 * the audit chain stays intact. The workflow writes a copy of the shipped policy, never the shipped file.
 */
@QuarkusTest
@TestProfile(PolicyChangeApiTest.CopiedPolicy.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PolicyChangeApiTest {
  private static final Path POLICY = CopiedPolicyProfile.policy("policy-change-test");
  private static final Path RULES = CopiedPolicyProfile.rules("policy-change-test");

  public static class CopiedPolicy extends CopiedPolicyProfile {
    public CopiedPolicy() {
      super("policy-change-test");
    }
  }

  /** The shipped policy as version {@code version}, plus a grant of read on domain na to publisher-eu. */
  private static String policyGrantingEuPublisherNa(int version) throws IOException {
    String shipped = Files.readString(CatalogTestEnvironment.POLICY_FILE, StandardCharsets.UTF_8);
    assertThat(shipped).contains("\nversion: 1\n", "\ngrants:\n");
    return shipped.replace("\nversion: 1\n", "\nversion: " + version + "\n")
        .replace("\ngrants:\n", "\ngrants:\n  - to: {principal: publisher-eu}\n    on: [na]\n    privileges: [read]\n");
  }

  private static ValidatableResponse propose(String principal, String document) {
    return given().auth().oauth2(DevTokens.of(principal)).contentType("application/yaml")
        .body(document.getBytes(StandardCharsets.UTF_8)).when().post("/api/v1/policy/changes").then();
  }

  private static ValidatableResponse review(String principal, String id, String verdict, String comment) {
    return given().auth().oauth2(DevTokens.of(principal)).contentType("application/json").body(Map.of("comment", comment))
        .when().post("/api/v1/changes/" + id + "/" + verdict).then();
  }

  @Test
  @Order(1)
  void approvedPolicyChangeIsInForceAtOnceForTheCatalogAndTrinoRules() throws Exception {
    String euPublisher = DevTokens.of("publisher-eu");
    given().auth().oauth2(euPublisher).when().get("/api/v1/domains/na").then().statusCode(403);
    given().auth().oauth2(euPublisher).when().get("/iceberg/v1/config?warehouse=na").then().statusCode(403);

    String document = policyGrantingEuPublisherNa(2);
    propose("governance", document).statusCode(403).body("error.message", containsString("update-policy"));
    JsonPath proposed = propose("root", document).statusCode(201).extract().jsonPath();
    String id = proposed.getString("id");
    assertThat(proposed.getString("kind")).isEqualTo("policy");
    assertThat(proposed.getString("state")).isEqualTo("SUBMITTED");
    assertThat(proposed.getInt("previousVersion")).isEqualTo(1);
    assertThat(proposed.getList("checks.name")).containsExactly("policy-validation", "version-bump", "diff-summary",
        "read-impact");
    assertThat(proposed.getList("summary.grantsAdded", String.class)).singleElement().asString().contains("publisher-eu");
    assertThat(proposed.getList("summary.readGained", String.class)).contains("publisher-eu on na.resolver.queries");
    assertThat(proposed.getList("summary.readLost")).isEmpty();
    assertThat(proposed.getInt("approval.governanceNeeded")).isEqualTo(1);

    review("root", id, "approve", "mine").statusCode(403).body("error.message", containsString("author"));
    review("steward-na", id, "approve", "fine by na").statusCode(403).body("error.message", containsString("governance"));
    given().auth().oauth2(euPublisher).when().get("/api/v1/domains/na").then().statusCode(403);
    assertThat(Files.exists(RULES)).isFalse();

    JsonPath approved = review("grace", id, "approve", "ok").statusCode(200).extract().jsonPath();
    assertThat(approved.getString("state")).isEqualTo("PUBLISHED");
    assertThat(approved.getBoolean("application.applied")).isTrue();
    assertThat(approved.getBoolean("application.rulesRegenerated")).isTrue();

    // in force at once, no restart: the catalog's decision point and the file
    given().auth().oauth2(euPublisher).when().get("/api/v1/domains/na").then().statusCode(200);
    given().auth().oauth2(euPublisher).when().get("/iceberg/v1/config?warehouse=na").then().statusCode(200);
    assertThat(Files.readString(POLICY)).isEqualTo(document);
    assertThat(Files.readString(RULES)).contains("publisher-eu");
    assertThat(POLICY.getParent().toFile().list()).as("no temporary file left").containsExactlyInAnyOrder("mesh-policy.yaml",
        "rules.json");

    given().auth().oauth2(DevTokens.of("governance")).when().get("/api/v1/policy/changes/" + id).then().statusCode(200)
        .body("state", equalTo("PUBLISHED")).body("reviews.reviewer", hasItem("grace"));
    given().auth().oauth2(DevTokens.of("governance")).when().get("/api/v1/changes/" + id).then().statusCode(200)
        .body("kind", equalTo("policy"));
    review("governance", id, "approve", "again").statusCode(409);
  }

  @Test
  @Order(2)
  void invalidStaleAndUnauthorizedProposalsAreRefused() throws Exception {
    propose("root", policyGrantingEuPublisherNa(2)).statusCode(400)
        .body("error.message", containsString("policy in force is version 2"));
    propose("root", "apiVersion: dnsmesh.org/v1\nkind: AccessPolicy\nversion: 9\ndomains: [na]\nprincipals: []\nbogus: 1\n")
        .statusCode(400).body("error.message", containsString("bogus"));
    given().auth().oauth2(DevTokens.of("steward-na")).when().get("/api/v1/policy/changes").then().statusCode(403);
    given().when().get("/api/v1/policy/changes").then().statusCode(401);
  }

  @Test
  @Order(3)
  void rejectedPolicyChangeChangesNothingAndTheAuditChainIsIntact() throws Exception {
    String document = policyGrantingEuPublisherNa(3).replace("  - to: {principal: publisher-eu}\n    on: [na]\n", "  - to: {principal: publisher-eu}\n    on: [apac]\n");
    String id = propose("root", document).statusCode(201).extract().path("id");
    review("grace", id, "reject", "").statusCode(400);
    review("grace", id, "reject", "apac is not ready").statusCode(200).body("state", equalTo("REJECTED"));
    assertThat(Files.readString(POLICY)).contains("\nversion: 2\n");
    given().auth().oauth2(DevTokens.of("governance")).when().get("/api/v1/policy/changes?state=rejected").then()
        .statusCode(200).body("id", hasItem(id));

    given().auth().oauth2(DevTokens.of("governance")).when().get("/api/v1/audit/verify").then().statusCode(200)
        .body("intact", equalTo(true));
    List<String> actions = given().auth().oauth2(DevTokens.of("governance")).when().get("/api/v1/audit?limit=1000")
        .then().statusCode(200).extract().jsonPath().getList("action");
    assertThat(actions).contains("policy-change.proposed", "policy-change.approved", "access-rules.regenerated",
        "policy-change.published", "policy-change.rejected");
  }
}
