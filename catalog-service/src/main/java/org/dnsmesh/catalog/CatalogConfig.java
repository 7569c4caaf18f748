package org.dnsmesh.catalog;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Settings of the catalog service under the {@code mesh.} prefix (the launcher passes them as -D). */
@ConfigMapping(prefix = "mesh")
public interface CatalogConfig {

  /** Domains created at startup when missing; more come through {@code POST /api/v1/domains}. */
  @WithDefault("na,eu,apac,security")
  List<String> domains();

  /** Where the warehouses live. */
  Warehouse warehouse();

  /** Token verification and dev-token issuing. */
  Auth auth();

  /** HTTP hygiene. */
  Http http();

  interface Http {
    /**
     * Host names (without port) the service answers to; any other {@code Host} header gets 421, so a page on
     * another origin can't reach the API through DNS rebinding. Add the names a load balancer uses.
     */
    @WithName("allowed-hosts")
    @WithDefault("localhost,127.0.0.1,[::1],::1")
    List<String> allowedHosts();
  }

  interface Warehouse {
    /** Root folder of all warehouses; the warehouse of domain D is {@code <root>/D}. */
    @WithDefault("${user.home}/.dnsmesh/warehouse")
    String root();

    /** Connections of each domain's Iceberg JDBC catalog (the registry has its own pool, quarkus.datasource). */
    @WithName("jdbc-pool-size")
    @WithDefault("8")
    int jdbcPoolSize();
  }

  interface Auth {
    /** PEM file (X.509 SubjectPublicKeyInfo) with the RSA key that verifies every token. */
    @WithName("public-key")
    @WithDefault("${user.home}/.dnsmesh/auth/public.pem")
    String publicKey();

    /** PEM file (PKCS#8) with the RSA key that signs dev tokens; only read when dev tokens are on. */
    @WithName("private-key")
    @WithDefault("${user.home}/.dnsmesh/auth/private.pem")
    String privateKey();

    /** An external OpenID Connect issuer whose tokens are accepted besides the mesh's own. */
    Oidc oidc();

    /**
     * File holding the one-time bootstrap secret (0600, written and printed by {@code mesh up}) that the dev
     * login must present; without it the dev login refuses everything.
     */
    @WithName("bootstrap-secret-file")
    java.util.Optional<String> bootstrapSecretFile();

    /** Whether the dev login (loopback only, one-time bootstrap secret) and dev OAuth2 endpoint are on. */
    @WithName("dev-tokens")
    @WithDefault("false")
    boolean devTokens();

    /**
     * Properties file {@code <client id>=<secret>} of the OAuth2 clients (service principals of the policy) that
     * may use the client-credentials grant; generated per installation by mesh up, mode 0600. Unset: none may.
     */
    @WithName("client-secrets-file")
    Optional<String> clientSecretsFile();

    /** Lifetime of tokens from the client-credentials and token-exchange grants: short, clients refresh. */
    @WithName("client-token-lifetime")
    @WithDefault("PT1H")
    Duration clientTokenLifetime();

    interface Oidc {
      /** The issuer URL ({@code iss}); discovery document and JWKS are read from it. Unset: mesh tokens only. */
      java.util.Optional<String> issuer();

      /** The {@code aud} value tokens must carry (the client id registered for the mesh). */
      @WithDefault("dnsmesh")
      String audience();

      /** The claim naming the user at the provider (for logs; rights come from the groups via the policy). */
      @WithName("principal-claim")
      @WithDefault("preferred_username")
      String principalClaim();

      /** The claim listing the user's groups, matched against the policy principals' {@code idpGroups}. */
      @WithName("groups-claim")
      @WithDefault("groups")
      String groupsClaim();
    }

    /** Lifetime of issued dev tokens. */
    @WithName("token-lifetime")
    @WithDefault("PT12H")
    Duration tokenLifetime();
  }
}
