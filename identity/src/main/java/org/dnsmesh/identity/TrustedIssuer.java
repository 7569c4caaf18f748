package org.dnsmesh.identity;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * An issuer whose tokens a door accepts, and how to read them.
 *
 * @param issuer the exact {@code iss} value
 * @param audience the {@code aud} value required, if any (external issuers: always)
 * @param publicKeyPem PEM public key of the mesh's own issuer; empty for an OIDC issuer (keys by discovery)
 * @param principalClaim the claim naming the principal ({@code sub} for the mesh)
 * @param groupsClaim the claim listing the caller's groups in the issuer's directory
 */
public record TrustedIssuer(String issuer, Optional<String> audience, Optional<Path> publicKeyPem,
                            String principalClaim, String groupsClaim) {
  /** The mesh's own issuer ({@code iss} = {@value #MESH_ISSUER}), tokens signed by its key pair. */
  public static final String MESH_ISSUER = "dnsmesh";

  public TrustedIssuer {
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(audience, "audience");
    Objects.requireNonNull(publicKeyPem, "publicKeyPem");
    Objects.requireNonNull(principalClaim, "principalClaim");
    Objects.requireNonNull(groupsClaim, "groupsClaim");
    if (publicKeyPem.isEmpty() && audience.isEmpty()) {
      throw new IllegalArgumentException("an external issuer needs an audience (tokens minted for another client"
          + " of " + issuer + " must not be accepted)");
    }
  }

  public static TrustedIssuer mesh(Path publicKeyPem) {
    return new TrustedIssuer(MESH_ISSUER, Optional.empty(), Optional.of(publicKeyPem), "sub", "groups");
  }

  /** An OpenID Connect issuer: keys from {@code <issuer>/.well-known/openid-configuration}'s {@code jwks_uri}. */
  public static TrustedIssuer oidc(String issuer, String audience, String principalClaim, String groupsClaim) {
    return new TrustedIssuer(issuer, Optional.of(audience), Optional.empty(), principalClaim, groupsClaim);
  }

  public boolean external() {
    return publicKeyPem.isEmpty();
  }
}
