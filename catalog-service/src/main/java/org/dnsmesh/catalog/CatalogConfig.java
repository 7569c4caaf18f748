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

  interface Warehouse {
    /** Root folder of all warehouses; the warehouse of domain D is {@code <root>/D}. */
    @WithDefault("${user.home}/.dnsmesh/warehouse")
    String root();
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

    /** Whether the service issues tokens for demo principals (never in production). */
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

    /** Lifetime of issued dev tokens. */
    @WithName("token-lifetime")
    @WithDefault("PT12H")
    Duration tokenLifetime();
  }
}
