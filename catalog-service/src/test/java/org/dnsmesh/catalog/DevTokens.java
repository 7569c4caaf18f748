package org.dnsmesh.catalog;

import static io.restassured.RestAssured.given;

/** Fetches dev tokens from the running service. */
final class DevTokens {
  private DevTokens() {}

  static String of(String principal) {
    return given().contentType("application/json").body("{\"principal\":\"" + principal + "\"}")
        .when().post("/api/v1/auth/dev-token")
        .then().statusCode(200)
        .extract().path("access_token");
  }
}
