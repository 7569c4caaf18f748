package org.dnsmesh.catalog.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.dnsmesh.catalog.CatalogTestEnvironment;
import org.junit.jupiter.api.Test;

/** The client-credentials grant as an attacker tries it: old default secret, wrong client, long-lived tokens. */
@QuarkusTest
@QuarkusTestResource(value = CatalogTestEnvironment.class, restrictToAnnotatedClass = false)
class ClientCredentialsTest {
  private static final String TOKENS = "/iceberg/v1/oauth/tokens";
  /** The secret every installation used to accept (issue 14). */
  private static final String OLD_DEFAULT_SECRET = "dnsmesh-dev-secret";

  private static Response clientCredentials(String client, String secret) {
    return given().formParam("grant_type", "client_credentials").formParam("client_id", client)
        .formParam("client_secret", secret).formParam("scope", "catalog").when().post(TOKENS);
  }

  @Test
  void theOldDefaultSecretIsRefusedForEveryPrincipal() {
    for (String principal : new String[] {"trino", "root", "admin", "quality-monitor", "publisher-na", "ana"}) {
      clientCredentials(principal, OLD_DEFAULT_SECRET).then().statusCode(401).body("error", equalTo("invalid_client"));
    }
    String basic = "Basic " + Base64.getEncoder().encodeToString(("root:" + OLD_DEFAULT_SECRET).getBytes(StandardCharsets.UTF_8));
    given().header("Authorization", basic).formParam("grant_type", "client_credentials").when().post(TOKENS)
        .then().statusCode(401).body("error", equalTo("invalid_client"));
  }

  @Test
  void emptyMissingAndForeignCredentialsAreRefused() {
    clientCredentials("trino", "").then().statusCode(401);
    given().formParam("grant_type", "client_credentials").formParam("client_id", "trino").when().post(TOKENS)
        .then().statusCode(401);
    clientCredentials("mallory", CatalogTestEnvironment.CLIENT_SECRET).then().statusCode(401)
        .body("error", equalTo("invalid_client"));
    // a token exchange authenticated with a wrong Basic secret gets nothing either
    String basic = "Basic " + Base64.getEncoder().encodeToString("trino:wrong".getBytes(StandardCharsets.UTF_8));
    given().header("Authorization", basic).formParam("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange")
        .formParam("subject_token", "x").when().post(TOKENS).then().statusCode(401);
  }

  @Test
  void aClientCredentialsTokenExpiresWithinAnHour() throws Exception {
    Response response = clientCredentials("trino", CatalogTestEnvironment.CLIENT_SECRET);
    response.then().statusCode(200).body("token_type", equalTo("bearer"));
    long expiresIn = response.jsonPath().getLong("expires_in");
    JsonNode claims = claims(response.jsonPath().getString("access_token"));
    long lifetime = claims.get("exp").asLong() - claims.get("iat").asLong();
    assertThat(claims.get("sub").asText()).isEqualTo("trino");
    assertThat(lifetime).as("token lifetime in seconds").isPositive().isLessThanOrEqualTo(Duration.ofHours(1).toSeconds());
    assertThat(expiresIn).isEqualTo(lifetime);

    // refreshing by token exchange keeps it short-lived too
    Response refreshed = given().formParam("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange")
        .formParam("subject_token", response.jsonPath().getString("access_token"))
        .formParam("subject_token_type", "urn:ietf:params:oauth:token-type:access_token").when().post(TOKENS);
    refreshed.then().statusCode(200);
    JsonNode again = claims(refreshed.jsonPath().getString("access_token"));
    assertThat(again.get("sub").asText()).isEqualTo("trino");
    assertThat(again.get("exp").asLong() - again.get("iat").asLong()).isLessThanOrEqualTo(Duration.ofHours(1).toSeconds());
  }

  @Test
  void basicCredentialsRefreshAnExpiredSession() {
    String basic = "Basic " + Base64.getEncoder().encodeToString(
        ("quality-monitor:" + CatalogTestEnvironment.CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
    given().header("Authorization", basic).formParam("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange")
        .formParam("subject_token", "expired-or-garbage").when().post(TOKENS).then().statusCode(200)
        .body("token_type", equalTo("bearer"));
  }

  private static JsonNode claims(String jwt) throws Exception {
    String payload = jwt.split("\\.")[1];
    return new ObjectMapper().readTree(Base64.getUrlDecoder().decode(payload));
  }
}
