package org.dnsmesh.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The service with {@code mesh.policy.engine=opa} and no OPA listening: every request with a valid token
 * is denied (403, saying the decision point could not answer), never allowed.
 */
@QuarkusTest
@TestProfile(PolicyEngineDownTest.OpaUnreachable.class)
class PolicyEngineDownTest {

  public static class OpaUnreachable implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      // port 9 (discard) on loopback: nothing listens, the connection is refused at once
      return Map.of(
          "mesh.policy.engine", "opa",
          "mesh.policy.opa.url", "http://127.0.0.1:9",
          "mesh.policy.opa.timeout", "300ms");
    }
  }

  @Test
  void everyRequestIsDeniedWithTheReason() {
    String admin = DevTokens.of("admin");
    for (String path : java.util.List.of("/api/v1/domains", "/iceberg/v1/config?warehouse=na", "/iceberg/v1/na/namespaces")) {
      given().auth().oauth2(admin).when().get(path).then()
          .statusCode(403)
          .body("error.type", equalTo("ForbiddenException"))
          .body("error.message", containsString("policy decision point could not answer"));
    }
    given().auth().oauth2(admin).contentType("application/json").body("{\"name\":\"apac\"}")
        .when().post("/api/v1/domains").then().statusCode(403);
    given().when().get("/api/v1/domains").then().statusCode(401);
  }
}
