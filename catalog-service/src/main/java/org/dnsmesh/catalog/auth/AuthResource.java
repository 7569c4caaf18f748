package org.dnsmesh.catalog.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.apache.iceberg.exceptions.BadRequestException;
import org.apache.iceberg.exceptions.NotFoundException;

/** Dev-mode token endpoint for the CLI, tests and demos. */
@Path("/api/v1/auth")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AuthResource {
  private final TokenService tokens;

  public AuthResource(TokenService tokens) {
    this.tokens = tokens;
  }

  public record DevTokenRequest(String principal) {}

  public record TokenResponse(
      @JsonProperty("access_token") String accessToken,
      @JsonProperty("token_type") String tokenType,
      @JsonProperty("expires_in") long expiresIn) {}

  /** A principal dev tokens can be issued for, with what the policy binds to it (for the UI's dev login). */
  public record DevPrincipal(String name, List<String> roles, List<String> domains) {}

  @GET
  @Path("dev-principals")
  @PermitAll
  public List<DevPrincipal> devPrincipals() {
    if (!tokens.devTokensEnabled()) {
      throw new NotFoundException("Dev tokens are disabled (mesh.auth.dev-tokens=false)");
    }
    return tokens.devPrincipals().stream()
        .map(caller -> new DevPrincipal(caller.subject(),
            caller.roles().stream().map(Role::claimValue).sorted().toList(),
            caller.domains().stream().sorted().toList()))
        .toList();
  }

  @POST
  @Path("dev-token")
  @PermitAll
  public TokenResponse devToken(DevTokenRequest request) {
    if (!tokens.devTokensEnabled()) {
      throw new NotFoundException("Dev tokens are disabled (mesh.auth.dev-tokens=false)");
    }
    if (request == null || request.principal() == null || request.principal().isBlank()) {
      throw new BadRequestException("Body must be {\"principal\": \"<name>\"}");
    }
    TokenService.IssuedToken issued = tokens.devToken(request.principal())
        .orElseThrow(() -> new BadRequestException(
            "Unknown dev principal '%s': the access policy names %s", request.principal(),
            String.join(", ", tokens.devPrincipalNames())));
    return new TokenResponse(issued.token(), "bearer", issued.lifetime().toSeconds());
  }
}
