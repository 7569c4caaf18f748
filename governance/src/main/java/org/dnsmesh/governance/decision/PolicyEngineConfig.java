package org.dnsmesh.governance.decision;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Configuration of the decision point, read from flat {@code mesh.policy.*} properties (the catalog
 * service passes its config; a Quarkus {@code @ConfigMapping} can mirror these keys one to one).
 *
 * @param engine          {@code mesh.policy.engine}: embedded (default) or opa
 * @param policyFile      {@code mesh.policy.file}: policy YAML for the embedded engine (default governance/policies/mesh-policy.yaml)
 * @param opaUrl          {@code mesh.policy.opa.url}: OPA base URL (default http://127.0.0.1:8181)
 * @param opaPackage      {@code mesh.policy.opa.package}: package path of our rules (default dnsmesh/authz)
 * @param opaTimeout      {@code mesh.policy.opa.timeout}: wait this long, then deny (default 500ms)
 * @param cacheTtl        {@code mesh.policy.cache.ttl}: decision cache TTL, 0 disables the cache (default 5s)
 * @param cacheMaxEntries {@code mesh.policy.cache.max-entries}: decision cache bound (default 10000)
 */
public record PolicyEngineConfig(Engine engine, Path policyFile, URI opaUrl, String opaPackage,
                                 Duration opaTimeout, Duration cacheTtl, int cacheMaxEntries) {
  public static final String PREFIX = "mesh.policy.";
  public static final String ENGINE = PREFIX + "engine";
  public static final String FILE = PREFIX + "file";
  public static final String OPA_URL = PREFIX + "opa.url";
  public static final String OPA_PACKAGE = PREFIX + "opa.package";
  public static final String OPA_TIMEOUT = PREFIX + "opa.timeout";
  public static final String CACHE_TTL = PREFIX + "cache.ttl";
  public static final String CACHE_MAX_ENTRIES = PREFIX + "cache.max-entries";
  private static final Set<String> KEYS =
      Set.of(ENGINE, FILE, OPA_URL, OPA_PACKAGE, OPA_TIMEOUT, CACHE_TTL, CACHE_MAX_ENTRIES);
  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m)");

  public PolicyEngineConfig {
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(policyFile, "policyFile");
    Objects.requireNonNull(opaUrl, "opaUrl");
    Objects.requireNonNull(opaPackage, "opaPackage");
    Objects.requireNonNull(opaTimeout, "opaTimeout");
    Objects.requireNonNull(cacheTtl, "cacheTtl");
    if (cacheMaxEntries < 1) {
      throw new IllegalArgumentException(CACHE_MAX_ENTRIES + " must be >= 1, was " + cacheMaxEntries);
    }
  }

  public static PolicyEngineConfig defaults() {
    return fromProperties(Map.of());
  }

  /** Reads the {@code mesh.policy.*} keys; other prefixes are ignored, unknown {@code mesh.policy.*} keys rejected. */
  public static PolicyEngineConfig fromProperties(Map<String, String> properties) {
    for (String key : properties.keySet()) {
      if (key.startsWith(PREFIX) && !KEYS.contains(key)) {
        throw new IllegalArgumentException("unknown policy setting '" + key + "'; known: " + new java.util.TreeSet<>(KEYS));
      }
    }
    return new PolicyEngineConfig(
        Engine.fromId(properties.getOrDefault(ENGINE, "embedded")),
        Path.of(properties.getOrDefault(FILE, "governance/policies/mesh-policy.yaml")),
        URI.create(properties.getOrDefault(OPA_URL, "http://127.0.0.1:8181")),
        properties.getOrDefault(OPA_PACKAGE, OpaProtocol.DEFAULT_PACKAGE),
        duration(properties, OPA_TIMEOUT, "500ms"),
        duration(properties, CACHE_TTL, "5s"),
        integer(properties, CACHE_MAX_ENTRIES, "10000"));
  }

  public OpaConfig opa() {
    return new OpaConfig(opaUrl, opaPackage, opaTimeout);
  }

  private static Duration duration(Map<String, String> properties, String key, String fallback) {
    String text = properties.getOrDefault(key, fallback).trim();
    Matcher matcher = DURATION.matcher(text);
    if (!matcher.matches()) {
      throw new IllegalArgumentException(key + " must be a duration like 500ms, 5s or 1m, was '" + text + "'");
    }
    long amount = Long.parseLong(matcher.group(1));
    return switch (matcher.group(2)) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      default -> Duration.ofMinutes(amount);
    };
  }

  private static int integer(Map<String, String> properties, String key, String fallback) {
    String text = properties.getOrDefault(key, fallback).trim();
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be an integer, was '" + text + "'", e);
    }
  }

  public enum Engine {
    EMBEDDED,
    OPA;

    public static Engine fromId(String id) {
      for (Engine engine : values()) {
        if (engine.name().toLowerCase(Locale.ROOT).equals(id)) {
          return engine;
        }
      }
      throw new IllegalArgumentException(ENGINE + " must be embedded or opa, was '" + id + "'");
    }
  }
}
