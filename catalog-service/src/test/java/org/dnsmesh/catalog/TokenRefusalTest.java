package org.dnsmesh.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * The catalog as an attacker sees it: no token, forged tokens, tokens outside the rules, the dev login
 * without its one-time secret, a foreign Host header, metrics without a token. Each is refused and the body
 * says why without echoing the token.
 */
@QuarkusTest
@QuarkusTestResource(value = CatalogTestEnvironment.class, restrictToAnnotatedClass = false)
class TokenRefusalTest {
  private static final String PROTECTED = "/api/v1/domains";

  @io.quarkus.test.common.http.TestHTTPResource("/")
  java.net.URL base;

  private static PrivateKey meshKey() throws Exception {
    return KeyUtils.decodePrivateKey(Files.readString(Path.of(System.getProperty(CatalogTestEnvironment.PRIVATE_KEY_PROPERTY))));
  }

  private static void refused(String token, String reason) {
    given().auth().oauth2(token).when().get(PROTECTED).then().statusCode(401)
        .header("WWW-Authenticate", "Bearer")
        .body("error.message", containsString(reason))
        .body("error.message", not(containsString(token)));
  }

  private static String unsigned(String payloadJson) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    return b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes()) + "."
        + b64.encodeToString(payloadJson.getBytes()) + ".";
  }

  /** Signed correctly with the mesh key, but never expires (the Jwt builder always adds exp). */
  private static String withoutExp(String payloadJson) throws Exception {
    org.jose4j.jws.JsonWebSignature jws = new org.jose4j.jws.JsonWebSignature();
    jws.setPayload(payloadJson);
    jws.setAlgorithmHeaderValue("RS256");
    jws.setKey(meshKey());
    return jws.getCompactSerialization();
  }

  @Test
  void everyForgedOrOutOfRuleTokenIsRefusedWithItsReason() throws Exception {
    given().when().get(PROTECTED).then().statusCode(401).body("error.message", containsString("missing token"));
    refused("garbage", "malformed token");
    long now = Instant.now().getEpochSecond();
    refused(unsigned("{\"iss\":\"dnsmesh\",\"sub\":\"root\",\"exp\":" + (now + 600) + "}"), "bad signature");
    byte[] publicPem = Files.readAllBytes(Path.of(System.getProperty(CatalogTestEnvironment.PRIVATE_KEY_PROPERTY))
        .resolveSibling("public.pem"));
    refused(Jwt.issuer("dnsmesh").subject("root").expiresIn(600).signWithSecret(new String(publicPem)),
        "bad signature");
    Path foreign = Files.createTempDirectory("foreign-keys");
    PrivateKey foreignKey = KeyUtils.decodePrivateKey(Files.readString(TestKeys.write(foreign).privateKey()));
    refused(Jwt.issuer("dnsmesh").subject("root").expiresIn(600).sign(foreignKey), "bad signature");
    refused(Jwt.issuer("dnsmesh").subject("root").issuedAt(now - 3600).expiresAt(now - 300).sign(meshKey()),
        "expired token");
    refused(Jwt.issuer("dnsmesh").subject("root").expiresIn(Duration.ofDays(40)).sign(meshKey()),
        "token lifetime too long");
    refused(Jwt.issuer("https://evil.example/realms/mesh").subject("root").expiresIn(600).sign(meshKey()),
        "unknown issuer");
    refused(Jwt.issuer("dnsmesh").subject("mallory").expiresIn(600).sign(meshKey()), "unknown principal");
    refused(withoutExp("{\"iss\":\"dnsmesh\",\"sub\":\"root\",\"iat\":" + now + "}"), "token without exp");
  }

  @Test
  void roleClaimsOfATokenGrantNothing() throws Exception {
    String analystClaimingAdmin = Jwt.issuer("dnsmesh").subject("ana").groups(java.util.Set.of("admin"))
        .claim("domains", java.util.List.of("na", "eu")).expiresIn(600).sign(meshKey());
    given().auth().oauth2(analystClaimingAdmin).contentType("application/json").body("{\"namespace\":[\"grab\"]}")
        .when().post("/iceberg/v1/na/namespaces").then().statusCode(403)
        .body("error.message", containsString("ana may not"));
  }

  @Test
  void devLoginNeedsTheOneTimeBootstrapSecret() {
    given().contentType("application/json").body("{\"principal\":\"root\"}")
        .when().post("/api/v1/auth/dev-token").then().statusCode(401)
        .body("error.message", containsString("wrong bootstrap secret"));
    given().contentType("application/json").body("{\"principal\":\"root\",\"bootstrapSecret\":\"guess\"}")
        .when().post("/api/v1/auth/dev-token").then().statusCode(401);
    given().contentType("application/json")
        .body("{\"principal\":\"mallory\",\"bootstrapSecret\":\"" + CatalogTestEnvironment.BOOTSTRAP_SECRET + "\"}")
        .when().post("/api/v1/auth/dev-token").then().statusCode(400)
        .body("error.message", containsString("Unknown principal"));
    String token = given().contentType("application/json")
        .body("{\"principal\":\"ana\",\"bootstrapSecret\":\"" + CatalogTestEnvironment.BOOTSTRAP_SECRET + "\"}")
        .when().post("/api/v1/auth/dev-token").then().statusCode(200).body("token_type", equalTo("bearer"))
        .extract().path("access_token");
    given().auth().oauth2(token).when().get(PROTECTED).then().statusCode(200);
    given().contentType("application/json")
        .body("{\"principal\":\"root\",\"bootstrapSecret\":\"" + CatalogTestEnvironment.BOOTSTRAP_SECRET + "\"}")
        .when().post("/api/v1/auth/dev-token").then().statusCode(401)
        .body("error.message", containsString("already used"));
    given().when().get("/api/v1/auth/login-options").then().statusCode(200).body("devLogin", equalTo(true));
  }

  @Test
  void aForeignHostHeaderIsRefusedEverywhere() {
    for (String path : new String[] {PROTECTED, "/ui/", "/q/health/ready", "/api/v1/auth/login-options"}) {
      given().header("Host", "attacker.example").when().get(path).then().statusCode(421)
          .body("error.message", containsString("mesh.http.allowed-hosts"));
    }
    given().header("Host", "127.0.0.1:1234").when().get("/q/health/ready").then().statusCode(200);
  }

  @Test
  void theHostCheckReadsTheAuthorityOfHttp2Too() throws Exception {
    // the JDK client upgrades plain HTTP to h2c: no Host header, only :authority (the stack's health probe does this)
    java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "q/health/ready")).GET().build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    org.assertj.core.api.Assertions.assertThat(response.statusCode()).isEqualTo(200);
  }

  @Test
  void metricsNeedAToken() {
    given().when().get("/q/metrics").then().statusCode(401).body("error.message", containsString("missing token"));
    given().auth().oauth2("forged").when().get("/q/metrics").then().statusCode(401)
        .body("error.message", containsString("malformed token"));
    given().auth().oauth2(DevTokens.of("admin")).when().get("/q/metrics").then().statusCode(200);
  }
}
