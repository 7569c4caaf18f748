package org.dnsmesh.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.interfaces.RSAPublicKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.dnsmesh.infra.demo.DemoData;
import org.dnsmesh.infra.stack.DevTokens;
import org.dnsmesh.infra.stack.EphemeralKafka;
import org.dnsmesh.infra.stack.KeycloakServer;
import org.dnsmesh.infra.stack.MeshStack;
import org.dnsmesh.infra.stack.PostgresDatabase;
import org.dnsmesh.infra.stack.StackConfig;
import org.dnsmesh.infra.stack.TrinoSecurity;
import org.dnsmesh.infra.stack.TrinoSql;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Identity at both doors (catalog REST/Iceberg REST and Trino) on the real stack with a real Keycloak as the
 * external OIDC issuer: a Keycloak user in group eu-analyst sees exactly what the policy's eu analyst (ana)
 * sees, and every token attack (no token, malformed, alg none, HS256 keyed with the public key, foreign key,
 * expired, no exp, extra role claims, another realm, wrong audience, an unmapped group) is refused by both,
 * with the reason in the refusal. A key Keycloak adds to the realm (rotation) is trusted by both doors without a
 * restart; a key it never published is not. Also: the dev login is off after mesh up, principal listings need a
 * token, a foreign Host header and unauthenticated metrics are refused, and Trino's internal and management
 * endpoints refuse bearers forged without the cluster's shared secret and ordinary users.
 */
@Tag("e2e")
class ExternalIdentityIT {
  private static final String REALM = "mesh";
  private static final String OTHER_REALM = "other";
  private static final String PASSWORD = "eva-pass-" + Long.toHexString(System.nanoTime());
  /** The secret of the realm's client allowed to manage its keys (a service account with manage-realm). */
  private static final String ROTATOR_SECRET = "rotator-" + UUID.randomUUID();
  private static final AtomicInteger ATTEMPTS = new AtomicInteger();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  private static StackConfig config;
  private static MeshStack stack;
  private static KeycloakServer keycloak;
  private static KeyPair realmKey;
  private static String realmKid;

  @BeforeAll
  static void up() throws Exception {
    Path state = Files.createTempDirectory("dnsmesh-e2e-identity-");
    config = StackConfig.fromEnvironment(EphemeralKafka.projectHome())
        .withStateDir(state.resolve("mesh"))
        .withDatabase("dnsmesh_test_e2e_identity")
        .withFreePorts();
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    realmKey = generator.generateKeyPair();
    keycloak = new KeycloakServer(config, state.resolve("keycloak"));
    long started = System.nanoTime();
    keycloak.start(Map.of(REALM, realm(REALM, realmKey), OTHER_REALM, realm(OTHER_REALM, null)));
    // the mesh trusts the Keycloak realm "mesh" by one setting
    System.setProperty("mesh.oidc-issuer", keycloak.issuer(REALM));
    stack = E2eStacks.up(config);
    new DemoData(config, stack.tokens()).seed();
    keycloak.awaitReady(Duration.ofSeconds(180), List.of(REALM, OTHER_REALM));
    System.out.printf("[identity] mesh + Keycloak ready in %.1f s%n", (System.nanoTime() - started) / 1e9);
    realmKid = kidOf(realmKey);
  }

  @AfterAll
  static void down() {
    System.clearProperty("mesh.oidc-issuer");
    System.out.println("[identity] token attacks tried against the catalog and Trino: " + ATTEMPTS.get()
        + ", accepted: 0");
    if (stack != null) {
      stack.down();
    }
    if (keycloak != null) {
      keycloak.close();
    }
  }

  // ---- the legitimate path

  @Test
  void aKeycloakUserInTheEuAnalystGroupSeesExactlyWhatAnaSees() throws Exception {
    String eva = keycloakToken(REALM, "mesh-cli", "eva");
    String ana = meshToken("ana", List.of("analyst"));
    assertThat(query(eva, DemoData.SAMPLE_QUERY)).isEqualTo(query(ana, DemoData.SAMPLE_QUERY))
        .containsExactly(List.of("eu", "eu", "NOERROR", 2L), List.of("eu", "eu", "NXDOMAIN", 1L),
            List.of("na", "eu", "NXDOMAIN", 1L), List.of("na", "eu", "SERVFAIL", 1L));
    String masked = "SELECT client_ip, qname FROM na.resolver.queries ORDER BY ts";
    assertThat(query(eva, masked)).isEqualTo(query(ana, masked)).hasSize(2);
    assertThat(query(eva, "SELECT current_user")).containsExactly(List.of("ana"));
    for (String path : List.of("/api/v1/domains", "/iceberg/v1/na/namespaces", "/iceberg/v1/eu/namespaces",
        "/api/v1/products?q=")) {
      HttpResponse<String> asEva = get(path, eva, null);
      assertThat(asEva.statusCode()).as(path).isEqualTo(200);
      assertThat(asEva.body()).as(path).isEqualTo(get(path, ana, null).body());
    }
    assertThat(post("/iceberg/v1/na/namespaces", eva, "{\"namespace\":[\"eva_scratch\"]}").statusCode())
        .as("ana may not write na, so neither may eva").isEqualTo(403);
  }

  // ---- attacks: each against the catalog and Trino

  @Test
  void forgedTokensAreRefusedByBothDoors() throws Exception {
    long now = NumericDate.now().getValue();
    refusedByBoth(null, "missing token");
    refusedByBoth("not-a-jwt", "malformed token");
    refusedByBoth(unsigned(meshClaims("root", now + 600)), "bad signature");
    byte[] publicPem = Files.readAllBytes(config.layout().jwtPublicKey());
    refusedByBoth(sign(meshClaims("root", now + 600), new HmacKey(publicPem), AlgorithmIdentifiers.HMAC_SHA256, null),
        "bad signature");
    Path foreignKeys = Files.createTempDirectory("foreign-keys-");
    DevTokens forger = new DevTokens(foreignKeys.resolve("private.pem"), foreignKeys.resolve("public.pem"));
    forger.ensureKeyPair();
    refusedByBoth(forger.mint("root", List.of("admin"), List.of(), Duration.ofMinutes(5)), "bad signature");
    JwtClaims expired = meshClaims("root", now - 300);
    expired.setIssuedAt(NumericDate.fromSeconds(now - 3600));
    refusedByBoth(sign(expired, meshKey(), AlgorithmIdentifiers.RSA_USING_SHA256, null), "expired token");
    JwtClaims noExp = meshClaims("root", now);
    noExp.unsetClaim("exp");
    refusedByBoth(sign(noExp, meshKey(), AlgorithmIdentifiers.RSA_USING_SHA256, null), "token without exp");
    refusedByBoth(sign(meshClaims("mallory", now + 600), meshKey(), AlgorithmIdentifiers.RSA_USING_SHA256, null),
        "unknown principal", /* Trino: the rules know no mallory */ false);
  }

  @Test
  void externalTokensOutsideTheRulesAreRefusedByBothDoors() throws Exception {
    long now = NumericDate.now().getValue();
    refusedByBoth(keycloakToken(OTHER_REALM, "mesh-cli", "eva"), "unknown issuer");
    refusedByBoth(keycloakToken(REALM, "other-app", "eva"), "wrong audience");
    refusedByBoth(keycloakToken(REALM, "mesh-cli", "mallory"), "unknown principal");
    JwtClaims expired = realmClaims("eva", now - 300);
    expired.setIssuedAt(NumericDate.fromSeconds(now - 900));
    refusedByBoth(sign(expired, realmKey.getPrivate(), AlgorithmIdentifiers.RSA_USING_SHA256, realmKid),
        "expired token");
    JwtClaims noExp = realmClaims("eva", now);
    noExp.unsetClaim("exp");
    refusedByBoth(sign(noExp, realmKey.getPrivate(), AlgorithmIdentifiers.RSA_USING_SHA256, realmKid),
        "token without exp");
    refusedByBoth(sign(realmClaims("eva", now + 13 * 3600), realmKey.getPrivate(),
        AlgorithmIdentifiers.RSA_USING_SHA256, realmKid), "token lifetime too long");
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    refusedByBoth(sign(realmClaims("eva", now + 300), generator.generateKeyPair().getPrivate(),
        AlgorithmIdentifiers.RSA_USING_SHA256, "never-published"), "bad signature");
    refusedByBoth(sign(realmClaims("eva", now + 300), generator.generateKeyPair().getPrivate(),
        AlgorithmIdentifiers.RSA_USING_SHA256, realmKid), "bad signature");
    // the control: the same forging path with a valid exp is accepted, so the refusals above are about exp
    assertThat(query(sign(realmClaims("eva", now + 300), realmKey.getPrivate(), AlgorithmIdentifiers.RSA_USING_SHA256,
        realmKid), "SELECT current_user")).containsExactly(List.of("ana"));
  }

  @Test
  void extraRoleClaimsGrantNothing() throws Exception {
    long now = NumericDate.now().getValue();
    JwtClaims anaAsAdmin = meshClaims("ana", now + 600);
    anaAsAdmin.setStringListClaim("groups", "admin", "steward");
    anaAsAdmin.setStringListClaim("roles", "admin");
    anaAsAdmin.setStringListClaim("domains", "na", "eu", "apac", "security");
    String token = sign(anaAsAdmin, meshKey(), AlgorithmIdentifiers.RSA_USING_SHA256, null);
    ATTEMPTS.addAndGet(2);
    assertThat(post("/iceberg/v1/na/namespaces", token, "{\"namespace\":[\"grab\"]}").statusCode()).isEqualTo(403);
    List<Object> masked = new ArrayList<>();
    masked.add("192.0.2.0");
    masked.add(null);
    assertThat(query(token, "SELECT client_ip, qname FROM na.resolver.queries ORDER BY ts"))
        .as("still masked and filtered as ana").containsExactly(masked, masked);
    JwtClaims keycloakAdmin = realmClaims("eva", now + 300);
    keycloakAdmin.setStringListClaim("groups", "eu-analyst");
    keycloakAdmin.setClaim("realm_access", Map.of("roles", List.of("admin")));
    ATTEMPTS.incrementAndGet();
    assertThat(query(sign(keycloakAdmin, realmKey.getPrivate(), AlgorithmIdentifiers.RSA_USING_SHA256, realmKid),
        "SELECT count(*) FROM na.resolver.queries")).containsExactly(List.of(2L));
  }

  @Test
  void noCredentialLessPathAndHttpHygiene() throws Exception {
    ATTEMPTS.addAndGet(6);
    HttpResponse<String> devToken = HTTP.send(HttpRequest.newBuilder(URI.create(config.catalogUrl()
            + "/api/v1/auth/dev-token")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"principal\":\"root\"}")).build(), BodyHandlers.ofString());
    assertThat(devToken.statusCode()).as("dev login is off after mesh up").isEqualTo(404);
    assertThat(devToken.body()).doesNotContain("access_token");
    HttpResponse<String> oauth = HTTP.send(HttpRequest.newBuilder(URI.create(config.icebergRestUrl() + "/v1/oauth/tokens"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=root&client_secret=dnsmesh-dev-secret"))
        .build(), BodyHandlers.ofString());
    assertThat(oauth.body()).doesNotContain("access_token");
    HttpResponse<String> principals = get("/api/v1/auth/dev-principals", null, null);
    assertThat(principals.statusCode()).isEqualTo(401);
    assertThat(principals.body()).contains("missing token");
    HttpResponse<String> rebound = get("/api/v1/domains", meshToken("root", List.of("admin")), "attacker.example");
    assertThat(rebound.statusCode()).as("DNS rebinding: foreign Host").isEqualTo(421);
    HttpResponse<String> metrics = get("/q/metrics", null, null);
    assertThat(metrics.statusCode()).isEqualTo(401);
    Properties claimed = new Properties();
    claimed.setProperty("user", "root");
    assertThatThrownBy(() -> {
      try (Connection http = DriverManager.getConnection("jdbc:trino://127.0.0.1:" + config.trinoPort(), claimed);
          Statement statement = http.createStatement()) {
        statement.executeQuery("SELECT 1").close();
      }
    }).as("a user name claimed over plain HTTP").isInstanceOf(SQLException.class);
  }

  // ---- key rotation at the issuer

  /**
   * Keycloak rotates: a new realm key with a higher priority signs every new token. Both doors fetch the realm's
   * JWKS again when a token names a key id they have not seen (at most once a minute), so the new key is trusted
   * without a restart, and eva still sees exactly what ana sees.
   */
  @Test
  void aKeyTheRealmRotatesToIsTrustedByBothDoorsWithoutARestart() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair next = generator.generateKeyPair();
    String component = """
        {"name": "rotated-rsa", "providerId": "rsa", "providerType": "org.keycloak.keys.KeyProvider", "parentId": "%s",
         "config": {"privateKey": ["%s"], "priority": ["300"], "active": ["true"], "enabled": ["true"],
                    "algorithm": ["RS256"]}}
        """.formatted(REALM, Base64.getEncoder().encodeToString(next.getPrivate().getEncoded()));
    HttpResponse<String> added = HTTP.send(HttpRequest.newBuilder(URI.create(keycloak.baseUrl() + "/admin/realms/"
            + REALM + "/components"))
        .header("Authorization", "Bearer " + rotatorToken()).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(component)).build(), BodyHandlers.ofString());
    assertThat(added.statusCode()).as("Keycloak adds the key: " + added.body()).isEqualTo(201);
    String nextKid = kidOf(next);
    assertThat(nextKid).isNotEqualTo(realmKid);

    String eva = keycloakToken(REALM, "mesh-cli", "eva");
    assertThat(headerOf(eva).get("kid")).as("Keycloak signs with the rotated key").isEqualTo(nextKid);
    String ana = meshToken("ana", List.of("analyst"));
    long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
    while (get("/iceberg/v1/eu/namespaces", eva, null).statusCode() != 200) {
      assertThat(System.nanoTime()).as("the catalog trusts the rotated key within its refresh interval")
          .isLessThan(deadline);
      Thread.sleep(2_000);
    }
    while (true) {
      try {
        assertThat(query(eva, DemoData.SAMPLE_QUERY)).isEqualTo(query(ana, DemoData.SAMPLE_QUERY));
        break;
      } catch (SQLException e) {
        assertThat(System.nanoTime()).as("Trino trusts the rotated key within its refresh interval: " + e.getMessage())
            .isLessThan(deadline);
        Thread.sleep(2_000);
      }
    }
    assertThat(get("/iceberg/v1/eu/namespaces", eva, null).body())
        .isEqualTo(get("/iceberg/v1/eu/namespaces", ana, null).body());
  }

  // ---- Trino's internal and management endpoints

  /**
   * Trino's nodes trust each other through bearers signed with the cluster's shared secret, kept in a 0600 file only
   * the services' OS user reads (SecretsAtRestIT). Forged with anything else (guesses, alg none, the mesh's own
   * signed token) they reach neither the internal API (/v1/task) nor the management endpoints (/v1/node, /v1/thread),
   * over plain HTTP or HTTPS; a verified user's token reaches neither either, nor another user's query.
   */
  @Test
  void trinosInternalAndManagementEndpointsRefuseForgedBearersAndUsers() throws Exception {
    String marker = "marker-" + UUID.randomUUID();
    String root = meshToken("root", List.of("admin"));
    query(root, "SELECT '" + marker + "'");
    HttpClient https = trinoHttps();
    String rootQueryId = null;
    for (JsonNode info : JSON.readTree(https.send(HttpRequest.newBuilder(URI.create(config.trinoHttpsUrl() + "/v1/query"))
        .header("Authorization", "Bearer " + root).GET().build(), BodyHandlers.ofString()).body())) {
      if (info.path("query").asText().contains(marker)) {
        rootQueryId = info.path("queryId").asText();
      }
    }
    assertThat(rootQueryId).as("root lists its own query").isNotNull();

    long now = NumericDate.now().getValue();
    JwtClaims internal = new JwtClaims();
    internal.setSubject("mesh-node");
    internal.setExpirationTime(NumericDate.fromSeconds(now + 300));
    List<String> forged = new ArrayList<>();
    for (String guess : List.of("", "trino", "dnsmesh-dev-secret", "changeit", UUID.randomUUID().toString())) {
      forged.add(sign(internal, new HmacKey(sha256(guess)), AlgorithmIdentifiers.HMAC_SHA256, null));
    }
    forged.add(unsigned(internal));
    forged.add(meshToken("root", List.of("admin")));
    for (String bearer : forged) {
      for (String base : List.of(config.trinoUrl(), config.trinoHttpsUrl())) {
        for (String path : List.of("/v1/task", "/v1/node", "/v1/thread", "/v1/query/" + rootQueryId)) {
          ATTEMPTS.incrementAndGet();
          HttpResponse<String> answer = https.send(HttpRequest.newBuilder(URI.create(base + path))
              .header("X-Trino-Internal-Bearer", bearer).GET().build(), BodyHandlers.ofString());
          assertThat(answer.statusCode()).as("forged internal bearer " + base + path).isIn(401, 403);
          assertThat(answer.body()).as(base + path).doesNotContain(rootQueryId).doesNotContain("nodeVersion");
        }
      }
    }
    // the control: forged the same way with the real secret, the bearer is what a node sends (so the refusals above
    // are about the secret, not the forging); only the services' OS user can read that secret
    String secret = new TrinoSecurity(config).ensureSecrets().getProperty("internal-shared-secret");
    assertThat(https.send(HttpRequest.newBuilder(URI.create(config.trinoUrl() + "/v1/task"))
        .header("X-Trino-Internal-Bearer", sign(internal, new HmacKey(sha256(secret)), AlgorithmIdentifiers.HMAC_SHA256,
            null)).GET().build(), BodyHandlers.ofString()).statusCode()).isEqualTo(200);

    for (String user : List.of("ana", "kenji")) {
      String token = meshToken(user, List.of("analyst"));
      for (String path : List.of("/v1/task", "/v1/node", "/v1/thread", "/v1/query/" + rootQueryId)) {
        ATTEMPTS.incrementAndGet();
        HttpResponse<String> answer = https.send(HttpRequest.newBuilder(URI.create(config.trinoHttpsUrl() + path))
            .header("Authorization", "Bearer " + token).GET().build(), BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(user + " " + path).isIn(401, 403);
        assertThat(answer.body()).as(user + " " + path).doesNotContain(rootQueryId).doesNotContain(marker);
      }
      ATTEMPTS.incrementAndGet();
      HttpResponse<String> queries = https.send(HttpRequest.newBuilder(URI.create(config.trinoHttpsUrl() + "/v1/query"))
          .header("Authorization", "Bearer " + token).GET().build(), BodyHandlers.ofString());
      assertThat(queries.body()).as(user + " lists queries").doesNotContain(rootQueryId).doesNotContain(marker);
      ATTEMPTS.incrementAndGet();
      assertThatThrownBy(() -> query(token, "SELECT query FROM system.runtime.queries"))
          .as(user + " reads the query list in SQL").isInstanceOf(SQLException.class).hasMessageContaining("Access Denied");
    }
  }

  // ---- helpers

  private static void refusedByBoth(String token, String reason) throws Exception {
    refusedByBoth(token, reason, true);
  }

  /** One attack against both doors: the catalog answers 401 with the reason, Trino refuses (with it, if said so). */
  private static void refusedByBoth(String token, String reason, boolean trinoSaysWhy) throws Exception {
    ATTEMPTS.addAndGet(2);
    HttpResponse<String> catalog = get("/iceberg/v1/na/namespaces", token, null);
    assertThat(catalog.statusCode()).as("catalog, " + reason).isEqualTo(401);
    assertThat(catalog.body()).as("catalog, " + reason).contains(reason);
    if (token != null) {
      assertThat(catalog.body()).doesNotContain(token);
    }
    var refusal = assertThatThrownBy(() -> query(token, "SELECT count(*) FROM na.resolver.queries"))
        .as("Trino, " + reason).isInstanceOf(SQLException.class);
    if (trinoSaysWhy) {
      refusal.hasMessageContaining(reason);
    }
  }

  private static List<List<Object>> query(String accessToken, String sql) throws SQLException {
    return TrinoSql.rows(config, accessToken, sql);
  }

  private static HttpResponse<String> get(String path, String token, String host) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(config.catalogUrl() + path)).GET();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (host != null) {
      // the JDK client refuses to set Host; a raw socket sends what a rebinding page's browser sends
      return RawHttp.get(config.catalogPort(), path, host, token);
    }
    return HTTP.send(request.build(), BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(String path, String token, String json) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(config.catalogUrl() + path))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build(), BodyHandlers.ofString());
  }

  /** A client of Trino's HTTPS port that trusts the stack's certificate (as the JDBC driver does). */
  private static HttpClient trinoHttps() throws Exception {
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    try (InputStream pem = Files.newInputStream(config.layout().trinoCertificate())) {
      trust.setCertificateEntry("trino", CertificateFactory.getInstance("X.509").generateCertificate(pem));
    }
    TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trustManagers.init(trust);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, trustManagers.getTrustManagers(), null);
    return HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1).build();
  }

  /** Trino signs its internal bearers with an HMAC key that is the SHA-256 of the shared secret. */
  private static byte[] sha256(String secret) throws Exception {
    return java.security.MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
  }

  private static Map<String, Object> headerOf(String jwt) throws Exception {
    return org.jose4j.json.JsonUtil.parseJson(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]),
        StandardCharsets.UTF_8));
  }

  /** An admin token of the realm for its key rotation: client credentials of the service account "rotator". */
  private static String rotatorToken() throws Exception {
    String form = "grant_type=client_credentials&client_id=rotator&client_secret="
        + URLEncoder.encode(ROTATOR_SECRET, StandardCharsets.UTF_8);
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(keycloak.tokenEndpoint(REALM)))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), BodyHandlers.ofString());
    assertThat(response.statusCode()).as("rotator token: " + response.body()).isEqualTo(200);
    return (String) org.jose4j.json.JsonUtil.parseJson(response.body()).get("access_token");
  }

  private static String meshToken(String principal, List<String> roles) {
    return stack.tokens().mint(principal, roles, List.of(), Duration.ofMinutes(10));
  }

  private static PrivateKey meshKey() throws Exception {
    String body = Files.readString(config.layout().jwtPrivateKey()).replaceAll("-----[A-Z ]+-----", "")
        .replaceAll("\\s", "");
    return java.security.KeyFactory.getInstance("RSA")
        .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
  }

  private static JwtClaims meshClaims(String subject, long exp) {
    JwtClaims claims = new JwtClaims();
    claims.setIssuer("dnsmesh");
    claims.setSubject(subject);
    claims.setIssuedAt(NumericDate.fromSeconds(NumericDate.now().getValue() - 5));
    claims.setExpirationTime(NumericDate.fromSeconds(exp));
    return claims;
  }

  /** Claims as Keycloak writes them for eva (issuer, audience, preferred_username, groups). */
  private static JwtClaims realmClaims(String user, long exp) {
    JwtClaims claims = new JwtClaims();
    claims.setIssuer(keycloak.issuer(REALM));
    claims.setAudience("dnsmesh");
    claims.setSubject("f:" + user);
    claims.setClaim("preferred_username", user);
    claims.setStringListClaim("groups", "eu-analyst");
    claims.setIssuedAt(NumericDate.fromSeconds(NumericDate.now().getValue() - 5));
    claims.setExpirationTime(NumericDate.fromSeconds(exp));
    return claims;
  }

  private static String sign(JwtClaims claims, java.security.Key key, String alg, String kid) throws Exception {
    JsonWebSignature jws = new JsonWebSignature();
    jws.setPayload(claims.toJson());
    jws.setAlgorithmHeaderValue(alg);
    jws.setKey(key);
    jws.setDoKeyValidation(false);
    if (kid != null) {
      jws.setKeyIdHeaderValue(kid);
    }
    return jws.getCompactSerialization();
  }

  private static String unsigned(JwtClaims claims) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    return b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
        + b64.encodeToString(claims.toJson().getBytes(StandardCharsets.UTF_8)) + ".";
  }

  /** A token from Keycloak's token endpoint (password grant), as a CLI user would get it. */
  private static String keycloakToken(String realm, String client, String user) throws Exception {
    String form = Map.of("grant_type", "password", "client_id", client, "username", user, "password", PASSWORD,
            "scope", "openid").entrySet().stream()
        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(keycloak.tokenEndpoint(realm)))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), BodyHandlers.ofString());
    assertThat(response.statusCode()).as("Keycloak token for " + user + ": " + response.body()).isEqualTo(200);
    return (String) org.jose4j.json.JsonUtil.parseJson(response.body()).get("access_token");
  }

  /** The kid Keycloak published for the realm key the test imported (so forged variants carry a real key). */
  private static String kidOf(KeyPair pair) throws Exception {
    HttpResponse<String> jwks = HTTP.send(HttpRequest.newBuilder(URI.create(keycloak.issuer(REALM)
        + "/protocol/openid-connect/certs")).GET().build(), BodyHandlers.ofString());
    for (JsonWebKey key : new JsonWebKeySet(jwks.body()).getJsonWebKeys()) {
      if (key instanceof RsaJsonWebKey rsa
          && rsa.getRsaPublicKey().getModulus().equals(((RSAPublicKey) pair.getPublic()).getModulus())) {
        return key.getKeyId();
      }
    }
    throw new AssertionError("Keycloak does not publish the imported realm key: " + jwks.body());
  }

  /**
   * A realm with the mesh's client (audience dnsmesh, groups claim), a client without that audience, a service
   * account allowed to manage the realm's keys (rotator), groups eu-analyst and admin, users eva (eu-analyst) and
   * mallory (admin group, admin realm role).
   */
  private static String realm(String name, KeyPair key) {
    String keys = key == null ? "" : """
        "components": {"org.keycloak.keys.KeyProvider": [{"name": "imported-rsa", "providerId": "rsa",
          "config": {"privateKey": ["%s"], "priority": ["200"], "active": ["true"], "enabled": ["true"],
                     "algorithm": ["RS256"]}}]},
        """.formatted(Base64.getEncoder().encodeToString(key.getPrivate().getEncoded()));
    return """
        {"id": "%s", "realm": "%s", "enabled": true, "accessTokenLifespan": 300, %s
         "roles": {"realm": [{"name": "admin"}]},
         "groups": [{"name": "eu-analyst"}, {"name": "admin"}],
         "clients": [
           {"clientId": "mesh-cli", "publicClient": true, "directAccessGrantsEnabled": true,
            "standardFlowEnabled": false, "protocol": "openid-connect",
            "protocolMappers": [
              {"name": "audience", "protocol": "openid-connect", "protocolMapper": "oidc-audience-mapper",
               "config": {"included.custom.audience": "dnsmesh", "access.token.claim": "true"}},
              {"name": "groups", "protocol": "openid-connect", "protocolMapper": "oidc-group-membership-mapper",
               "config": {"claim.name": "groups", "full.path": "false", "access.token.claim": "true"}}]},
           {"clientId": "other-app", "publicClient": true, "directAccessGrantsEnabled": true,
            "standardFlowEnabled": false, "protocol": "openid-connect",
            "protocolMappers": [
              {"name": "groups", "protocol": "openid-connect", "protocolMapper": "oidc-group-membership-mapper",
               "config": {"claim.name": "groups", "full.path": "false", "access.token.claim": "true"}}]},
           {"clientId": "rotator", "publicClient": false, "secret": "%s", "serviceAccountsEnabled": true,
            "directAccessGrantsEnabled": false, "standardFlowEnabled": false, "protocol": "openid-connect"}],
         "users": [
           {"username": "eva", "enabled": true, "email": "eva@eu.example", "emailVerified": true,
            "firstName": "Eva", "lastName": "Analyst", "groups": ["eu-analyst"],
            "credentials": [{"type": "password", "value": "%s", "temporary": false}]},
           {"username": "mallory", "enabled": true, "email": "mallory@evil.example", "emailVerified": true,
            "firstName": "Mallory", "lastName": "Admin", "groups": ["admin"], "realmRoles": ["admin"],
            "credentials": [{"type": "password", "value": "%s", "temporary": false}]},
           {"username": "service-account-rotator", "enabled": true, "serviceAccountClientId": "rotator",
            "clientRoles": {"realm-management": ["manage-realm"]}}]}
        """.formatted(name, name, keys, ROTATOR_SECRET, PASSWORD, PASSWORD);
  }
}
