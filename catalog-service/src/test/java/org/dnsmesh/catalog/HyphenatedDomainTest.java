package org.dnsmesh.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A domain whose name holds a '-' ({@code na-east}) is registered and then governed end to end: the one
 * {@code DomainName} admits it in the registry, in a reviewed policy change that gives it a publisher and a
 * steward, in the contract-change workflow (proposal, steward and governance review, publication) and in Trino's
 * compiled rules. The workflow writes a copy of the shipped policy, never the shipped file.
 */
@QuarkusTest
@TestProfile(HyphenatedDomainTest.CopiedPolicy.class)
class HyphenatedDomainTest {
  private static final Path RULES = CopiedPolicyProfile.rules("na-east-test");

  public static class CopiedPolicy extends CopiedPolicyProfile {
    public CopiedPolicy() {
      super("na-east-test");
    }
  }

  /** The shipped policy as version 2, plus domain na-east, its publisher lena and its steward nico. */
  private static String policyWithNaEast() throws IOException {
    String shipped = Files.readString(CatalogTestEnvironment.POLICY_FILE, StandardCharsets.UTF_8);
    assertThat(shipped).contains("\nversion: 1\n", "\ndomains: [na, eu, apac, security]\n", "\nprincipals:\n");
    return shipped.replace("\nversion: 1\n", "\nversion: 2\n")
        .replace("\ndomains: [na, eu, apac, security]\n", "\ndomains: [na, eu, apac, security, na-east]\n")
        .replace("\nprincipals:\n", "\nprincipals:\n  - name: lena\n    roles: [{role: publisher, domain: na-east}]\n"
            + "  - name: nico\n    roles: [{role: steward, domain: na-east}]\n");
  }

  private static String contract(String name) {
    try (InputStream in = HyphenatedDomainTest.class.getResourceAsStream("/governance/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\ndomain: na\n", "\ndomain: na-east\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ValidatableResponse review(String principal, String id, String comment) {
    return given().auth().oauth2(DevTokens.of(principal)).contentType("application/json").body(Map.of("comment", comment))
        .when().post("/api/v1/changes/" + id + "/approve").then();
  }

  private static String propose(String document) {
    return given().auth().oauth2(DevTokens.of("lena")).contentType("application/yaml").body(document.getBytes(StandardCharsets.UTF_8))
        .when().post("/api/v1/products/na-east/resolver/changes").then().statusCode(201)
        .body("domain", equalTo("na-east")).extract().jsonPath().getString("id");
  }

  @Test
  void aDomainWithAHyphenIsRegisteredAndGoverned() throws IOException {
    given().auth().oauth2(DevTokens.of("root")).contentType("application/json")
        .body("{\"name\":\"na-east\",\"ownerTeam\":\"na-east-ops\",\"description\":\"east coast resolvers\"}")
        .when().post("/api/v1/domains").then().statusCode(201);
    String policyChange = given().auth().oauth2(DevTokens.of("root")).contentType("application/yaml")
        .body(policyWithNaEast().getBytes(StandardCharsets.UTF_8)).when().post("/api/v1/policy/changes")
        .then().statusCode(201).extract().jsonPath().getString("id");
    review("governance", policyChange, "na-east gets its people").statusCode(200).body("state", equalTo("PUBLISHED"));

    given().auth().oauth2(DevTokens.of("lena")).contentType("application/json")
        .body("""
            {"domain":"na-east","name":"resolver","description":"resolver queries","status":"active",
             "outputPorts":[{"namespace":"resolver","table":"queries"}]}""")
        .when().post("/api/v1/products").then().statusCode(200);

    String first = propose(contract("resolver-1.0.0.yaml"));
    review("lena", first, "mine").statusCode(403);
    review("nico", first, "fine for na-east").statusCode(200).body("state", equalTo("SUBMITTED"));
    review("governance", first, "ok").statusCode(200).body("state", equalTo("PUBLISHED"));
    String minor = propose(contract("resolver-1.1.0.yaml"));
    review("steward-na", minor, "not my domain").statusCode(403);
    review("nico", minor, "ok").statusCode(200).body("state", equalTo("PUBLISHED"));

    given().auth().oauth2(DevTokens.of("lena")).when().get("/api/v1/products/na-east/resolver/contracts/1.1.0")
        .then().statusCode(200);
    assertThat(Files.readString(RULES)).contains("\"na-east\"");
  }
}
