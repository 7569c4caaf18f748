package org.dnsmesh.infra.trinoauth;

import io.trino.spi.security.HeaderAuthenticator;
import io.trino.spi.security.HeaderAuthenticatorFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dnsmesh.identity.TokenVerifier;
import org.dnsmesh.identity.TrustedIssuer;

/**
 * Builds {@link MeshJwtAuthenticator} from {@code etc/header-authenticator.properties}:
 * <pre>
 * header-authenticator.name=dnsmesh-jwt
 * dnsmesh.mesh-public-key=/abs/jwt-public.pem        (required: the mesh's own issuer)
 * dnsmesh.oidc.issuer=https://idp/realms/mesh          (optional external issuer, by discovery)
 * dnsmesh.oidc.audience=dnsmesh
 * dnsmesh.oidc.principal-claim=preferred_username
 * dnsmesh.oidc.groups-claim=groups
 * dnsmesh.idp-groups-file=/abs/idp-groups.properties   (group=principal, generated from the access policy)
 * </pre>
 */
public final class MeshJwtAuthenticatorFactory implements HeaderAuthenticatorFactory {
  public static final String NAME = "dnsmesh-jwt";

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public HeaderAuthenticator create(Map<String, String> config) {
    String publicKey = config.get("dnsmesh.mesh-public-key");
    if (publicKey == null || publicKey.isBlank()) {
      throw new IllegalArgumentException("dnsmesh-jwt: dnsmesh.mesh-public-key (PEM public key of the mesh) is required");
    }
    List<TrustedIssuer> issuers = new ArrayList<>();
    issuers.add(TrustedIssuer.mesh(Path.of(publicKey)));
    Optional.ofNullable(config.get("dnsmesh.oidc.issuer")).filter(s -> !s.isBlank()).ifPresent(issuer ->
        issuers.add(TrustedIssuer.oidc(issuer, config.getOrDefault("dnsmesh.oidc.audience", "dnsmesh"),
            config.getOrDefault("dnsmesh.oidc.principal-claim", "preferred_username"),
            config.getOrDefault("dnsmesh.oidc.groups-claim", "groups"))));
    IdpGroups groups = new IdpGroups(Optional.ofNullable(config.get("dnsmesh.idp-groups-file"))
        .filter(s -> !s.isBlank()).map(Path::of));
    return new MeshJwtAuthenticator(new TokenVerifier(issuers), groups);
  }
}
