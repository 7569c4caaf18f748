package org.dnsmesh.catalog.auth;

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
 * Issues signed tokens in dev mode: for the access policy's principals ({@link DevPrincipals}) through
 * {@code /api/v1/auth/dev-token}, and through Iceberg's OAuth2 endpoint ({@code client_credentials} with
 * client id = principal and the configured dev secret; {@code token-exchange} to refresh a valid token).
 */
@ApplicationScoped
public class TokenService {
  public static final String ISSUER = "dnsmesh";
  private static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
  private static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";

  private final CatalogConfig.Auth config;
  private final DevPrincipals principals;
  private final JWTParser parser;
  private volatile PrivateKey signingKey;

  public TokenService(CatalogConfig config, DevPrincipals principals, JWTParser parser) {
    this.config = config.auth();
    this.principals = principals;
    this.parser = parser;
  }

  /** An issued token and its lifetime. */
  public record IssuedToken(String token, Duration lifetime) {}

  public boolean devTokensEnabled() {
    return config.devTokens();
  }

  /** Signs a token for the caller: issuer dnsmesh, sub, groups, domains, exp. */
  public IssuedToken mint(Caller caller, Duration lifetime) {
    Set<String> groups = caller.roles().stream().map(Role::claimValue).collect(Collectors.toSet());
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

  /** Answers Iceberg's {@code POST /v1/oauth/tokens} (form encoded) in the OAuth2 token response shape. */
  public Response oauthToken(MultivaluedMap<String, String> form) {
    if (!config.devTokens()) {
      return oauthError(400, "unsupported_grant_type", "This catalog issues no tokens: dev tokens are disabled");
    }
    String grantType = form.getFirst("grant_type");
    if ("client_credentials".equals(grantType)) {
      String clientId = form.getFirst("client_id");
      String secret = form.getFirst("client_secret");
      if (clientId == null || !config.devClientSecret().equals(secret)) {
        return oauthError(401, "invalid_client", "Unknown client id or wrong client secret");
      }
      return devToken(clientId)
          .map(TokenService::oauthResponse)
          .orElseGet(() -> oauthError(401, "invalid_client", "Unknown dev principal: " + clientId));
    }
    if (TOKEN_EXCHANGE.equals(grantType)) {
      String subjectToken = form.getFirst("subject_token");
      try {
        JsonWebToken verified = parser.parse(subjectToken);
        return oauthResponse(mint(Callers.from(verified), config.tokenLifetime()));
      } catch (ParseException | RuntimeException e) {
        return oauthError(401, "invalid_grant", "Subject token is not a valid token of this service");
      }
    }
    return oauthError(400, "unsupported_grant_type", "Unsupported grant_type: " + grantType);
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
