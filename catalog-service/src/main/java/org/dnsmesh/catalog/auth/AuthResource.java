package org.dnsmesh.catalog.auth;

import org.dnsmesh.governance.policy.Role;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.security.Authenticated;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.apache.iceberg.exceptions.BadRequestException;
import org.apache.iceberg.exceptions.ForbiddenException;
import org.apache.iceberg.exceptions.NotAuthorizedException;
import org.apache.iceberg.exceptions.NotFoundException;

/**
 * Dev login for demos, off unless {@code mesh.auth.dev-tokens=true}; even then it answers only callers on
 * loopback that present the one-time bootstrap secret. The operator's everyday path is {@code ./mesh token},
 * which signs with the key under {@code .mesh/secrets} (holding that file is the credential).
 */
@Path("/api/v1/auth")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AuthResource {
  private final TokenService tokens;
  private final BootstrapSecret bootstrap;

  public AuthResource(TokenService tokens, BootstrapSecret bootstrap) {
    this.tokens = tokens;
    this.bootstrap = bootstrap;
  }

  public record DevTokenRequest(String principal, String bootstrapSecret) {}

  public record TokenResponse(
      @JsonProperty("access_token") String accessToken,
      @JsonProperty("token_type") String tokenType,
      @JsonProperty("expires_in") long expiresIn) {}

  /** A principal of the access policy with what the policy binds to it. */
  public record DevPrincipal(String name, List<String> roles, List<String> domains) {}

  /** How to sign in (for the UI): whether the dev login is on. Says nothing about principals. */
  public record LoginOptions(boolean devLogin) {}

  @GET
  @Path("login-options")
  @PermitAll
  public LoginOptions loginOptions() {
    return new LoginOptions(tokens.devTokensEnabled());
  }

  @GET
  @Path("dev-principals")
  @Authenticated
  public List<DevPrincipal> devPrincipals() {
    if (!tokens.devTokensEnabled()) {
      throw new NotFoundException("Dev tokens are disabled (mesh.auth.dev-tokens=false)");
    }
    return tokens.devPrincipals().stream()
        .map(caller -> new DevPrincipal(caller.subject(),
            caller.roles().stream().map(Role::id).sorted().toList(),
            caller.domains().stream().sorted().toList()))
        .toList();
  }

  @POST
  @Path("dev-token")
  @PermitAll
  public TokenResponse devToken(DevTokenRequest request, @Context HttpServerRequest http) {
    if (!tokens.devTokensEnabled()) {
      throw new NotFoundException("Dev login is off (mesh.auth.dev-tokens=false): get a token with ./mesh token "
          + "<principal> or from the identity provider");
    }
    if (!fromLoopback(http)) {
      throw new ForbiddenException("Dev login answers only on loopback; use ./mesh token on the mesh's machine");
    }
    if (request == null || request.principal() == null || request.principal().isBlank()) {
      throw new BadRequestException("Body must be {\"principal\": \"<name>\", \"bootstrapSecret\": \"<secret>\"}");
    }
    switch (bootstrap.check(request.bootstrapSecret())) {
      case ACCEPTED -> { }
      case WRONG -> throw new NotAuthorizedException("Not authenticated: wrong bootstrap secret (field bootstrapSecret)");
      case SPENT -> throw new NotAuthorizedException("Not authenticated: the one-time bootstrap secret was already "
          + "used; get tokens with ./mesh token <principal>");
      case NOT_CONFIGURED -> throw new NotAuthorizedException("Not authenticated: no bootstrap secret is configured "
          + "(mesh.auth.bootstrap-secret-file), so the dev login accepts nobody");
    }
    TokenService.IssuedToken issued = tokens.devToken(request.principal())
        .orElseThrow(() -> new BadRequestException("Unknown principal '%s' (field principal): the access policy does "
            + "not name it", request.principal().replaceAll("[^A-Za-z0-9_.@-]", "?")));
    if (!bootstrap.spend()) {
      throw new NotAuthorizedException("Not authenticated: the one-time bootstrap secret was already used");
    }
    return new TokenResponse(issued.token(), "bearer", issued.lifetime().toSeconds());
  }

  private static boolean fromLoopback(HttpServerRequest http) {
    if (http == null || http.remoteAddress() == null || http.remoteAddress().hostAddress() == null) {
      return false;
    }
    try {
      return InetAddress.getByName(http.remoteAddress().hostAddress()).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
