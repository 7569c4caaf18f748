package org.dnsmesh.infra.stack;

import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Who the mesh's doors trust besides its own issuer, and whether the dev login is on; read like every other
 * setting ({@code -Dmesh.<key>} or {@code MESH_<KEY>}):
 * <ul>
 *   <li>{@code oidc-issuer}: the external OpenID Connect issuer URL (unset: mesh tokens only, the default)</li>
 *   <li>{@code oidc-audience} ({@code dnsmesh}), {@code oidc-principal-claim} ({@code preferred_username}),
 *       {@code oidc-groups-claim} ({@code groups})</li>
 *   <li>{@code dev-login}: {@code true} turns on the catalog's dev login (loopback only, one-time bootstrap secret
 *       printed by {@code mesh up}); off by default</li>
 * </ul>
 */
public record IdentitySettings(Optional<String> oidcIssuer, String oidcAudience, String oidcPrincipalClaim,
                               String oidcGroupsClaim, boolean devLogin) {

  public static IdentitySettings fromEnvironment() {
    return fromSources(System.getProperties(), System.getenv());
  }

  static IdentitySettings fromSources(Properties properties, Map<String, String> environment) {
    java.util.function.BiFunction<String, String, String> get = (key, fallback) -> {
      String property = properties.getProperty("mesh." + key);
      if (property != null && !property.isBlank()) {
        return property.trim();
      }
      String env = environment.get("MESH_" + key.toUpperCase().replace('-', '_'));
      return env != null && !env.isBlank() ? env.trim() : fallback;
    };
    return new IdentitySettings(Optional.ofNullable(get.apply("oidc-issuer", null)),
        get.apply("oidc-audience", "dnsmesh"), get.apply("oidc-principal-claim", "preferred_username"),
        get.apply("oidc-groups-claim", "groups"), Boolean.parseBoolean(get.apply("dev-login", "false")));
  }
}
