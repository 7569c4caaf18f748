package org.dnsmesh.infra.trinoauth;

import io.trino.spi.security.AccessDeniedException;
import io.trino.spi.security.BasicPrincipal;
import io.trino.spi.security.HeaderAuthenticator;
import java.security.Principal;
import java.util.List;
import org.dnsmesh.identity.TokenRejectedException;
import org.dnsmesh.identity.TokenVerifier;
import org.dnsmesh.identity.VerifiedToken;

/**
 * Authenticates a Trino client by its {@code Authorization: Bearer} JWT with the same verifier as the catalog:
 * a mesh token names its principal in {@code sub}; an external token acts as the policy principal its groups
 * map to. Refusals say why (missing token, expired, bad signature, unknown issuer, unknown principal, ...).
 */
final class MeshJwtAuthenticator implements HeaderAuthenticator {
  private final TokenVerifier verifier;
  private final IdpGroups groups;

  /** governance's {@code MaskExpressions.MASKING_IDENTITY} (this plugin does not depend on governance). */
  static final String MASKING_IDENTITY = "mesh-masking";

  MeshJwtAuthenticator(TokenVerifier verifier, IdpGroups groups) {
    this.verifier = verifier;
    this.groups = groups;
  }

  @Override
  public Principal createAuthenticatedPrincipal(Headers headers) {
    try {
      VerifiedToken token = verifier.verify(bearer(headers));
      if (!token.external()) {
        if (MASKING_IDENTITY.equals(token.principal())) {
          throw new AccessDeniedException("unknown principal: '" + MASKING_IDENTITY + "' is the identity column masks"
              + " are evaluated as, never a user");
        }
        return new BasicPrincipal(token.principal());
      }
      return groups.principalFor(token.groups()).map(BasicPrincipal::new).orElseThrow(() ->
          new AccessDeniedException("unknown principal: no principal of the access policy lists exactly one of the"
              + " token's groups in idpGroups"));
    } catch (TokenRejectedException e) {
      throw new AccessDeniedException(e.getMessage());
    }
  }

  private static String bearer(Headers headers) {
    for (String name : List.of("Authorization", "authorization", "AUTHORIZATION")) {
      List<String> values = headers.getHeader(name);
      if (values != null) {
        for (String value : values) {
          if (value != null && value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return value.substring(7).trim();
          }
        }
      }
    }
    return null;
  }
}
