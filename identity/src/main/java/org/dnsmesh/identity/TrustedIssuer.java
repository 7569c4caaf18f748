package org.dnsmesh.identity;

import java.nio.file.Path;
import java.time.Duration;
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
 * @param maxLifetime the furthest {@code exp} may lie ahead (and {@code exp - iat} at most)
 */
public record TrustedIssuer(String issuer, Optional<String> audience, Optional<Path> publicKeyPem,
                            String principalClaim, String groupsClaim, Duration maxLifetime) {
  /** Tokens of an external identity provider live at most this long. */
  public static final Duration EXTERNAL_MAX_LIFETIME = Duration.ofHours(12);
  /**
   * The mesh's own tokens live at most 12 h too: people's tokens ({@code ./mesh token}) are minted for at most
   * 12 h, and services exchange their client secret for 1 h tokens that they refresh themselves.
   */
  public static final Duration MESH_MAX_LIFETIME = Duration.ofHours(12);

  /** The mesh's own issuer ({@code iss} = {@value #MESH_ISSUER}), tokens signed by its key pair. */
  public static final String MESH_ISSUER = "dnsmesh";

  public TrustedIssuer {
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(audience, "audience");
    Objects.requireNonNull(publicKeyPem, "publicKeyPem");
    Objects.requireNonNull(principalClaim, "principalClaim");
    Objects.requireNonNull(groupsClaim, "groupsClaim");
    Objects.requireNonNull(maxLifetime, "maxLifetime");
    if (publicKeyPem.isEmpty() && audience.isEmpty()) {
      throw new IllegalArgumentException("an external issuer needs an audience (tokens minted for another client"
          + " of " + issuer + " must not be accepted)");
    }
  }

  public static TrustedIssuer mesh(Path publicKeyPem) {
    return new TrustedIssuer(MESH_ISSUER, Optional.empty(), Optional.of(publicKeyPem), "sub", "groups",
        MESH_MAX_LIFETIME);
  }

  /** An OpenID Connect issuer: keys from {@code <issuer>/.well-known/openid-configuration}'s {@code jwks_uri}. */
  public static TrustedIssuer oidc(String issuer, String audience, String principalClaim, String groupsClaim) {
    return new TrustedIssuer(issuer, Optional.of(audience), Optional.empty(), principalClaim, groupsClaim,
        EXTERNAL_MAX_LIFETIME);
  }

  public boolean external() {
    return publicKeyPem.isEmpty();
  }
}
