package org.dnsmesh.catalog.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dnsmesh.governance.decision.PolicyEngineConfig;

/**
 * The policy decision point's settings, the {@code mesh.policy.*} keys of governance's
 * {@link PolicyEngineConfig} one to one (same names, same defaults, same duration syntax).
 */
@ConfigMapping(prefix = "mesh.policy")
public interface PolicyConfig {

  /** {@code embedded} (evaluate the policy file in process) or {@code opa} (ask an OPA server). */
  @WithDefault("embedded")
  String engine();

  /** The access policy (YAML); relative paths resolve against the working directory. */
  @WithDefault("governance/policies/mesh-policy.yaml")
  String file();

  /** The OPA server, when {@code engine=opa}. */
  Opa opa();

  /** The decision cache in front of the engine. */
  Cache cache();

  interface Opa {
    /** OPA's base URL. */
    @WithDefault("http://127.0.0.1:8181")
    String url();

    /** Package path of the rules ({@code POST /v1/data/<package>/allow}). */
    @WithName("package")
    @WithDefault("dnsmesh/authz")
    String packagePath();

    /** How long to wait for OPA before denying (500ms, 2s, 1m). */
    @WithDefault("500ms")
    String timeout();
  }

  interface Cache {
    /** How long a decision is reused; {@code 0s} disables the cache. Failed answers are never cached. */
    @WithDefault("5s")
    String ttl();

    /** Bound of the cache. */
    @WithName("max-entries")
    @WithDefault("10000")
    int maxEntries();
  }

  /** The same settings in governance's form (which validates them). */
  default PolicyEngineConfig toEngineConfig() {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put(PolicyEngineConfig.ENGINE, engine());
    properties.put(PolicyEngineConfig.FILE, file());
    properties.put(PolicyEngineConfig.OPA_URL, opa().url());
    properties.put(PolicyEngineConfig.OPA_PACKAGE, opa().packagePath());
    properties.put(PolicyEngineConfig.OPA_TIMEOUT, opa().timeout());
    properties.put(PolicyEngineConfig.CACHE_TTL, cache().ttl());
    properties.put(PolicyEngineConfig.CACHE_MAX_ENTRIES, Integer.toString(cache().maxEntries()));
    return PolicyEngineConfig.fromProperties(properties);
  }
}
