package org.dnsmesh.catalog.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;

/**
 * A stand-in for an external OpenID Connect provider, for {@link CatalogBench}'s {@code --issuer oidc}: a loopback
 * HTTP server answering the discovery document ({@code <issuer>/.well-known/openid-configuration}) and the JWKS
 * it names, with its own RSA 2048 key, and tokens signed RS256 with that key carrying the claims Keycloak writes
 * (iss, aud, sub, preferred_username, groups, iat, exp).
 *
 * <p>Why not the real Keycloak that the end-to-end identity test starts: its launcher lives in the infra
 * layer, above the catalog service, and the benchmark does not measure the provider anyway. The measured cost is
 * the catalog verifying RS256 tokens of an external issuer with keys it fetched through discovery + JWKS and
 * mapping the token's groups to a policy principal through {@code idpGroups}; that path is the same whichever
 * server published the keys. The provider is asked only at the catalog's first external token and when its
 * JWKS cache expires (every 5 minutes), so its speed is not part of any cell.
 */
final class StandInOidcIssuer implements AutoCloseable {
  static final String REALM_PATH = "/realms/bench";

  private final HttpServer server;
  private final RsaJsonWebKey key;
  private final String issuer;
  /** Discovery + JWKS requests served: shows that the catalog fetched the keys and did not ask again per call. */
  final AtomicLong keyRequests = new AtomicLong();

  StandInOidcIssuer() throws Exception {
    key = RsaJwkGenerator.generateJwk(2048);
    key.setKeyId("bench-" + Long.toHexString(System.nanoTime()));
    key.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
    key.setUse("sig");
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    issuer = "http://127.0.0.1:" + server.getAddress().getPort() + REALM_PATH;
    String jwksUri = issuer + "/protocol/openid-connect/certs";
    String discovery = "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + jwksUri + "\","
        + "\"id_token_signing_alg_values_supported\":[\"RS256\"]}";
    String jwks = new JsonWebKeySet(key).toJson(); // public parts only
    server.createContext(REALM_PATH + "/.well-known/openid-configuration", exchange -> answer(exchange, discovery));
    server.createContext(REALM_PATH + "/protocol/openid-connect/certs", exchange -> answer(exchange, jwks));
    server.start();
  }

  String issuer() {
    return issuer;
  }

  /** An access token of {@code user}, member of {@code groups}, for audience {@code audience}, valid 1 h. */
  String token(String user, List<String> groups, String audience) throws Exception {
    long now = NumericDate.now().getValue();
    JwtClaims claims = new JwtClaims();
    claims.setIssuer(issuer);
    claims.setAudience(audience);
    claims.setSubject("f:bench:" + user);
    claims.setClaim("preferred_username", user);
    claims.setStringListClaim("groups", groups);
    claims.setIssuedAt(NumericDate.fromSeconds(now - 5));
    claims.setExpirationTime(NumericDate.fromSeconds(now + 3600));
    JsonWebSignature jws = new JsonWebSignature();
    jws.setPayload(claims.toJson());
    jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
    jws.setKeyIdHeaderValue(key.getKeyId());
    jws.setHeader("typ", "JWT");
    jws.setKey(key.getPrivateKey());
    return jws.getCompactSerialization();
  }

  private void answer(HttpExchange exchange, String body) throws IOException {
    keyRequests.incrementAndGet();
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
