package org.dnsmesh.identity;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.Key;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.jose4j.lang.JoseException;
import org.jose4j.lang.UnresolvableKeyException;

/**
 * The signing keys of an OpenID Connect issuer: {@code jwks_uri} from its discovery document (fetched on first
 * use, so a door starts while the provider is down), then the JWKS, cached and re-fetched when a token names a
 * key id not in the cache (key rotation) at most once a minute.
 */
final class OidcKeys implements TokenVerifier.KeyResolver {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String issuer;
  private volatile HttpsJwksVerificationKeyResolver resolver;

  OidcKeys(String issuer) {
    this.issuer = issuer;
  }

  @Override
  public Key resolveKey(JsonWebSignature jws, List<JsonWebStructure> nestingContext) throws UnresolvableKeyException {
    return resolver().resolveKey(jws, nestingContext);
  }

  private HttpsJwksVerificationKeyResolver resolver() throws UnresolvableKeyException {
    HttpsJwksVerificationKeyResolver current = resolver;
    if (current == null) {
      synchronized (this) {
        current = resolver;
        if (current == null) {
          HttpsJwks jwks = new HttpsJwks(jwksUri());
          jwks.setRefreshReprieveThreshold(60_000);
          jwks.setDefaultCacheDuration(300);
          current = new HttpsJwksVerificationKeyResolver(jwks);
          resolver = current;
        }
      }
    }
    return current;
  }

  private String jwksUri() throws UnresolvableKeyException {
    String discovery = issuer.replaceAll("/+$", "") + "/.well-known/openid-configuration";
    try {
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(discovery))
          .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new TokenVerifier.IssuerUnavailableException("discovery document of " + issuer + " answered HTTP "
            + response.statusCode(), null);
      }
      Map<String, Object> document = JsonUtil.parseJson(response.body());
      if (!issuer.equals(document.get("issuer"))) {
        throw new TokenVerifier.IssuerUnavailableException("discovery document of " + issuer + " names another issuer",
            null);
      }
      Object jwksUri = document.get("jwks_uri");
      if (!(jwksUri instanceof String uri)) {
        throw new TokenVerifier.IssuerUnavailableException("discovery document of " + issuer + " has no jwks_uri", null);
      }
      return uri;
    } catch (IOException | JoseException | IllegalArgumentException e) {
      throw new TokenVerifier.IssuerUnavailableException("cannot read the discovery document of " + issuer + ": "
          + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TokenVerifier.IssuerUnavailableException("interrupted reading the discovery document of " + issuer, e);
    }
  }
}
