package org.dnsmesh.catalog.auth;

import org.dnsmesh.governance.policy.Role;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.iceberg.rest.responses.OAuthTokenResponse;
import org.dnsmesh.catalog.CatalogConfig;
import org.dnsmesh.catalog.iceberg.IcebergJson;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Issues signed tokens: in dev mode for the access policy's principals ({@link DevPrincipals}) through
 * {@code /api/v1/auth/dev-token}; always through Iceberg's OAuth2 endpoint, for service clients with their
 * per-installation secret ({@code client_credentials}, {@link ServiceClients}) and to refresh a valid token
 * ({@code token-exchange}). Tokens of that endpoint are short-lived ({@code mesh.auth.client-token-lifetime}):
 * clients such as Trino's Iceberg catalogs refresh them themselves.
 */
@ApplicationScoped
public class TokenService {
  public static final String ISSUER = "dnsmesh";
  private static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
  private static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";

  private final CatalogConfig.Auth config;
  private final DevPrincipals principals;
  private final ServiceClients clients;
  private final JWTParser parser;
  private volatile PrivateKey signingKey;

  public TokenService(CatalogConfig config, DevPrincipals principals, ServiceClients clients, JWTParser parser) {
    this.config = config.auth();
    this.principals = principals;
    this.clients = clients;
    this.parser = parser;
  }

  /** An issued token and its lifetime. */
  public record IssuedToken(String token, Duration lifetime) {}

  public boolean devTokensEnabled() {
    return config.devTokens();
  }

  /** Signs a token for the caller: issuer dnsmesh, sub, groups, domains, exp. */
  public IssuedToken mint(Caller caller, Duration lifetime) {
    Set<String> groups = caller.roles().stream().map(Role::id).collect(Collectors.toSet());
    String token = Jwt.issuer(ISSUER)
        .subject(caller.subject())
        .upn(caller.subject())
        .groups(groups)
        .claim(Callers.DOMAINS_CLAIM, List.copyOf(caller.domains()))
        .expiresIn(lifetime)
        .sign(signingKey());
    return new IssuedToken(token, lifetime);
  }

  /** A dev token for a principal of the access policy, or empty when the policy names no such principal. */
  public Optional<IssuedToken> devToken(String principal) {
    return principals.resolve(principal).map(caller -> mint(caller, config.tokenLifetime()));
  }

  /** The principals dev tokens can be issued for. */
  public List<String> devPrincipalNames() {
    return principals.names();
  }

  /** The same, with the roles and domains their tokens carry, in policy order. */
  public List<Caller> devPrincipals() {
    return principals.names().stream().map(principals::resolve).flatMap(Optional::stream).toList();
  }

  /**
   * Answers Iceberg's {@code POST /v1/oauth/tokens} (form encoded) in the OAuth2 token response shape. Client
   * credentials come in the form or as HTTP Basic ({@code authorization}); Iceberg's client refreshes an expired
   * token by a token exchange authenticated with Basic credentials, which gets a fresh token for the client.
   */
  public Response oauthToken(MultivaluedMap<String, String> form, String authorization) {
    String grantType = form.getFirst("grant_type");
    Optional<Map.Entry<String, String>> basic = ServiceClients.basicCredentials(authorization);
    if ("client_credentials".equals(grantType)) {
      String clientId = basic.map(Map.Entry::getKey).orElse(form.getFirst("client_id"));
      String secret = basic.map(Map.Entry::getValue).orElse(form.getFirst("client_secret"));
      return clientToken(clientId, secret);
    }
    if (TOKEN_EXCHANGE.equals(grantType)) {
      if (basic.isPresent()) {
        return clientToken(basic.get().getKey(), basic.get().getValue());
      }
      String subjectToken = form.getFirst("subject_token");
      try {
        JsonWebToken verified = parser.parse(subjectToken);
        return oauthResponse(mint(Callers.from(verified), config.clientTokenLifetime()));
      } catch (ParseException | RuntimeException e) {
        return oauthError(401, "invalid_grant", "Subject token is not a valid token of this service");
      }
    }
    return oauthError(400, "unsupported_grant_type", "Unsupported grant_type: " + grantType);
  }

  private Response clientToken(String clientId, String secret) {
    if (!clients.authenticate(clientId, secret)) {
      return oauthError(401, "invalid_client", "Unknown client id or wrong client secret");
    }
    return principals.resolve(clientId)
        .map(caller -> oauthResponse(mint(caller, config.clientTokenLifetime())))
        .orElseGet(() -> oauthError(401, "invalid_client", "Client '" + clientId + "' is no principal of the access policy"));
  }

  private static Response oauthResponse(IssuedToken issued) {
    OAuthTokenResponse response = OAuthTokenResponse.builder()
        .withToken(issued.token())
        .withTokenType("bearer")
        .withIssuedTokenType(ACCESS_TOKEN_TYPE)
        .setExpirationInSeconds((int) issued.lifetime().toSeconds())
        .build();
    return Response.ok(IcebergJson.write(response), MediaType.APPLICATION_JSON_TYPE).build();
  }

  private static Response oauthError(int status, String error, String description) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("error", error);
    body.put("error_description", description);
    return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(IcebergJson.write(body)).build();
  }

  private PrivateKey signingKey() {
    PrivateKey key = signingKey;
    if (key == null) {
      Path path = Path.of(config.privateKey());
      try {
        key = KeyUtils.decodePrivateKey(Files.readString(path));
      } catch (IOException | GeneralSecurityException | RuntimeException e) {
        throw new IllegalStateException(
            "Cannot read the token signing key (PKCS#8 PEM) from mesh.auth.private-key=" + path + ": " + e.getMessage(), e);
      }
      signingKey = key;
    }
    return key;
  }
}
